package io.idaas.e2e.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idaas.configs.ConnectConfig;
import io.idaas.e2e.ConnectRest;
import io.idaas.e2e.KafkaTopics;
import io.idaas.stack.JdbcServer;
import io.idaas.stack.LocalStack;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.core.ConditionTimeoutException;

import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One shipped direction of connect-configs run as a user runs it: a source database and a target database made for
 * the run ({@code <label>_src_<run>}, {@code <label>_tgt_<run>}), so nothing else the stack holds is captured or
 * overwritten; the direction's DDML source config and sink config rendered for them as they ship (a test changes only
 * the keys it is about), registered through Connect's REST API. Judged from outside: plain SQL on both databases
 * ({@link PlainSqlComparison}, {@link Db}), the dead-letter topic ({@link DeadLetters}), connector status, the sink's
 * consumer group, the sink task's metrics over JMX. Closing it deletes the connectors and what a PostgreSQL source
 * leaves behind (its slot and publication); the databases stay for a look after a failure.
 */
public final class ShippedPipeline implements AutoCloseable {

    private static final Duration RUNNING = Duration.ofSeconds(120);

    private final LocalStack stack;
    private final Direction direction;
    private final ConnectRest connect;
    private final String prefix;
    private final String sourceDb;
    private final String targetDb;
    private final List<String> connectors = new ArrayList<>();
    private DeadLetters deadLetters;

    /** A pipeline on the stack's own Connect worker; creates its two databases. */
    public ShippedPipeline(LocalStack stack, Direction direction, String label) throws SQLException {
        this(stack, stack.connect().restUrl(), direction, label);
    }

    /** A pipeline registered with the Connect worker at {@code connectUrl}; creates its two databases. */
    public ShippedPipeline(LocalStack stack, String connectUrl, Direction direction, String label) throws SQLException {
        String run = UUID.randomUUID().toString().substring(0, 8);
        this.stack = stack;
        this.direction = direction;
        this.connect = new ConnectRest(connectUrl);
        this.prefix = label + "_" + run;
        this.sourceDb = label + "_src_" + run;
        this.targetDb = label + "_tgt_" + run;
        direction.source.db().createDatabase(stack, sourceDb);
        direction.target.db().createDatabase(stack, targetDb);
    }

    public Direction direction() {
        return direction;
    }

    /** The source connector's {@code topic.prefix}; the dead-letter topic is {@code <prefix>.dlq}. */
    public String prefix() {
        return prefix;
    }

    public String sourceDb() {
        return sourceDb;
    }

    public String targetDb() {
        return targetDb;
    }

    public String sourceName() {
        return prefix + "-src";
    }

    public String sinkName() {
        return prefix + "-sink";
    }

    public ConnectRest connect() {
        return connect;
    }

    /** The schema {@code information_schema} names the source's tables with: the database in MariaDB, {@code public}. */
    public String sourceSchema() {
        return direction.source.db().schema(sourceDb);
    }

    public String targetSchema() {
        return direction.target.db().schema(targetDb);
    }

    public JdbcServer sourceServer() {
        return direction.source.db().server(stack);
    }

    public JdbcServer targetServer() {
        return direction.target.db().server(stack);
    }

    /** The source database's URL for its own driver. */
    public String sourceUrl() {
        return direction.source.db().url(stack, sourceDb);
    }

    /** The target database's URL for its own driver (MariaDB's for the MySQL target), not the sink's. */
    public String targetUrl() {
        return direction.target.db().url(stack, targetDb);
    }

    public Connection openSource() throws SQLException {
        return direction.source.db().open(stack, sourceDb);
    }

    public Connection openTarget() throws SQLException {
        return direction.target.db().open(stack, targetDb);
    }

    /** Runs statements in the source database, each committed. */
    public void source(String... statements) throws SQLException {
        try (Connection db = openSource(); Statement sql = db.createStatement()) {
            for (String s : statements) {
                sql.execute(s);
            }
        }
    }

    /** Runs statements in the target database, each committed. */
    public void target(String... statements) throws SQLException {
        try (Connection db = openTarget(); Statement sql = db.createStatement()) {
            for (String s : statements) {
                sql.execute(s);
            }
        }
    }

    /**
     * The topic of a table's changes by the rule SPEC.md section 9.2 documents (Debezium's default naming): the prefix,
     * the database or schema and the table joined by dots, each character outside {@code [A-Za-z0-9._-]} (each UTF-16
     * unit) replaced by {@code _}, cut to 249 characters. Written here from the documentation, as an outside oracle.
     */
    public String topicOf(String table) {
        String raw = prefix + "." + direction.source.topicDatabasePart(sourceDb) + "." + table;
        StringBuilder sb = new StringBuilder();
        for (char ch : raw.toCharArray()) {
            sb.append(ch >= 'a' && ch <= 'z' || ch >= 'A' && ch <= 'Z' || ch >= '0' && ch <= '9' || ch == '.' || ch == '_' || ch == '-'
                    ? ch : '_');
        }
        return sb.length() > 249 ? sb.substring(0, 249) : sb.toString();
    }

