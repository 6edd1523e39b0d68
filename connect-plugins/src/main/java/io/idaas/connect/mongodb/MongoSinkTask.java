package io.idaas.connect.mongodb;

import io.idaas.connect.sink.ReadFrom;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoNamespace;
import com.mongodb.MongoWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
import io.idaas.connect.sink.AddedColumns;
import io.idaas.connect.sink.AppliedFrontier;
import io.idaas.connect.sink.DdlPolicy;
import io.idaas.connect.sink.DeadLetterReporter;
import io.idaas.connect.sink.RecordEvents;
import io.idaas.connect.sink.RecordFailure;
import io.idaas.connect.sink.SinkContexts;
import io.idaas.connect.sink.SinkMetrics;
import io.idaas.connect.sink.SubscribedDdl;
import io.idaas.connect.sink.TopicIdCheck;
import io.idaas.connect.sink.Version;
import io.idaas.ddml.DdlChange;
import io.idaas.ddml.DdmlEvent;
import io.idaas.ddml.DmlOp;
import io.idaas.ddml.RenamedColumn;
import io.idaas.ddml.TableRef;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Applies DDML records to MongoDB, exactly once in effect, without multi-document transactions.
 *
 * <ul>
 *   <li>A row is one document ({@link RowDocuments}); each write is guarded by the document's {@code _ddml.sortable}:
 *   an upsert applies only where the stored position is smaller than the event's (a duplicate key error on the upsert
 *   means a newer document is there: skipped, counted), a delete only where it is smaller; a deleted row leaves its
 *   position in {@code _idaas_tombstones} and a truncate in {@code _idaas_tables}, both read before rows are written, so
 *   a replayed older event never brings a row back or regresses it, and the same event twice is applied once.</li>
 *   <li>Each run of up to {@code batch.size} records is one unordered {@code bulkWrite} per collection; a document is
 *   written at most once per run, so each key's changes keep their order. DDL runs between runs, in record order.</li>
 *   <li>Only after a run's writes are acknowledged are the partitions' next offsets written to {@code _idaas_offsets},
 *   each with its topic's id; {@link #open} reads them and seeks there, and {@link #preCommit} reports them. Offsets
 *   stored for a deleted topic of the same name are never resumed from ({@link TopicIdCheck}): the task fails saying
 *   so, or, with {@code topic.recreated=restart}, applies the new topic from its start. A crash between the two replays the
 *   run, which the guard makes a no-op. What does not hold without transactions: a reader may see a run half
 *   applied (each document is atomic, the run is not).</li>
 *   <li>MongoDB unreachable, without a primary, or timing out is retried (Connect hands the same records back after
 *   {@code retry.backoff.ms}) up to {@code max.retries} times in a row, then the task fails: nothing is skipped. A
 *   record that can never be written (not DDML, a change its producer left out, no key, a value that does not encode,
 *   a document over 16 MiB, a collection name MongoDB refuses, a write MongoDB refuses) goes to the dead-letter topic
 *   with the reason ({@link DeadLetterReporter}: counted in {@link SinkMetrics}, logged at ERROR with a running
 *   count).</li>
 *   <li>{@code _idaas_applied} holds, per source, a position up to which every change is applied, raised under
 *   {@link AppliedFrontier}'s rule when {@code applied.kafka.bootstrap.servers} is set.</li>
 * </ul>
 */
public final class MongoSinkTask extends SinkTask {

    private static final Logger LOG = LoggerFactory.getLogger(MongoSinkTask.class);
    /** The source system of a view's changelog: its positions compare only within a partition. */
    static final String VIEWS_SYSTEM = "idaas-views";
    private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().ordered(false);

    static {
        io.idaas.ddml.JsonLimits.raiseJvmDefault(); // see MongoSinkConnector
    }

