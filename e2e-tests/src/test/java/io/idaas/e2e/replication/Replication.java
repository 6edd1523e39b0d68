package io.idaas.e2e.replication;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idaas.configs.ConnectConfig;
import io.idaas.e2e.ConnectRest;
import io.idaas.e2e.KafkaTopics;
import io.idaas.e2e.SourceDatabase;
import io.idaas.stack.LocalStack;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One replication pipeline through Connect's REST API for an end-to-end test: a few workload tables in the source
 * database of a {@link ReplicationPair}, its DDML source connector, the pair's sink connector, and the checks that
 * judge the result independently of the sink's code ({@link TableComparison}, row counts, the dead-letter topic).
 */
final class Replication implements AutoCloseable {

    private final LocalStack stack;
    private final ConnectRest connect;
    private final ReplicationPair pair;
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String prefix;
    private final List<String> tables;
    private final RandomWorkload workload;
    private final List<String> sinks = new ArrayList<>();

    /**
     * @param tableCount      how many workload tables
     * @param transactionSize statements per source transaction on average (see {@link RandomWorkload})
     */
    Replication(LocalStack stack, String connectUrl, ReplicationPair pair, long seed, int tableCount, int transactionSize) {
        this.stack = stack;
        this.connect = new ConnectRest(connectUrl);
        this.pair = pair;
        this.prefix = pair.name().toLowerCase(java.util.Locale.ROOT).replace("_to_", "2") + "_" + run;
        this.tables = IntStream.range(0, tableCount).mapToObj(i -> "wl_" + run + "_" + (char) ('a' + i)).toList();
        this.workload = new RandomWorkload(seed, tables, pair.source() == SourceDatabase.POSTGRES, transactionSize);
    }

    RandomWorkload workload() {
        return workload;
    }

    ConnectRest connect() {
        return connect;
    }

    String sourceName() {
        return prefix + "-src";
    }

    /** {@link #startSource()}, then a sink connector named {@code sinkName}; returns once both run. */
    void start(String sinkName) throws SQLException {
        startSource();
        startSink(sinkName, Map.of());
    }

    /**
     * Creates the tables (one row each, so each topic exists once the snapshot ran), the target database and the
     * source connector; returns once the connector runs and the topics exist.
     */
    void startSource() throws SQLException {
        try (Connection db = pair.source().open(stack); Statement sql = db.createStatement()) {
            for (String table : tables) {
                sql.execute(workload.createTable(table));
                sql.execute("INSERT INTO " + table + " (id, customer) VALUES (0, 'before capture')");
            }
        }
        pair.prepareTarget(stack);
        ObjectNode source = pair.source().connector(stack, pair.source().ddmlConfig(), sourceName(), prefix);
        ((ObjectNode) source.get("config")).put("table.include.list",
                tables.stream().map(t -> pair.source().qualified(stack, t)).collect(Collectors.joining(",")));
        connect.create(source);
        connect.awaitRunning(sourceName(), Duration.ofSeconds(90));
        tables.forEach(t -> KafkaTopics.awaitTopic(stack, pair.source().topicOf(stack, prefix, t)));
    }

    /** Creates a sink connector over the pipeline's topics into the target, with config overrides, and awaits it. */
    void startSink(String sinkName, Map<String, String> overrides) {
        ObjectNode sink = ConnectConfig.named(pair.sinkConfig()).render(pair.sinkValues(stack, sinkName, prefix));
        String[] topics = java.util.stream.Stream.concat(tables.stream().map(t -> pair.source().topicOf(stack, prefix, t)),
                java.util.stream.Stream.of(prefix + ".transaction")).toArray(String[]::new);
        ((ObjectNode) sink.get("config")).put("topics.regex", KafkaTopics.exactly(topics));
        overrides.forEach(((ObjectNode) sink.get("config"))::put);
        connect.create(sink);
        sinks.add(sinkName);
        connect.awaitRunning(sinkName, Duration.ofSeconds(90));
    }

    /** Deletes a sink connector of this pipeline. */
    void deleteSink(String sinkName) {
        connect.delete(sinkName);
        sinks.remove(sinkName);
    }

    /** Runs {@code changes} workload changes on a connection of its own, in another thread. */
    CompletableFuture<RandomWorkload.Stats> runInBackground(int changes) {
        return CompletableFuture.supplyAsync(() -> {
            try (Connection db = pair.source().open(stack)) {
                return workload.run(db, changes);
            } catch (SQLException e) {
                throw new IllegalStateException("the workload failed: " + e.getMessage(), e);
            }
        });
    }

