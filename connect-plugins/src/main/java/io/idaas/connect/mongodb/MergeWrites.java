package io.idaas.connect.mongodb;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateManyModel;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import io.idaas.ddml.Column;
import io.idaas.ddml.DdmlEvent;
import io.idaas.ddml.DmlChange;
import io.idaas.ddml.Row;
import io.idaas.ddml.TableSchema;
import org.apache.kafka.connect.sink.SinkRecord;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.conversions.Bson;

import java.util.ArrayList;
import java.util.List;

/**
 * A child table's rows as elements of an array in their parent's document ({@link MergeSpec}; like Tapdata's
 * updateIntoArray). An element is the child row, a field per column, plus {@code _ddml: {sortable}}; it is matched by the
 * child's primary key columns. Every write is guarded by the element's position, and a delete or a move leaves the
 * child key's position in {@code _idaas_tombstones} (id {@code {c: <child collection>, k: <child _id>}}):
 * <ul>
 *   <li>insert, read, update: {@code $set} of {@code <array>.$[e]} with the array filter {@code e.<key> = k,
 *   e._ddml.sortable < s} (in place, only over an older element), and an upserting {@code $push} filtered on the parent
 *   {@code _id} and no element of that key (creates the parent document holding only {@code _id} and the array when it
 *   is missing; a duplicate key error means an element of that key is there: the first write handled it). The two
 *   commute, so they share an unordered bulk;</li>
 *   <li>an update whose parent key changed (a move) or whose child key changed also {@code $pull}s the element of the
 *   old keys, older than s, from the old parent (from every parent when the event's before image lacks the old
 *   parent key), and writes the tombstone at s, so an older event replayed later (which would push into the old parent)
 *   is left out;</li>
 *   <li>delete: the same {@code $pull} plus the tombstone.</li>
 *   <li>after a {@code $pull} (written after the batch's other writes of the collection): the delete of the parent
 *   document if it is left holding nothing, no parent row ({@code _ddml}) and no element in any merged array; so a
 *   document made by a child that came before its parent's row, or kept by the row's delete for its children, goes
 *   with its last child. A parent row's delete keeps a document that still holds children ({@link RowDocuments}).</li>
 * </ul>
 */
final class MergeWrites implements TableWrites {

    private final MergeSpec spec;
    /** Every array merged into the parent collection (this child's and other child tables'). */
    private final List<String> parentArrays;
    private final long tombstoneTtlMs;
    private final SinkRecord record;

    MergeWrites(MergeSpec spec, List<String> parentArrays, long tombstoneTtlSeconds, SinkRecord record) {
        this.spec = spec;
        this.parentArrays = List.copyOf(parentArrays);
        this.tombstoneTtlMs = tombstoneTtlSeconds * 1000;
        this.record = record;
    }

    /**
     * {@inheritDoc} {@code collection} is the child table's own collection name (the template's), used only to name
     * its tombstones and truncate position; the writes go to the parent collection.
     */
    @Override
    public List<MongoBatch.Op> writes(DdmlEvent event, String collection) {
        DmlChange dml = event.dml();
        TableSchema schema = event.schema();
        String sortable = event.position().sortable();
        List<MongoBatch.Op> ops = new ArrayList<>(4);
        switch (dml.op()) {
            case INSERT, READ -> ops.addAll(upsert(schema, dml.after(), sortable, collection));
            case UPDATE -> {
                Row after = dml.after();
                BsonValue parent = parentId(schema, after);
                BsonDocument key = childKey(schema, after, collection);
                Row before = dml.before();
                BsonDocument oldKey = before != null && schema.primaryKey().stream().allMatch(before::has)
                    ? childKey(schema, before, collection) : key;
                BsonValue oldParent = before != null && spec.keyColumns().stream().allMatch(before::has)
                    ? parentIdOrNull(schema, before) : null;
                boolean knownSame = oldParent != null && oldParent.equals(parent) && oldKey.equals(key);
                if (!knownSame) {
                    if (oldParent == null && oldKey.equals(key)) {
                        // the before image does not say the old parent: pull from every other parent
                        ops.add(pull(Filters.ne("_id", parent), oldKey, sortable, null));
                        ops.add(emptied(null, oldKey, sortable));
                    } else {
                        ops.add(pull(oldParent == null ? new BsonDocument() : Filters.eq("_id", oldParent), oldKey,
                            sortable, oldParent));
                        if (oldParent == null || !oldParent.equals(parent)) {
                            ops.add(emptied(oldParent, oldKey, sortable));
                        }
                    }
                    ops.add(tombstone(collection, oldKey, sortable));
                }
                ops.addAll(upsert(schema, after, sortable, collection));
            }
            case DELETE -> {
                Row row = dml.before() != null ? dml.before() : dml.key();
                BsonDocument key = childKey(schema, dml.key() != null ? dml.key() : row, collection);
                BsonValue parent = row != null && spec.keyColumns().stream().allMatch(row::has) ? parentIdOrNull(schema, row)
                    : null;
                ops.add(pull(parent == null ? new BsonDocument() : Filters.eq("_id", parent), key, sortable, parent));
                ops.add(emptied(parent, key, sortable));
                ops.add(tombstone(collection, key, sortable));
            }
            case TRUNCATE -> throw new IllegalStateException("a truncate is not a row write");
        }
        return ops;
    }