    /** The direction's shipped DDML source config, rendered for the run's source database. */
    public ObjectNode sourceConfig() {
        return ConnectConfig.named(direction.source.ddmlConfig()).render(direction.source.values(stack, sourceDb, sourceName(), prefix));
    }

    /** The direction's shipped sink config named {@link #sinkName()}, rendered for the run's target database. */
    public ObjectNode sinkConfig() {
        return sinkConfig(sinkName());
    }

    /** The direction's shipped sink config named {@code name}, its {@code topics.regex} as shipped, into the run's target. */
    public ObjectNode sinkConfig(String name) {
        Map<String, String> values = new HashMap<>(direction.target.values(stack, targetDb));
        values.put("name", name);
        values.put("topic.prefix", prefix);
        values.put("mariadb.database", sourceDb);
        values.put("mysql.database", sourceDb);
        values.put("kafka.bootstrap", stack.kafka().bootstrapServers());
        return ConnectConfig.named(direction.sinkConfig).render(values);
    }

    /** Registers a connector and waits until it and its tasks run; {@link #close()} deletes it. */
    public void start(ObjectNode body) {
        String name = body.path("name").asText();
        connect.create(body);
        connectors.add(name);
        connect.awaitRunning(name, RUNNING);
    }

    /** Starts the shipped source config. */
    public void startSource() {
        start(sourceConfig());
    }

    /** Waits until the topics of these tables exist (a table with rows gets its topic from the snapshot). */
    public void awaitTopics(String... tables) {
        for (String table : tables) {
            KafkaTopics.awaitTopic(stack, topicOf(table));
        }
    }

    /** Starts the shipped sink config. */
    public void startSink() {
        startSink(sinkName(), Map.of());
    }

    /** Starts the shipped sink config with {@code settings} over the shipped values. */
    public void startSink(Map<String, String> settings) {
        startSink(sinkName(), settings);
    }

    /** Starts a sink named {@code name}, the shipped sink config with {@code settings} over the shipped values. */
    public void startSink(String name, Map<String, String> settings) {
        ObjectNode body = sinkConfig(name);
        settings.forEach(((ObjectNode) body.get("config"))::put);
        start(body);
    }

    /** Deletes a connector of the pipeline now. */
    public void delete(String connector) {
        connect.delete(connector);
        connectors.remove(connector);
    }

    /** Fails when a connector or one of its tasks is not RUNNING, with its trace. */
    public void assertRunning(String connector) {
        JsonNode status = connect.status(connector);
        assertThat(status).as(connector + " status").isNotNull();
        assertThat(status.path("connector").path("state").asText()).as(connector).isEqualTo("RUNNING");
        for (JsonNode task : status.path("tasks")) {
            assertThat(task.path("state").asText()).as(connector + " task " + task.path("id") + ": " + task.path("trace").asText())
                    .isEqualTo("RUNNING");
        }
    }

    /** {@link #assertRunning(String)} for every connector of the pipeline. */
    public void assertRunning() {
        connectors.forEach(this::assertRunning);
    }

    /** Fails, with the trace, when a task of a connector of the pipeline FAILED; a worker that does not answer is no verdict. */
    public void assertNoTaskFailed() {
        for (String connector : List.copyOf(connectors)) {
            JsonNode status;
            try {
                status = connect.status(connector);
            } catch (AssertionError e) {
                return; // the worker does not answer (yet)
            }
            if (status != null) {
                for (JsonNode task : status.path("tasks")) {
                    if ("FAILED".equals(task.path("state").asText())) {
                        throw new AssertionError(connector + " task " + task.path("id") + " FAILED: " + task.path("trace").asText());
                    }
                }
            }
        }
    }

    /** The sink's dead-letter topic ({@code <prefix>.dlq}, as the shipped sink configs name it), read from its start. */
    public DeadLetters deadLetters() {
        if (deadLetters == null) {
            deadLetters = new DeadLetters(stack.kafka().bootstrapServers(), prefix + ".dlq");
        }
        return deadLetters;
    }

    /**
     * Waits until the sink's consumer group has committed, for every topic of the run it reads (those its shipped
     * {@code topics.regex} matches), the topic's end: every record the source wrote so far has been handled.
     */
    public void awaitSinkCaughtUp(Duration timeout) {
        awaitSinkCaughtUp(timeout, Pattern.compile(sinkConfig().path("config").path("topics.regex").asText()));
    }

