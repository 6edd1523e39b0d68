package io.idaas.e2e.replication;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idaas.configs.ConnectConfig;
import io.idaas.e2e.ConnectRest;
import io.idaas.e2e.KafkaTopics;
import io.idaas.e2e.SourceDatabase;
import io.idaas.stack.JdbcServer;
import io.idaas.stack.LocalStack;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A pipeline made of connect-configs' shipped configs exactly as they are, between MariaDB and PostgreSQL, in a
 * database of its own on each server ({@code sb_<run>}), so that nothing else the stack holds is captured or
 * overwritten: MariaDB to PostgreSQL is {@code mariadb-ddml-source} + {@code mariadb-to-postgres}, PostgreSQL to
 * MariaDB is {@code postgres-ddml-source} + {@code postgres-to-mariadb}. Closing it deletes the connectors (and the
 * PostgreSQL source's slot and publication); the databases stay for a look after a failure.
 */
final class ShippedPipeline implements AutoCloseable {

    private final LocalStack stack;
    private final SourceDatabase source;
    private final String database;
    private final String prefix;
    private final ConnectRest connect;
    private final List<String> connectors = new ArrayList<>();
    private final Map<String, String> sinkSettings = new HashMap<>();

    /** @param source {@link SourceDatabase#MARIADB} (to PostgreSQL) or {@link SourceDatabase#POSTGRES} (to MariaDB) */
    ShippedPipeline(LocalStack stack, SourceDatabase source, String name) {
        if (source != SourceDatabase.MARIADB && source != SourceDatabase.POSTGRES) {
            throw new IllegalArgumentException("a shipped pipeline runs from MariaDB or PostgreSQL, not " + source);
        }
        String run = UUID.randomUUID().toString().substring(0, 8);
        this.stack = stack;
        this.source = source;
        this.database = name + "_" + run;
        this.prefix = name + (fromMariaDb() ? "_m2p_" : "_p2m_") + run;
        this.connect = new ConnectRest(stack.connect().restUrl());
    }

    boolean fromMariaDb() {
        return source == SourceDatabase.MARIADB;
    }

    /** The database (MariaDB) or database (PostgreSQL, schema {@code public}) of the tables, on both servers. */
    String database() {
        return database;
    }

    /** The source connector's {@code topic.prefix}; the dead-letter topic is {@code <prefix>.dlq}. */
    String prefix() {
        return prefix;
    }

    String sinkName() {
        return prefix + "-sink";
    }

    JdbcServer sourceServer() {
        return fromMariaDb() ? stack.mariadb() : stack.postgres();
    }

    JdbcServer targetServer() {
        return fromMariaDb() ? stack.postgres() : stack.mariadb();
    }

    /** The schema {@code information_schema} names the source's tables with: the database in MariaDB, {@code public}. */
    String sourceSchema() {
        return fromMariaDb() ? database : "public";
    }

    String targetSchema() {
        return fromMariaDb() ? "public" : database;
    }

    String sourceUrl() {
        return url(sourceServer(), fromMariaDb());
    }

    String targetUrl() {
        return url(targetServer(), !fromMariaDb());
    }

    Connection openSource() throws SQLException {
        return DriverManager.getConnection(sourceUrl(), sourceServer().user(), sourceServer().password());
    }

    Connection openTarget() throws SQLException {
        return DriverManager.getConnection(targetUrl(), targetServer().user(), targetServer().password());
    }

    /** Sets a key of the sink's config over the shipped value (a test that needs a bound to be visible); before start. */
    ShippedPipeline sinkSetting(String key, String value) {
        sinkSettings.put(key, value);
        return this;
    }

    /** Creates the pipeline's database on both servers. */
    void createDatabases() throws SQLException {
        for (JdbcServer server : List.of(sourceServer(), targetServer())) {
            try (Connection c = DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password());
                 Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + database);
            }
        }
    }

    /**
     * Starts the source connector, waits until the topics of {@code tables} exist (its snapshot writes them), then
     * starts the sink, whose {@code topics.regex} sees topics that exist when it starts; returns once both run.
     */
    void start(List<String> tables) {
        String sourceName = prefix + "-src";
        connect.create(sourceConfig(sourceName));
        connectors.add(sourceName);
        connect.awaitRunning(sourceName, Duration.ofSeconds(90));
        for (String table : tables) {
            KafkaTopics.awaitTopic(stack, prefix + "." + sourceSchema() + "." + table);
        }
        ObjectNode sink = sinkConfig();
        sinkSettings.forEach(((ObjectNode) sink.get("config"))::put);
        connect.create(sink);
        connectors.add(sinkName());
        connect.awaitRunning(sinkName(), Duration.ofSeconds(90));
    }

    /** The trace of a FAILED task of the sink, or null. */
    String failedSinkTask() {
        JsonNode status = connect.status(sinkName());
        if (status != null) {
            for (JsonNode task : status.path("tasks")) {
                if ("FAILED".equals(task.path("state").asText())) {
                    return task.path("trace").asText();
                }
            }
        }
        return null;
    }

    /** The sink's dead-letter topic's records by original topic and reason (see {@link DeadLetters#reasons}). */
    Map<String, Long> deadLetters() throws Exception {
        return DeadLetters.reasons(stack, prefix + ".dlq");
    }

    private ObjectNode sourceConfig(String name) {
        JdbcServer db = sourceServer();
        String p = fromMariaDb() ? "mariadb" : "postgres";
        Map<String, String> values = new HashMap<>(Map.of("name", name, "topic.prefix", prefix,
                p + ".host", db.host(), p + ".port", String.valueOf(db.port()), p + ".user", db.user(), p + ".password", db.password(),
                p + ".database", database));
        if (fromMariaDb()) {
            // each connector reads the binlog as a replica with an id of its own
            values.put("mariadb.server.id", String.valueOf(ThreadLocalRandom.current().nextInt(10_000, 1_000_000)));
            values.put("kafka.bootstrap", stack.kafka().bootstrapServers());
        } else {
            values.put("slot.name", "idaas_" + prefix);
        }
        return ConnectConfig.named(source.ddmlConfig()).render(values);
    }

    private ObjectNode sinkConfig() {
        JdbcServer db = targetServer();
        Map<String, String> values = new HashMap<>(Map.of("name", sinkName(), "topic.prefix", prefix));
        if (fromMariaDb()) {
            values.put("mariadb.database", database);
            values.put("postgres.jdbc.url", targetUrl());
            values.put("postgres.user", db.user());
            values.put("postgres.password", db.password());
            return ConnectConfig.named("mariadb-to-postgres").render(values);
        }
        values.put("mariadb.jdbc.url", targetUrl());
        values.put("mariadb.user", db.user());
        values.put("mariadb.password", db.password());
        return ConnectConfig.named("postgres-to-mariadb").render(values);
    }

    private String url(JdbcServer server, boolean mariadb) {
        return (mariadb ? "jdbc:mariadb://" : "jdbc:postgresql://") + server.host() + ":" + server.port() + "/" + database;
    }

    @Override
    public void close() {
        connectors.forEach(connect::delete);
        source.release(stack, prefix);
    }
}