    private List<MongoBatch.Op> upsert(TableSchema schema, Row after, String sortable, String collection) {
        BsonValue parent = parentId(schema, after);
        BsonDocument key = childKey(schema, after, collection);
        BsonDocument element = new BsonDocument();
        for (Column c : schema.columns()) {
            if (!after.has(c.name())) {
                continue;
            }
            String refused = RowDocuments.refusedField(c.name());
            if (refused != null) {
                throw new IllegalArgumentException("column " + c.name() + " of child table " + spec.child() + ": " + refused);
            }
            element.append(c.name(), RowDocuments.encode(c, after.get(c.name())));
        }
        element.append(MongoLayout.META, new BsonDocument("sortable", new BsonString(sortable)));
        BsonDocument arrayFilter = new BsonDocument();
        BsonDocument match = new BsonDocument();
        key.forEach((k, v) -> {
            arrayFilter.append("e." + k, v);
            match.append(k, v);
        });
        arrayFilter.append("e." + MongoLayout.SORTABLE, new BsonDocument("$lt", new BsonString(sortable)));
        String document = parent + "\u0000" + key.toJson();
        BsonDocument tombId = MongoLayout.tombstoneId(collection, key);
        BsonDocument older = new BsonDocument();
        match.forEach(older::append);
        older.append(MongoLayout.SORTABLE, new BsonDocument("$lt", new BsonString(sortable)));
        // the filter names an older element too: a parent document without the array is then not matched (MongoDB
        // refuses an array filter on a missing path)
        var inPlace = new UpdateOneModel<BsonDocument>(
            Filters.and(Filters.eq("_id", parent), Filters.elemMatch(spec.array(), older)),
            new BsonDocument("$set", inPlaceSet(element, after.size() == schema.columns().size())),
            new UpdateOptions().arrayFilters(List.of(arrayFilter)));
        var push = new UpdateOneModel<BsonDocument>(
            Filters.and(Filters.eq("_id", parent), Filters.not(Filters.elemMatch(spec.array(), match))),
            new BsonDocument("$push", new BsonDocument(spec.array(), element)), new UpdateOptions().upsert(true));
        return List.of(
            new MongoBatch.Op(spec.parent(), parent.toString(), document, MongoBatch.Kind.ELEMENT, inPlace, tombId, sortable,
                record),
            new MongoBatch.Op(spec.parent(), parent.toString(), document, MongoBatch.Kind.ELEMENT, push, tombId, sortable,
                record));
    }

    /**
     * The in-place {@code $set}: the whole element for a whole row; for a row carrying only some columns (SPEC.md section
     * 6) each carried field, so the element keeps the others (as a row's document does).
     */
    private BsonDocument inPlaceSet(BsonDocument element, boolean whole) {
        if (whole) {
            return new BsonDocument(spec.array() + ".$[e]", element);
        }
        BsonDocument set = new BsonDocument();
        element.forEach((field, value) -> set.append(spec.array() + ".$[e]." + field, value));
        return set;
    }

    /** {@code $pull} of the element of {@code key} older than {@code sortable} from the parents {@code where} selects. */
    private MongoBatch.Op pull(Bson where, BsonDocument key, String sortable, BsonValue parent) {
        BsonDocument condition = new BsonDocument();
        key.forEach(condition::append);
        condition.append(MongoLayout.SORTABLE, new BsonDocument("$lt", new BsonString(sortable)));
        BsonDocument update = new BsonDocument("$pull", new BsonDocument(spec.array(), condition));
        Bson filter = Filters.and(where, Filters.elemMatch(spec.array(), condition));
        String document = parent == null ? MongoBatch.EVERY_DOCUMENT : parent + "\u0000" + key.toJson();
        return new MongoBatch.Op(spec.parent(), parent == null ? MongoBatch.EVERY_DOCUMENT : parent.toString(), document,
            MongoBatch.Kind.PULL, parent == null
            ? new UpdateManyModel<>(filter, update) : new UpdateOneModel<>(filter, update), null, sortable, record);
    }

