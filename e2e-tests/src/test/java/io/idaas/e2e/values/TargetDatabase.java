package io.idaas.e2e.values;

import io.idaas.stack.JdbcServer;
import io.idaas.stack.LocalStack;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * A target database of its own per run, on one of the stack's servers. No MySQL server runs here: the MySQL target is a
 * database on the MariaDB server that the sink reaches with MySQL Connector/J ({@code jdbc:mysql:}), so the sink's
 * MySQL dialect and driver run, against MariaDB's engine.
 */
enum TargetDatabase {

    POSTGRES(Family.POSTGRES) {
        @Override
        JdbcServer server(LocalStack stack) {
            return stack.postgres();
        }

        @Override
        String sinkUrl(LocalStack stack, String database) {
            return compareUrl(stack, database);
        }

        @Override
        String compareUrl(LocalStack stack, String database) {
            JdbcServer db = server(stack);
            return "jdbc:postgresql://" + db.host() + ":" + db.port() + "/" + database;
        }
    },
    MARIADB(Family.MARIADB) {
        @Override
        JdbcServer server(LocalStack stack) {
            return stack.mariadb();
        }

        @Override
        String sinkUrl(LocalStack stack, String database) {
            return compareUrl(stack, database);
        }

        @Override
        String compareUrl(LocalStack stack, String database) {
            JdbcServer db = server(stack);
            return "jdbc:mariadb://" + db.host() + ":" + db.port() + "/" + database;
        }
    },
    MYSQL(Family.MARIADB) {
        @Override
        JdbcServer server(LocalStack stack) {
            return stack.mariadb();
        }

        @Override
        String sinkUrl(LocalStack stack, String database) {
            JdbcServer db = server(stack);
            return "jdbc:mysql://" + db.host() + ":" + db.port() + "/" + database + "?sslMode=DISABLED";
        }

        @Override
        String compareUrl(LocalStack stack, String database) {
            return MARIADB.compareUrl(stack, database);
        }
    };

    private final Family family;

    TargetDatabase(Family family) {
        this.family = family;
    }

    /** Which SQL the comparison speaks to it. */
    Family family() {
        return family;
    }

    abstract JdbcServer server(LocalStack stack);

    /** The URL the sink is given. */
    abstract String sinkUrl(LocalStack stack, String database);

    /** The URL the comparison reads with: the database's own driver, not the sink's. */
    abstract String compareUrl(LocalStack stack, String database);

    void create(LocalStack stack, String database) throws SQLException {
        JdbcServer db = server(stack);
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password()); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + database);
        }
    }

    Connection open(LocalStack stack, String database) throws SQLException {
        JdbcServer db = server(stack);
        return DriverManager.getConnection(compareUrl(stack, database), db.user(), db.password());
    }

    /** Every target placeholder of the shipped sink configs, pointing at {@code database}. */
    Map<String, String> sinkValues(LocalStack stack, String database) {
        JdbcServer db = server(stack);
        Map<String, String> values = new HashMap<>();
        for (String p : new String[] {"postgres", "mariadb", "mysql", "target"}) {
            values.put(p + ".jdbc.url", sinkUrl(stack, database));
            values.put(p + ".user", db.user());
            values.put(p + ".password", db.password());
        }
        return values;
    }
}
