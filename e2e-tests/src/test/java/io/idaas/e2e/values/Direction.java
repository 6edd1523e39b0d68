package io.idaas.e2e.values;

import io.idaas.e2e.SourceDatabase;

/** A shipped direction: the source, its connect-configs DDML source config, the connect-configs sink config, the target. */
enum Direction {
    MARIADB_TO_POSTGRES(SourceDatabase.MARIADB, "mariadb-to-postgres", TargetDatabase.POSTGRES),
    MARIADB_TO_MARIADB(SourceDatabase.MARIADB, "mariadb-to-mariadb", TargetDatabase.MARIADB),
    MYSQL_TO_MYSQL(SourceDatabase.MYSQL, "mysql-to-mysql", TargetDatabase.MYSQL),
    POSTGRES_TO_MARIADB(SourceDatabase.POSTGRES, "postgres-to-mariadb", TargetDatabase.MARIADB),
    POSTGRES_TO_POSTGRES(SourceDatabase.POSTGRES, "postgres-to-postgres", TargetDatabase.POSTGRES),
    POSTGRES_TO_MYSQL(SourceDatabase.POSTGRES, "postgres-to-mysql", TargetDatabase.MYSQL);

    final SourceDatabase source;
    final String sinkConfig;
    final TargetDatabase target;

    Direction(SourceDatabase source, String sinkConfig, TargetDatabase target) {
        this.source = source;
        this.sinkConfig = sinkConfig;
        this.target = target;
    }

    Family sourceFamily() {
        return source == SourceDatabase.POSTGRES ? Family.POSTGRES : Family.MARIADB;
    }
}