    /**
     * Deletes the parent document {@code parent} (every such document when null: the pull's parent is not known) if
     * the pull left it holding nothing: no parent row ({@code _ddml} absent) and every merged array empty or absent. A
     * document with a parent row, or a child pushed meanwhile, is left.
     */
    private MongoBatch.Op emptied(BsonValue parent, BsonDocument key, String sortable) {
        Bson nothing = MongoLayout.holdsNothing(parentArrays);
        return new MongoBatch.Op(spec.parent(), parent == null ? MongoBatch.EVERY_DOCUMENT : parent.toString(),
            parent == null ? MongoBatch.EVERY_DOCUMENT : parent + "\u0000emptied\u0000" + key.toJson(),
            MongoBatch.Kind.EMPTIED, parent == null
            ? new com.mongodb.client.model.DeleteManyModel<>(nothing)
            : new com.mongodb.client.model.DeleteOneModel<>(Filters.and(Filters.eq("_id", parent), nothing)), null,
            sortable, record);
    }

    private MongoBatch.Op tombstone(String collection, BsonDocument key, String sortable) {
        BsonDocument tombId = MongoLayout.tombstoneId(collection, key);
        BsonDocument tomb = new BsonDocument("$set", new BsonDocument("sortable", new BsonString(sortable))
            .append("expireAt", new BsonDateTime(System.currentTimeMillis() + tombstoneTtlMs)));
        return new MongoBatch.Op(MongoLayout.TOMBSTONES, tombId.toJson(), tombId.toJson(), MongoBatch.Kind.TOMBSTONE,
            new UpdateOneModel<>(MongoLayout.positionGuard(tombId, "sortable", sortable), tomb,
                new UpdateOptions().upsert(true)), null, sortable, record);
    }

    /** The element's key: {@code {<key column>: value, ...}} in the child's key order. */
    private BsonDocument childKey(TableSchema schema, Row row, String collection) {
        if (schema.primaryKey().isEmpty()) {
            throw new IllegalArgumentException("no_key: child table " + spec.child() + " has no primary key in the event's "
                + "schema; its array elements are matched by it (give the source table a primary key)");
        }
        BsonDocument key = new BsonDocument();
        for (String k : schema.primaryKey()) {
            key.append(k, value(schema, row, k, "key column"));
        }
        return key;
    }

    private BsonValue parentId(TableSchema schema, Row row) {
        BsonValue id = parentIdOrNull(schema, row);
        if (id == null) {
            throw new IllegalArgumentException("the row of child table " + spec.child() + " lacks the parent key columns "
                + spec.keyColumns() + " (" + MongoSinkConfig.MERGE_ARRAYS + ")");
        }
        return id;
    }

    private BsonValue parentIdOrNull(TableSchema schema, Row row) {
        if (row == null || !spec.keyColumns().stream().allMatch(row::has)) {
            return null;
        }
        if (spec.idFields().isEmpty()) {
            return value(schema, row, spec.keyColumns().get(0), "parent key column");
        }
        BsonDocument id = new BsonDocument();
        for (int i = 0; i < spec.keyColumns().size(); i++) {
            id.append(spec.idFields().get(i), value(schema, row, spec.keyColumns().get(i), "parent key column"));
        }
        return id;
    }

    private BsonValue value(TableSchema schema, Row row, String column, String what) {
        Column c = schema.column(column).orElseThrow(() -> new IllegalArgumentException(what + " " + column
            + " is not a column of child table " + spec.child() + " (" + MongoSinkConfig.MERGE_ARRAYS + ")"));
        if (row == null || !row.has(column)) {
            throw new IllegalArgumentException("the row of child table " + spec.child() + " lacks " + what + " " + column);
        }
        Object v = row.get(column);
        if (v == null) {
            throw new IllegalArgumentException(what + " " + column + " of child table " + spec.child() + " is NULL: the "
                + "row has no parent document to go into");
        }
        return RowDocuments.encode(c, v);
    }
}
