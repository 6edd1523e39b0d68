package io.idaas.e2e.replication;

import io.idaas.e2e.SourceDatabase;
import io.idaas.stack.LocalStack;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * A source database and a target database of the local stack, joined by one of connect-configs' sink configs: what
 * an end-to-end replication test needs to know of each pair.
 */
public enum ReplicationPair {

    MARIADB_TO_POSTGRES(SourceDatabase.MARIADB, "mariadb-to-postgres") {
        @Override
        Map<String, String> targetValues(LocalStack stack) {
            return Map.of("mariadb.database", stack.mariadb().database(),
                    "postgres.jdbc.url", stack.postgres().jdbcUrl(),
                    "postgres.user", stack.postgres().user(),
                    "postgres.password", stack.postgres().password());
        }

        @Override
        public Connection openTarget(LocalStack stack) throws SQLException {
            return SourceDatabase.POSTGRES.open(stack);
        }
    },

    /** Into another database of the same MariaDB server, {@value #MARIADB_COPY}. */
    MARIADB_TO_MARIADB(SourceDatabase.MARIADB, "mariadb-to-mariadb") {
        @Override
        Map<String, String> targetValues(LocalStack stack) {
            return Map.of("mariadb.database", stack.mariadb().database(),
                    "target.jdbc.url", copyUrl(stack),
                    "target.user", stack.mariadb().user(),
                    "target.password", stack.mariadb().password());
        }

        @Override
        void prepareTarget(LocalStack stack) throws SQLException {
            try (Connection db = SourceDatabase.MARIADB.open(stack); Statement sql = db.createStatement()) {
                sql.execute("CREATE DATABASE IF NOT EXISTS " + MARIADB_COPY);
            }
        }

        @Override
        public Connection openTarget(LocalStack stack) throws SQLException {
            return DriverManager.getConnection(copyUrl(stack), stack.mariadb().user(), stack.mariadb().password());
        }

        private String copyUrl(LocalStack stack) {
            return "jdbc:mariadb://" + stack.mariadb().host() + ":" + stack.mariadb().port() + "/" + MARIADB_COPY;
        }
    },

    /** Into another database of the same PostgreSQL server, {@value #POSTGRES_COPY}. */
    POSTGRES_TO_POSTGRES(SourceDatabase.POSTGRES, "postgres-to-postgres") {
        @Override
        Map<String, String> targetValues(LocalStack stack) {
            return Map.of("postgres.jdbc.url", copyUrl(stack),
                    "postgres.user", stack.postgres().user(),
                    "postgres.password", stack.postgres().password());
        }

        @Override
        void prepareTarget(LocalStack stack) throws SQLException {
            try (Connection db = SourceDatabase.POSTGRES.open(stack); Statement sql = db.createStatement();
                 var exists = sql.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + POSTGRES_COPY + "'")) {
                if (!exists.next()) {
                    try (Statement create = db.createStatement()) {
                        create.execute("CREATE DATABASE " + POSTGRES_COPY);
                    } catch (SQLException e) {
                        if (!"42P04".equals(e.getSQLState())) { // created meanwhile by another test
                            throw e;
                        }
                    }
                }
            }
        }

        @Override
        public Connection openTarget(LocalStack stack) throws SQLException {
            return DriverManager.getConnection(copyUrl(stack), stack.postgres().user(), stack.postgres().password());
        }

        private String copyUrl(LocalStack stack) {
            return "jdbc:postgresql://" + stack.postgres().host() + ":" + stack.postgres().port() + "/" + POSTGRES_COPY;
        }
    },

    POSTGRES_TO_MARIADB(SourceDatabase.POSTGRES, "postgres-to-mariadb") {
        @Override
        Map<String, String> targetValues(LocalStack stack) {
            return Map.of("mariadb.jdbc.url", stack.mariadb().jdbcUrl(),
                    "mariadb.user", stack.mariadb().user(),
                    "mariadb.password", stack.mariadb().password());
        }

        @Override
        public Connection openTarget(LocalStack stack) throws SQLException {
            return SourceDatabase.MARIADB.open(stack);
        }
    };

    /** The target database of {@link #MARIADB_TO_MARIADB}, next to the source database in the same server. */
    public static final String MARIADB_COPY = "idaas_copy";
    /** The target database of {@link #POSTGRES_TO_POSTGRES}, next to the source database in the same server. */
    public static final String POSTGRES_COPY = "idaas_copy";

    private final SourceDatabase source;
    private final String sinkConfig;

    ReplicationPair(SourceDatabase source, String sinkConfig) {
        this.source = source;
        this.sinkConfig = sinkConfig;
    }

    public SourceDatabase source() {
        return source;
    }

    /** The connect-configs config of the sink. */
    public String sinkConfig() {
        return sinkConfig;
    }

    /** The values of the sink config's placeholders, but {@code name} and {@code topic.prefix}. */
    abstract Map<String, String> targetValues(LocalStack stack);

    /** Makes the target database exist. */
    void prepareTarget(LocalStack stack) throws SQLException {
    }

    /** A connection to the target database, as its owner. */
    public abstract Connection openTarget(LocalStack stack) throws SQLException;

    Map<String, String> sinkValues(LocalStack stack, String name, String topicPrefix) {
        Map<String, String> values = new HashMap<>(targetValues(stack));
        values.put("name", name);
        values.put("topic.prefix", topicPrefix);
        return values;
    }
}
