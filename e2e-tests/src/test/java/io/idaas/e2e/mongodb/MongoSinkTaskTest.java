package io.idaas.e2e.mongodb;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.idaas.connect.mongodb.MongoSinkConnector;
import io.idaas.connect.mongodb.MongoSinkTask;
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
import io.idaas.ddml.TableRef;
import io.idaas.ddml.TableSchema;
import io.idaas.ddml.Timing;
import io.idaas.ddml.types.PortableType;
import io.idaas.e2e.jdbc.FakeSinkContext;
import io.idaas.stack.mongo.MongoServer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.BsonType;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.math.BigDecimal;
import java.net.ServerSocket;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The MongoDB sink task driven directly with hand-made DDML records against the local stack's {@link MongoServer}
 * (mongo-java-server in this JVM, one for this class, stopped and started by one test); MongoDB is read back with the
 * official driver, not the sink's code. Each test has its own database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MongoSinkTaskTest {

    private final AtomicLong positions = new AtomicLong(1000);
    private final Map<String, AtomicLong> offsets = new HashMap<>();
    private MongoServer server;
    private MongoClient mongo;

    @BeforeAll
    void startMongo() {
        server = new MongoServer(0);
        server.start();
        mongo = MongoClients.create(server.connectionString());
    }

    @AfterAll
    void stopMongo() {
        mongo.close();
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

    /** A started task on topic {@code topic} partition 0, writing into database {@code database}. */
    MongoSinkTask task(String topic, String database, FakeSinkContext context, String... settings) {
        List<String> all = new ArrayList<>(List.of("mongodb.timeout.ms", "1500"));
        all.addAll(List.of(settings));
        return started(server.connectionString(), topic, database, context, all.toArray(String[]::new));
    }

    /**
     * A started task on topic {@code topic} partition 0 of the MongoDB at {@code connectionString}, writing into
     * database {@code database}; {@code settings} are more keys and values, put last.
     */
    static MongoSinkTask started(String connectionString, String topic, String database, FakeSinkContext context,
                                 String... settings) {
        Map<String, String> props = new HashMap<>(Map.of("name", "sink-" + database, "mongodb.connection.uri",
            connectionString, "mongodb.database", database, "max.retries", "3", "retry.backoff.ms", "10"));
        for (int i = 0; i < settings.length; i += 2) {
            props.put(settings[i], settings[i + 1]);
        }
        MongoSinkTask task = new MongoSinkTask();
        task.initialize(context);
        task.start(props);
        task.open(List.of(new TopicPartition(topic, 0)));
        return task;
    }

    static String unique(String what) {
        return what + "_" + UUID.randomUUID().toString().substring(0, 8);
    }

    BsonDocument doc(String database, String collection, Object id) {
        return mongo.getDatabase(database).getCollection(collection, BsonDocument.class).find(Filters.eq("_id", id)).first();
    }

    long count(String database, String collection) {
        return mongo.getDatabase(database).getCollection(collection).countDocuments();
    }

    long storedOffset(String database, String topic) {
        Document d = mongo.getDatabase(database).getCollection("_idaas_offsets")
            .find(Filters.eq("_id", "sink-" + database + "/" + topic + "/0")).first();
        return d == null ? -1 : d.getLong("offset");
    }

    // ---------------------------------------------------------------- tests

    @Test
    void anOlderEventReplayedChangesNothingAndTheSameEventTwiceIsAppliedOnce() {
        String table = unique("guard");
        String db = unique("g");
        long first = positions.incrementAndGet();
        long second = positions.incrementAndGet();
        MongoSinkTask task = task(table, db, new FakeSinkContext(true));
        DdmlEvent inserted = insertAt(table, 1, "a", 1, first);
        DdmlEvent updated = update(table, 1, 1, "b", 2, second);
        task.put(records(table, inserted, updated));

        BsonDocument row = doc(db, table, 1);
        assertThat(row.getInt32("id").getValue()).isEqualTo(1);
        assertThat(row.getString("name").getValue()).isEqualTo("b");
        assertThat(row.getInt64("qty").getValue()).isEqualTo(2L);
        assertThat(row.getDocument("_ddml").getString("sortable").getValue()).isEqualTo(position(second));
        assertThat(row.getDocument("_ddml").getString("fingerprint").getValue()).isEqualTo(schema().fingerprint());

        task.put(records(table, inserted)); // older: no regression
        assertThat(doc(db, table, 1).getString("name").getValue()).isEqualTo("b");

        mongo.getDatabase(db).getCollection(table).updateOne(Filters.eq("_id", 1),
            new Document("$set", new Document("name", "changed by hand")));
        task.put(records(table, updated)); // the same event again: skipped, so the hand-made change stays
        assertThat(doc(db, table, 1).getString("name").getValue()).isEqualTo("changed by hand");
        assertThat(count(db, table)).isEqualTo(1);

        assertThat(mongo.getDatabase(db).getCollection("_idaas_applied").countDocuments())
            .as("no applied position without applied.kafka.bootstrap.servers").isZero();
        assertThat(storedOffset(db, table)).isEqualTo(4);
        Map<TopicPartition, OffsetAndMetadata> committed = task.preCommit(
            Map.of(new TopicPartition(table, 0), new OffsetAndMetadata(0)));
        assertThat(committed.get(new TopicPartition(table, 0)).offset()).isEqualTo(4);
        task.stop();
    }

    @Test
    void openSeeksToTheOffsetsMongoHoldsAndRecordsBeforeThemAreNotAppliedAgain() {
        String table = unique("offsets");
        String db = unique("o");
        MongoSinkTask task = task(table, db, new FakeSinkContext(true));
        task.put(records(table, insert(table, 1, "a", 1), insert(table, 2, "b", 2), insert(table, 3, "c", 3)));
        task.stop();

        FakeSinkContext again = new FakeSinkContext(true);
        MongoSinkTask restarted = task(table, db, again);
        assertThat(again.seeks).containsEntry(new TopicPartition(table, 0), 3L);
        // a record MongoDB already covers (offset 1), handed back with other content: not applied
        restarted.put(List.of(new SinkRecord(table, 0, null, null, null, insert(table, 2, "late", 9), 1)));
        assertThat(doc(db, table, 2).getString("name").getValue()).isEqualTo("b");
        restarted.stop();
    }

    @Test
    void aKeyChangeMovesTheDocumentAndADeleteLeavesATombstone() {
        String table = unique("keys");
        String db = unique("k");
        MongoSinkTask task = task(table, db, new FakeSinkContext(true));
        long insertedAt = positions.incrementAndGet();
        task.put(records(table, insertAt(table, 1, "a", 1, insertedAt), insert(table, 5, "e", 5)));

        task.put(records(table, update(table, 1, 2, "b", 1, positions.incrementAndGet())));
        assertThat(doc(db, table, 1)).isNull();
        assertThat(doc(db, table, 2).getString("name").getValue()).isEqualTo("b");

        // the DDML form of a key change: delete of the old key, insert of the new one, in one batch
        task.put(records(table, delete(table, 2), insert(table, 3, "c", 3)));
        assertThat(doc(db, table, 2)).isNull();
        assertThat(doc(db, table, 3).getString("name").getValue()).isEqualTo("c");
        Document tomb = mongo.getDatabase(db).getCollection("_idaas_tombstones")
            .find(Filters.eq("_id", new Document("c", table).append("k", 2))).first();
        assertThat(tomb).isNotNull();
        assertThat(tomb.getDate("expireAt").getTime()).isGreaterThan(System.currentTimeMillis() + 6L * 86_400_000);
        assertThat(mongo.getDatabase(db).getCollection("_idaas_tombstones").listIndexes().into(new ArrayList<>()))
            .anySatisfy(i -> assertThat(((Number) i.get("expireAfterSeconds", 0L))).isNotNull());

        // an older insert of the deleted key, replayed: the tombstone keeps it out
        task.put(records(table, insertAt(table, 2, "b", 1, insertedAt)));
        assertThat(doc(db, table, 2)).isNull();
        // a key changed and changed back within one batch keeps the order of its changes
        task.put(records(table, update(table, 5, 6, "f", 6, positions.incrementAndGet()),
            update(table, 6, 5, "e2", 7, positions.incrementAndGet())));
        assertThat(doc(db, table, 6)).isNull();
        assertThat(doc(db, table, 5).getString("name").getValue()).isEqualTo("e2");
        assertThat(count(db, table)).isEqualTo(2);
        task.stop();
    }

    @Test
    void truncateDeletesTheDocumentsWrittenBeforeItAndKeepsOlderReplaysOut() {
        String table = unique("trunc");
        String db = unique("t");
        MongoSinkTask task = task(table, db, new FakeSinkContext(true));
        long early = positions.incrementAndGet();
        task.put(records(table, insertAt(table, 1, "a", 1, early), insert(table, 2, "b", 2)));
        DdmlEvent truncate = event(table, schema(), positions.incrementAndGet()).dml(DmlChange.truncate()).build();
        task.put(records(table, truncate, insert(table, 3, "c", 3)));
        assertThat(count(db, table)).isEqualTo(1);
        assertThat(doc(db, table, 3)).isNotNull();
        assertThat(mongo.getDatabase(db).getCollection("_idaas_tables").find(Filters.eq("_id", table)).first()
            .getString("truncated")).isEqualTo(truncate.position().sortable());

        task.put(records(table, insertAt(table, 1, "a", 1, early))); // replayed from before the truncate
        assertThat(doc(db, table, 1)).isNull();

        // truncate_table (DDL) the same way
        task.put(records(table, ddl(table, schema(), DdlChange.builder(DdlOp.TRUNCATE_TABLE).build())));
        assertThat(count(db, table)).isZero();
        task.stop();
    }

    @Test
    void eachDdlAppliesUnderItsPolicy() {
        String table = unique("ddl");
        String db = unique("d");
        MongoSinkTask task = task(table, db, new FakeSinkContext(true), "mongodb.key.index", "true");
        task.put(records(table, ddl(table, schema("note", "extra"), DdlChange.builder(DdlOp.CREATE_TABLE).build())));
        MongoDatabase d = mongo.getDatabase(db);
        assertThat(d.listCollectionNames().into(new ArrayList<>())).contains(table);
        assertThat(d.getCollection(table).listIndexes().into(new ArrayList<>()))
            .anySatisfy(i -> assertThat(i.getString("name")).isEqualTo("_idaas_key"));

        TableSchema wide = schema("note", "extra");
        task.put(records(table, event(table, wide, positions.incrementAndGet()).dml(DmlChange.insert(
            Row.of("id", 1, "name", "a", "qty", 1L, "note", "n", "extra", "x"))).build()));
        // drop column extra, rename note to remark: the documents written before change
        TableSchema after = TableSchema.of(List.of(wide.columns().get(0), wide.columns().get(1), wide.columns().get(2),
            Column.of("remark", PortableType.STRING)), List.of("id"));
        task.put(records(table, ddl(table, after, DdlChange.builder(DdlOp.ALTER_TABLE).dropped(List.of("extra"))
            .renamed(List.of(new RenamedColumn("note", "remark"))).build())));
        BsonDocument row = doc(db, table, 1);
        assertThat(row.containsKey("extra")).isFalse();
        assertThat(row.containsKey("note")).isFalse();
        assertThat(row.getString("remark").getValue()).isEqualTo("n");

        // rename table: renameCollection
        String renamed = unique("ddl_renamed");
        task.put(records(table, event(renamed, after, positions.incrementAndGet()).dml(null)
            .ddl(DdlChange.builder(DdlOp.RENAME_TABLE).renamedFrom(new TableRef("shop", null, table)).build()).build()));
        assertThat(d.listCollectionNames().into(new ArrayList<>())).contains(renamed).doesNotContain(table);
        assertThat(doc(db, renamed, 1).getString("remark").getValue()).isEqualTo("n");

        // drop table: the collection goes, and an older insert replayed stays out
        long beforeDrop = positions.incrementAndGet();
        task.put(records(table, ddl(renamed, after, DdlChange.builder(DdlOp.DROP_TABLE).build())));
        assertThat(d.listCollectionNames().into(new ArrayList<>())).doesNotContain(renamed);
        task.put(records(table, event(renamed, after, beforeDrop).dml(DmlChange.insert(Row.of("id", 9, "name", "z",
            "qty", 1L, "remark", "r"))).build()));
        assertThat(doc(db, renamed, 9)).isNull();
        task.stop();

        // ignore: nothing changes
        String kept = unique("kept");
        MongoSinkTask ignoring = task(kept, db, new FakeSinkContext(true), "ddl.drop.table", "ignore",
            "ddl.drop.column", "ignore", "ddl.rename.column", "ignore", "ddl.truncate", "ignore");
        ignoring.put(records(kept, event(kept, wide, positions.incrementAndGet()).dml(DmlChange.insert(
            Row.of("id", 1, "name", "a", "qty", 1L, "note", "n", "extra", "x"))).build()));
        ignoring.put(records(kept, ddl(kept, after, DdlChange.builder(DdlOp.ALTER_TABLE).dropped(List.of("extra"))
            .renamed(List.of(new RenamedColumn("note", "remark"))).build()),
            event(kept, after, positions.incrementAndGet()).dml(DmlChange.truncate()).build(),
            ddl(kept, after, DdlChange.builder(DdlOp.DROP_TABLE).build())));
        BsonDocument keptRow = doc(db, kept, 1);
        assertThat(keptRow.getString("extra").getValue()).isEqualTo("x");
        assertThat(keptRow.getString("note").getValue()).isEqualTo("n");
        ignoring.stop();

        // fail: the task stops, naming the key
        String failing = unique("failing");
        MongoSinkTask strict = task(failing, db, new FakeSinkContext(true), "ddl.drop.table", "fail");
        assertThatThrownBy(() -> strict.put(records(failing, ddl(failing, after, DdlChange.builder(DdlOp.DROP_TABLE).build()))))
            .isInstanceOf(ConnectException.class).hasMessageContaining("ddl.drop.table=fail");
        strict.stop();
    }

    /**
     * A column added is a field of every document, null in those written before; also when the alter_table event lacks
     * its structured description (one re-read after a source connector restart did), from the schema it carries.
     */
    @Test
    void aColumnAddedIsNullInTheDocumentsWrittenBeforeEvenWithoutTheStructuredDescription() {
        String table = unique("added");
        String db = unique("c");
        MongoSinkTask task = task(table, db, new FakeSinkContext(true));
        task.put(records(table, insert(table, 1, "a", 1), insert(table, 2, "b", 2)));
        TableSchema wider = schema("extra");
        task.put(records(table, ddl(table, wider, DdlChange.builder(DdlOp.ALTER_TABLE).statement("ALTER TABLE t ADD COLUMN extra TEXT").build()),
            event(table, wider, positions.incrementAndGet()).dml(DmlChange.insert(Row.of("id", 3, "name", "c", "qty", 3L,
                "extra", "x"))).build()));
        assertThat(doc(db, table, 1).get("extra").isNull()).isTrue();
        assertThat(doc(db, table, 2).get("extra").isNull()).isTrue();
        assertThat(doc(db, table, 3).getString("extra").getValue()).isEqualTo("x");
        task.stop();

        // a task that starts at the alter_table (it wrote no rows before) takes every column of the schema
        String other = unique("added_fresh");
        MongoSinkTask first = task(other, db, new FakeSinkContext(true));
        first.put(records(other, insert(other, 1, "a", 1)));
        first.stop();
        MongoSinkTask fresh = task(other, db, new FakeSinkContext(true));
        fresh.put(records(other, ddl(other, wider, DdlChange.builder(DdlOp.ALTER_TABLE).build())));
        assertThat(doc(db, other, 1).get("extra").isNull()).isTrue();
        assertThat(doc(db, other, 1).getString("name").getValue()).as("existing fields kept").isEqualTo("a");
        fresh.stop();
    }

    @Test
    void awkwardNamesCompositeKeysAndValues() {
        String table = "Bestellung mit Leerzeichen ü " + UUID.randomUUID().toString().substring(0, 6);
        String db = unique("a");
        TableSchema s = TableSchema.of(List.of(
            Column.builder("shop", PortableType.string(10)).nullable(false).build(),
            Column.builder("no", PortableType.INT64).nullable(false).build(),
            Column.of("amount", PortableType.decimal(38, 10)),
            Column.of("price", PortableType.decimal(10, 2)),
            Column.of("at", PortableType.timestamp(6)),
            Column.of("payload", PortableType.BYTES),
            Column.of("doc", PortableType.JSON),
            Column.of("tags", PortableType.arrayOf(PortableType.INT32)),
            Column.of("gone", PortableType.STRING)), List.of("shop", "no"));
        MongoSinkTask task = task(table, db, new FakeSinkContext(true));
        Map<String, Object> values = new HashMap<>();
        values.put("shop", "Zürich");
        values.put("no", 7L);
        values.put("amount", new BigDecimal("1234567890123456789012345678.0123456789"));
        values.put("price", new BigDecimal("-0.50"));
        values.put("at", LocalDateTime.of(2025, 3, 14, 9, 26, 53, 589_793_000));
        values.put("payload", new byte[]{0, (byte) 255, 10});
        values.put("doc", "{\"a\":[1,[2,{\"b\":null}]],\"c\":{\"d\":1.50}}");
        values.put("tags", Arrays.asList(1, null, 3));
        values.put("gone", null);
        task.put(records("awkward", event(table, s, positions.incrementAndGet()).dml(DmlChange.insert(Row.of(values))).build()));

        BsonDocument id = new BsonDocument("shop", new BsonString("Zürich")).append("no", new org.bson.BsonInt64(7));
        BsonDocument row = doc(db, table, id);
        assertThat(row).as("composite key as an embedded _id in key order").isNotNull();
        assertThat(row.getString("amount").getValue()).isEqualTo("1234567890123456789012345678.0123456789");
        assertThat(row.getDecimal128("price").getValue().bigDecimalValue()).isEqualTo(new BigDecimal("-0.50"));
        assertThat(row.getString("at").getValue()).isEqualTo("2025-03-14T09:26:53.589793");
        assertThat(row.getBinary("payload").getData()).containsExactly(0, 255, 10);
        assertThat(row.getDocument("doc").getArray("a").get(1).asArray().get(1).asDocument().get("b").getBsonType())
            .isEqualTo(BsonType.NULL);
        assertThat(row.getDocument("doc").getDocument("c").getDecimal128("d").getValue().bigDecimalValue())
            .isEqualTo(new BigDecimal("1.50"));
        assertThat(row.getArray("tags").get(1).isNull()).isTrue();
        assertThat(row.get("gone").isNull()).as("SQL NULL is BSON null").isTrue();
        assertThat(row.getString("shop").getValue()).as("key columns are fields too").isEqualTo("Zürich");
        task.stop();
    }

    @Test
    void setModeKeepsFieldsTheEventDoesNotCarryAndReplaceModeDoesNot() {
        String db = unique("m");
        String table = unique("mode");
        MongoSinkTask set = task(table, db, new FakeSinkContext(true), "mongodb.write.mode", "set");
        set.put(records(table, insert(table, 1, "a", 1)));
        mongo.getDatabase(db).getCollection(table).updateOne(Filters.eq("_id", 1),
            new Document("$set", new Document("added_by_app", true)));
        set.put(records(table, update(table, 1, 1, "b", 2, positions.incrementAndGet())));
        assertThat(doc(db, table, 1).getBoolean("added_by_app").getValue()).isTrue();
        assertThat(doc(db, table, 1).getString("name").getValue()).isEqualTo("b");
        set.stop();

        MongoSinkTask replace = task(table, db, new FakeSinkContext(true));
        replace.put(records(table, update(table, 1, 1, "c", 3, positions.incrementAndGet())));
        assertThat(doc(db, table, 1).containsKey("added_by_app")).isFalse();
        assertThat(doc(db, table, 1).getString("name").getValue()).isEqualTo("c");
        replace.stop();
    }

    @Test
    void recordsThatCannotBeWrittenGoToTheDeadLetterTopicWithTheReasonAndTheRestApplies() {
        String table = unique("dlq");
        String db = unique("q");
        FakeSinkContext context = new FakeSinkContext(true);
        MongoSinkTask task = task(table, db, context);
        TableSchema keyless = TableSchema.of(List.of(Column.of("a", PortableType.INT32)), List.of());
        TableSchema json = TableSchema.of(List.of(Column.builder("id", PortableType.INT32).nullable(false).build(),
            Column.of("j", PortableType.JSON)), List.of("id"));
        TableSchema clash = TableSchema.of(List.of(Column.builder("id", PortableType.INT32).nullable(false).build(),
            Column.of("_ddml", PortableType.STRING)), List.of("id"));
        String other = unique("other");
        DdmlEvent omitted = event(other, schema(), positions.incrementAndGet()).specVersion(Omitted.SPEC_VERSION)
            .dml(new DmlChange(DmlOp.UPDATE, Row.of("id", 4), null, null, null,
                Omitted.unrepresentableValue("column c_ts (after): PostgreSQL's timestamp 'infinity' has no DDML value"))).build();
        task.put(records(table,
            event(other, keyless, positions.incrementAndGet()).dml(DmlChange.insert(Row.of("a", 1))).build(), // no key
            "this is not DDML",
            omitted,
            event("bad$name", schema(), positions.incrementAndGet()).dml(DmlChange.insert(Row.of("id", 1, "name", "x", "qty", 1L))).build(),
            event(other, json, positions.incrementAndGet()).dml(DmlChange.insert(Row.of("id", 2, "j", "\"null\""))).build(),
            event(other, clash, positions.incrementAndGet()).dml(DmlChange.insert(Row.of("id", 3, "_ddml", "x"))).build(),
            insert(other, 5, "fine", 5)));
        assertThat(context.reported).hasSize(6);
        assertThat(context.reasons.get(0).getMessage()).contains("no_key").contains("no primary key");
        assertThat(context.reasons.get(1).getMessage()).contains("not a valid DDML event");
        assertThat(context.reasons.get(2).getMessage()).contains("was not carried").contains("infinity").contains("stale");
        assertThat(context.reasons.get(3).getMessage()).contains("bad$name").contains("'$'").contains("mongodb.collection.template");
        assertThat(context.reasons.get(4).getMessage()).contains("column j").contains("could not tell");
        assertThat(context.reasons.get(5).getMessage()).contains("_ddml").contains("the sink's own");
        assertThat(doc(db, other, 5).getString("name").getValue()).isEqualTo("fine");
        assertThat(count(db, other)).isEqualTo(1);
        assertThat(storedOffset(db, table)).isEqualTo(7);
        task.stop();

        // without a dead-letter topic the task fails, naming the record
        String failing = unique("fail");
        MongoSinkTask strict = task(failing, db, new FakeSinkContext(false));
        assertThatThrownBy(() -> strict.put(records(failing, "not DDML either")))
            .isInstanceOf(ConnectException.class).hasMessageContaining("not a valid DDML event")
            .hasMessageContaining("errors.deadletterqueue.topic.name");
        strict.stop();
    }

    @Test
    void aWriteMongoDbRefusesIsDeadLetteredWithItsReasonNotSkipped() {
        String table = unique("refused");
        String db = unique("u");
        mongo.getDatabase(db).getCollection(table).createIndex(new Document("name", 1),
            new com.mongodb.client.model.IndexOptions().unique(true));
        FakeSinkContext context = new FakeSinkContext(true);
        MongoSinkTask task = task(table, db, context);
        task.put(records(table, insert(table, 1, "same", 1), insert(table, 2, "same", 2), insert(table, 3, "other", 3)));
        assertThat(context.reasons).hasSize(1);
        assertThat(context.reasons.get(0).getMessage()).contains("MongoDB refused").contains("11000").contains("name");
        assertThat(context.reported.get(0).kafkaOffset()).isEqualTo(1);
        assertThat(count(db, table)).isEqualTo(2);
        assertThat(storedOffset(db, table)).isEqualTo(3);
        task.stop();
    }

    @Test
    void aDocumentOver16MebibytesIsDeadLetteredAndOneJustUnderIsWritten() {
        String table = unique("big");
        String db = unique("b");
        TableSchema s = TableSchema.of(List.of(Column.builder("id", PortableType.INT32).nullable(false).build(),
            Column.of("blob", PortableType.BYTES)), List.of("id"));
        FakeSinkContext context = new FakeSinkContext(true);
        MongoSinkTask task = task(table, db, context);
        byte[] under = new byte[16 * 1024 * 1024 - 1024];
        byte[] over = new byte[16 * 1024 * 1024];
        under[under.length - 1] = 42;
        task.put(records(table,
            event(table, s, positions.incrementAndGet()).dml(DmlChange.insert(Row.of("id", 1, "blob", under))).build(),
            event(table, s, positions.incrementAndGet()).dml(DmlChange.insert(Row.of("id", 2, "blob", over))).build()));
        assertThat(context.reasons).hasSize(1);
        assertThat(context.reasons.get(0).getMessage()).contains("over MongoDB's limit").contains("16 MiB");
        BsonDocument written = doc(db, table, 1);
        assertThat(written.getBinary("blob").getData()).hasSize(under.length);
        assertThat(written.getBinary("blob").getData()[under.length - 1]).isEqualTo((byte) 42);
        assertThat(doc(db, table, 2)).isNull();
        task.stop();
    }

    @Test
    void aViewsChangelogIsWrittenByTheViewsKeyAndItsDeleteRemovesTheDocument() {
        String view = unique("customer_360");
        String db = unique("v");
        TableSchema s = TableSchema.of(List.of(Column.builder("id", PortableType.INT64).nullable(false).build(),
            Column.of("name", PortableType.STRING), Column.of("orders", PortableType.JSON)), List.of("id"));
        MongoSinkTask task = task(view, db, new FakeSinkContext(true));
        java.util.function.LongFunction<DdmlEvent.Builder> at = n -> DdmlEvent.builder()
            .source(new Source("idaas-views", "idaas-views", null, null, view))
            .position(Position.of(String.format("%010d:%020d/2/0000000000", 0, n), Map.of())).time(Timing.of(1L, 1L, 1L))
            .schema(s);
        task.put(records(view, at.apply(1).dml(DmlChange.insert(Row.of("id", 3L, "name", "Ada", "orders",
                "[{\"id\":1,\"lines\":[{\"sku\":\"x\",\"qty\":2}]}]"))).build(),
            at.apply(2).dml(DmlChange.insert(Row.of("id", 4L, "name", "Bob", "orders", "[]"))).build()));
        BsonDocument ada = doc(db, view, 3L);
        assertThat(ada.getString("name").getValue()).isEqualTo("Ada");
        assertThat(ada.getArray("orders").get(0).asDocument().getArray("lines").get(0).asDocument().getInt32("qty").getValue())
            .isEqualTo(2);

        SinkRecord tombstone = record(view, null);
        task.put(List.of(record(view, at.apply(3).schema(TableSchema.of(List.of(s.columns().get(0)), List.of("id")))
            .dml(new DmlChange(DmlOp.DELETE, Row.of("id", 4L), null, null, null)).build()), tombstone));
        assertThat(doc(db, view, 4L)).isNull();
        assertThat(count(db, view)).isEqualTo(1);
        assertThat(mongo.getDatabase(db).getCollection("_idaas_applied").countDocuments())
            .as("a view's positions compare only per partition").isZero();
        assertThat(storedOffset(db, view)).isEqualTo(4);
        task.stop();
    }

    @Test
    void mongoDownIsRetriedAndNothingIsSkipped() {
        String table = unique("down");
        String db = unique("r");
        MongoSinkTask task = task(table, db, new FakeSinkContext(true));
        task.put(records(table, insert(table, 1, "a", 1)));
        List<SinkRecord> batch = records(table, insert(table, 2, "b", 2), insert(table, 3, "c", 3));
        server.stop();
        try {
            assertThatThrownBy(() -> task.put(batch)).isInstanceOf(RetriableException.class);
        } finally {
            server.start();
        }
        task.put(batch); // Connect hands the same records back
        assertThat(count(db, table)).isEqualTo(3);
        assertThat(storedOffset(db, table)).isEqualTo(3);
        task.stop();
    }

    @Test
    void validateConnectsAndNamesTheKeyToFix() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        MongoSinkConnector connector = new MongoSinkConnector();
        Config down = connector.validate(Map.of("mongodb.connection.uri", "mongodb://127.0.0.1:" + closed,
            "mongodb.database", "x", "topics", "t"));
        assertThat(errors(down, "mongodb.connection.uri")).singleElement().asString()
            .contains("Unable to reach MongoDB").contains("mongodb.connection.uri");
        Config bad = connector.validate(Map.of("mongodb.connection.uri", "http://nope", "mongodb.database", "a.b",
            "mongodb.collection.template", "{tabel}", "topics", "t"));
        assertThat(errors(bad, "mongodb.connection.uri")).singleElement().asString().contains("not a MongoDB connection string");
        assertThat(errors(bad, "mongodb.database")).singleElement().asString().contains("'.'");
        assertThat(errors(bad, "mongodb.collection.template")).singleElement().asString().contains("{table}");
        Config up = connector.validate(Map.of("mongodb.connection.uri", server.connectionString(), "mongodb.database", "x",
            "topics", "t"));
        assertThat(up.configValues()).allSatisfy(v -> assertThat(v.errorMessages()).as(v.name()).isEmpty());
    }

    private static List<String> errors(Config config, String key) {
        return config.configValues().stream().filter(v -> v.name().equals(key)).findFirst()
            .map(ConfigValue::errorMessages).orElseThrow();
    }
}