    /** Runs {@code changes} workload changes now. */
    RandomWorkload.Stats runWorkload(int changes) throws SQLException {
        try (Connection db = pair.source().open(stack)) {
            return workload.run(db, changes);
        }
    }

    /** Waits until every table holds, in the target, exactly the source's rows: same keys, every column equal. */
    void awaitSameRows(Duration timeout) {
        await("the target holds the source's rows of " + tables).atMost(timeout).pollInterval(Duration.ofSeconds(1))
                .failFast("a sink task FAILED", this::assertNoSinkTaskFailed)
                .ignoreExceptionsInstanceOf(SQLException.class) // a target table may not exist yet
                .untilAsserted(() -> {
                    try (Connection source = pair.source().open(stack); Connection target = pair.openTarget(stack)) {
                        for (String table : tables) {
                            List<String> differences = TableComparison.differences(source, table, target, table, "id", RandomWorkload.COLUMNS);
                            if (!differences.isEmpty()) {
                                throw new AssertionError(pair + " " + table + ": " + differences.size() + " differences, the first: "
                                        + differences.subList(0, Math.min(10, differences.size())));
                            }
                        }
                    }
                });
    }

    /** Nothing duplicated: per table, the target holds as many rows as the source, and as many distinct keys. */
    long assertSameRowCounts() throws SQLException {
        long total = 0;
        try (Connection source = pair.source().open(stack); Connection target = pair.openTarget(stack)) {
            for (String table : tables) {
                long[] inSource = counts(source, table);
                long[] inTarget = counts(target, table);
                assertThat(inTarget).as("rows and distinct keys of " + table + " in the target").containsExactly(inSource);
                total += inSource[0];
            }
        }
        return total;
    }

    private static long[] counts(Connection db, String table) throws SQLException {
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*), COUNT(DISTINCT id) FROM " + table)) {
            rs.next();
            return new long[]{rs.getLong(1), rs.getLong(2)};
        }
    }

    /** Rows of the target that have the column added part-way set: proof the DDL reached the target. */
    long rowsWithTheAddedColumn() throws SQLException {
        long total = 0;
        try (Connection target = pair.openTarget(stack); Statement st = target.createStatement()) {
            for (String table : tables) {
                try (ResultSet rs = st.executeQuery("SELECT COUNT(extra) FROM " + table)) {
                    rs.next();
                    total += rs.getLong(1);
                }
            }
        }
        return total;
    }

    /** How many records of its topics the sink has applied: the sum of its next offsets in the target's offsets table. */
    long appliedBy(String sinkName) throws SQLException {
        try (Connection target = pair.openTarget(stack);
             PreparedStatement st = target.prepareStatement("SELECT SUM(next_offset) FROM idaas_sink_offsets WHERE connector = ?")) {
            st.setString(1, sinkName);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    private void assertNoSinkTaskFailed() {
        for (String sink : sinks) {
            JsonNode status;
            try {
                status = connect.status(sink);
            } catch (AssertionError e) {
                return; // the worker does not answer (yet): not a verdict
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

    /** Every task of every sink of this pipeline is RUNNING. */
    void assertSinksRunning() {
        for (String sink : sinks) {
            JsonNode status = connect.status(sink);
            assertThat(status).as("status of " + sink).isNotNull();
            for (JsonNode task : status.path("tasks")) {
                assertThat(task.path("state").asText()).as(sink + " task " + task.path("id") + ": " + task.path("trace").asText())
                        .isEqualTo("RUNNING");
            }
        }
    }

    /** No record went to the sinks' dead-letter topic: it does not exist, or is empty. */
    void assertNoDeadLetters() throws Exception {
        String dlq = prefix + ".dlq";
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers()))) {
            if (!admin.listTopics().names().get().contains(dlq)) {
                return;
            }
            var partitions = admin.describeTopics(List.of(dlq)).allTopicNames().get().get(dlq).partitions();
            Map<TopicPartition, OffsetSpec> latest = partitions.stream()
                    .collect(Collectors.toMap(p -> new TopicPartition(dlq, p.partition()), p -> OffsetSpec.latest()));
            long records = admin.listOffsets(latest).all().get().values().stream().mapToLong(o -> o.offset()).sum();
            assertThat(records).as("records in the dead-letter topic " + dlq).isZero();
        }
    }

    /** Deletes the connectors, and the PostgreSQL source's replication slot and publication (else they pile up). */
    @Override
    public void close() {
        sinks.forEach(connect::delete);
        connect.delete(sourceName());
        pair.source().release(stack, prefix);
    }
}