    private MongoSinkConfig config;
    private SubscribedDdl subscribedDdl;
    private String connector;
    private RowDocuments rows;
    /** The merged child tables by table name ({@value MongoSinkConfig#MERGE_ARRAYS}). */
    private Map<String, MergeSpec> merges;
    /** Each parent collection's merged array fields. */
    private Map<String, List<String>> parentArrays;
    private SinkMetrics metrics;
    private DeadLetterReporter deadLetters;
    private AppliedFrontier frontier;
    private TopicIdCheck topicIds;
    /** The current id of each topic of the opened partitions, written with its offsets. */
    private final Map<String, Uuid> currentTopicIds = new HashMap<>();
    private MongoClient client;
    private MongoDatabase db;
    private int failures;
    private long written;
    private long skipped;
    /** The next offset per partition that MongoDB holds (what was applied). */
    private final Map<TopicPartition, Long> committed = new HashMap<>();
    /** Partitions opened whose stored offsets could not be read yet (MongoDB was down at {@link #open}). */
    private final Set<TopicPartition> awaitingOffsets = new HashSet<>();
    /** Truncate (and drop) positions per collection, read at the start of each put. */
    private final Map<String, String> truncated = new HashMap<>();
    /** Collections this task has made sure of (created, with their key index when asked for). */
    private final Set<String> ensured = new HashSet<>();
    /** The primary key of the rows this task last wrote, per collection (to tell a real key change from a restated one). */
    private final Map<String, List<String>> keyColumns = new HashMap<>();
    private boolean tombstoneIndex;
    /** The columns of the schema of the last row this task wrote, per collection (to find columns an alter_table added). */
    private final AddedColumns addedColumns = new AddedColumns();

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        config = new MongoSinkConfig(props);
        subscribedDdl = SubscribedDdl.of(props);
        connector = props.getOrDefault("name", "idaas-mongodb-sink");
        merges = config.merges();
        Map<String, List<String>> parents = new HashMap<>();
        merges.values().forEach(m -> parents.computeIfAbsent(m.parent(), p -> new ArrayList<>()).add(m.array()));
        parentArrays = Map.copyOf(parents);
        rows = new RowDocuments(config.writeMode(), config.tombstoneTtlSeconds(), parentArrays);
        metrics = SinkMetrics.registerWithoutTables(SinkContexts.pluginMetrics(context));
        deadLetters = new DeadLetterReporter(SinkContexts.reporter(context), metrics, LOG, "MongoDB");
        frontier = new AppliedFrontier(config.appliedKafka(), AppliedFrontier.topicsOf(props));
        if (!frontier.enabled()) {
            LOG.warn("{} is not set: _idaas_applied is not written, so consistency tokens cannot be checked against "
                + "this MongoDB copy, and the offsets in _idaas_offsets are resumed without checking that their topics "
                + "were not deleted and created again since", MongoSinkConfig.APPLIED_KAFKA_BOOTSTRAP);
        }
        topicIds = new TopicIdCheck(config.appliedKafka(), MongoSinkConfig.APPLIED_KAFKA_BOOTSTRAP,
            config.topicRecreated(), metrics);
        frontier.startBackground(connector, () -> {
            MongoClient own = MongoConnections.open(config.connectionUri(), config.timeoutMs());
            return new MongoAppliedStore(own.getDatabase(config.database()), connector, own);
        });
    }



    @Override
    public void open(Collection<TopicPartition> partitions) {
        awaitingOffsets.addAll(partitions);
        try {
            seekToStoredOffsets();
        } catch (RuntimeException e) {
            // Connect kills a task that throws from open(), even a RetriableException: read them at the next put().
            LOG.warn("Cannot resume from the offsets in MongoDB yet ({}); reading them before the first records are "
                + "applied", e instanceof ConnectException ? e.getMessage() : MongoErrors.describe(e));
        }
    }

    /**
     * Seeks the partitions opened since the last read to the offsets MongoDB holds for them, once their topics' ids say
     * they are theirs; a recreated topic's partitions (under {@code topic.recreated=restart}) go back to 0.
     *
     * @return the partitions sent back to offset 0: their records handed to this put() are not applied now
     */
    private Set<TopicPartition> seekToStoredOffsets() {
        if (awaitingOffsets.isEmpty()) {
            return Set.of();
        }
        Map<String, TopicPartition> byId = new HashMap<>();
        awaitingOffsets.forEach(tp -> byId.put(MongoLayout.offsetId(connector, tp), tp));
        Map<TopicPartition, TopicIdCheck.Stored> stored = new HashMap<>();
        BsonArray ids = new BsonArray();
        byId.keySet().forEach(id -> ids.add(new BsonString(id)));
        for (BsonDocument d : db().getCollection(MongoLayout.OFFSETS, BsonDocument.class).find(Filters.in("_id", ids))) {
            TopicPartition tp = byId.get(d.getString("_id").getValue());
            BsonValue next = d.get("offset");
            BsonValue topicId = d.get(MongoLayout.TOPIC_ID);
            if (tp != null && next != null && next.isNumber()) {
                stored.put(tp, new TopicIdCheck.Stored(next.asNumber().longValue(),
                    topicId instanceof BsonString id ? Uuid.fromString(id.getValue()) : null));
            }
        }
        TopicIdCheck.Outcome outcome = topicIds.check(Set.copyOf(awaitingOffsets), stored, this::describeOffsets);
        currentTopicIds.putAll(outcome.ids());
        Map<TopicPartition, Long> seek = new HashMap<>(outcome.resume());
        if (!outcome.restart().isEmpty()) {
            Map<TopicPartition, Long> start = new HashMap<>();
            outcome.restart().forEach(tp -> start.put(tp, 0L));
            writeOffsets(start); // the stale offsets go, the new topic's id comes
            seek.putAll(start);
        }
        committed.putAll(seek);
        awaitingOffsets.clear();
        if (!seek.isEmpty()) {
            LOG.info("Resuming from the offsets MongoDB holds: {}", seek);
            context.offset(seek);
        }
        return outcome.restart();
    }

    /** Where MongoDB keeps the connector's offsets of a topic, in words, for messages. */
    private String describeOffsets(String topic) {
        return "the documents with _id " + connector + "/" + topic + "/<partition> of the collection " + config.database()
            + "." + MongoLayout.OFFSETS + " (connector " + connector + ")";
    }

    @Override
    public void close(Collection<TopicPartition> partitions) {
        partitions.forEach(committed::remove);
        deadLetters.close(partitions);
        awaitingOffsets.removeAll(partitions);
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        try {
            Set<TopicPartition> restarted = seekToStoredOffsets();
            readTruncates();
            MongoBatch batch = new MongoBatch();
            for (SinkRecord r : records) {
                TopicPartition tp = ReadFrom.partition(r);
                Long next = committed.get(tp);
                if (subscribedDdl.outside(r)) {
                    continue; // DDL of a table this sink does not replicate
                }
                if (next != null && ReadFrom.offset(r) < next || restarted.contains(tp)) {
                    continue; // MongoDB has it, or the consumer goes back to the new topic's start
                }
                batch = add(batch, r, tp);
                if (batch.records() >= config.batchSize()) {
                    batch = flush(batch);
                }
            }
            flush(batch);
            frontier.publish(new MongoAppliedStore(db(), connector));
            failures = 0;
        } catch (TopicIdCheck.Unavailable e) {
            throw TopicIdCheck.retryLater(e, ++failures, config.maxRetries(), config.retryBackoffMs(), metrics, context);
        } catch (RuntimeException e) {
            if (e instanceof ConnectException && !(e instanceof RetriableException)) {
                throw e;
            }
            if (!MongoErrors.isTransient(e)) {
                throw new ConnectException("cannot apply the records to MongoDB: " + MongoErrors.describe(e), e);
            }
            retryLater(e);
        }
    }

    /** Adds one record's writes (or its offset alone) to the batch, or runs its DDL; returns the batch to go on with. */
    private MongoBatch add(MongoBatch batch, SinkRecord r, TopicPartition tp) {
        if (RecordEvents.carriesNoChange(r)) {
            // SPEC.md section 9: tombstones are skipped (the delete before them did the work); control records (9.1)
            // carry no position to apply: their offsets are kept
            batch.offset(tp, ReadFrom.offset(r) + 1);
            return batch;
        }
        try {
            DdmlEvent event = RecordEvents.read(r);
            String collection = collection(r, event);
            if (event.dml() != null && event.dml().op() != DmlOp.TRUNCATE) {
                if (event.dml().omitted() != null) {
                    throw omitted(r, event);
                }
                String sortable = event.position().sortable();
                String cut = truncated.get(collection);
                if (cut == null || sortable.compareTo(cut) > 0) {
                    List<MongoBatch.Op> ops;
                    try {
                        ops = strategy(r, event).writes(event, collection);
                    } catch (IllegalArgumentException | ClassCastException e) {
                        throw new RecordFailure(r, "cannot write " + event.dml().op().wireName() + " of event "
                            + event.id() + " to MongoDB (collection " + collection + "): " + e.getMessage(), e);
                    }
                    if (batch.touches(ops)) {
                        batch = flush(batch);
                    }
                    if (!merges.containsKey(event.source().table())) {
                        ensure(r, collection, event);
                    }
                    batch.add(ops);
                } else {
                    skipped++;
                }
                if (!event.schema().primaryKey().isEmpty()) {
                    keyColumns.put(collection, event.schema().primaryKey());
                }
                addedColumns.written(collection, event.schema());
            } else {
                batch = flush(batch);
                ddl(r, event, collection);
            }
            if (!VIEWS_SYSTEM.equals(event.source().system())) {
                batch.applied(event.source().name(), event.position().sortable());
            }
            batch.changes().add(event);
        } catch (RecordFailure failure) {
            deadLetters.report(failure);
        }
        batch.offset(tp, ReadFrom.offset(r) + 1);
        return batch;
    }

    /** The write strategy of the event's table: elements of its parent's array when merged, else rows as documents. */
    private TableWrites strategy(SinkRecord r, DdmlEvent event) {
        MergeSpec merge = merges.get(event.source().table());
        if (merge != null) {
            return new MergeWrites(merge, parentArrays.get(merge.parent()), config.tombstoneTtlSeconds(), r);
        }
        return rows.record(r);
    }

    private String collection(SinkRecord r, DdmlEvent event) {
        String name = config.collection(event.source().tableRef());
        String refused = MongoSinkConfig.refusedCollectionName(name);
        if (refused != null) {
            throw new RecordFailure(r, "cannot write event " + event.id() + " to MongoDB: " + refused + " ("
                + MongoSinkConfig.COLLECTION_TEMPLATE + " '" + config.collectionTemplate() + "'); change the template", null);
        }
        return name;
    }


    private static RecordFailure omitted(SinkRecord record, DdmlEvent event) {
        boolean keyed = event.dml().key() != null;
        String row = keyed ? "the row " + event.dml().key().values() : "a row";
        String stale = keyed ? "that document in MongoDB is stale from this change on"
            : "a document of that table in MongoDB, which the event cannot name, is stale from this change on";
        return new RecordFailure(record, "the source " + event.dml().op().wireName() + " of " + row + " of table "
            + event.source().tableRef() + " (event " + event.id() + ") was not carried: "
            + event.dml().omitted().describe() + "; " + stale + ", until a later change of it", null);
    }

    // ---------------------------------------------------------------- DDL and truncates

    private void ddl(SinkRecord r, DdmlEvent event, String collection) {
        String sortable = event.position().sortable();
        if (event.dml() != null) { // a DML truncate
            truncate(r, event, collection, sortable);
            return;
        }
        DdlChange ddl = event.ddl();
        try {
            switch (ddl.op()) {
                case CREATE_TABLE -> {
                    if (!merges.containsKey(event.source().table())) { // a merged child table has no collection
                        ensure(r, collection, event);
                    }
                }
                case TRUNCATE_TABLE -> truncate(r, event, collection, sortable);
                case DROP_TABLE -> {
                    if (policy(config.dropTable(), r, event, "drop_table of " + collection, MongoSinkConfig.DDL_DROP_TABLE)) {
                        db().getCollection(collection).drop();
                        ensured.remove(collection);
                        raiseTruncated(collection, sortable); // older changes replayed later stay out
                        LOG.info("Dropped collection {} (event {})", collection, event.id());
                    }
                }
                case RENAME_TABLE -> {
                    String from = config.collection(ddl.renamedFrom());
                    if (policy(config.renameTable(), r, event, "rename_table of " + from + " to " + collection,
                        MongoSinkConfig.DDL_RENAME_TABLE)) {
                        rename(r, event, from, collection);
                    }
                }
                case ALTER_TABLE -> alter(r, event, collection, ddl, sortable);
            }
        } catch (MongoCommandException | MongoWriteException e) {
            if (MongoErrors.isTransient(e)) {
                throw e;
            }
            throw new RecordFailure(r, ddl.op().wireName() + " of collection " + collection + " (event " + event.id()
                + "): MongoDB refused it: " + MongoErrors.describe(e), e);
        }
    }

    private void rename(SinkRecord r, DdmlEvent event, String from, String to) {
        if (from.equals(to)) {
            return;
        }
        String refused = MongoSinkConfig.refusedCollectionName(from);
        if (refused != null) {
            throw new RecordFailure(r, "rename_table (event " + event.id() + "): " + refused, null);
        }
        try {
            db().getCollection(from).renameCollection(new MongoNamespace(config.database(), to));
            ensured.remove(from);
            LOG.info("Renamed collection {} to {} (event {})", from, to, event.id());
        } catch (MongoCommandException e) {
            if (e.getErrorCode() == MongoErrors.NAMESPACE_NOT_FOUND) {
                LOG.info("rename_table of {} to {} (event {}): {} does not exist (renamed already, or never written); "
                    + "nothing to rename", from, to, event.id(), from);
                return;
            }
            if (e.getErrorCode() == MongoErrors.NAMESPACE_EXISTS) {
                throw new RecordFailure(r, "rename_table of " + from + " to " + to + " (event " + event.id() + "): "
                    + "collection " + to + " exists already, so MongoDB refused renameCollection; the documents stay in "
                    + from + ". Move them by hand, or drop " + to + " and restart the sink from the rename", e);
            }
            throw e;
        }
    }

    private void alter(SinkRecord r, DdmlEvent event, String collection, DdlChange ddl, String sortable) {
        Bson before = Filters.lt(MongoLayout.SORTABLE, sortable);
        List<String> takenByRename = ddl.dropped().stream()
            .filter(d -> ddl.renamed().stream().anyMatch(rc -> rc.to().equals(d))).toList();
        String table = collection;
        if (!ddl.dropped().isEmpty() && policy(config.dropColumn(), r, event, "alter_table of " + table + " (dropped "
            + ddl.dropped() + ")", MongoSinkConfig.DDL_DROP_COLUMN)) {
            unset(collection, before, takenByRename);
        }
        if (!ddl.renamed().isEmpty() && policy(config.renameColumn(), r, event, "alter_table of " + table + " (renamed "
            + ddl.renamed() + ")", MongoSinkConfig.DDL_RENAME_COLUMN)) {
            BsonDocument renames = new BsonDocument();
            for (RenamedColumn rc : ddl.renamed()) {
                for (String name : List.of(rc.from(), rc.to())) {
                    String refused = RowDocuments.refusedField(name);
                    if (refused != null) {
                        throw new RecordFailure(r, "alter_table of " + table + " (event " + event.id() + "): " + refused, null);
                    }
                }
                if (!rc.from().equals(rc.to())) {
                    renames.append(rc.from(), new BsonString(rc.to()));
                }
            }
            if (!renames.isEmpty()) {
                db().getCollection(collection).updateMany(before, new BsonDocument("$rename", renames));
            }
        }
        if (!ddl.dropped().isEmpty() && config.dropColumn() == DdlPolicy.APPLY) {
            List<String> rest = ddl.dropped().stream().filter(d -> !takenByRename.contains(d)).toList();
            unset(collection, before, rest);
        }
        added(r, event, collection, before);
        if (ddl.primaryKey() != null && rekeys(collection, ddl.primaryKey())) {
            throw new RecordFailure(r, "alter_table of " + table + " (event " + event.id() + ") changes the primary key "
                + "to " + ddl.primaryKey() + ": documents written before keep their _id, made of the old key; later rows "
                + "get _ids of the new one. Drop the collection and copy the table again to rekey them", null);
        }
    }

    /**
     * An added column is a field of every row: documents written before the change get it as BSON null (the value every
     * source row has for a column added without a default). The added columns are those {@link AddedColumns} finds: those
     * the event names ({@code ddl.added}) and those of its schema that the rows this task wrote before did not have (all
     * non-key columns when it wrote none since it started), and only a document's missing field is set. A default other
     * than NULL is not evaluated here: those documents get null, and the DDL record of a column known to be new goes to
     * the dead-letter topic saying so, until each row is next written.
     */
    private void added(SinkRecord r, DdmlEvent event, String collection, Bson before) {
        List<String> defaulted = new ArrayList<>();
        for (AddedColumns.Added a : addedColumns.of(collection, event)) {
            io.idaas.ddml.Column c = a.column();
            if (RowDocuments.refusedField(c.name()) != null) {
                continue; // a refused name: its rows go to the dead-letter topic when written, with the reason
            }
            long set = db().getCollection(collection).updateMany(Filters.and(before, Filters.exists(c.name(), false)),
                new BsonDocument("$set", new BsonDocument(c.name(), org.bson.BsonNull.VALUE))).getModifiedCount();
            if (set > 0) {
                LOG.info("Collection {}: column {} added (event {}): set to null in {} document(s) written before",
                    collection, c.name(), event.id(), set);
            }
            if (a.known() && a.defaulted()) {
                defaulted.add(c.name() + " DEFAULT " + c.defaultValue());
            }
        }
        if (!defaulted.isEmpty()) {
            throw new RecordFailure(r, "alter_table of " + collection + " (event " + event.id() + ") adds " + defaulted
                + ": the documents written before it hold null there, not the default, until each row is next written "
                + "(the MongoDB sink does not evaluate source defaults)", null);
        }
    }

    private void unset(String collection, Bson before, List<String> columns) {
        BsonDocument unset = new BsonDocument();
        for (String c : columns) {
            if (RowDocuments.refusedField(c) == null) {
                unset.append(c, new BsonString(""));
            }
        }
        if (!unset.isEmpty()) {
            db().getCollection(collection).updateMany(before, new BsonDocument("$unset", unset));
        }
    }

    /** Whether a new primary key makes documents written before it keyed otherwise than documents written after. */
    private boolean rekeys(String collection, List<String> newKey) {
        List<String> written = keyColumns.get(collection);
        if (newKey.isEmpty() || written == null || written.equals(newKey)) {
            LOG.info("Collection {}: primary key now {}{}; nothing to change in MongoDB", collection, newKey,
                written == null ? "" : " (its documents are keyed by " + written + ")");
            return false;
        }
        return true;
    }

    private void truncate(SinkRecord r, DdmlEvent event, String collection, String sortable) {
        if (!config.applyTruncate()) {
            LOG.info("Ignoring the truncate of {} (event {}) as {}=ignore says", collection, event.id(),
                MongoSinkConfig.DDL_TRUNCATE);
            return;
        }
        MergeSpec merge = merges.get(event.source().table());
        if (merge != null) {
            long pulled = db().getCollection(merge.parent()).updateMany(
                Filters.elemMatch(merge.array(), Filters.lt(MongoLayout.SORTABLE, sortable)),
                new BsonDocument("$pull", new BsonDocument(merge.array(), new BsonDocument(MongoLayout.SORTABLE,
                    new BsonDocument("$lt", new BsonString(sortable)))))).getModifiedCount();
            // holders of children only, now empty
            db().getCollection(merge.parent()).deleteMany(MongoLayout.holdsNothing(parentArrays.get(merge.parent())));
            raiseTruncated(collection, sortable);
            LOG.info("Truncated child table {}: its elements written before event {} pulled from array {} of {} "
                + "document(s) of collection {}", event.source().table(), event.id(), merge.array(), pulled, merge.parent());
            return;
        }
        long deleted = db().getCollection(collection).deleteMany(Filters.lt(MongoLayout.SORTABLE, sortable)).getDeletedCount();
        raiseTruncated(collection, sortable);
        LOG.info("Truncated collection {}: {} document(s) written before event {} deleted", collection, deleted, event.id());
    }

    private void raiseTruncated(String collection, String sortable) {
        BsonString id = new BsonString(collection);
        try {
            db().getCollection(MongoLayout.TABLES, BsonDocument.class).updateOne(
                MongoLayout.positionGuard(id, "truncated", sortable),
                new BsonDocument("$set", new BsonDocument("truncated", new BsonString(sortable))),
                new UpdateOptions().upsert(true));
        } catch (MongoWriteException e) {
            if (e.getCode() != MongoErrors.DUPLICATE_KEY) {
                throw e;
            }
        }
        truncated.merge(collection, sortable, (a, b) -> a.compareTo(b) >= 0 ? a : b);
    }

    private void readTruncates() {
        truncated.clear();
        for (BsonDocument d : db().getCollection(MongoLayout.TABLES, BsonDocument.class).find()) {
            if (d.get("_id").isString() && d.get("truncated") instanceof BsonString s) {
                truncated.put(d.getString("_id").getValue(), s.getValue());
            }
        }
    }

    /** Whether to apply a DDL change under a policy; fails the task under {@code fail}. */
    private static boolean policy(DdlPolicy policy, SinkRecord r, DdmlEvent event, String what, String key) {
        return switch (policy) {
            case APPLY -> true;
            case IGNORE -> {
                LOG.info("Ignoring {} (event {}) as {}=ignore says", what, event.id(), key);
                yield false;
            }
            case FAIL -> throw new ConnectException(what + " (event " + event.id() + ", topic " + r.topic() + ", partition "
                + r.kafkaPartition() + ", offset " + r.kafkaOffset() + "): " + key + "=fail stops the task here; set it "
                + "to apply or ignore and restart the task");
        };
    }

    /**
     * Creates the collection (and its key index, when asked for) the first time this task meets it; a collection MongoDB
     * refuses to create (a namespace too long, ...) sends the record to the dead-letter topic.
     */
    private void ensure(SinkRecord r, String collection, DdmlEvent event) {
        if (!ensured.add(collection)) {
            return;
        }
        MongoDatabase d = db();
        try {
            d.createCollection(collection);
        } catch (MongoCommandException e) {
            if (e.getErrorCode() != MongoErrors.NAMESPACE_EXISTS) {
                ensured.remove(collection);
                if (MongoErrors.isTransient(e)) {
                    throw e;
                }
                throw new RecordFailure(r, "MongoDB refused to create collection " + collection + " (event " + event.id()
                    + "): " + MongoErrors.describe(e), e);
            }
        }
        List<String> pk = event.schema() == null ? List.of() : event.schema().primaryKey();
        if (config.keyIndex() && !pk.isEmpty() && pk.stream().allMatch(c -> RowDocuments.refusedField(c) == null)) {
            d.getCollection(collection).createIndex(Indexes.ascending(pk), new IndexOptions().name("_idaas_key"));
        }
    }

    // ---------------------------------------------------------------- writing a batch

    /** Writes the batch, then its offsets; returns an empty batch to go on with. */
    private MongoBatch flush(MongoBatch batch) {
        if (batch.isEmpty()) {
            return batch;
        }
        dropTombstoned(batch);
        for (Map.Entry<String, List<MongoBatch.Op>> e : batch.byCollection().entrySet()) {
            List<MongoBatch.Op> first = new ArrayList<>(e.getValue().size());
            List<MongoBatch.Op> after = new ArrayList<>();
            e.getValue().forEach(op -> (op.kind() == MongoBatch.Kind.EMPTIED ? after : first).add(op));
            bulk(e.getKey(), first);
            if (!after.isEmpty()) {
                bulk(e.getKey(), after);
            }
        }
        writeOffsets(batch.offsets());
        committed.putAll(batch.offsets());
        metrics.applied(batch.changes());
        frontier.applied(Map.copyOf(batch.appliedPositions()));
        return new MongoBatch();
    }

    /** Leaves out the row writes whose key was deleted at or after their position (its tombstone says so). */
    private void dropTombstoned(MongoBatch batch) {
        List<MongoBatch.Op> writes = batch.rowWrites();
        if (writes.isEmpty()) {
            return;
        }
        BsonArray ids = new BsonArray();
        writes.forEach(op -> ids.add(op.tombstoneId()));
        Map<BsonDocument, String> tombs = new HashMap<>();
        for (BsonDocument t : db().getCollection(MongoLayout.TOMBSTONES, BsonDocument.class).find(Filters.in("_id", ids))) {
            if (t.get("_id").isDocument() && t.get("sortable") instanceof BsonString s) {
                tombs.put(t.getDocument("_id"), s.getValue());
            }
        }
        if (tombs.isEmpty()) {
            return;
        }
        Set<MongoBatch.Op> stale = Collections.newSetFromMap(new IdentityHashMap<>());
        for (MongoBatch.Op op : writes) {
            String tomb = tombs.get(op.tombstoneId());
            int newer = tomb == null ? -1 : tomb.compareTo(op.sortable());
            if (newer > 0 || (newer == 0 && op.kind() == MongoBatch.Kind.WRITE)) {
                stale.add(op);
            }
        }
        skipped += stale.size();
        batch.drop(stale);
    }

    private void bulk(String collection, List<MongoBatch.Op> ops) {
        if (collection.equals(MongoLayout.TOMBSTONES)) {
            ensureTombstoneIndex();
        }
        List<WriteModel<BsonDocument>> models = new ArrayList<>(ops.size());
        ops.forEach(op -> models.add(op.model()));
        MongoCollection<BsonDocument> target = db().getCollection(collection, BsonDocument.class);
        try {
            var result = target.bulkWrite(models, UNORDERED);
            written += result.getInsertedCount() + result.getModifiedCount() + result.getUpserts().size()
                + result.getDeletedCount();
        } catch (MongoBulkWriteException e) {
            if (e.getWriteConcernError() != null) {
                throw e; // transient: retried whole
            }
            Set<SinkRecord> failed = Collections.newSetFromMap(new IdentityHashMap<>());
            for (BulkWriteError error : e.getWriteErrors()) {
                MongoBatch.Op op = ops.get(error.getIndex());
                if (MongoErrors.isIdCollision(error.getCode(), error.getMessage()) && op.kind() != MongoBatch.Kind.DELETE) {
                    skipped++; // the guard matched nothing and the upsert met the document: a newer one is there
                    continue;
                }
                if (failed.add(op.record())) {
                    deadLetters.report(new RecordFailure(op.record(), "MongoDB refused the " + op.kind().name().toLowerCase(
                        java.util.Locale.ROOT) + " of _id " + op.document() + " in collection " + collection + ": code "
                        + error.getCode() + ", " + error.getMessage() + (ops.stream().filter(o -> o.record() == op.record())
                        .count() > 1 ? " (the record's other writes were applied)" : ""), null));
                }
            }
            written += e.getWriteResult().getInsertedCount() + e.getWriteResult().getModifiedCount()
                + e.getWriteResult().getUpserts().size() + e.getWriteResult().getDeletedCount();
        }
    }

    private void ensureTombstoneIndex() {
        if (tombstoneIndex) {
            return;
        }
        db().getCollection(MongoLayout.TOMBSTONES).createIndex(Indexes.ascending("expireAt"),
            new IndexOptions().name("_idaas_expire").expireAfter(0L, TimeUnit.SECONDS));
        tombstoneIndex = true;
    }

    private void writeOffsets(Map<TopicPartition, Long> offsets) {
        if (offsets.isEmpty()) {
            return;
        }
        List<WriteModel<BsonDocument>> models = new ArrayList<>();
        offsets.forEach((tp, next) -> {
            String id = MongoLayout.offsetId(connector, tp);
            BsonDocument set = new BsonDocument("offset", new BsonInt64(next));
            Uuid topicId = currentTopicIds.get(tp.topic());
            if (topicId != null) {
                set.append(MongoLayout.TOPIC_ID, new BsonString(topicId.toString()));
            }
            models.add(new UpdateOneModel<>(Filters.eq("_id", id), new BsonDocument("$set", set),
                new UpdateOptions().upsert(true)));
        });
        db().getCollection(MongoLayout.OFFSETS, BsonDocument.class).bulkWrite(models, UNORDERED);
    }

    private void retryLater(RuntimeException e) {
        if (++failures > config.maxRetries()) {
            throw new ConnectException("MongoDB failed " + failures + " times in a row (max.retries=" + config.maxRetries()
                + "): " + MongoErrors.describe(e), e);
        }
        metrics.retried();
        String reason = MongoErrors.describe(e);
        LOG.warn("MongoDB failed ({}); retry {} of {} in {} ms", reason, failures, config.maxRetries(),
            config.retryBackoffMs());
        context.timeout(config.retryBackoffMs());
        throw new RetriableException(reason, e);
    }

    @Override
    public Map<TopicPartition, OffsetAndMetadata> preCommit(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
        Map<TopicPartition, OffsetAndMetadata> result = new HashMap<>();
        for (TopicPartition tp : currentOffsets.keySet()) {
            Long next = committed.get(tp);
            if (next != null) {
                result.put(tp, new OffsetAndMetadata(next));
            }
        }
        return result;
    }

    /** Writes skipped by the position guard or a tombstone since the task started (older than what MongoDB holds). */
    long skipped() {
        return skipped;
    }

    /**
     * Waits until the applied positions reflect every batch this task applied so far (the frontier raises them on a
     * thread of its own). For tests; a task does not need it.
     *
     * @return whether that happened within {@code timeout}
     */
    public boolean awaitAppliedPositions(java.time.Duration timeout) throws InterruptedException {
        return frontier.awaitPublished(timeout);
    }

    @Override
    public void stop() {
        if (frontier != null) {
            frontier.close();
        }
        if (client != null) {
            client.close();
            client = null;
        }
        LOG.info("MongoDB sink task stopped: {} write(s) applied, {} skipped by the position guard since it started",
            written, skipped);
    }

    private MongoDatabase db() {
        if (db == null) {
            client = MongoConnections.open(config.connectionUri(), config.timeoutMs());
            db = client.getDatabase(config.database());
        }
        return db;
    }
}
