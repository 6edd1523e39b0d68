package io.idaas.e2e;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idaas.configs.ConnectConfig;
import io.idaas.stack.JdbcServer;
import io.idaas.stack.LocalStack;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static org.awaitility.Awaitility.await;

/** A source database of the local stack, as the end-to-end tests drive it: its server, its connector configs, its topics. */
public enum SourceDatabase {

    MARIADB {
        @Override
        public JdbcServer server(LocalStack stack) {
            return stack.mariadb();
        }

        @Override
        public String topicOf(LocalStack stack, String topicPrefix, String table) {
            return topicPrefix + "." + stack.mariadb().database() + "." + table;
        }

        @Override
        public String qualified(LocalStack stack, String table) {
            return stack.mariadb().database() + "." + table;
        }

        @Override
        void addValues(LocalStack stack, String topicPrefix, Map<String, String> values) {
            // Each connector reads the binlog as a replica with an id of its own.
            values.put("mariadb.server.id", String.valueOf(ThreadLocalRandom.current().nextInt(10_000, 1_000_000)));
            values.put("kafka.bootstrap", stack.kafka().bootstrapServers());
        }
    },

    /**
     * A MySQL source, captured by Debezium's MySQL connector. No MySQL server runs here: the stack's MariaDB server
     * stands in for it (Debezium's MySQL connector reads its binlog over the MySQL protocol).
     */
    MYSQL {
        @Override
        public JdbcServer server(LocalStack stack) {
            return stack.mariadb();
        }

        @Override
        public String topicOf(LocalStack stack, String topicPrefix, String table) {
            return MARIADB.topicOf(stack, topicPrefix, table);
        }

        @Override
        public String qualified(LocalStack stack, String table) {
            return MARIADB.qualified(stack, table);
        }

        @Override
        void addValues(LocalStack stack, String topicPrefix, Map<String, String> values) {
            values.put("mysql.server.id", String.valueOf(ThreadLocalRandom.current().nextInt(10_000, 1_000_000)));
            values.put("kafka.bootstrap", stack.kafka().bootstrapServers());
        }
    },

    POSTGRES {
        @Override
        public JdbcServer server(LocalStack stack) {
            return stack.postgres();
        }

        @Override
        public String topicOf(LocalStack stack, String topicPrefix, String table) {
            return topicPrefix + ".public." + table;
        }

        @Override
        public String qualified(LocalStack stack, String table) {
            return "public." + table;
        }

        @Override
        void addValues(LocalStack stack, String topicPrefix, Map<String, String> values) {
            values.put("slot.name", "idaas_" + topicPrefix);
        }

        /** Drops the connector's replication slot and publication once the slot is released (else they pile up). */
        @Override
        public void release(LocalStack stack, String prefix) {
            String slot = "idaas_" + prefix;
            try {
                await("slot " + slot + " released").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                        .ignoreExceptionsInstanceOf(SQLException.class).until(() -> {
                            try (Connection pg = SourceDatabase.POSTGRES.open(stack);
                                 PreparedStatement st = pg.prepareStatement("SELECT pg_drop_replication_slot(slot_name) "
                                         + "FROM pg_replication_slots WHERE slot_name = ? AND NOT active")) {
                                st.setString(1, slot);
                                st.executeQuery().close();
                                try (PreparedStatement left = pg.prepareStatement("SELECT 1 FROM pg_replication_slots WHERE slot_name = ?")) {
                                    left.setString(1, slot);
                                    try (ResultSet rs = left.executeQuery()) {
                                        if (rs.next()) {
                                            return false;
                                        }
                                    }
                                }
                                try (Statement drop = pg.createStatement()) {
                                    drop.execute("DROP PUBLICATION IF EXISTS " + slot);
                                }
                                return true;
                            }
                        });
            } catch (RuntimeException e) {
                // cleanup only: a slot left behind costs WAL, not correctness
            }
        }
    };

    public abstract JdbcServer server(LocalStack stack);

    /** The connect-configs config that captures this database as DDML. */
    public String ddmlConfig() {
        return name().toLowerCase(java.util.Locale.ROOT) + "-ddml-source";
    }

    /** The topic Debezium writes {@code table}'s changes to. */
    public abstract String topicOf(LocalStack stack, String topicPrefix, String table);

    /** {@code table} as {@code table.include.list} names it. */
    public abstract String qualified(LocalStack stack, String table);

    abstract void addValues(LocalStack stack, String topicPrefix, Map<String, String> values);

    /** Cleans up what a deleted connector of {@link #connector} with {@code prefix} leaves in the database. */
    public void release(LocalStack stack, String prefix) {
    }

    /** A connection as the database's owner. */
    public Connection open(LocalStack stack) throws SQLException {
        JdbcServer db = server(stack);
        return DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
    }

    /** The {@code POST /connectors} body of connect-configs' {@code config}, filled in for this database. */
    public ObjectNode connector(LocalStack stack, String config, String connectorName, String topicPrefix) {
        JdbcServer db = server(stack);
        String p = name().toLowerCase(java.util.Locale.ROOT);
        Map<String, String> values = new HashMap<>(Map.of(
                "name", connectorName,
                p + ".host", db.host(),
                p + ".port", String.valueOf(db.port()),
                p + ".user", db.user(),
                p + ".password", db.password(),
                p + ".database", db.database(),
                "topic.prefix", topicPrefix));
        addValues(stack, topicPrefix, values);
        return ConnectConfig.named(config).render(values);
    }
}
