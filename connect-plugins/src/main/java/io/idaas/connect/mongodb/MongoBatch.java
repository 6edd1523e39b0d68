package io.idaas.connect.mongodb;

import com.mongodb.client.model.WriteModel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;
import org.bson.BsonDocument;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The writes of a run of records that go to MongoDB together: one unordered {@code bulkWrite} per collection. Each
 * document (a row, a merged child's element, or a tombstone) is written at most once per batch, so the order of writes
 * within a bulk does not matter; a second change of the same document starts a new batch ({@link #touches}), which keeps
 * each key's changes in their order. A parent row's delete in a collection of merged children is conditional on the
 * document's arrays, so it shares no batch with a write of any element of that document either: the driver sends an
 * unordered bulk as one command per kind (every op of the first op's kind, then the rest), so such writes could run in
 * either order.
 */
final class MongoBatch {

    /** What a write is, for reading its result. */
    enum Kind {
        /** A guarded upsert of a row: a duplicate key error means a newer document is there (skipped). */
        WRITE,
        /** A guarded delete of a row. */
        DELETE,
        /** A guarded upsert of a deleted row's position in _idaas_tombstones (duplicate key: a newer one is there). */
        TOMBSTONE,
        /**
         * A write of a merged child's array element ({@link MergeWrites}): an in-place update or an upserting push; a
         * duplicate key error means the element is there (the other write handled it). Left out when the child key's
         * tombstone is newer than the event (not when equal: a move writes its tombstone and its push at one position).
         */
        ELEMENT,
        /** A guarded $pull of a merged child's array element. */
        PULL,
        /**
         * The delete of a parent document that a {@link #PULL} may have emptied and that holds no parent row (no
         * {@code _ddml}: it was made by a child that came first, or kept by its row's delete for its children): written
         * after the collection's other writes of the batch.
         */
        EMPTIED
    }

    /** The document of an op that may write any document of its collection (an updateMany). */
    static final String EVERY_DOCUMENT = "\u0000*";

    /**
     * One write.
     *
     * @param collection  where it goes
     * @param target      the _id (its text) of the document of {@code collection} it writes, or
     *                    {@link #EVERY_DOCUMENT}
     * @param document    what it writes, for {@link #touches}: the document's _id text for a row or a tombstone, the
     *                    parent's _id and the child's key for a merged child's element
     * @param tombstoneId for a {@link Kind#WRITE}, the _id its tombstone would have (checked before writing)
     * @param sortable    the event's position
     */
    record Op(String collection, String target, String document, Kind kind, WriteModel<BsonDocument> model,
              BsonDocument tombstoneId, String sortable, SinkRecord record) {

        /** The document it writes, in its collection: a key of {@link #targets}. */
        String targetKey() {
            return collection + "\u0000" + target;
        }

        /** What it writes, in its collection: a key of {@link #documents}. */
        String documentKey() {
            return collection + "\u0000" + document;
        }
    }

    private final Map<String, List<Op>> byCollection = new LinkedHashMap<>();
    private final Set<String> documents = new HashSet<>();
    private final Set<String> collections = new HashSet<>();
    private final Set<String> everyDocument = new HashSet<>();
    /** Documents (collection, _id) this batch writes, and those it deletes. */
    private final Set<String> targets = new HashSet<>();
    private final Set<String> deleted = new HashSet<>();
    private final io.idaas.connect.sink.AppliedChanges changes = new io.idaas.connect.sink.AppliedChanges();
    private final Map<TopicPartition, Long> offsets = new HashMap<>();
    private final Map<String, String> applied = new HashMap<>();
    private int records;

    /** Whether any of {@code ops} writes a document this batch writes already. */
    boolean touches(List<Op> ops) {
        for (Op op : ops) {
            String target = op.targetKey();
            if (documents.contains(op.documentKey()) || everyDocument.contains(op.collection())
                || (op.target().equals(EVERY_DOCUMENT) && collections.contains(op.collection()))
                || deleted.contains(target) || (op.kind() == Kind.DELETE && targets.contains(target))) {
                return true;
            }
        }
        return false;
    }

    void add(List<Op> ops) {
        for (Op op : ops) {
            documents.add(op.documentKey());
            collections.add(op.collection());
            targets.add(op.targetKey());
            if (op.kind() == Kind.DELETE) {
                deleted.add(op.targetKey());
            }
            if (op.target().equals(EVERY_DOCUMENT)) {
                everyDocument.add(op.collection());
            }
            byCollection.computeIfAbsent(op.collection(), c -> new ArrayList<>()).add(op);
        }
    }

    /** Notes a record handled (written, skipped or dead-lettered): its partition's next offset. */
    void offset(TopicPartition tp, long next) {
        offsets.merge(tp, next, Math::max);
        records++;
    }

    /** Notes the position of a source that this batch applies. */
    void applied(String source, String sortable) {
        applied.merge(source, sortable, (a, b) -> a.compareTo(b) >= 0 ? a : b);
    }

    Map<String, List<Op>> byCollection() {
        return byCollection;
    }

    Map<TopicPartition, Long> offsets() {
        return offsets;
    }

    Map<String, String> appliedPositions() {
        return applied;
    }

    int records() {
        return records;
    }

    boolean isEmpty() {
        return records == 0 && byCollection.isEmpty();
    }

    /** Writes of rows and of merged array elements, for the tombstone check. */
    List<Op> rowWrites() {
        List<Op> out = new ArrayList<>();
        byCollection.values().forEach(ops -> ops.stream().filter(o -> o.kind() == Kind.WRITE || o.kind() == Kind.ELEMENT)
            .forEach(out::add));
        return out;
    }

    /** Leaves out writes found stale before sending. */
    void drop(Set<Op> stale) {
        byCollection.values().forEach(ops -> ops.removeIf(stale::contains));
        byCollection.values().removeIf(List::isEmpty);
    }

    /** The changes in this batch, for the task's metrics. */
    io.idaas.connect.sink.AppliedChanges changes() {
        return changes;
    }
}
