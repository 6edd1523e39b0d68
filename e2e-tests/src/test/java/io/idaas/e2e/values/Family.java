package io.idaas.e2e.values;

/** The SQL a comparison speaks: MariaDB's (also for the MySQL cases, which run on the MariaDB server) or PostgreSQL's. */
enum Family {
    MARIADB, POSTGRES
}
