package io.idaas.e2e.mongodb;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import io.idaas.connect.mongodb.MongoSinkTask;
import io.idaas.ddml.Column;
import io.idaas.ddml.DdmlEvent;
import io.idaas.ddml.DmlChange;
import io.idaas.ddml.Position;
import io.idaas.ddml.Row;
import io.idaas.ddml.SortablePosition;
import io.idaas.ddml.Source;
import io.idaas.ddml.SourceSystem;
import io.idaas.ddml.TableSchema;
import io.idaas.ddml.Timing;
import io.idaas.ddml.types.PortableType;
import io.idaas.e2e.jdbc.FakeSinkContext;
import io.idaas.stack.mongo.MongoServer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The MongoDB sink's master-detail merge ({@code mongodb.merge.arrays}) driven with hand-made DDML records against the
 * local stack's {@link MongoServer}; documents are read back with the official driver. Child table {@code items}
 * (key {@code id}, parent key {@code order_id}) goes into array {@code lines} of collection {@code orders}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MongoMergeTaskTest {

    private static final TableSchema ORDERS = TableSchema.of(List.of(
        Column.builder("id", PortableType.INT32).nullable(false).build(), Column.of("customer", PortableType.string(40))),
        List.of("id"));
    private static final TableSchema ITEMS = TableSchema.of(List.of(
        Column.builder("id", PortableType.INT32).nullable(false).build(), Column.of("order_id", PortableType.INT32),
        Column.of("name", PortableType.string(40)), Column.of("qty", PortableType.INT64)), List.of("id"));

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

    static DdmlEvent.Builder event(String table, TableSchema schema, long pos) {
        return DdmlEvent.builder().source(Source.of(SourceSystem.MARIADB, "m", "shop", null, table))
            .position(Position.of(SortablePosition.of(SortablePosition.mysql("bin.000001", pos),
                SortablePosition.Phase.CHANGE, 0), Map.of())).time(Timing.of(1L, 2L, 3L)).schema(schema);
    }

    long next() {
        return positions.incrementAndGet();
    }

    static Row item(int id, int order, String name, long qty) {
        return Row.of("id", id, "order_id", order, "name", name, "qty", qty);
    }

    DdmlEvent order(int id, String customer) {
        return event("orders", ORDERS, next()).dml(DmlChange.insert(Row.of("id", id, "customer", customer))).build();
    }

    DdmlEvent deleteOrder(int id) {
        return event("orders", ORDERS, next()).dml(DmlChange.delete(Row.of("id", id, "customer", "?"))).build();
    }

    static DdmlEvent insertItem(Row row, long pos) {
        return event("items", ITEMS, pos).dml(DmlChange.insert(row)).build();
    }

    static DdmlEvent updateItem(Row before, Row after, long pos) {
        return event("items", ITEMS, pos).dml(DmlChange.update(before, after)).build();
    }

    static DdmlEvent deleteItem(Row before, long pos) {
        return event("items", ITEMS, pos).dml(DmlChange.delete(before)).build();
    }

    List<SinkRecord> records(String topic, Object... values) {
        List<SinkRecord> out = new ArrayList<>();
        for (Object v : values) {
            long offset = offsets.computeIfAbsent(topic, t -> new AtomicLong()).getAndIncrement();
            out.add(new SinkRecord(topic, 0, null, null, null, v, offset));
        }
        return out;
    }

    private final List<FakeSinkContext> contexts = new ArrayList<>();

    /** No test's records went to the dead-letter topic. */
    @org.junit.jupiter.api.AfterEach
    void nothingDeadLettered() {
        contexts.forEach(c -> assertThat(c.reasons).as("dead-lettered").isEmpty());
        contexts.clear();
    }

    MongoSinkTask task(String topic, String database, FakeSinkContext context) {
        contexts.add(context);
        Map<String, String> props = new HashMap<>(Map.of("name", "sink-" + database, "mongodb.connection.uri",
            server.connectionString(), "mongodb.database", database, "max.retries", "3", "retry.backoff.ms", "10",
            "mongodb.timeout.ms", "1500", "mongodb.merge.arrays", "items:orders:lines:order_id"));
        MongoSinkTask task = new MongoSinkTask();
        task.initialize(context);
        task.start(props);
        task.open(List.of(new TopicPartition(topic, 0)));
        return task;
    }

    static String unique(String what) {
        return what + "_" + UUID.randomUUID().toString().substring(0, 8);
    }

    BsonDocument orderDoc(String db, int id) {
        return mongo.getDatabase(db).getCollection("orders", BsonDocument.class).find(Filters.eq("_id", id)).first();
    }

    /** The array's elements by item id: "name/qty@position". */
    Map<Integer, String> lines(String db, int order) {
        BsonDocument d = orderDoc(db, order);
        Map<Integer, String> out = new TreeMap<>();
        if (d == null || !d.containsKey("lines")) {
            return out;
        }
        for (BsonValue v : d.getArray("lines")) {
            BsonDocument e = v.asDocument();
            String previous = out.put(e.getInt32("id").getValue(), e.getString("name").getValue() + "/"
                + e.getInt64("qty").getValue());
            assertThat(previous).as("item %s twice in order %s", e.get("id"), order).isNull();
            assertThat(e.getInt32("order_id").getValue()).isEqualTo(order);
            assertThat(e.getDocument("_ddml").getString("sortable").getValue()).isNotEmpty();
        }
        return out;
    }

    // ---------------------------------------------------------------- tests

    @Test
    void childrenAreInsertedUpdatedAndDeletedInTheParentsArrayAndTheParentRowKeepsIt() {
        String topic = unique("merge");
        String db = unique("m");
        MongoSinkTask task = task(topic, db, new FakeSinkContext(true));
        // children first: the parent document is created holding only _id and the array
        task.put(records(topic, insertItem(item(1, 10, "a", 1), next()), insertItem(item(2, 10, "b", 2), next())));
        assertThat(orderDoc(db, 10).keySet()).containsExactly("_id", "lines");
        assertThat(lines(db, 10)).containsExactly(Map.entry(1, "a/1"), Map.entry(2, "b/2"));

        // the parent's row (write.mode=replace) fills the rest and keeps the array
        task.put(records(topic, order(10, "ann")));
        assertThat(orderDoc(db, 10).getString("customer").getValue()).isEqualTo("ann");
        assertThat(lines(db, 10)).containsExactly(Map.entry(1, "a/1"), Map.entry(2, "b/2"));

        task.put(records(topic, updateItem(item(1, 10, "a", 1), item(1, 10, "a2", 5), next()),
            deleteItem(item(2, 10, "b", 2), next()), insertItem(item(3, 10, "c", 3), next())));
        assertThat(lines(db, 10)).containsExactly(Map.entry(1, "a2/5"), Map.entry(3, "c/3"));
        task.put(records(topic, event("orders", ORDERS, next()).dml(DmlChange.update(Row.of("id", 10, "customer", "ann"),
            Row.of("id", 10, "customer", "bob"))).build()));
        assertThat(orderDoc(db, 10).getString("customer").getValue()).isEqualTo("bob");
        assertThat(lines(db, 10)).containsExactly(Map.entry(1, "a2/5"), Map.entry(3, "c/3"));
        // an update carrying only some columns (SPEC.md section 6) keeps the element's other fields
        task.put(records(topic, updateItem(Row.of("id", 3, "order_id", 10), Row.of("id", 3, "order_id", 10, "qty", 9L),
            next())));
        assertThat(lines(db, 10)).containsExactly(Map.entry(1, "a2/5"), Map.entry(3, "c/9"));
        assertThat(mongo.getDatabase(db).listCollectionNames().into(new ArrayList<>())).doesNotContain("items");
        task.stop();
    }

    @Test
    void aChildWhoseParentKeyChangesMovesToTheNewParentWithOrWithoutTheOldParentInItsBeforeImage() {
        String topic = unique("move");
        String db = unique("mv");
        MongoSinkTask task = task(topic, db, new FakeSinkContext(true));
        task.put(records(topic, order(1, "x"), order(2, "y"), order(3, "z"), insertItem(item(1, 1, "a", 1), next()),
            insertItem(item(2, 1, "b", 1), next())));
        task.put(records(topic, updateItem(item(1, 1, "a", 1), item(1, 2, "a", 2), next())));
        assertThat(lines(db, 1)).containsExactly(Map.entry(2, "b/1"));
        assertThat(lines(db, 2)).containsExactly(Map.entry(1, "a/2"));

        // a before image holding only the key (PostgreSQL's default replica identity): pulled from every other parent
        task.put(records(topic, updateItem(Row.of("id", 1), item(1, 3, "a", 3), next())));
        assertThat(lines(db, 2)).isEmpty();
        assertThat(lines(db, 3)).containsExactly(Map.entry(1, "a/3"));
        // a child key change: the old key leaves, the new one comes
        task.put(records(topic, updateItem(item(2, 1, "b", 1), item(7, 1, "b", 1), next())));
        assertThat(lines(db, 1)).containsExactly(Map.entry(7, "b/1"));
        task.stop();
    }

    @Test
    void aParentDeletedBeforeItsChildrenLeavesThemUntilTheyGoAndARowInsertedAgainFindsThem() {
        String topic = unique("orphans");
        String db = unique("o");
        MongoSinkTask task = task(topic, db, new FakeSinkContext(true));
        task.put(records(topic, order(5, "p"), insertItem(item(1, 5, "a", 1), next()), insertItem(item(2, 5, "b", 1), next())));
        assertThat(lines(db, 5)).hasSize(2);
        // the row goes, its children (still rows of the source) stay: {_id, lines}
        task.put(records(topic, deleteOrder(5)));
        assertThat(orderDoc(db, 5).keySet()).containsExactly("_id", "lines");
        assertThat(lines(db, 5)).hasSize(2);
        // the row comes back: its fields beside the children
        task.put(records(topic, order(5, "again")));
        assertThat(orderDoc(db, 5).getString("customer").getValue()).isEqualTo("again");
        assertThat(lines(db, 5)).containsExactly(Map.entry(1, "a/1"), Map.entry(2, "b/1"));
        task.put(records(topic, deleteOrder(5), deleteItem(item(1, 5, "a", 1), next())));
        assertThat(orderDoc(db, 5).keySet()).containsExactly("_id", "lines");
        // the last child goes: the document holds nothing and goes too
        task.put(records(topic, deleteItem(item(2, 5, "b", 1), next())));
        assertThat(orderDoc(db, 5)).as("an emptied holder of children is deleted").isNull();
        // a parent without children goes at once; a child arriving after its parent's delete makes a holder, which its
        // own delete removes
        task.put(records(topic, order(6, "q"), deleteOrder(6)));
        assertThat(orderDoc(db, 6)).isNull();
        task.put(records(topic, insertItem(item(3, 6, "late", 1), next())));
        assertThat(orderDoc(db, 6).keySet()).containsExactly("_id", "lines");
        task.put(records(topic, deleteItem(item(3, 6, "late", 1), next())));
        assertThat(orderDoc(db, 6)).isNull();
        // a holder whose child moves away goes; the row of the other parent keeps its document
        task.put(records(topic, insertItem(item(4, 7, "m", 1), next()), order(8, "r")));
        task.put(records(topic, updateItem(item(4, 7, "m", 1), item(4, 8, "m", 1), next())));
        assertThat(orderDoc(db, 7)).isNull();
        assertThat(lines(db, 8)).containsExactly(Map.entry(4, "m/1"));
        assertThat(mongo.getDatabase(db).getCollection("orders").countDocuments()).isEqualTo(1);
        task.stop();
    }

    /**
     * The last child's delete and then its parent row's delete in one {@code put}: the child's {@code $pull} and the
     * row's conditional delete (only while no array holds an element) do not commute, and the driver sends an unordered
     * bulk's updates and deletes as separate commands, so they must not share a bulk (found by MongoMergePipelineTest:
     * the document kept its deleted row's fields: for an unordered bulk the driver sends every op of the first op's kind,
 * then the rest).
     */
    @Test
    void aParentRowDeletedRightAfterItsLastChildInOneBatchLeavesNoDocument() {
        String topic = unique("lastchild");
        String db = unique("l");
        MongoSinkTask task = task(topic, db, new FakeSinkContext(true));
        task.put(records(topic, order(4, "o"), order(5, "p"), insertItem(item(1, 5, "a", 1), next())));
        assertThat(lines(db, 5)).hasSize(1);
        // another row's delete first: the driver sends the deletes (4's, 5's) before the updates (the pull, 5's unset)
        task.put(records(topic, deleteOrder(4), deleteItem(item(1, 5, "a", 1), next()), deleteOrder(5)));
        assertThat(orderDoc(db, 4)).isNull();
        assertThat(orderDoc(db, 5)).as("the row and its last child are gone").isNull();
        // the other way round: the row first (it holds a child, so its fields go), then the child (the holder goes)
        task.put(records(topic, order(6, "q"), insertItem(item(2, 6, "b", 1), next())));
        task.put(records(topic, deleteOrder(6), deleteItem(item(2, 6, "b", 1), next())));
        assertThat(orderDoc(db, 6)).isNull();
        // a child pushed into a parent whose row goes in the same batch: a holder of that child
        task.put(records(topic, order(7, "r")));
        task.put(records(topic, insertItem(item(3, 7, "c", 1), next()), deleteOrder(7)));
        assertThat(orderDoc(db, 7).keySet()).containsExactly("_id", "lines");
        assertThat(lines(db, 7)).containsExactly(Map.entry(3, "c/1"));
        task.stop();
    }

    @Test
    void olderEventsReplayedNeverOverwriteANewerElementNorBringBackADeletedOrMovedOne() {
        String topic = unique("replay");
        String db = unique("r");
        MongoSinkTask task = task(topic, db, new FakeSinkContext(true));
        long p1 = next();
        long p2 = next();
        long p3 = next();
        DdmlEvent inserted = insertItem(item(1, 1, "a", 1), p1);
        DdmlEvent updated = updateItem(item(1, 1, "a", 1), item(1, 1, "a2", 2), p2);
        task.put(records(topic, inserted, updated));
        assertThat(lines(db, 1)).containsExactly(Map.entry(1, "a2/2"));
        task.put(records(topic, inserted)); // older: the newer element stays
        assertThat(lines(db, 1)).containsExactly(Map.entry(1, "a2/2"));
        // the same event again is applied once: a hand-made change of the element stays
        mongo.getDatabase(db).getCollection("orders").updateOne(Filters.eq("_id", 1),
            new org.bson.Document("$set", new org.bson.Document("lines.0.name", "by hand")));
        task.put(records(topic, updated));
        assertThat(lines(db, 1)).containsExactly(Map.entry(1, "by hand/2"));

        task.put(records(topic, deleteItem(item(1, 1, "a2", 2), p3)));
        assertThat(lines(db, 1)).isEmpty();
        task.put(records(topic, inserted, updated)); // older than the delete: the tombstone keeps it out
        assertThat(lines(db, 1)).isEmpty();

        long p4 = next();
        long p5 = next();
        DdmlEvent second = insertItem(item(2, 1, "b", 1), p4);
        task.put(records(topic, second, updateItem(item(2, 1, "b", 1), item(2, 2, "b", 1), p5)));
        assertThat(lines(db, 1)).isEmpty();
        assertThat(lines(db, 2)).containsExactly(Map.entry(2, "b/1"));
        task.put(records(topic, second)); // older than the move: not pushed into the old parent again
        assertThat(lines(db, 1)).isEmpty();
        assertThat(lines(db, 2)).containsExactly(Map.entry(2, "b/1"));

        // a fresh task (offsets reset to 0 by hand) replays everything: nothing changes
        task.stop();
        mongo.getDatabase(db).getCollection("_idaas_offsets").deleteMany(new BsonDocument());
        MongoSinkTask again = task(topic, db, new FakeSinkContext(true));
        List<SinkRecord> all = new ArrayList<>();
        long offset = 0;
        for (DdmlEvent e : List.of(inserted, updated, deleteItem(item(1, 1, "a2", 2), p3), second,
            updateItem(item(2, 1, "b", 1), item(2, 2, "b", 1), p5))) {
            all.add(new SinkRecord(topic, 0, null, null, null, e, offset++));
        }
        again.put(all);
        assertThat(lines(db, 1)).isEmpty();
        assertThat(lines(db, 2)).containsExactly(Map.entry(2, "b/1"));
        again.stop();
    }

    @Test
    void aTruncateOfTheChildTablePullsItsElementsFromEveryParentAndOlderEventsStayOut() {
        String topic = unique("trunc");
        String db = unique("t");
        MongoSinkTask task = task(topic, db, new FakeSinkContext(true));
        long old = next();
        DdmlEvent before = insertItem(item(1, 1, "a", 1), old);
        task.put(records(topic, order(1, "x"), order(2, "y"), before, insertItem(item(2, 2, "b", 1), next()),
            insertItem(item(3, 2, "c", 1), next())));
        assertThat(lines(db, 2)).hasSize(2);
        task.put(records(topic, event("items", ITEMS, next()).dml(DmlChange.truncate()).build()));
        assertThat(lines(db, 1)).isEmpty();
        assertThat(lines(db, 2)).isEmpty();
        assertThat(orderDoc(db, 1).getString("customer").getValue()).as("the parents stay").isEqualTo("x");
        task.put(records(topic, before)); // older than the truncate
        assertThat(lines(db, 1)).isEmpty();
        task.put(records(topic, insertItem(item(4, 1, "d", 1), next())));
        assertThat(lines(db, 1)).containsExactly(Map.entry(4, "d/1"));
        task.stop();
    }
}
