package io.idaas.e2e.jdbc;

import io.idaas.connect.jdbc.JdbcSinkTask;
import io.idaas.ddml.Column;
import io.idaas.ddml.DdlChange;
import io.idaas.ddml.DdlOp;
import io.idaas.ddml.DdmlEvent;
import io.idaas.ddml.DmlChange;
import io.idaas.ddml.ModifiedColumn;
import io.idaas.ddml.Omitted;
import io.idaas.ddml.Position;
import io.idaas.ddml.RenamedColumn;
import io.idaas.ddml.Row;
import io.idaas.ddml.SortablePosition;
import io.idaas.ddml.Source;
import io.idaas.ddml.SourceSystem;
import io.idaas.ddml.TableSchema;
import io.idaas.ddml.Timing;
import io.idaas.ddml.Transaction;
import io.idaas.ddml.types.PortableType;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The JDBC sink task driven directly with SinkRecords against a real target; rows are read back with plain SQL.
 * Each test uses its own table and topic.
 */
@org.junit.jupiter.api.TestInstance(org.junit.jupiter.api.TestInstance.Lifecycle.PER_CLASS)
abstract class JdbcSinkTaskContract {

    private static final AtomicLong POSITIONS = new AtomicLong(1000);
    static final String NAME = "größe \"q\"";

    private io.idaas.stack.JdbcServer server;

    /** The target server of this test class, not started yet, keeping its data in {@code dir}. */
    abstract io.idaas.stack.JdbcServer newServer(java.nio.file.Path dir);

