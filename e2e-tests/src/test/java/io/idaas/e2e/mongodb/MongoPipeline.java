package io.idaas.e2e.mongodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idaas.configs.ConnectConfig;
import io.idaas.e2e.ConnectRest;
import io.idaas.e2e.KafkaTopics;
import io.idaas.e2e.SourceDatabase;
import io.idaas.e2e.pipeline.DeadLetters;
import io.idaas.e2e.replication.RandomWorkload;
import io.idaas.stack.LocalStack;
import com.mongodb.client.MongoDatabase;
import io.idaas.e2e.pipeline.LastPositions;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.awaitility.Awaitility.await;

/**
 * A pipeline from MariaDB or PostgreSQL to MongoDB made of the shipped configs, as a user registers them through
 * Connect's REST API: {@code <source>-ddml-source} + {@code <source>-to-mongodb}, over workload tables of its own, into
 * a MongoDB database of its own; judged by {@link MongoCopy}, not by the sink's code.
 */
final class MongoPipeline implements AutoCloseable {

    private final LocalStack stack;
    private final SourceDatabase source;
    private final ConnectRest connect;
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String prefix;
    private final List<String> tables;
    private final RandomWorkload workload;
    private final List<String> sinks = new ArrayList<>();
    private String mongoUri;

    MongoPipeline(LocalStack stack, SourceDatabase source, long seed, int tableCount, int transactionSize) {
        this(stack, stack.connect().restUrl(), source, seed, tableCount, transactionSize);
    }

    /** A pipeline registered with the Connect worker at {@code connectRestUrl} (a worker process of its own). */
    MongoPipeline(LocalStack stack, String connectRestUrl, SourceDatabase source, long seed, int tableCount, int transactionSize) {
        this.stack = stack;
        this.source = source;
        this.connect = new ConnectRest(connectRestUrl);
        this.prefix = (source == SourceDatabase.POSTGRES ? "p2m_" : "m2m_") + run;
        this.tables = IntStream.range(0, tableCount).mapToObj(i -> "md_" + run + "_" + (char) ('a' + i)).toList();
        this.workload = new RandomWorkload(seed, tables, source == SourceDatabase.POSTGRES, transactionSize);
    }

    String prefix() {
        return prefix;
    }

    String sinkName() {
        return prefix + "-sink";
    }

    List<String> tables() {
        return tables;
    }

    ConnectRest connect() {
        return connect;
    }

    /** The target database: one per pipeline. */
    String database() {
        return prefix;
    }

    String topic(String table) {
        return source.topicOf(stack, prefix, table);
    }

    /** Creates the tables with a row each, the source connector, then the sink into {@code mongoUri}; awaits both. */
    void start(String mongoUri, Map<String, String> sinkOverrides) throws SQLException {
        this.mongoUri = mongoUri;
        try (Connection db = source.open(stack); Statement sql = db.createStatement()) {
            for (String table : tables) {
                sql.execute(workload.createTable(table));
                sql.execute("INSERT INTO " + table + " (id, customer) VALUES (0, 'before capture')");
            }
        }
        ObjectNode src = source.connector(stack, source.ddmlConfig(), prefix + "-src", prefix);
        ((ObjectNode) src.get("config")).put("table.include.list",
            tables.stream().map(t -> source.qualified(stack, t)).collect(Collectors.joining(",")));
        connect.create(src);
        connect.awaitRunning(prefix + "-src", Duration.ofSeconds(90));
        tables.forEach(t -> KafkaTopics.awaitTopic(stack, topic(t)));
        createSink(sinkOverrides);
    }

    /** The shipped sink config, rendered for this pipeline, with overrides; awaits it running. */
    void createSink(Map<String, String> overrides) {
        ObjectNode sink = shippedSink(stack, source, sinkName(), prefix, mongoUri, database());
        String[] topics = tables.stream().map(this::topic).toArray(String[]::new); // as the shipped config: no transaction topic
        ((ObjectNode) sink.get("config")).put("topics.regex", KafkaTopics.exactly(topics));
        overrides.forEach(((ObjectNode) sink.get("config"))::put);
        connect.create(sink);
        if (!sinks.contains(sinkName())) {
            sinks.add(sinkName());
        }
        connect.awaitRunning(sinkName(), Duration.ofSeconds(90));
    }

