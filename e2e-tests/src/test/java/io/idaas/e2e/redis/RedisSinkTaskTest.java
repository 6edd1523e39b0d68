package io.idaas.e2e.redis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.idaas.connect.redis.RedisSinkConnector;
import io.idaas.connect.redis.RedisSinkTask;
import io.idaas.ddml.Column;
import io.idaas.ddml.DdlChange;
import io.idaas.ddml.DdlOp;
import io.idaas.ddml.DdmlEvent;
import io.idaas.ddml.DmlChange;
import io.idaas.ddml.DmlOp;
import io.idaas.ddml.Omitted;
import io.idaas.ddml.Position;
import io.idaas.ddml.RenamedColumn;
import io.idaas.ddml.Row;
import io.idaas.ddml.SortablePosition;
import io.idaas.ddml.Source;
import io.idaas.ddml.SourceSystem;
import io.idaas.ddml.TableSchema;
import io.idaas.ddml.Timing;
import io.idaas.ddml.types.PortableType;
import io.idaas.e2e.jdbc.FakeSinkContext;
import io.idaas.stack.redis.RedisServer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

import java.math.BigDecimal;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Redis sink task driven directly with hand-made DDML records against a real Redis 6.2 (the local stack's
 * {@link RedisServer}, one for this class, restarted by one test); Redis is read back with a plain Jedis client, not
 * the sink's code. Each test has its own table, topic and key prefix.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisSinkTaskTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final AtomicLong positions = new AtomicLong(1000);
    private final Map<String, AtomicLong> offsets = new HashMap<>();
    private Path dataDir;
    private RedisServer server;
    private Jedis redis;

    @BeforeAll
    void startRedis(@TempDir Path dir) {
        dataDir = dir.resolve("redis");
        server = new RedisServer(dataDir, 0);
        server.start();
        redis = new Jedis(server.host(), server.port());
    }

    @AfterAll
    void stopRedis() {
        redis.close();
        server.close();
    }

    // ---------------------------------------------------------------- events

    static TableSchema schema(String... extra) {
        List<Column> cols = new ArrayList<>(List.of(Column.builder("id", PortableType.INT32).nullable(false).build(),
            Column.of("name", PortableType.string(40)), Column.of("qty", PortableType.INT64)));
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

    DdmlEvent insert(String table, int id, String name, long qty) {
        return insertAt(table, id, name, qty, positions.incrementAndGet());
    }

    static DdmlEvent insertAt(String table, int id, String name, long qty, long pos) {
        return event(table, schema(), pos).dml(DmlChange.insert(Row.of("id", id, "name", name, "qty", qty))).build();
    }

    static DdmlEvent update(String table, int oldId, int id, String name, long qty, long pos) {
        return event(table, schema(), pos).dml(DmlChange.update(Row.of("id", oldId, "name", "?", "qty", 0L),
            Row.of("id", id, "name", name, "qty", qty))).build();
    }

    DdmlEvent delete(String table, int id) {
        return event(table, schema(), positions.incrementAndGet()).dml(DmlChange.delete(Row.of("id", id))).build();
    }

    DdmlEvent ddl(String table, TableSchema schema, DdlChange change) {
        return event(table, schema, positions.incrementAndGet()).dml(null).ddl(change).build();
    }

    SinkRecord record(String topic, Object value) {
        long offset = offsets.computeIfAbsent(topic, t -> new AtomicLong()).getAndIncrement();
        return new SinkRecord(topic, 0, null, null, null, value, offset);
    }

    List<SinkRecord> records(String topic, Object... values) {
        List<SinkRecord> out = new ArrayList<>();
        for (Object v : values) {
            out.add(record(topic, v));
        }
        return out;
    }

    // ---------------------------------------------------------------- the task

    /** A started task on topic {@code topic} partition 0, writing under the prefix {@code p}. */
    RedisSinkTask task(String topic, String prefix, FakeSinkContext context, String... settings) {
        Map<String, String> props = new HashMap<>(Map.of("name", "sink-" + prefix, "redis.uri", server.uri(),
            "redis.prefix", prefix, "max.retries", "3", "retry.backoff.ms", "10"));
        for (int i = 0; i < settings.length; i += 2) {
            props.put(settings[i], settings[i + 1]);
        }
        RedisSinkTask task = new RedisSinkTask();
        task.initialize(context);
        task.start(props);
        task.open(List.of(new TopicPartition(topic, 0)));
        return task;
    }

    static String unique(String what) {
        return what + "_" + UUID.randomUUID().toString().substring(0, 8);
    }

    Map<String, String> row(String prefix, String table, String key) {
        return redis.hgetAll(prefix + ":shop." + table + ":" + key);
    }

    Set<String> keySet(String prefix, String table) {
        return redis.smembers(prefix + ":keys:shop." + table);
    }

    // ---------------------------------------------------------------- tests

    @Test
    void anOlderEventReplayedChangesNothingAndTheSameEventTwiceIsAppliedOnce() {
        String table = unique("guard");
        String p = unique("g");
        long first = positions.incrementAndGet();
        long second = positions.incrementAndGet();
        RedisSinkTask task = task(table, p, new FakeSinkContext(true));
        DdmlEvent inserted = insertAt(table, 1, "a", 1, first);
        DdmlEvent updated = update(table, 1, 1, "b", 2, second);
        task.put(records(table, inserted, updated));

        Map<String, String> row = row(p, table, "1");
        assertThat(row).containsEntry("id", "1").containsEntry("name", "b").containsEntry("qty", "2")
            .containsEntry("_ddml.sortable", position(second))
            .containsEntry("_ddml.fingerprint", schema().fingerprint());
        assertThat(keySet(p, table)).containsExactly(p + ":shop." + table + ":1");

        task.put(records(table, inserted)); // older: no regression
        assertThat(row(p, table, "1")).containsEntry("name", "b");

        redis.hset(p + ":shop." + table + ":1", "name", "changed by hand");
        task.put(records(table, updated)); // the same event again: skipped, so the hand-made change stays
        assertThat(row(p, table, "1")).containsEntry("name", "changed by hand");

        assertThat(redis.exists(p + ":applied:m")).as("no applied position without applied.kafka.bootstrap.servers "
            + "(RedisAppliedFrontierTest: with it)").isFalse();
        assertThat(redis.hget(p + ":offsets:sink-" + p, table + "/0")).isEqualTo("4");
        task.stop();
    }

    @Test
    void openSeeksToTheOffsetsRedisHoldsAndRecordsBeforeThemAreNotAppliedAgain() {
        String table = unique("offsets");
        String p = unique("o");
        RedisSinkTask task = task(table, p, new FakeSinkContext(true));
        task.put(records(table, insert(table, 1, "a", 1), insert(table, 2, "b", 2), insert(table, 3, "c", 3)));
        Map<TopicPartition, org.apache.kafka.clients.consumer.OffsetAndMetadata> committed = task.preCommit(
            Map.of(new TopicPartition(table, 0), new org.apache.kafka.clients.consumer.OffsetAndMetadata(0)));
        assertThat(committed.get(new TopicPartition(table, 0)).offset()).isEqualTo(3);
        task.stop();

        FakeSinkContext again = new FakeSinkContext(true);
        RedisSinkTask restarted = task(table, p, again);
        assertThat(again.seeks).containsEntry(new TopicPartition(table, 0), 3L);
        // a record Redis already covers (offset 1), handed back with other content: not applied
        restarted.put(List.of(new SinkRecord(table, 0, null, null, null, insert(table, 2, "late", 9), 1)));
        assertThat(row(p, table, "2")).containsEntry("name", "b");
        restarted.stop();
    }

    @Test
    void aKeyChangeMovesTheRowAndItsIndexEntriesAndADeleteLeavesATombstone() {
        String table = unique("keys");
        String p = unique("k");
        RedisSinkTask task = task(table, p, new FakeSinkContext(true), "redis.index.columns", table + ".name");
        long insertedAt = positions.incrementAndGet();
        task.put(records(table, insertAt(table, 1, "a", 1, insertedAt), insert(table, 5, "a", 5)));
        String index = p + ":index:shop." + table + ":name:";
        String k1 = p + ":shop." + table + ":1";
        String k2 = p + ":shop." + table + ":2";
        String k5 = p + ":shop." + table + ":5";
        assertThat(redis.smembers(index + "a")).containsExactlyInAnyOrder(k1, k5);

        task.put(records(table, update(table, 1, 2, "b", 1, positions.incrementAndGet())));
        assertThat(redis.exists(k1)).isFalse();
        assertThat(row(p, table, "2")).containsEntry("id", "2").containsEntry("name", "b");
        assertThat(keySet(p, table)).containsExactlyInAnyOrder(k2, k5);
        assertThat(redis.smembers(index + "a")).containsExactly(k5);
        assertThat(redis.smembers(index + "b")).containsExactly(k2);

        // the DDML form of a key change: delete of the old key, insert of the new one
        task.put(records(table, delete(table, 2), insert(table, 3, "c", 3)));
        assertThat(keySet(p, table)).containsExactlyInAnyOrder(k5, p + ":shop." + table + ":3");
        assertThat(redis.exists(index + "b")).isFalse();
        assertThat(redis.smembers(index + "c")).containsExactly(p + ":shop." + table + ":3");
        assertThat(redis.get(p + ":tomb:shop." + table + ":2")).isNotNull();
        assertThat(redis.ttl(p + ":tomb:shop." + table + ":2")).isBetween(1L, 604_800L);

        // an older insert of the deleted key, replayed: the tombstone keeps it out
        task.put(records(table, insertAt(table, 2, "b", 1, insertedAt)));
        assertThat(redis.exists(k2)).isFalse();
        assertThat(keySet(p, table)).doesNotContain(k2);
        task.stop();
    }

    @Test
    void indexSetsNamedByATemplateFollowKeyChangesDeletesAndTruncates() {
        String table = unique("named");
        String p = unique("n");
        String byName = unique("by_name") + ":";
        RedisSinkTask task = task(table, p, new FakeSinkContext(true), "redis.index.columns", table + ".name",
            "redis.index.name.template", table + ".name:" + byName + "{name}");
        task.put(records(table, insert(table, 1, "a", 1), insert(table, 2, "a", 2)));
        String k1 = p + ":shop." + table + ":1";
        String k2 = p + ":shop." + table + ":2";
        assertThat(redis.smembers(byName + "a")).containsExactlyInAnyOrder(k1, k2);
        assertThat(redis.keys(p + ":index:*")).isEmpty();
        assertThat(redis.smembers(p + ":indexes:shop." + table)).containsExactly(byName + "a");

        task.put(records(table, update(table, 1, 3, "b", 1, positions.incrementAndGet()), delete(table, 2)));
        assertThat(redis.exists(byName + "a")).isFalse();
        assertThat(redis.smembers(byName + "b")).containsExactly(p + ":shop." + table + ":3");

        DdmlEvent truncate = event(table, schema(), positions.incrementAndGet()).dml(DmlChange.truncate()).build();
        task.put(records(table, truncate));
        assertThat(redis.exists(byName + "b")).isFalse();
        assertThat(keySet(p, table)).isEmpty();
        task.stop();
    }

    @Test
    void truncateAndDropRemoveTheRowsWrittenBeforeThemAndTheirIndexes() {
        String table = unique("trunc");
        String p = unique("t");
        RedisSinkTask task = task(table, p, new FakeSinkContext(true), "redis.index.columns", table + ".name");
        long early = positions.incrementAndGet();
        task.put(records(table, insertAt(table, 1, "a", 1, early), insert(table, 2, "b", 2)));
        DdmlEvent truncate = event(table, schema(), positions.incrementAndGet()).dml(DmlChange.truncate()).build();
        task.put(records(table, truncate));
        assertThat(keySet(p, table)).isEmpty();
        assertThat(redis.keys(p + ":shop." + table + ":*")).isEmpty();
        assertThat(redis.keys(p + ":index:*")).isEmpty();

        task.put(records(table, insertAt(table, 1, "a", 1, early))); // older than the truncate: stays out
        assertThat(keySet(p, table)).isEmpty();
        task.put(records(table, insert(table, 3, "c", 3), truncate)); // a newer row survives the truncate replayed
        assertThat(keySet(p, table)).containsExactly(p + ":shop." + table + ":3");
        assertThat(redis.smembers(p + ":index:shop." + table + ":name:c")).hasSize(1);

        task.put(records(table, ddl(table, schema(), DdlChange.builder(DdlOp.DROP_TABLE).build())));
        assertThat(keySet(p, table)).isEmpty();
        assertThat(redis.keys(p + ":shop." + table + ":*")).isEmpty();
        assertThat(redis.keys(p + ":index:*")).isEmpty();
        task.stop();

        String kept = unique("kept");
        RedisSinkTask ignoring = task(kept, p, new FakeSinkContext(true), "ddl.drop", "ignore");
        ignoring.put(records(kept, insert(kept, 1, "a", 1), ddl(kept, schema(), DdlChange.builder(DdlOp.DROP_TABLE).build())));
        assertThat(keySet(p, kept)).hasSize(1);
        ignoring.stop();
    }

    @Test
    void rowsExpireAfterAFixedTimeOrAtTheInstantAColumnGives() {
        String table = unique("ttl");
        String p = unique("x");
        RedisSinkTask task = task(table, p, new FakeSinkContext(true), "redis.ttl.seconds", table + ":3600");
        task.put(records(table, insert(table, 1, "a", 1)));
        assertThat(redis.ttl(p + ":shop." + table + ":1")).isBetween(3000L, 3600L);
        task.stop();

        String sessions = unique("sessions");
        TableSchema s = TableSchema.of(List.of(Column.builder("id", PortableType.INT32).nullable(false).build(),
            Column.of("expires_at", PortableType.timestampTz(6))), List.of("id"));
        RedisSinkTask byColumn = task(sessions, p, new FakeSinkContext(true), "redis.ttl.column", sessions + ".expires_at");
        Instant in1h = Instant.now().plusSeconds(3600).truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        byColumn.put(records(sessions,
            event(sessions, s, positions.incrementAndGet()).dml(DmlChange.insert(Row.of("id", 1, "expires_at", in1h))).build(),
            event(sessions, s, positions.incrementAndGet()).dml(DmlChange.insert(Row.of("id", 2, "expires_at", null))).build()));
        assertThat(redis.pttl(p + ":shop." + sessions + ":1")).isBetween(3_000_000L, 3_600_000L);
        assertThat(redis.pttl(p + ":shop." + sessions + ":2")).isEqualTo(-1L);
        byColumn.stop();
    }

    @Test
    void theJsonShapeStoresTheDdmlJsonOfEachColumnAndKeepsUnknownColumnsOfAPartialRow() throws Exception {
        String table = unique("json");
        String p = unique("j");
        TableSchema s = TableSchema.of(List.of(Column.builder("id", PortableType.INT64).nullable(false).build(),
            Column.of("price", PortableType.decimal(10, 2)), Column.of("note", PortableType.STRING),
            Column.of("data", PortableType.BYTES)), List.of("id"));
        RedisSinkTask task = task(table, p, new FakeSinkContext(true), "redis.type.tables", table + ":json",
            "redis.index.columns", table + ".note");
        long at = positions.incrementAndGet();
        task.put(records(table, event(table, s, at).dml(DmlChange.insert(Row.of("id", 9_007_199_254_740_993L,
            "price", new BigDecimal("12.50"), "note", null, "data", new byte[] {0, (byte) 0xff}))).build()));
        String key = p + ":shop." + table + ":9007199254740993";
        String text = redis.get(key);
        assertThat(text).startsWith("{\"_ddml\":{\"sortable\":\"" + position(at) + "\"");
        JsonNode doc = JSON.readTree(text);
        assertThat(doc.get("id").isIntegralNumber()).isTrue();
        assertThat(doc.get("id").asText()).isEqualTo("9007199254740993");
        assertThat(doc.get("price").asText()).isEqualTo("12.50");
        assertThat(doc.get("note").isNull()).isTrue();
        assertThat(doc.get("data").asText()).isEqualTo("AP8=");
        assertThat(doc.get("_ddml").get("fingerprint").asText()).isEqualTo(s.fingerprint());

        // a partial row (PostgreSQL without the TOASTed column): the stored value of the absent column stays
        task.put(records(table, event(table, s, positions.incrementAndGet()).dml(DmlChange.update(null,
            Row.of("id", 9_007_199_254_740_993L, "note", "n", "data", new byte[] {1}))).build()));
        doc = JSON.readTree(redis.get(key));
        assertThat(doc.get("price").asText()).isEqualTo("12.50");
        assertThat(doc.get("note").asText()).isEqualTo("n");
        assertThat(doc.get("id").asText()).isEqualTo("9007199254740993");
        assertThat(redis.smembers(p + ":index:shop." + table + ":note:n")).containsExactly(key);
        task.stop();
    }

    @Test
    void awkwardNamesCompositeKeysBinaryValuesAndNulls() {
        String table = unique("größe Tabelle ☃");
        String p = unique("w");
        TableSchema s = TableSchema.of(List.of(Column.builder("region", PortableType.string(10)).nullable(false).build(),
            Column.builder("n", PortableType.INT32).nullable(false).build(), Column.of("blob", PortableType.BYTES),
            Column.of("empty", PortableType.STRING)), List.of("region", "n"));
        RedisSinkTask task = task("awkward", p, new FakeSinkContext(true));
        byte[] bytes = {0, 1, (byte) 0xfe, (byte) 0xff};
        task.put(records("awkward", event(table, s, positions.incrementAndGet()).dml(DmlChange.insert(
            Row.of("region", "eu \"west\"", "n", 7, "blob", bytes, "empty", null))).build()));
        byte[] key = (p + ":shop." + table + ":[\"eu \\\"west\\\"\",7]").getBytes(StandardCharsets.UTF_8);
        Map<byte[], byte[]> row = redis.hgetAll(key);
        Map<String, byte[]> byName = new HashMap<>();
        row.forEach((k, v) -> byName.put(new String(k, StandardCharsets.UTF_8), v));
        assertThat(byName).containsKeys("region", "n", "blob", "_ddml.sortable").doesNotContainKey("empty");
        assertThat(byName.get("blob")).isEqualTo(bytes);
        assertThat(new String(byName.get("region"), StandardCharsets.UTF_8)).isEqualTo("eu \"west\"");
        assertThat(redis.smembers((p + ":keys:shop." + table))).hasSize(1);
        task.stop();
    }

    @Test
    void columnDropsAndRenamesApplyToTheRowsWrittenBeforeThem() throws Exception {
        for (String shape : List.of("hash", "json")) {
            String table = unique("ddl_" + shape);
            String p = unique("d");
            RedisSinkTask task = task(table, p, new FakeSinkContext(true), "redis.type", shape);
            TableSchema withNote = schema("note");
            TableSchema withRemark = schema("remark");
            task.put(records(table, event(table, withNote, positions.incrementAndGet()).dml(DmlChange.insert(
                Row.of("id", 1, "name", "a", "qty", 1L, "note", "n1"))).build()));
            DdlChange rename = DdlChange.builder(DdlOp.ALTER_TABLE).renamed(List.of(new RenamedColumn("note", "remark"))).build();
            task.put(records(table, ddl(table, withRemark, rename), event(table, withRemark, positions.incrementAndGet())
                .dml(DmlChange.insert(Row.of("id", 2, "name", "b", "qty", 2L, "remark", "r2"))).build()));
            assertThat(field(p, table, 1, "remark", shape)).isEqualTo("n1");
            assertThat(field(p, table, 1, "note", shape)).isNull();
            assertThat(field(p, table, 2, "remark", shape)).isEqualTo("r2");

            DdlChange drop = DdlChange.builder(DdlOp.ALTER_TABLE).dropped(List.of("remark")).build();
            DdmlEvent dropped = ddl(table, schema(), drop);
            task.put(records(table, dropped));
            assertThat(field(p, table, 1, "remark", shape)).isNull();
            assertThat(field(p, table, 2, "remark", shape)).isNull();
            assertThat(field(p, table, 2, "name", shape)).isEqualTo("b");

            // a row written after the drop with a column of that name again keeps it when the drop is replayed
            task.put(records(table, event(table, withRemark, positions.incrementAndGet()).dml(DmlChange.insert(
                Row.of("id", 3, "name", "c", "qty", 3L, "remark", "again"))).build(), dropped));
            assertThat(field(p, table, 3, "remark", shape)).isEqualTo("again");
            task.stop();
        }
    }

    @Test
    void aColumnAddedWithADefaultIsDeadLetteredNamedInAddedOrNot() {
        String table = unique("added");
        String p = unique("a");
        FakeSinkContext context = new FakeSinkContext(true);
        RedisSinkTask task = task(table, p, context);
        Column flag = Column.builder("flag", PortableType.INT32).defaultValue("7").build();
        Column note = Column.of("note", PortableType.STRING);
        TableSchema withFlag = TableSchema.of(java.util.stream.Stream.concat(schema().columns().stream(), java.util.stream.Stream.of(flag)).toList(), List.of("id"));
        TableSchema withNote = TableSchema.of(java.util.stream.Stream.concat(withFlag.columns().stream(), java.util.stream.Stream.of(note)).toList(), List.of("id"));
        // an alter_table read again after a source connector restart may not name its added columns (SPEC.md section 7)
        task.put(records(table, insert(table, 1, "a", 1),
            ddl(table, withFlag, DdlChange.builder(DdlOp.ALTER_TABLE).statement("ALTER TABLE t ADD COLUMN flag INT DEFAULT 7").build()),
            ddl(table, withNote, DdlChange.builder(DdlOp.ALTER_TABLE).added(List.of(note)).build())));
        assertThat(context.reasons).singleElement().satisfies(e -> assertThat(e.getMessage())
            .contains("adds [flag DEFAULT 7]").contains("not the default"));
        assertThat(row(p, table, "1")).containsEntry("name", "a").doesNotContainKey("flag");
        task.stop();
    }

    @Test
    void aPrimaryKeyRestatedChangesNothingAndAnotherKeyIsDeadLettered() {
        String table = unique("pk");
        String p = unique("k");
        FakeSinkContext context = new FakeSinkContext(true);
        RedisSinkTask task = task(table, p, context);
        TableSchema keyless = TableSchema.of(schema().columns(), List.of());
        TableSchema byIdAndName = TableSchema.of(schema().columns(), List.of("id", "name"));
        // what PostgreSQL's derived DDL does around a truncate: the key dropped, then the same key again
        task.put(records(table, insert(table, 1, "a", 1),
            ddl(table, keyless, DdlChange.builder(DdlOp.ALTER_TABLE).primaryKey(List.of()).build()),
            ddl(table, schema(), DdlChange.builder(DdlOp.ALTER_TABLE).primaryKey(List.of("id")).build())));
        assertThat(context.reported).isEmpty();
        task.put(records(table, ddl(table, byIdAndName, DdlChange.builder(DdlOp.ALTER_TABLE).primaryKey(List.of("id", "name")).build())));
        assertThat(context.reasons).singleElement().satisfies(e -> assertThat(e.getMessage())
            .contains("changes the primary key to [id, name]").contains("keep their Redis keys"));
        assertThat(row(p, table, "1")).containsEntry("name", "a");
        task.stop();
    }

    @Test
    void aSixteenMebibyteRowIsWrittenWholeInABatchOfItsOwn() {
        String table = unique("large");
        String p = unique("b");
        TableSchema s = TableSchema.of(List.of(Column.builder("id", PortableType.INT32).nullable(false).build(),
            Column.of("doc", PortableType.BYTES), Column.of("text", PortableType.STRING)), List.of("id"));
        RedisSinkTask task = task(table, p, new FakeSinkContext(true));
        byte[] big = new byte[16 * 1024 * 1024];
        new java.util.Random(16).nextBytes(big);
        String text = "ü".repeat(1024 * 1024); // 2 MiB in UTF-8
        task.put(records(table,
            event(table, s, positions.incrementAndGet()).dml(DmlChange.insert(Row.of("id", 1, "doc", big, "text", text))).build(),
            event(table, s, positions.incrementAndGet()).dml(DmlChange.insert(Row.of("id", 2, "doc", big, "text", "small"))).build(),
            event(table, s, positions.incrementAndGet()).dml(DmlChange.insert(Row.of("id", 3, "doc", null, "text", null))).build()));
        byte[] key = (p + ":shop." + table + ":1").getBytes(StandardCharsets.UTF_8);
        assertThat(redis.hget(key, "doc".getBytes(StandardCharsets.UTF_8))).isEqualTo(big);
        assertThat(redis.hget(p + ":shop." + table + ":1", "text")).isEqualTo(text);
        assertThat(redis.hget((p + ":shop." + table + ":2").getBytes(StandardCharsets.UTF_8),
            "doc".getBytes(StandardCharsets.UTF_8))).isEqualTo(big);
        assertThat(row(p, table, "3")).containsOnlyKeys("id", "_ddml.sortable", "_ddml.fingerprint");
        assertThat(redis.hget(p + ":offsets:sink-" + p, table + "/0")).isEqualTo("3");
        task.stop();
    }

    private String field(String p, String table, int id, String field, String shape) throws Exception {
        String key = p + ":shop." + table + ":" + id;
        if (shape.equals("hash")) {
            return redis.hget(key, field);
        }
        JsonNode v = JSON.readTree(redis.get(key)).get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    @Test
    void recordsThatCannotBeWrittenGoToTheDeadLetterTopicWithTheReasonAndTheRestApplies() {
        String table = unique("dlq");
        String p = unique("q");
        FakeSinkContext context = new FakeSinkContext(true);
        String third = unique("third");
        RedisSinkTask task = task(table, p, context, "redis.key.template", table + ":shop:" + table + ":{name}",
            "redis.field.rename", third + ".name:qty");
        TableSchema keyless = TableSchema.of(List.of(Column.of("a", PortableType.INT32)), List.of());
        String other = unique("other");
        DdmlEvent omitted = event(other, schema(), positions.incrementAndGet()).specVersion(Omitted.SPEC_VERSION)
            .dml(new DmlChange(DmlOp.UPDATE, Row.of("id", 4), null, null, null,
                Omitted.unrepresentableValue("column c_ts (after): PostgreSQL's timestamp 'infinity' has no DDML value"))).build();
        task.put(records(table,
            insert(table, 1, "a", 1),                                     // template names a non-key column
            event(other, keyless, positions.incrementAndGet()).dml(DmlChange.insert(Row.of("a", 1))).build(), // no key
            "this is not DDML",
            omitted,
            insert(other, 5, "fine", 5)));
        assertThat(context.reported).hasSize(4);
        assertThat(context.reasons.get(0).getMessage()).contains("redis.key.template").contains("name")
            .contains("not a primary-key column");
        assertThat(context.reasons.get(1).getMessage()).contains("has no primary key");
        assertThat(context.reasons.get(2).getMessage()).contains("not a valid DDML event");
        assertThat(context.reasons.get(3).getMessage()).contains("was not carried").contains("infinity")
            .contains("{id=4}").contains("stale");
        assertThat(row(p, other, "5")).containsEntry("name", "fine");
        assertThat(redis.hget(p + ":offsets:sink-" + p, table + "/0")).isEqualTo("5");

        // a key change whose new row cannot be written (two columns stored as one field) leaves the old row as it was
        task.put(records(table,
            event(third, schema(), positions.incrementAndGet()).dml(DmlChange.insert(Row.of("id", 7, "qty", 1L))).build(),
            event(third, schema(), positions.incrementAndGet()).dml(DmlChange.update(Row.of("id", 7, "qty", 1L),
                Row.of("id", 8, "name", "x", "qty", 2L))).build()));
        assertThat(context.reasons).hasSize(5);
        assertThat(context.reasons.get(4).getMessage()).contains("redis.field.rename").contains("field 'qty'");
        assertThat(row(p, third, "7")).containsEntry("qty", "1");
        assertThat(redis.exists(p + ":shop." + third + ":8")).isFalse();
        task.stop();

        // without a dead-letter topic the task fails, naming the record
        String failing = unique("fail");
        RedisSinkTask strict = task(failing, p, new FakeSinkContext(false));
        assertThatThrownBy(() -> strict.put(records(failing, "not DDML either")))
            .isInstanceOf(ConnectException.class).hasMessageContaining("not a valid DDML event")
            .hasMessageContaining("errors.deadletterqueue.topic.name");
        strict.stop();
    }

    @Test
    void aViewsChangelogIsWrittenByTheViewsKeyAndItsDeleteRemovesTheDocument() throws Exception {
        String view = unique("customer_360");
        String p = unique("v");
        TableSchema s = TableSchema.of(List.of(Column.builder("id", PortableType.INT64).nullable(false).build(),
            Column.of("name", PortableType.STRING), Column.of("orders", PortableType.JSON)), List.of("id"));
        RedisSinkTask task = task(view, p, new FakeSinkContext(true), "redis.type", "json");
        java.util.function.LongFunction<DdmlEvent.Builder> at = n -> DdmlEvent.builder()
            .source(new Source("idaas-views", "idaas-views", null, null, view))
            .position(Position.of(String.format("%010d:%020d/2/0000000000", 0, n), Map.of())).time(Timing.of(1L, 1L, 1L))
            .schema(s);
        task.put(records(view, at.apply(1).dml(DmlChange.insert(Row.of("id", 3L, "name", "Ada", "orders", "[{\"id\":1}]"))).build(),
            at.apply(2).dml(DmlChange.insert(Row.of("id", 4L, "name", "Bob", "orders", "[]"))).build()));
        JsonNode doc = JSON.readTree(redis.get(p + ":" + view + ":3"));
        assertThat(doc.get("name").asText()).isEqualTo("Ada");
        assertThat(doc.get("orders").asText()).isEqualTo("[{\"id\":1}]");

        SinkRecord tombstone = record(view, null);
        task.put(List.of(record(view, at.apply(3).schema(TableSchema.of(List.of(s.columns().get(0)), List.of("id")))
            .dml(new DmlChange(DmlOp.DELETE, Row.of("id", 4L), null, null, null)).build()), tombstone));
        assertThat(redis.exists(p + ":" + view + ":4")).isFalse();
        assertThat(redis.smembers(p + ":keys:" + view)).containsExactly(p + ":" + view + ":3");
        assertThat(redis.exists(p + ":applied:idaas-views")).as("a view's positions compare only per partition").isFalse();
        assertThat(redis.hget(p + ":offsets:sink-" + p, view + "/0")).isEqualTo("4");
        task.stop();
    }

    @Test
    void redisDownIsRetriedAndNothingIsSkipped() {
        String table = unique("down");
        String p = unique("r");
        RedisSinkTask task = task(table, p, new FakeSinkContext(true));
        task.put(records(table, insert(table, 1, "a", 1)));
        List<SinkRecord> batch = records(table, insert(table, 2, "b", 2), insert(table, 3, "c", 3));
        int port = server.port();
        redis.close();
        server.close();
        try {
            assertThatThrownBy(() -> task.put(batch)).isInstanceOf(RetriableException.class);
        } finally {
            server = new RedisServer(dataDir, port);
            server.start();
            redis = new Jedis(server.host(), server.port());
        }
        task.put(batch); // Connect hands the same records back
        assertThat(keySet(p, table)).hasSize(3);
        assertThat(redis.hget(p + ":offsets:sink-" + p, table + "/0")).isEqualTo("3");
        task.stop();
    }

    @Test
    void aRedisThatLostItsWritesIsFilledAgainFromTheOffsetsItStillHolds() throws Exception {
        String table = unique("lost");
        String p = unique("l");
        FakeSinkContext context = new FakeSinkContext(true);
        RedisSinkTask task = task(table, p, context);
        List<SinkRecord> first = records(table, insert(table, 1, "a", 1), insert(table, 2, "b", 2), insert(table, 3, "c", 3));
        task.put(first);
        List<SinkRecord> next = records(table, insert(table, 4, "d", 4));
        int port = server.port();
        redis.close();
        server.close();
        try (var files = java.nio.file.Files.walk(dataDir)) { // Redis comes back empty, as after a crash without persistence
            files.sorted(java.util.Comparator.reverseOrder()).filter(f -> !f.equals(dataDir)).forEach(f -> f.toFile().delete());
        }
        server = new RedisServer(dataDir, port);
        server.start();
        redis = new Jedis(server.host(), server.port());

        assertThatThrownBy(() -> task.put(next)).isInstanceOf(RetriableException.class); // the old connection is gone
        task.put(next); // handed back: the task sees that Redis lost offsets 0 to 2, and goes back there
        assertThat(context.seeks).containsEntry(new TopicPartition(table, 0), 0L);
        assertThat(keySet(p, table)).isEmpty();
        List<SinkRecord> again = new ArrayList<>(first);
        again.addAll(next);
        task.put(again); // what the consumer delivers after the seek
        assertThat(keySet(p, table)).hasSize(4);
        assertThat(redis.hget(p + ":offsets:sink-" + p, table + "/0")).isEqualTo("4");
        task.stop();
    }

    @Test
    void maxmemoryReachedIsNamedRetriedAndNeverDropped() {
        String table = unique("oom");
        String p = unique("m");
        RedisSinkTask task = task(table, p, new FakeSinkContext(true));
        List<SinkRecord> batch = records(table, insert(table, 1, "a", 1));
        long used = Long.parseLong(redis.info("memory").lines().filter(l -> l.startsWith("used_memory:"))
            .findFirst().orElseThrow().substring("used_memory:".length()).trim());
        redis.configSet("maxmemory-policy", "noeviction");
        redis.configSet("maxmemory", String.valueOf(used / 2));
        try {
            assertThatThrownBy(() -> task.put(batch)).isInstanceOf(RetriableException.class)
                .hasMessageContaining("maxmemory").hasMessageContaining("maxmemory-policy");
            assertThat(keySet(p, table)).isEmpty();
        } finally {
            redis.configSet("maxmemory", "0");
        }
        task.put(batch);
        assertThat(row(p, table, "1")).containsEntry("name", "a");
        task.stop();
    }

    @Test
    void validateConnectsAndNamesTheKeyToFix() throws Exception {
        RedisSinkConnector connector = new RedisSinkConnector();
        assertThat(errors(connector.validate(Map.of("redis.uri", server.uri())))).isEmpty();

        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        assertThat(errors(connector.validate(Map.of("redis.uri", "redis://127.0.0.1:" + closed))).get("redis.uri"))
            .contains("Unable to reach Redis").contains("redis.uri");
        assertThat(errors(connector.validate(Map.of("redis.uri", "http://127.0.0.1:6379"))).get("redis.uri"))
            .contains("redis://");
        assertThat(errors(connector.validate(Map.of("redis.uri", server.uri(), "redis.key.template", "orders:shop:{id"))))
            .containsKey("redis.key.template");
        assertThat(errors(connector.validate(Map.of("redis.uri", server.uri(), "redis.type.tables", "orders:xml")))
            .get("redis.type.tables")).contains("neither hash nor json");

        redis.configSet("requirepass", "s3cret");
        try {
            Map<String, String> wrong = errors(connector.validate(Map.of("redis.uri", server.uri(), "redis.password", "nope")));
            assertThat(wrong.get("redis.password")).contains("check redis.username and redis.password");
            assertThat(errors(connector.validate(Map.of("redis.uri", server.uri())))).containsKey("redis.password");
            assertThat(errors(connector.validate(Map.of("redis.uri", server.uri(), "redis.password", "s3cret")))).isEmpty();
        } finally {
            redis.configSet("requirepass", ""); // this connection logged in before the password was set
        }
    }

    private static Map<String, String> errors(Config config) {
        Map<String, String> out = new HashMap<>();
        for (ConfigValue v : config.configValues()) {
            if (!v.errorMessages().isEmpty()) {
                out.put(v.name(), String.join("; ", v.errorMessages()));
            }
        }
        return out;
    }
}