    @org.junit.jupiter.api.BeforeAll
    void startServer(@org.junit.jupiter.api.io.TempDir java.nio.file.Path serverDir) throws Exception {
        // PostgreSQL may run as nobody, which must reach its data folder.
        java.nio.file.Files.setPosixFilePermissions(serverDir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        server = newServer(serverDir.resolve("server"));
        server.start();
    }

    @org.junit.jupiter.api.AfterAll
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    String url() {
        return server.jdbcUrl();
    }

    String user() {
        return server.user();
    }

    String password() {
        return server.password();
    }

    /** The source system of the target's own family. */
    abstract SourceSystem family();

    /**
     * A column whose native type this target creates as is, a value, the declared type expected with native types
     * on and off, an SQL expression reading the column back as text ({@code %s} is the quoted column) and its result.
     */
    record NativeCase(Column column, Object value, String nativeType, String portableType, String readBack,
                      String expected) {
    }

    abstract List<NativeCase> nativeCases();

    /** The declared type of a column, as the target prints it. */
    abstract String declaredType(String table, String column) throws SQLException;

    /** The target's quote for an identifier, for the test's own SQL. */
    abstract String q(String identifier);

    /** Ends every session of the target database but the caller's (the tasks' connections), as a failover would. */
    abstract void endOtherSessions(Connection caller) throws SQLException;

    private final Map<String, AtomicLong> topicOffsets = new HashMap<>();

    static TableSchema schema(String... extra) {
        List<Column> cols = new ArrayList<>(List.of(Column.builder("id", PortableType.INT32).nullable(false).build(),
            Column.of("my name", PortableType.string(40)), Column.of(NAME, PortableType.INT64)));
        for (String e : extra) {
            cols.add(Column.of(e, PortableType.STRING));
        }
        return TableSchema.of(cols, List.of("id"));
    }

    static String position(long n) {
        return SortablePosition.of(SortablePosition.mysql("bin.000001", n), SortablePosition.Phase.CHANGE, 0);
    }

    static DdmlEvent.Builder event(String table, TableSchema schema, long pos) {
        return DdmlEvent.builder().source(Source.of(SourceSystem.MARIADB, "m", "shop", null, table))
            .position(Position.of(position(pos), Map.of())).time(Timing.of(1L, 2L, 3L)).schema(schema);
    }

    static DdmlEvent insert(String table, int id, String name, long size) {
        return event(table, schema(), POSITIONS.incrementAndGet())
            .dml(DmlChange.insert(Row.of("id", id, "my name", name, NAME, size))).build();
    }

    static DdmlEvent update(String table, int oldId, int id, String name, long size, long pos) {
        return event(table, schema(), pos).dml(DmlChange.update(Row.of("id", oldId, "my name", "?", NAME, 0L),
            Row.of("id", id, "my name", name, NAME, size))).build();
    }

    static DdmlEvent delete(String table, int id) {
        return event(table, schema(), POSITIONS.incrementAndGet()).dml(DmlChange.delete(Row.of("id", id, "my name", "?", NAME, 0L))).build();
    }

    SinkRecord record(String topic, Object value) {
        long offset = topicOffsets.computeIfAbsent(topic, t -> new AtomicLong()).getAndIncrement();
        return new SinkRecord(topic, 0, null, null, null, value, offset);
    }

    JdbcSinkTask task(String name, FakeSinkContext context, String... extra) {
        JdbcSinkTask task = new JdbcSinkTask();
        task.initialize(context);
        Map<String, String> props = new HashMap<>(Map.of("name", name, "connection.url", url(), "connection.user", user(),
            "connection.password", password(), "table.name.format", "${table}", "ddl.drop", "apply"));
        for (int i = 0; i < extra.length; i += 2) {
            props.put(extra[i], extra[i + 1]);
        }
        task.start(props);
        return task;
    }

    /** A put() and the wait for its write: what the task throws, put() (or the next put(), when pipelined) throws. */
    static void putAndFlush(JdbcSinkTask task, java.util.Collection<SinkRecord> records) {
        task.put(records);
        task.flushWrites();
    }

    List<String> rows(String table) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url(), user(), password()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT " + q("id") + ", " + q("my name") + ", " + q(NAME) + " FROM " + q(table)
                 + " ORDER BY " + q("id"))) {
            while (rs.next()) {
                rows.add(rs.getInt(1) + "|" + rs.getString(2) + "|" + rs.getLong(3));
            }
        }
        return rows;
    }

    void execute(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url(), user(), password()); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    Set<String> columns(String table) throws SQLException {
        Set<String> names = new java.util.LinkedHashSet<>();
        try (Connection c = DriverManager.getConnection(url(), user(), password());
             ResultSet rs = c.getMetaData().getColumns(c.getCatalog(), c.getSchema(), table, null)) {
            while (rs.next()) {
                names.add(rs.getString("COLUMN_NAME") + ":" + rs.getString("TYPE_NAME").toLowerCase(java.util.Locale.ROOT));
            }
        }
        return names;
    }

    /**
     * {@code write.pipelined} (the default): a write that fails on the writer thread (its connection ended under it)
     * is applied again, first, by the next put(), which Connect retries until it passes, as it does on a
     * RetriableException; nothing is lost or applied twice, and preCommit reports only what the target committed.
     */
    @Test
    void aPipelinedWriteThatFailsIsAppliedAgainBeforeTheRecordsAfterIt() throws Exception {
        String table = "pipelined";
        String topic = "t-pipelined";
        TopicPartition tp = new TopicPartition(topic, 0);
        JdbcSinkTask task = task("pipelined", new FakeSinkContext(false), "retry.backoff.ms", "1");
        task.open(List.of(tp));
        putAndFlush(task, List.of(record(topic, insert(table, 1, "a", 1))));
        assertThat(rows(table)).containsExactly("1|a|1");
        try (Connection c = DriverManager.getConnection(url(), user(), password())) {
            endOtherSessions(c);
        }
        try (io.idaas.e2e.LogCapture log = new io.idaas.e2e.LogCapture(JdbcSinkTask.class.getName())) {
            task.put(List.of(record(topic, insert(table, 2, "b", 2)), record(topic, update(table, 1, 1, "a2", 5,
                POSITIONS.incrementAndGet()))));
            List<SinkRecord> next = List.of(record(topic, insert(table, 3, "c", 3)), record(topic, delete(table, 2)));
            int retries = 0;
            while (true) {
                try {
                    task.put(next); // first applies the failed write's records again
                    break;
                } catch (org.apache.kafka.connect.errors.RetriableException e) {
                    assertThat(++retries).as("retries of a put whose failed write is applied again").isLessThan(5);
                }
            }
            assertThat(log.lines()).as("the failed write, logged").anyMatch(l -> l.startsWith("WARN A write of 2 records "
                + "on the writer thread failed and was rolled back"));
        }
        assertThat(task.preCommit(Map.of(tp, new org.apache.kafka.clients.consumer.OffsetAndMetadata(0))))
            .containsEntry(tp, new org.apache.kafka.clients.consumer.OffsetAndMetadata(5));
        assertThat(rows(table)).containsExactly("1|a2|5", "3|c|3");
        task.stop();
    }

    /**
     * The task's metrics count the changes its writes applied, from the events the write read, whatever form a value
     * arrives in (an event, a Map tree, JSON bytes or a string); a tombstone is no change; the
     * lag is measured from the newest source commit applied.
     */
    @Test
    void appliedChangesAreCountedWhateverTheValuesForm() throws Exception {
        String table = "metrics";
        String topic = "t-metrics";
        long nowUs = System.currentTimeMillis() * 1000;
        long older = nowUs - 200_000_000L;
        List<SinkRecord> batch = new ArrayList<>();
        batch.add(record(topic, committedAt(table, older, DmlChange.insert(Row.of("id", 1, "my name", "a", NAME, 1L)))));
        batch.add(record(topic, io.idaas.ddml.DdmlJson.write(committedAt(table, older,
            DmlChange.insert(Row.of("id", 2, "my name", "b", NAME, 2L))))));
        batch.add(record(topic, new com.fasterxml.jackson.databind.ObjectMapper().convertValue(io.idaas.ddml.DdmlJson.toTree(
            committedAt(table, nowUs - 100_000_000L, DmlChange.insert(Row.of("id", 3, "my name", "c", NAME, 3L)))), Map.class)));
        batch.add(record(topic, new String(io.idaas.ddml.DdmlJson.write(committedAt(table, older,
            DmlChange.delete(Row.of("id", 1, "my name", "?", NAME, 0L)))), java.nio.charset.StandardCharsets.UTF_8)));
        batch.add(record(topic, null));
        org.apache.kafka.common.metrics.Metrics metrics = new org.apache.kafka.common.metrics.Metrics();
        JdbcSinkTask task = task("metrics", new FakeSinkContext(false).withPluginMetrics(
            new org.apache.kafka.common.metrics.internals.PluginMetricsImpl(metrics, Map.of("connector", "metrics", "task", "0"))));
        task.open(List.of(new TopicPartition(topic, 0)));
        putAndFlush(task, batch);
        assertThat(rows(table)).containsExactly("2|b|2", "3|c|3");
        assertThat(metric(metrics, io.idaas.connect.sink.SinkMetrics.APPLIED_TOTAL)).isEqualTo(4.0);
        assertThat(metric(metrics, io.idaas.connect.sink.SinkMetrics.BATCH_SIZE_MAX)).isEqualTo(4.0);
        assertThat(metric(metrics, io.idaas.connect.sink.SinkMetrics.LAG_SECONDS)).isBetween(100.0, 190.0);
        task.stop();
        metrics.close();
    }

    /** A change of {@code table} committed at the source at {@code commitUs}. */
    private static DdmlEvent committedAt(String table, long commitUs, DmlChange change) {
        return event(table, schema(), POSITIONS.incrementAndGet()).time(Timing.of(commitUs, commitUs + 1, commitUs + 2)).dml(change)
            .build();
    }

    private static double metric(org.apache.kafka.common.metrics.Metrics metrics, String name) {
        return metrics.metrics().entrySet().stream().filter(e -> e.getKey().name().equals(name)).findFirst()
            .map(e -> ((Number) e.getValue().metricValue()).doubleValue()).orElseThrow(() -> new AssertionError("no metric " + name));
    }

    @Test
    void insertUpdateDeleteKeyChangeAndTruncateOnATableNamedOrder() throws Exception {
        String table = "order";
        List<SinkRecord> batch = List.of(record("t-dml", insert(table, 1, "Ada", 10)), record("t-dml", insert(table, 2, "Bob", 20)),
            record("t-dml", insert(table, 3, "Cy", 30)), record("t-dml", update(table, 1, 1, "Ada L", 11, POSITIONS.incrementAndGet())),
            record("t-dml", delete(table, 2)), record("t-dml", insert(table, 20, "Bob", 20)),
            record("t-dml", update(table, 3, 30, "Cy", 31, POSITIONS.incrementAndGet())), record("t-dml", null));
        JdbcSinkTask task = task("dml", new FakeSinkContext(false));
        task.open(List.of(new TopicPartition("t-dml", 0)));
        putAndFlush(task, batch);
        assertThat(rows(table)).containsExactly("1|Ada L|11", "20|Bob|20", "30|Cy|31");
        assertThat(task.preCommit(Map.of(new TopicPartition("t-dml", 0), new org.apache.kafka.clients.consumer.OffsetAndMetadata(0))))
            .containsEntry(new TopicPartition("t-dml", 0), new org.apache.kafka.clients.consumer.OffsetAndMetadata(8));

        putAndFlush(task, List.of(record("t-dml", event(table, schema(), POSITIONS.incrementAndGet()).dml(DmlChange.truncate()).build())));
        assertThat(rows(table)).isEmpty();
        task.stop();
    }

    @Test
    void replayAppliesNothingTwiceAndRestartSeeksToTheTargetsOffsets() throws Exception {
        String table = "replay";
        List<SinkRecord> batch = List.of(record("t-replay", insert(table, 1, "a", 1)), record("t-replay", insert(table, 2, "b", 2)),
            record("t-replay", delete(table, 1)), record("t-replay", update(table, 2, 2, "b2", 3, POSITIONS.incrementAndGet())));
        JdbcSinkTask task = task("replay", new FakeSinkContext(false));
        task.open(List.of(new TopicPartition("t-replay", 0)));
        putAndFlush(task, batch);
        putAndFlush(task, batch);
        assertThat(rows(table)).containsExactly("2|b2|3");
        task.stop();

        FakeSinkContext restarted = new FakeSinkContext(false);
        JdbcSinkTask again = task("replay", restarted);
        again.open(List.of(new TopicPartition("t-replay", 0)));
        assertThat(restarted.seeks).containsEntry(new TopicPartition("t-replay", 0), 4L);
        putAndFlush(again, batch);
        assertThat(rows(table)).containsExactly("2|b2|3");
        again.stop();

        // Another connector name has no offsets: only the position guard stands between the replay and the rows.
        JdbcSinkTask other = task("replay-other", new FakeSinkContext(false));
        other.open(List.of(new TopicPartition("t-replay", 0)));
        putAndFlush(other, batch.subList(1, 4));
        assertThat(rows(table)).containsExactly("2|b2|3");
        other.stop();
    }

    /**
     * An offsets table an older idaas created has no {@code topic_id} column: the task adds it when it connects, and
     * resumes from the offsets in it; rows written without an id keep none until the task knows the topic's id (with
     * {@code applied.kafka.bootstrap.servers}; RecreatedTopicTest checks that part on Kafka).
     */
    @Test
    void anOffsetsTableOfAnOlderIdaasGetsTheTopicIdColumnAndItsOffsetsStillResume() throws Exception {
        String table = "old_offsets_rows";
        String offsets = "old_offsets";
        String topic = "t-old-offsets";
        execute("CREATE TABLE " + q(offsets) + " (connector VARCHAR(255) NOT NULL, topic VARCHAR(255) NOT NULL, "
            + "kafka_partition INT NOT NULL, next_offset BIGINT NOT NULL, PRIMARY KEY (connector, topic, kafka_partition))");
        execute("INSERT INTO " + q(offsets) + " (connector, topic, kafka_partition, next_offset) VALUES ('old', '" + topic
            + "', 0, 2)");
        List<SinkRecord> batch = List.of(record(topic, insert(table, 1, "a", 1)), record(topic, insert(table, 2, "b", 2)),
            record(topic, insert(table, 3, "c", 3)));
        FakeSinkContext context = new FakeSinkContext(false);
        JdbcSinkTask task = task("old", context, "offsets.table.name", offsets);
        try {
            task.open(List.of(new TopicPartition(topic, 0)));
            assertThat(context.seeks).containsEntry(new TopicPartition(topic, 0), 2L);
            assertThat(columns(offsets)).anyMatch(c -> c.startsWith("topic_id:"));
            putAndFlush(task, batch);
            assertThat(rows(table)).as("offsets 0 and 1 were applied before").containsExactly("3|c|3");
        } finally {
            task.stop();
        }
        try (Connection c = DriverManager.getConnection(url(), user(), password()); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT next_offset, topic_id FROM " + q(offsets))) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong(1)).isEqualTo(3);
            assertThat(rs.getString(2)).isNull();
        }
        // A second task finds the column there.
        JdbcSinkTask again = task("old", new FakeSinkContext(false), "offsets.table.name", offsets);
        again.open(List.of(new TopicPartition(topic, 0)));
        again.stop();
    }

    /**
     * Kafka topic names are case-sensitive: two topics differing only in case keep offsets of their own, also in an
     * offsets table an older idaas created with the server's default collation (MariaDB's and MySQL's compare text
     * case-insensitively, and folded the two into one row: one topic resumed from the other's offset).
     */
    @Test
    void topicsDifferingOnlyInCaseKeepOffsetsOfTheirOwn() throws Exception {
        String table = "case_topics_rows";
        String offsets = "case_offsets";
        execute("CREATE TABLE " + q(offsets) + " (connector VARCHAR(255) NOT NULL, topic VARCHAR(255) NOT NULL, "
            + "kafka_partition INT NOT NULL, next_offset BIGINT NOT NULL, PRIMARY KEY (connector, topic, kafka_partition))");
        TopicPartition upper = new TopicPartition("t.Case", 0);
        TopicPartition lower = new TopicPartition("t.case", 0);
        JdbcSinkTask task = task("case", new FakeSinkContext(false), "offsets.table.name", offsets);
        try {
            task.open(List.of(upper, lower));
            putAndFlush(task, List.of(record(upper.topic(), insert(table, 1, "a", 1)),
                record(upper.topic(), insert(table, 2, "b", 2)), record(lower.topic(), insert(table, 3, "c", 3))));
        } finally {
            task.stop();
        }
        FakeSinkContext context = new FakeSinkContext(false);
        JdbcSinkTask again = task("case", context, "offsets.table.name", offsets);
        try {
            again.open(List.of(upper, lower));
            assertThat(context.seeks).containsEntry(upper, 2L).containsEntry(lower, 1L);
        } finally {
            again.stop();
        }
    }

    @Test
    void anOlderEventDoesNotOverwriteANewerRow() throws Exception {
        String table = "older";
        DdmlEvent first = insert(table, 1, "a", 1);
        long newer = POSITIONS.addAndGet(100);
        JdbcSinkTask task = task("older", new FakeSinkContext(false));
        task.open(List.of(new TopicPartition("t-older", 0)));
        putAndFlush(task, List.of(record("t-older", first), record("t-older", update(table, 1, 1, "new", 2, newer)),
            record("t-older", update(table, 1, 1, "old", 1, newer - 50)),
            record("t-older", event(table, schema(), newer - 40).dml(DmlChange.delete(Row.of("id", 1, "my name", "?", NAME, 0L))).build())));
        assertThat(rows(table)).containsExactly("1|new|2");
        task.stop();
    }

    @Test
    void anAlterTableThatNamesNoAddedColumnStillAddsTheColumnsOfItsSchema() throws Exception {
        // An alter_table read again after a source connector restarted may carry no ddl.added (SPEC.md section 7).
        String table = "ddl unnamed";
        String topic = "t-ddl-unnamed";
        JdbcSinkTask task = task("ddl-unnamed", new FakeSinkContext(false));
        task.open(List.of(new TopicPartition(topic, 0)));
        putAndFlush(task, List.of(record(topic, event(table, schema(), POSITIONS.incrementAndGet()).ddl(DdlChange.builder(DdlOp.CREATE_TABLE).build()).build())));
        assertThat(columns(table)).noneMatch(c -> c.startsWith("note:"));

        putAndFlush(task, List.of(record(topic, event(table, schema("note"), POSITIONS.incrementAndGet())
            .ddl(DdlChange.builder(DdlOp.ALTER_TABLE).statement("ALTER TABLE t ADD COLUMN note TEXT").build()).build())));
        assertThat(columns(table)).anyMatch(c -> c.startsWith("note:"));
        task.stop();
    }

    @Test
    void ddlCreateAddRenameRetypeDropColumnAndDropTable() throws Exception {
        String table = "ddl table";
        String topic = "t-ddl";
        JdbcSinkTask task = task("ddl", new FakeSinkContext(false));
        task.open(List.of(new TopicPartition(topic, 0)));
        TableSchema base = schema();
        putAndFlush(task, List.of(record(topic, event(table, base, POSITIONS.incrementAndGet()).ddl(DdlChange.builder(DdlOp.CREATE_TABLE).build()).build())));
        assertThat(rows(table)).isEmpty();

        TableSchema added = schema("note");
        Column note = added.column("note").orElseThrow();
        putAndFlush(task, List.of(record(topic, event(table, added, POSITIONS.incrementAndGet())
            .ddl(DdlChange.builder(DdlOp.ALTER_TABLE).added(List.of(note)).build()).build())));
        assertThat(columns(table)).anyMatch(c -> c.startsWith("note:"));

        TableSchema renamed = schema("remark");
        putAndFlush(task, List.of(record(topic, event(table, renamed, POSITIONS.incrementAndGet())
            .ddl(DdlChange.builder(DdlOp.ALTER_TABLE).renamed(List.of(new RenamedColumn("note", "remark"))).build()).build())));
        assertThat(columns(table)).anyMatch(c -> c.startsWith("remark:")).noneMatch(c -> c.startsWith("note:"));

        Column before = Column.builder("id", PortableType.INT32).nullable(false).build();
        Column after = Column.builder("id", PortableType.INT64).nullable(false).build();
        TableSchema retyped = TableSchema.of(List.of(after, Column.of("my name", PortableType.string(40)),
            Column.of(NAME, PortableType.INT64), Column.of("remark", PortableType.STRING)), List.of("id"));
        putAndFlush(task, List.of(record(topic, event(table, retyped, POSITIONS.incrementAndGet())
            .ddl(DdlChange.builder(DdlOp.ALTER_TABLE).modified(List.of(new ModifiedColumn(before, after))).build()).build())));
        assertThat(columns(table)).anyMatch(c -> c.startsWith("id:") && (c.contains("bigint") || c.contains("int8")));

        putAndFlush(task, List.of(record(topic, event(table, schema(), POSITIONS.incrementAndGet())
            .ddl(DdlChange.builder(DdlOp.ALTER_TABLE).dropped(List.of("remark")).build()).build()),
            record(topic, insert(table, 7, "after ddl", 7))));
        assertThat(columns(table)).noneMatch(c -> c.startsWith("remark:"));
        assertThat(rows(table)).containsExactly("7|after ddl|7");

        putAndFlush(task, List.of(record(topic, event(table, null, POSITIONS.incrementAndGet())
            .ddl(DdlChange.builder(DdlOp.DROP_TABLE).build()).build())));
        assertThat(columns(table)).isEmpty();
        task.stop();
    }

    @Test
    void aRecordThatCannotApplyGoesToTheDeadLetterTopicOrFailsTheTask() throws Exception {
        String table = "narrow";
        execute("CREATE TABLE " + q(table) + " (" + q("id") + " INT PRIMARY KEY, " + q("my name") + " VARCHAR(3), "
            + q(NAME) + " BIGINT, " + q("_idaas_position") + " VARCHAR(128))");
        FakeSinkContext context = new FakeSinkContext(true);
        JdbcSinkTask task = task("dlq", context);
        task.open(List.of(new TopicPartition("t-dlq", 0)));
        SinkRecord bad = record("t-dlq", insert(table, 2, "far too long", 2));
        putAndFlush(task, List.of(record("t-dlq", insert(table, 1, "ok", 1)), bad, record("t-dlq", insert(table, 3, "ok", 3)),
            record("t-dlq", "not ddml")));
        assertThat(rows(table)).containsExactly("1|ok|1", "3|ok|3");
        assertThat(context.reported).hasSize(2).first().isSameAs(bad);
        assertThat(context.reasons.get(0)).hasMessageContaining("offset " + bad.kafkaOffset());
        assertThat(context.reasons.get(1)).hasMessageContaining("not a valid DDML event");
        task.stop();

        JdbcSinkTask strict = task("dlq-strict", new FakeSinkContext(false));
        strict.open(List.of(new TopicPartition("t-dlq2", 0)));
        assertThatThrownBy(() -> putAndFlush(strict, List.of(record("t-dlq2", insert(table, 4, "much too long", 4)))))
            .isInstanceOf(ConnectException.class).hasMessageContaining("narrow").hasMessageContaining("dead-letter");
        strict.stop();
    }

    /**
     * An event whose rows its producer left out (SPEC.md section 6.1: a value DDML cannot carry, or too large) is never
     * applied: it is dead-lettered naming the row (or, when its key could not be carried either, saying so) and the
     * producer's detail, and the target row stays as it was.
     */
    @Test
    void aChangeItsProducerCouldNotCarryIsDeadLetteredAndTheRowStaysAsItWas() throws Exception {
        String table = "not_carried";
        FakeSinkContext context = new FakeSinkContext(true);
        JdbcSinkTask task = task("omitted", context);
        task.open(List.of(new TopicPartition("t-omitted", 0)));
        String detail = "column my name (after, string, portable type string(40)): a made-up value with no DDML value";
        DdmlEvent update = event(table, schema(), POSITIONS.incrementAndGet()).specVersion(Omitted.SPEC_VERSION)
            .dml(new DmlChange(io.idaas.ddml.DmlOp.UPDATE, Row.of("id", 1), null, null, null, Omitted.unrepresentableValue(detail)))
            .build();
        DdmlEvent keyless = event(table, schema(), POSITIONS.incrementAndGet()).specVersion(Omitted.SPEC_VERSION)
            .dml(new DmlChange(io.idaas.ddml.DmlOp.INSERT, null, null, null, null,
                Omitted.unrepresentableValue(detail + "; the key cannot be carried either, so the event has none")))
            .build();
        SinkRecord stale = record("t-omitted", update);
        SinkRecord unnamed = record("t-omitted", keyless);
        putAndFlush(task, List.of(record("t-omitted", insert(table, 1, "before", 1)), stale, unnamed,
            record("t-omitted", insert(table, 2, "after", 2))));
        assertThat(rows(table)).containsExactly("1|before|1", "2|after|2");
        assertThat(context.reported).containsExactly(stale, unnamed);
        assertThat(context.reasons.get(0)).hasMessageContaining("the source update of the row {id=1} of table")
            .hasMessageContaining("was not carried: its rows were left out by the producer: a value has no exact DDML value "
                + "(unrepresentable_value): " + detail)
            .hasMessageContaining("that row in the target is stale from this change on");
        assertThat(context.reasons.get(1)).hasMessageContaining("the source insert of a row of table")
            .hasMessageContaining("the key cannot be carried either")
            .hasMessageContaining("which the event cannot name, is stale");
        task.stop();
    }

    @Test
    void aRunKeepsTheNewestEventPerKeyAndKeyChangesKeepTheirOrder() throws Exception {
        String table = "runs";
        String topic = "t-runs";
        long older = POSITIONS.incrementAndGet();
        List<SinkRecord> batch = List.of(record(topic, insert(table, 1, "a", 1)), record(topic, insert(table, 2, "b", 2)),
            record(topic, update(table, 1, 1, "a2", 3, POSITIONS.incrementAndGet())),
            record(topic, update(table, 2, 2, "stale", 4, older)),
            record(topic, update(table, 1, 10, "ten", 10, POSITIONS.incrementAndGet())),
            record(topic, insert(table, 1, "one again", 11)),
            record(topic, delete(table, 2)), record(topic, delete(table, 3)), record(topic, delete(table, 10)),
            record(topic, insert(table, 10, "back", 12)), record(topic, insert(table, 4, "x", 4)),
            record(topic, update(table, 4, 4, "y", 5, POSITIONS.incrementAndGet())),
            record(topic, update(table, 4, 4, "z", 6, POSITIONS.incrementAndGet())));
        JdbcSinkTask task = task("runs", new FakeSinkContext(false), "batch.size", "3");
        task.open(List.of(new TopicPartition(topic, 0)));
        putAndFlush(task, batch);
        assertThat(rows(table)).containsExactly("1|one again|11", "4|z|6", "10|back|12");

        TableSchema composite = TableSchema.of(schema().columns(), List.of("id", "my name"));
        String pairs = "pairs";
        List<SinkRecord> more = new ArrayList<>();
        for (String[] pair : new String[][] {{"1", "x"}, {"1", "y"}, {"2", "x"}, {"2", "y"}}) {
            more.add(record(topic, event(pairs, composite, POSITIONS.incrementAndGet())
                .dml(DmlChange.insert(Row.of("id", Integer.parseInt(pair[0]), "my name", pair[1], NAME, 1L))).build()));
        }
        for (String[] pair : new String[][] {{"1", "x"}, {"2", "y"}, {"2", "y"}, {"3", "z"}}) {
            more.add(record(topic, event(pairs, composite, POSITIONS.incrementAndGet())
                .dml(DmlChange.delete(Row.of("id", Integer.parseInt(pair[0]), "my name", pair[1], NAME, 1L))).build()));
        }
        putAndFlush(task, more);
        assertThat(rows(pairs)).containsExactly("1|y|1", "2|x|1");
        task.stop();
    }

    /** 1,000 rows of 101 parameters each do not fit PostgreSQL's 65,535: the run is cut into statements that do. */
    @Test
    void aRunOfWideRowsStaysUnderTheBindParameterLimit() throws Exception {
        String table = "wide";
        String topic = "t-wide";
        List<Column> cols = new ArrayList<>(List.of(Column.builder("id", PortableType.INT32).nullable(false).build()));
        for (int c = 1; c < 100; c++) {
            cols.add(Column.of("c" + c, PortableType.INT64));
        }
        TableSchema wide = TableSchema.of(cols, List.of("id"));
        List<SinkRecord> batch = new ArrayList<>();
        for (int id = 0; id < 1000; id++) {
            Map<String, Object> values = new HashMap<>();
            values.put("id", id);
            for (int c = 1; c < 100; c++) {
                values.put("c" + c, (long) c);
            }
            batch.add(record(topic, event(table, wide, POSITIONS.incrementAndGet()).dml(DmlChange.insert(Row.of(values))).build()));
        }
        JdbcSinkTask task = task("wide", new FakeSinkContext(false));
        task.open(List.of(new TopicPartition(topic, 0)));
        putAndFlush(task, batch);
        task.stop();
        try (Connection c = DriverManager.getConnection(url(), user(), password()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*), SUM(" + q("c99") + ") FROM " + q(table))) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(1000);
            assertThat(rs.getLong(2)).isEqualTo(99_000);
        }
    }

    static DdmlEvent insertIn(String table, int id, String tx, long order, Long total) {
        return event(table, schema(), POSITIONS.incrementAndGet()).transaction(new Transaction(tx, order, null, total))
            .dml(DmlChange.insert(Row.of("id", id, "my name", tx, NAME, order))).build();
    }

    @Test
    void aSourceTransactionSplitAcrossPutsIsCommittedWhole() throws Exception {
        String table = "tx";
        String topic = "t-tx";
        TopicPartition tp = new TopicPartition(topic, 0);
        JdbcSinkTask task = task("tx", new FakeSinkContext(false));
        task.open(List.of(tp));
        putAndFlush(task, List.of(record(topic, insert(table, 1, "alone", 1)), record(topic, insertIn(table, 2, "T1", 1, null)),
            record(topic, insertIn(table, 3, "T1", 2, null)), record(topic, null)));
        assertThat(rows(table)).containsExactly("1|alone|1");
        assertThat(task.preCommit(Map.of(tp, new org.apache.kafka.clients.consumer.OffsetAndMetadata(4))))
            .containsEntry(tp, new org.apache.kafka.clients.consumer.OffsetAndMetadata(1));

        // T1's last event, then T2 (whose size is known) starts: T1 is whole, T2 waits for its end.
        putAndFlush(task, List.of(record(topic, insertIn(table, 4, "T1", 3, null)), record(topic, insertIn(table, 5, "T2", 1, 2L))));
        assertThat(rows(table)).containsExactly("1|alone|1", "2|T1|1", "3|T1|2", "4|T1|3");
        putAndFlush(task, List.of(record(topic, insertIn(table, 6, "T2", 2, 2L))));
        assertThat(rows(table)).containsExactly("1|alone|1", "2|T1|1", "3|T1|2", "4|T1|3", "5|T2|1", "6|T2|2");
        assertThat(task.preCommit(Map.of(tp, new org.apache.kafka.clients.consumer.OffsetAndMetadata(7))))
            .containsEntry(tp, new org.apache.kafka.clients.consumer.OffsetAndMetadata(7));

        // T3 is held; a restart before its end resumes at its first record, which is then applied again whole.
        SinkRecord t3 = record(topic, insertIn(table, 7, "T3", 1, null));
        putAndFlush(task, List.of(t3));
        task.stop();
        FakeSinkContext restarted = new FakeSinkContext(false);
        JdbcSinkTask again = task("tx", restarted);
        again.open(List.of(tp));
        assertThat(restarted.seeks).containsEntry(tp, t3.kafkaOffset());
        assertThat(rows(table)).hasSize(6);
        putAndFlush(again, List.of(t3, record(topic, insertIn(table, 8, "T3", 2, 2L))));
        assertThat(rows(table)).hasSize(8).contains("7|T3|1", "8|T3|2");
        again.stop();
    }

    @Test
    void aHeldTransactionIsAppliedAfterTransactionsMaxHeldMsOrPastTheRecordLimit() throws Exception {
        String table = "tx held";
        String topic = "t-tx-held";
        TopicPartition tp = new TopicPartition(topic, 0);
        JdbcSinkTask task = task("tx-held", new FakeSinkContext(false), "transactions.max.held.ms", "300",
            "transactions.max.held.records", "3");
        task.open(List.of(tp));
        putAndFlush(task, List.of(record(topic, insert(table, 0, "first", 0))));
        putAndFlush(task, List.of(record(topic, insertIn(table, 1, "A", 1, null)), record(topic, insertIn(table, 2, "A", 2, null))));
        assertThat(rows(table)).containsExactly("0|first|0");
        await("the held transaction applied after 300 ms").atMost(java.time.Duration.ofSeconds(10))
            .pollInterval(java.time.Duration.ofMillis(50)).untilAsserted(() -> {
                task.preCommit(Map.of(tp, new org.apache.kafka.clients.consumer.OffsetAndMetadata(2)));
                assertThat(rows(table)).containsExactly("0|first|0", "1|A|1", "2|A|2");
            });

        List<SinkRecord> big = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            big.add(record(topic, insertIn(table, 10 + i, "B", i, 10L)));
        }
        putAndFlush(task, big);
        assertThat(rows(table)).hasSize(7);
        task.stop();

        JdbcSinkTask ignoring = task("tx-ignore", new FakeSinkContext(false), "transactions.follow", "false");
        ignoring.open(List.of(new TopicPartition("t-tx-ignore", 0)));
        putAndFlush(ignoring, List.of(record("t-tx-ignore", insertIn(table, 30, "C", 1, null))));
        assertThat(rows(table)).hasSize(8).contains("30|C|1");
        ignoring.stop();
    }

    @Test
    void sameFamilyColumnsTakeTheirNativeTypeUnlessTurnedOffOrUnsafe() throws Exception {
        String topic = "t-native";
        List<Column> cols = new ArrayList<>(List.of(Column.builder("id", PortableType.INT32).nullable(false).build(),
            Column.builder("evil", PortableType.STRING).nativeType("INT); DROP TABLE x; --").build()));
        Map<String, Object> values = new HashMap<>(Map.of("id", 1, "evil", "kept as text"));
        for (NativeCase c : nativeCases()) {
            cols.add(c.column());
            values.put(c.column().name(), c.value());
        }
        TableSchema schema = TableSchema.of(cols, List.of("id"));
        for (boolean on : new boolean[] {true, false}) {
            String table = on ? "native" : "portable";
            JdbcSinkTask task = task("native-" + on, new FakeSinkContext(false), "native.types", String.valueOf(on));
            task.open(List.of(new TopicPartition(topic, 0)));
            putAndFlush(task, List.of(record(topic, DdmlEvent.builder().source(Source.of(family(), "src", "shop", null, table))
                .position(Position.of(position(POSITIONS.incrementAndGet()), Map.of())).time(Timing.of(1L, 2L, 3L))
                .schema(schema).dml(DmlChange.insert(Row.of(values))).build())));
            task.stop();
            for (NativeCase c : nativeCases()) {
                assertThat(declaredType(table, c.column().name())).as(c.column().name())
                    .isEqualToIgnoringCase(on ? c.nativeType() : c.portableType());
                try (Connection conn = DriverManager.getConnection(url(), user(), password()); Statement s = conn.createStatement();
                     ResultSet rs = s.executeQuery("SELECT " + c.readBack().replace("%s", q(c.column().name())) + " FROM " + q(table))) {
                    rs.next();
                    assertThat(rs.getString(1)).as(c.column().name()).isEqualTo(c.expected());
                }
            }
            assertThat(declaredType(table, "evil")).doesNotContainIgnoringCase("int");
        }
    }

    List<String> primaryKey(String table) throws SQLException {
        java.util.TreeMap<Integer, String> key = new java.util.TreeMap<>();
        try (Connection c = DriverManager.getConnection(url(), user(), password());
             ResultSet rs = c.getMetaData().getPrimaryKeys(c.getCatalog(), c.getSchema(), table)) {
            while (rs.next()) {
                key.put(rs.getInt("KEY_SEQ"), rs.getString("COLUMN_NAME"));
            }
        }
        return new ArrayList<>(key.values());
    }

    @Test
    void renameTableThenChangeThePrimaryKeyAndColumnTypes() throws Exception {
        String topic = "t-rename";
        JdbcSinkTask task = task("rename", new FakeSinkContext(false));
        task.open(List.of(new TopicPartition(topic, 0)));
        putAndFlush(task, List.of(record(topic, insert("old name", 1, "a", 1))));
        putAndFlush(task, List.of(record(topic, event("new name", schema(), POSITIONS.incrementAndGet()).ddl(DdlChange
                .builder(DdlOp.RENAME_TABLE).renamedFrom(new io.idaas.ddml.TableRef("shop", null, "old name")).build()).build()),
            record(topic, insert("new name", 2, "b", 2))));
        assertThat(columns("old name")).isEmpty();
        assertThat(rows("new name")).containsExactly("1|a|1", "2|b|2");

        // The key becomes (id, my name): two rows of id 1 may then live side by side.
        TableSchema wider = TableSchema.of(schema().columns(), List.of("id", "my name"));
        putAndFlush(task, List.of(record(topic, event("new name", wider, POSITIONS.incrementAndGet())
                .ddl(DdlChange.builder(DdlOp.ALTER_TABLE).primaryKey(List.of("id", "my name")).build()).build()),
            record(topic, event("new name", wider, POSITIONS.incrementAndGet())
                .dml(DmlChange.insert(Row.of("id", 1, "my name", "b", NAME, 3L))).build())));
        assertThat(primaryKey("new name")).containsExactly("id", "my name");
        assertThat(rows("new name")).containsExactly("1|a|1", "1|b|3", "2|b|2");

        // A row event whose schema carries another key (its DDL never seen) moves the key too, under ddl.alter=apply.
        TableSchema byName = TableSchema.of(List.of(Column.builder("id", PortableType.INT32).nullable(false).build(),
            Column.builder("my name", PortableType.string(40)).nullable(false).build(), Column.of(NAME, PortableType.INT64)),
            List.of("my name", "id"));
        putAndFlush(task, List.of(record(topic, event("new name", byName, POSITIONS.incrementAndGet())
            .dml(DmlChange.insert(Row.of("id", 3, "my name", "c", NAME, 4L))).build())));
        assertThat(primaryKey("new name")).containsExactly("my name", "id");

        // Types change on both targets: a longer string, and a whole number that becomes a decimal.
        Column nameBefore = Column.builder("my name", PortableType.string(40)).nullable(false).build();
        Column nameAfter = Column.builder("my name", PortableType.string(200)).nullable(false).build();
        Column sizeBefore = Column.of(NAME, PortableType.INT64);
        Column sizeAfter = Column.of(NAME, PortableType.decimal(30, 2));
        TableSchema retyped = TableSchema.of(List.of(Column.builder("id", PortableType.INT32).nullable(false).build(), nameAfter,
            sizeAfter), List.of("my name", "id"));
        String longName = "n".repeat(150);
        putAndFlush(task, List.of(record(topic, event("new name", retyped, POSITIONS.incrementAndGet()).ddl(DdlChange.builder(DdlOp.ALTER_TABLE)
                .modified(List.of(new ModifiedColumn(nameBefore, nameAfter), new ModifiedColumn(sizeBefore, sizeAfter))).build()).build()),
            record(topic, event("new name", retyped, POSITIONS.incrementAndGet())
                .dml(DmlChange.insert(Row.of("id", 4, "my name", longName, NAME, new java.math.BigDecimal("12345678901234567890.25")))).build())));
        assertThat(columns("new name")).anyMatch(c -> c.startsWith(NAME + ":") && (c.contains("decimal") || c.contains("numeric")));
        try (Connection c = DriverManager.getConnection(url(), user(), password()); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT " + q(NAME) + " FROM " + q("new name") + " WHERE " + q("id") + " = 4")) {
            rs.next();
            assertThat(rs.getBigDecimal(1)).isEqualByComparingTo("12345678901234567890.25");
        }
        assertThat(primaryKey("new name")).containsExactly("my name", "id");
        task.stop();

        JdbcSinkTask strict = task("rename-strict", new FakeSinkContext(false), "ddl.alter", "ignore");
        strict.open(List.of(new TopicPartition("t-rename-strict", 0)));
        assertThatThrownBy(() -> putAndFlush(strict, List.of(record("t-rename-strict", insert("new name", 9, "z", 9)))))
            .isInstanceOf(ConnectException.class).hasMessageContaining("primary key").hasMessageContaining("ddl.alter");
        strict.stop();
    }

    @Test
    void tableAndColumnRenamesApplyToRowsDdlAndTableRenames() throws Exception {
        String topic = "t-renames";
        JdbcSinkTask task = task("renames", new FakeSinkContext(false), "table.rename", "shop.cfg src:cfg dst",
            "column.rename", "cfg src.my name:label,cfg src.remark:memo");
        task.open(List.of(new TopicPartition(topic, 0)));
        putAndFlush(task, List.of(record(topic, insert("cfg src", 1, "a", 1)), record(topic, update("cfg src", 1, 1, "b", 2,
            POSITIONS.incrementAndGet())), record(topic, insert("cfg src", 2, "c", 3)), record(topic, delete("cfg src", 2))));
        assertThat(columns("cfg src")).isEmpty();
        assertThat(columns("cfg dst")).anyMatch(c -> c.startsWith("label:")).noneMatch(c -> c.startsWith("my name:"));

        TableSchema withNote = schema("note");
        TableSchema withRemark = schema("remark");
        putAndFlush(task, List.of(record(topic, event("cfg src", withNote, POSITIONS.incrementAndGet()).ddl(DdlChange.builder(DdlOp.ALTER_TABLE)
                .added(List.of(withNote.column("note").orElseThrow())).build()).build()),
            record(topic, event("cfg src", withRemark, POSITIONS.incrementAndGet()).ddl(DdlChange.builder(DdlOp.ALTER_TABLE)
                .renamed(List.of(new RenamedColumn("note", "remark"))).build()).build()),
            record(topic, event("cfg src", withRemark, POSITIONS.incrementAndGet()).dml(DmlChange.insert(
                Row.of("id", 3, "my name", "d", NAME, 4L, "remark", "kept"))).build())));
        assertThat(columns("cfg dst")).anyMatch(c -> c.startsWith("memo:")).noneMatch(c -> c.startsWith("note:") || c.startsWith("remark:"));
        try (Connection c = DriverManager.getConnection(url(), user(), password()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT " + q("id") + ", " + q("label") + ", " + q("memo") + " FROM " + q("cfg dst")
                 + " ORDER BY " + q("id"))) {
            List<String> got = new ArrayList<>();
            while (rs.next()) {
                got.add(rs.getInt(1) + "|" + rs.getString(2) + "|" + rs.getString(3));
            }
            assertThat(got).containsExactly("1|b|null", "3|d|kept");
        }

        // rename_table maps the old name through table.rename too: cfg dst (for cfg src) becomes cfg src2.
        putAndFlush(task, List.of(record(topic, event("cfg src2", withRemark, POSITIONS.incrementAndGet()).ddl(DdlChange
            .builder(DdlOp.RENAME_TABLE).renamedFrom(new io.idaas.ddml.TableRef("shop", null, "cfg src")).build()).build())));
        assertThat(columns("cfg dst")).isEmpty();
        assertThat(columns("cfg src2")).anyMatch(c -> c.startsWith("memo:"));
        task.stop();
    }

    /**
     * A rename_table carrying column changes (a source that renamed a table and changed its columns in one step) renames
     * the target table, then changes its columns. The rename travels on the new name's topic, so an event of the old
     * name written before the rename can be read after it: it goes to the renamed table with the rename's column
     * changes, or to the dead-letter topic when the renamed table lacks one of its columns; an event after the rename is
     * a new table of the old name.
     */
    @Test
    void aRenameTableCarriesColumnChangesAndTheOldNamesLateEventsFollowIt() throws Exception {
        String oldTopic = "t-moved-a";
        String newTopic = "t-moved-b";
        FakeSinkContext context = new FakeSinkContext(true);
        JdbcSinkTask task = task("moved", context);
        task.open(List.of(new TopicPartition(oldTopic, 0), new TopicPartition(newTopic, 0)));
        TableSchema before = schema("note", "gone");
        putAndFlush(task, List.of(record(oldTopic, event("moved a", before, POSITIONS.incrementAndGet())
                .dml(DmlChange.insert(Row.of("id", 1, "my name", "a", NAME, 1L, "note", "n1", "gone", "g1"))).build()),
            record(oldTopic, event("moved a", before, POSITIONS.incrementAndGet())
                .dml(DmlChange.insert(Row.of("id", 2, "my name", "b", NAME, 2L, "note", "n2", "gone", "g2"))).build())));
        long late = POSITIONS.incrementAndGet();
        long renameAt = POSITIONS.incrementAndGet();

        TableSchema after = schema("remark", "extra");
        SinkRecord rename = record(newTopic, event("moved b", after, renameAt).ddl(DdlChange.builder(DdlOp.RENAME_TABLE)
            .renamedFrom(new io.idaas.ddml.TableRef("shop", null, "moved a"))
            .renamed(List.of(new RenamedColumn("note", "remark"))).dropped(List.of("gone"))
            .added(List.of(after.column("extra").orElseThrow())).build()).build());
        putAndFlush(task, List.of(rename, record(newTopic, event("moved b", after, POSITIONS.incrementAndGet())
            .dml(DmlChange.insert(Row.of("id", 3, "my name", "c", NAME, 3L, "remark", "r3", "extra", "e3"))).build())));
        assertThat(columns("moved a")).isEmpty();
        assertThat(columns("moved b")).extracting(c -> c.substring(0, c.indexOf(':')))
            .contains("remark", "extra").doesNotContain("note", "gone");
        assertThat(remarks("moved b")).containsExactly("1|n1|null", "2|n2|null", "3|r3|e3");

        // written before the rename, read after it: applied to the renamed table, note as remark, gone left out
        putAndFlush(task, List.of(record(oldTopic, event("moved a", before, late).dml(DmlChange.update(
            Row.of("id", 2, "my name", "b", NAME, 2L, "note", "n2", "gone", "g2"),
            Row.of("id", 2, "my name", "b", NAME, 2L, "note", "n2 late", "gone", "g2 late"))).build())));
        assertThat(columns("moved a")).as("not created again").isEmpty();
        assertThat(remarks("moved b")).containsExactly("1|n1|null", "2|n2 late|null", "3|r3|e3");

        // one with a column the renamed table does not have: the dead-letter topic, the renamed table unchanged
        TableSchema wider = schema("note", "gone", "z");
        putAndFlush(task, List.of(record(oldTopic, event("moved a", wider, late).dml(DmlChange.insert(
            Row.of("id", 4, "my name", "d", NAME, 4L, "note", "n4", "gone", "g4", "z", "z4"))).build())));
        assertThat(context.reported).hasSize(1);
        assertThat(context.reasons.get(0)).hasMessageContaining("renamed").hasMessageContaining("[z]");
        assertThat(columns("moved b")).noneMatch(c -> c.startsWith("z:"));

        // written after the rename: a new table of the old name
        putAndFlush(task, List.of(record(oldTopic, insert("moved a", 7, "new", 7))));
        assertThat(rows("moved a")).containsExactly("7|new|7");
        assertThat(remarks("moved b")).containsExactly("1|n1|null", "2|n2 late|null", "3|r3|e3");
        task.stop();

        // the rename read again (another connector, no stored offsets): both tables exist now, nothing moves
        JdbcSinkTask replay = task("moved-replay", new FakeSinkContext(false));
        replay.open(List.of(new TopicPartition(newTopic, 0)));
        putAndFlush(replay, List.of(rename));
        assertThat(rows("moved a")).containsExactly("7|new|7");
        assertThat(remarks("moved b")).containsExactly("1|n1|null", "2|n2 late|null", "3|r3|e3");
        replay.stop();
    }

    private List<String> remarks(String table) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url(), user(), password()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT " + q("id") + ", " + q("remark") + ", " + q("extra") + " FROM " + q(table)
                 + " ORDER BY " + q("id"))) {
            while (rs.next()) {
                rows.add(rs.getInt(1) + "|" + rs.getString(2) + "|" + rs.getString(3));
            }
        }
        return rows;
    }

    @Test
    void aTableWithoutKeyFailsByDefaultAndIsAnAppendOnlyLogWithKeylessModeAppend() throws Exception {
        TableSchema keyless = TableSchema.of(schema().columns(), List.of());
        java.util.function.BiFunction<String, DmlChange, DdmlEvent> change = (table, dml) ->
            event(table, keyless, POSITIONS.incrementAndGet()).dml(dml).build();
        Row a = Row.of("id", 1, "my name", "a", NAME, 1L);
        Row b = Row.of("id", 1, "my name", "b", NAME, 2L);

        JdbcSinkTask strict = task("keyless-strict", new FakeSinkContext(false));
        strict.open(List.of(new TopicPartition("t-keyless-strict", 0)));
        assertThatThrownBy(() -> putAndFlush(strict, List.of(record("t-keyless-strict", change.apply("keyless strict", DmlChange.insert(a))))))
            .isInstanceOf(ConnectException.class).hasMessageContaining("no primary key").hasMessageContaining("keyless.mode=append");
        strict.stop();

        String topic = "t-keyless";
        JdbcSinkTask task = task("keyless", new FakeSinkContext(false), "keyless.mode", "append");
        task.open(List.of(new TopicPartition(topic, 0)));
        putAndFlush(task, List.of(record(topic, change.apply("keyless log", DmlChange.insert(a))),
            record(topic, change.apply("keyless log", DmlChange.insert(a))),
            record(topic, change.apply("keyless log", DmlChange.update(a, b))),
            record(topic, change.apply("keyless log", DmlChange.delete(a)))));
        assertThat(primaryKey("keyless log")).isEmpty();
        assertThat(rows("keyless log")).containsExactlyInAnyOrder("1|a|1", "1|a|1", "1|b|2");
        putAndFlush(task, List.of(record(topic, change.apply("keyless log", DmlChange.truncate()))));
        assertThat(rows("keyless log")).isEmpty();
        task.stop();
    }

    /**
     * Not a timed assertion: prints how fast 50,000 inserts (upserts of new keys) and then 50,000 updates of those
     * keys apply through the task, in put()s of 500 records as Connect's default max.poll.records hands them over.
     */
    @Test
    void throughputOfFiftyThousandUpserts() throws Exception {
        String table = "throughput";
        String topic = "t-throughput";
        int n = 50_000;
        List<List<SinkRecord>> inserts = new ArrayList<>();
        List<List<SinkRecord>> updates = new ArrayList<>();
        for (int i = 0; i < n; i += 500) {
            List<SinkRecord> ins = new ArrayList<>();
            for (int id = i; id < i + 500; id++) {
                ins.add(record(topic, insert(table, id, "name " + id, id)));
            }
            inserts.add(ins);
        }
        for (int i = 0; i < n; i += 500) {
            List<SinkRecord> up = new ArrayList<>();
            for (int id = i; id < i + 500; id++) {
                up.add(record(topic, update(table, id, id, "renamed " + id, id + 1L, POSITIONS.incrementAndGet())));
            }
            updates.add(up);
        }
        JdbcSinkTask task = task("throughput", new FakeSinkContext(false));
        task.open(List.of(new TopicPartition(topic, 0)));
        putAndFlush(task, List.of(inserts.get(0).get(0))); // creates the table outside the measurement
        long start = System.nanoTime();
        for (List<SinkRecord> put : inserts) {
            putAndFlush(task, put);
        }
        long inserted = System.nanoTime();
        for (List<SinkRecord> put : updates) {
            putAndFlush(task, put);
        }
        long updated = System.nanoTime();
        task.stop();
        System.out.printf("THROUGHPUT %s: %d inserts in %d ms (%.0f rows/s), %d updates in %d ms (%.0f rows/s)%n",
            getClass().getSimpleName(), n, (inserted - start) / 1_000_000, n * 1e9 / (inserted - start),
            n, (updated - inserted) / 1_000_000, n * 1e9 / (updated - inserted));
        try (Connection c = DriverManager.getConnection(url(), user(), password()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*), SUM(" + q(NAME) + ") FROM " + q(table))) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(n);
            assertThat(rs.getLong(2)).isEqualTo((long) n * (n - 1) / 2 + n);
        }
    }
}