    /**
     * {@code <source>-to-mongodb} as a user renders it: the connector {@code name} reading the topics of
     * {@code topicPrefix} into {@code database} at {@code mongoUri}.
     */
    static ObjectNode shippedSink(LocalStack stack, SourceDatabase source, String name, String topicPrefix, String mongoUri,
                                  String database) {
        String config = source == SourceDatabase.POSTGRES ? "postgres-to-mongodb" : "mariadb-to-mongodb";
        Map<String, String> values = new java.util.HashMap<>(Map.of("name", name, "topic.prefix", topicPrefix,
            "mongodb.uri", mongoUri, "mongodb.database", database, "kafka.bootstrap", stack.kafka().bootstrapServers()));
        if (source != SourceDatabase.POSTGRES) {
            values.put("mariadb.database", stack.mariadb().database());
        }
        return ConnectConfig.named(config).render(values);
    }

    CompletableFuture<RandomWorkload.Stats> runInBackground(int changes) {
        return CompletableFuture.supplyAsync(() -> {
            try (Connection db = source.open(stack)) {
                return workload.run(db, changes);
            } catch (SQLException e) {
                throw new IllegalStateException("the workload failed: " + e.getMessage(), e);
            }
        });
    }

    RandomWorkload workload() {
        return workload;
    }

    /** Waits until MongoDB holds every table's rows exactly (documents, fields, values), read by {@link MongoCopy}. */
    void awaitSameRows(MongoDatabase target, Duration timeout) {
        await("MongoDB holds the source's rows of " + tables).atMost(timeout).pollInterval(Duration.ofSeconds(2))
            .failFast("a sink task FAILED", this::assertNoTaskFailed)
            .untilAsserted(() -> {
                try (Connection db = source.open(stack)) {
                    for (String table : tables) {
                        List<String> differences = MongoCopy.differences(db, table, target, table);
                        if (!differences.isEmpty()) {
                            throw new AssertionError(table + ": " + differences);
                        }
                    }
                }
            });
    }

    /** Per table, the documents whose position in MongoDB is not their key's last event's in the topic. */
    List<String> stalePositions(MongoDatabase target) {
        List<String> out = new ArrayList<>();
        for (String table : tables) {
            out.addAll(MongoCopy.stalePositions(target, table, LastPositions.of(stack.kafka().bootstrapServers(), topic(table))));
        }
        return out;
    }

    /** The number of rows in the source tables. */
    long sourceRows() throws SQLException {
        long n = 0;
        try (Connection db = source.open(stack); Statement st = db.createStatement()) {
            for (String table : tables) {
                try (var rs = st.executeQuery("SELECT COUNT(*) FROM " + table)) {
                    rs.next();
                    n += rs.getLong(1);
                }
            }
        }
        return n;
    }

    Map<String, Long> deadLetters() throws Exception {
        try (DeadLetters dlq = new DeadLetters(stack.kafka().bootstrapServers(), prefix + ".dlq")) {
            return dlq.reasons();
        }
    }

    private void assertNoTaskFailed() {
        for (String sink : sinks) {
            JsonNode status;
            try {
                status = connect.status(sink);
            } catch (AssertionError e) {
                return;
            }
            if (status != null) {
                for (JsonNode task : status.path("tasks")) {
                    if ("FAILED".equals(task.path("state").asText())) {
                        throw new AssertionError(sink + " task " + task.path("id") + " FAILED: " + task.path("trace").asText());
                    }
                }
            }
        }
    }

    /** Deletes the sink connector and waits until Connect no longer knows it, so it can be created again. */
    /** A metric of the sink's task 0 from the worker's JMX beans (the worker runs in this JVM). */
    double taskMetric(String group, String name) throws Exception {
        javax.management.MBeanServer server = java.lang.management.ManagementFactory.getPlatformMBeanServer();
        javax.management.ObjectName bean = new javax.management.ObjectName("kafka.connect:type=" + group + ",connector="
            + sinkName() + ",task=0");
        return ((Number) server.getAttribute(bean, name)).doubleValue();
    }

    String sinkTaskState() {
        JsonNode status = connect.status(sinkName());
        return status == null ? "" : status.path("tasks").path(0).path("state").asText();
    }

    Connection openSource() throws SQLException {
        return source.open(stack);
    }

    void deleteSink() {
        connect.delete(sinkName());
        await("sink " + sinkName() + " deleted").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
            .until(() -> connect.status(sinkName()) == null);
    }

    @Override
    public void close() {
        sinks.forEach(connect::delete);
        connect.delete(prefix + "-src");
        source.release(stack, prefix);
    }
}