    /** {@link #awaitSinkCaughtUp(Duration)} for a sink that reads the topics {@code regex} matches. */
    public void awaitSinkCaughtUp(Duration timeout, Pattern regex) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers()))) {
            await(sinkName() + " has read every record of its topics").atMost(timeout).pollInterval(Duration.ofSeconds(1))
                    .until(() -> {
                        Set<String> topics = admin.listTopics().names().get().stream().filter(t -> regex.matcher(t).matches())
                                .collect(Collectors.toSet());
                        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                        for (var d : admin.describeTopics(topics).allTopicNames().get().values()) {
                            d.partitions().forEach(p -> latest.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest()));
                        }
                        var ends = admin.listOffsets(latest).all().get();
                        Map<TopicPartition, OffsetAndMetadata> committed = admin
                                .listConsumerGroupOffsets("connect-" + sinkName()).partitionsToOffsetAndMetadata().get();
                        return ends.entrySet().stream().allMatch(e -> e.getValue().offset() == 0
                                || committed.get(e.getKey()) != null && committed.get(e.getKey()).offset() >= e.getValue().offset());
                    });
        }
    }

    /** The differences between the source's {@code table} and its copy on every column ({@link PlainSqlComparison}). */
    public List<String> differences(String table) throws SQLException {
        try (Connection source = openSource(); Connection target = openTarget()) {
            return PlainSqlComparison.differences(source, sourceSchema(), target, targetSchema(), table);
        }
    }

    /** The differences between the source's {@code table} and its copy on {@code columns}, rows by {@code id}. */
    public List<String> differences(String table, List<String> columns) throws SQLException {
        try (Connection source = openSource(); Connection target = openTarget()) {
            return PlainSqlComparison.differences(source, table, target, table, "id", columns);
        }
    }

    /** Waits until the target's copies of {@code tables} hold the source's data on every column (polled each second). */
    public void awaitSame(Duration timeout, String... tables) {
        awaitNoDifferences("the target's " + List.of(tables) + " equal the source's", timeout, Duration.ofSeconds(1), () -> {
            List<String> differences = new ArrayList<>();
            for (String table : tables) {
                differences.addAll(differences(table));
            }
            return differences;
        });
    }

    /** Waits until the target's copies of {@code tables} hold the source's rows on {@code columns} (polled each second). */
    public void awaitSameRows(Duration timeout, List<String> tables, List<String> columns) {
        awaitSameRows(timeout, Duration.ofSeconds(1), tables, columns);
    }

    /** Waits until the target's copies of {@code tables} hold the source's rows on {@code columns}, polled every {@code poll}. */
    public void awaitSameRows(Duration timeout, Duration poll, List<String> tables, List<String> columns) {
        awaitNoDifferences("the target's " + tables + " equal the source's on " + columns, timeout, poll, () -> {
            List<String> differences = new ArrayList<>();
            for (String table : tables) {
                differences.addAll(differences(table, columns));
            }
            return differences;
        });
    }

    /**
     * Waits until {@code differences} finds none; fails at once when a task FAILED, and at the timeout with the last
     * differences (how many per table and column, the first ten) and the dead letters. A table the target does not
     * have yet is a difference to wait out, not a failure.
     */
    private void awaitNoDifferences(String what, Duration timeout, Duration poll, Callable<List<String>> differences) {
        AtomicReference<List<String>> last = new AtomicReference<>();
        try {
            await(what).atMost(timeout).pollInterval(poll)
                    .failFast("a task FAILED", () -> {
                        try {
                            assertNoTaskFailed();
                        } catch (AssertionError e) {
                            throw new AssertionError(direction + ": " + e.getMessage() + "; dead letters: " + deadLetters().reasons(), e);
                        }
                    })
                    .ignoreExceptionsInstanceOf(SQLException.class)
                    .until(() -> {
                        last.set(differences.call());
                        return last.get().isEmpty();
                    });
        } catch (ConditionTimeoutException e) {
            String deadLettered;
            try {
                deadLettered = deadLetters().reasons().toString();
            } catch (Exception unread) {
                deadLettered = "(unread: " + unread + ")";
            }
            throw new AssertionError(direction + ": " + what + " not within " + timeout + ": " + summary(last.get())
                    + "; dead letters: " + deadLettered, e);
        }
    }

    /** How many differences, how many per table and column, and the first ten. */
    private static String summary(List<String> differences) {
        if (differences == null) {
            return "(not compared)";
        }
        Map<String, Long> perColumn = differences.stream().collect(Collectors.groupingBy(
                d -> d.replaceAll(" id=-?\\d+", "").replaceAll(": source .*", "").replaceAll(": (missing|extra) in the target", ": $1 rows"),
                TreeMap::new, Collectors.counting()));
        return differences.size() + " differences " + perColumn + ", the first: " + differences.subList(0, Math.min(10, differences.size()));
    }

    /**
     * A metric of the sink's task 0, from the worker's JMX MBean {@code kafka.connect:type=<group>,connector=..,task=0}
     * (the stack's worker runs in the test JVM).
     */
    public double taskMetric(String group, String name) throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName bean = new ObjectName("kafka.connect:type=" + group + ",connector=" + sinkName() + ",task=0");
        return ((Number) server.getAttribute(bean, name)).doubleValue();
    }

    /** Deletes the connectors (the last started first) and what the source leaves behind; closes the dead-letter reader. */
    @Override
    public void close() {
        for (int i = connectors.size() - 1; i >= 0; i--) {
            connect.delete(connectors.get(i));
        }
        connectors.clear();
        direction.source.release(stack, sourceDb, prefix);
        if (deadLetters != null) {
            deadLetters.close();
        }
    }
}
