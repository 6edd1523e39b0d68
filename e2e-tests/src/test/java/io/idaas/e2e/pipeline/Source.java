package io.idaas.e2e.pipeline;

import io.idaas.stack.JdbcServer;
import io.idaas.stack.LocalStack;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static org.awaitility.Awaitility.await;

/**
 * A source system of connect-configs' configs: its database system, its shipped DDML source config, the values of
 * its configs' placeholders, the names Debezium gives its topics, and the cleanup a deleted connector needs. No MySQL
 * server runs here: MYSQL is Debezium's MySQL connector reading the stack's MariaDB server over the MySQL protocol.
 */
public enum Source {

    MARIADB(Db.MARIADB), MYSQL(Db.MARIADB), POSTGRES(Db.POSTGRES);

    private final Db db;

    Source(Db db) {
        this.db = db;
    }

    public Db db() {
        return db;
    }

    /** The connect-configs config that captures this source as DDML, e.g. {@code mariadb-ddml-source}. */
    public String ddmlConfig() {
        return placeholderPrefix() + "-ddml-source";
    }

    /**
     * The values of the placeholders of this source's configs for a connector {@code name} with {@code topicPrefix}
     * over {@code database}: the endpoint and credentials, a binlog replica id of its own (MariaDB, MySQL), the
     * schema-history topic's Kafka, and a replication slot and publication named {@code idaas_<topicPrefix>} (PostgreSQL).
     */
    public Map<String, String> values(LocalStack stack, String database, String name, String topicPrefix) {
        JdbcServer server = db.server(stack);
        String p = placeholderPrefix();
        Map<String, String> values = new HashMap<>(Map.of("name", name, "topic.prefix", topicPrefix,
                p + ".host", server.host(), p + ".port", String.valueOf(server.port()), p + ".user", server.user(),
                p + ".password", server.password(), p + ".database", database,
                "kafka.bootstrap", stack.kafka().bootstrapServers()));
        if (this == POSTGRES) {
            values.put("slot.name", slot(topicPrefix));
        } else {
            values.put(p + ".server.id", String.valueOf(ThreadLocalRandom.current().nextInt(10_000, 1_000_000)));
        }
        return values;
    }

    /** The database part of the topics of {@code database}'s tables: the database itself, or PostgreSQL's schema. */
    public String topicDatabasePart(String database) {
        return this == POSTGRES ? "public" : database;
    }

    /** The topic Debezium names for {@code table} of {@code database} (a plain name: no character to replace). */
    public String topicOf(String topicPrefix, String database, String table) {
        return topicPrefix + "." + topicDatabasePart(database) + "." + table;
    }

    /** {@code table} of {@code database} as {@code table.include.list} names it. */
    public String qualified(String database, String table) {
        return topicDatabasePart(database) + "." + table;
    }

    /**
     * Cleans up what a deleted connector with {@code topicPrefix} over {@code database} leaves in the source: for
     * PostgreSQL its replication slot, once the connector let it go, and its publication (else they pile up and the slot
     * holds WAL). Cleanup only: a failure is not a verdict.
     */
    public void release(LocalStack stack, String database, String topicPrefix) {
        if (this != POSTGRES) {
            return;
        }
        String slot = slot(topicPrefix);
        try {
            await("slot " + slot + " released").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                    .ignoreExceptionsInstanceOf(SQLException.class).until(() -> {
                        try (Connection pg = db.open(stack, database);
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

    private static String slot(String topicPrefix) {
        return "idaas_" + topicPrefix;
    }

    private String placeholderPrefix() {
        return name().toLowerCase(Locale.ROOT);
    }
}
