package io.idaas.e2e.replication;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idaas.configs.ConnectConfig;
import io.idaas.e2e.ConnectRest;
import io.idaas.e2e.KafkaTopics;
import io.idaas.stack.LocalStack;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;

/**
 * One source-to-target pipeline of a {@link ReplicationPair} over tables a test creates itself: the shipped DDML source
 * config and the pair's shipped sink config, registered through Connect's REST API, and what a test reads around them
 * with plain tools: the target over JDBC, the dead-letter topic with Kafka's admin client, the sink task's metrics
 * over JMX (the local stack's worker runs in the test JVM).
 */
final class SinkPipeline implements AutoCloseable {

    private final LocalStack stack;
    private final ReplicationPair pair;
    private final ConnectRest connect;
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String prefix;
    private final List<String> tables;
    private final List<String> later = new java.util.ArrayList<>();
    private boolean sourceStarted;
    private boolean sinkStarted;

    /** @param tables the names of the tables the test creates in the source */
    SinkPipeline(LocalStack stack, ReplicationPair pair, String tablePrefix, int tableCount) {
        this.stack = stack;
        this.pair = pair;
        this.connect = new ConnectRest(stack.connect().restUrl());
        this.prefix = tablePrefix + "_" + run;
        this.tables = java.util.stream.IntStream.range(0, tableCount).mapToObj(i -> tablePrefix + "_" + run + "_" + i).toList();
    }

    List<String> tables() {
        return tables;
    }

    String table() {
        return tables.get(0);
    }

    /**
     * Tables that do not exist yet (a test creates or renames them later) that the source captures and the sink reads
     * all the same; call before {@link #startSource} and {@link #startSink}.
     */
    SinkPipeline alsoCapturing(String... names) {
        later.addAll(List.of(names));
        return this;
    }

    String sinkName() {
        return prefix + "-sink";
    }

    String deadLetterTopic() {
        return prefix + ".dlq";
    }

    ReplicationPair pair() {
        return pair;
    }

    /** Runs statements in the source database. */
    void source(String... statements) throws SQLException {
        try (Connection db = pair.source().open(stack); Statement sql = db.createStatement()) {
            for (String s : statements) {
                sql.execute(s);
            }
        }
    }

    /** Runs statements in the target database. */
    void target(String... statements) throws SQLException {
        try (Connection db = pair.openTarget(stack); Statement sql = db.createStatement()) {
            for (String s : statements) {
                sql.execute(s);
            }
        }
    }

    Connection openSource() throws SQLException {
        return pair.source().open(stack);
    }

    Connection openTarget() throws SQLException {
        return pair.openTarget(stack);
    }

    /** Makes the target database exist (for tables created there in advance). */
    void prepareTarget() throws SQLException {
        pair.prepareTarget(stack);
    }

    /** Starts the DDML source connector over the tables (which must exist) and waits for their topics. */
    void startSource() {
        ObjectNode source = pair.source().connector(stack, pair.source().ddmlConfig(), prefix + "-src", prefix);
        ((ObjectNode) source.get("config")).put("table.include.list", Stream.concat(tables.stream(), later.stream())
            .map(t -> pair.source().qualified(stack, t)).collect(Collectors.joining(",")));
        connect.create(source);
        sourceStarted = true;
        connect.awaitRunning(prefix + "-src", Duration.ofSeconds(90));
        tables.forEach(t -> KafkaTopics.awaitTopic(stack, pair.source().topicOf(stack, prefix, t)));
    }

    /** The source connector's name. */
    String sourceName() {
        return prefix + "-src";
    }

    /** The Connect REST API the pipeline's connectors are registered with. */
    ConnectRest connect() {
        return connect;
    }

    /** Starts the pair's shipped sink config over the tables' topics, with {@code overrides}, and waits until it runs. */
    void startSink(Map<String, String> overrides) throws SQLException {
        pair.prepareTarget(stack);
        ObjectNode sink = ConnectConfig.named(pair.sinkConfig()).render(pair.sinkValues(stack, sinkName(), prefix));
        String[] topics = Stream.concat(Stream.concat(tables.stream(), later.stream())
            .map(t -> pair.source().topicOf(stack, prefix, t)), Stream.of(prefix + ".transaction")).toArray(String[]::new);
        ObjectNode config = (ObjectNode) sink.get("config");
        config.put("topics.regex", KafkaTopics.exactly(topics));
        overrides.forEach(config::put);
        connect.create(sink);
        sinkStarted = true;
        connect.awaitRunning(sinkName(), Duration.ofSeconds(90));
    }

    /** The sink's task 0 state and, when FAILED, its trace. */
    String sinkTaskState() {
        JsonNode status = connect.status(sinkName());
        JsonNode task = status == null ? null : status.path("tasks").path(0);
        return task == null || task.isMissingNode() ? "NONE" : task.path("state").asText()
            + ("FAILED".equals(task.path("state").asText()) ? ": " + task.path("trace").asText() : "");
    }

    /** Waits until {@code table} holds, in the target, exactly the source's rows on {@code columns} (key {@code id}). */
    void awaitSameRows(String table, List<String> columns, Duration timeout) {
        await("the target's " + table + " equals the source's on " + columns).atMost(timeout).pollInterval(Duration.ofSeconds(1))
            .ignoreExceptionsInstanceOf(SQLException.class)
            .failFast("the sink task FAILED", () -> sinkTaskState().startsWith("FAILED"))
            .untilAsserted(() -> {
                try (Connection s = openSource(); Connection t = openTarget()) {
                    List<String> differences = TableComparison.differences(s, table, t, table, "id", columns);
                    if (!differences.isEmpty()) {
                        throw new AssertionError(differences.size() + " differences, the first: "
                            + differences.subList(0, Math.min(10, differences.size())));
                    }
                }
            });
    }

    /** The records in the sink's dead-letter topic: 0 when it does not exist. */
    long deadLetters() throws Exception {
        String dlq = deadLetterTopic();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers()))) {
            if (!admin.listTopics().names().get().contains(dlq)) {
                return 0;
            }
            var partitions = admin.describeTopics(List.of(dlq)).allTopicNames().get().get(dlq).partitions();
            Map<TopicPartition, OffsetSpec> latest = partitions.stream()
                .collect(Collectors.toMap(p -> new TopicPartition(dlq, p.partition()), p -> OffsetSpec.latest()));
            return admin.listOffsets(latest).all().get().values().stream().mapToLong(o -> o.offset()).sum();
        }
    }

    /** A metric of the sink's task 0, from the worker's JMX MBean {@code kafka.connect:type=<group>,connector=..,task=0}. */
    double taskMetric(String group, String name) throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName bean = new ObjectName("kafka.connect:type=" + group + ",connector=" + sinkName() + ",task=0");
        return ((Number) server.getAttribute(bean, name)).doubleValue();
    }

    /** Deletes the connectors, and what a PostgreSQL source leaves behind. */
    @Override
    public void close() {
        if (sinkStarted) {
            connect.delete(sinkName());
        }
        if (sourceStarted) {
            connect.delete(prefix + "-src");
            pair.source().release(stack, prefix);
        }
    }
}
