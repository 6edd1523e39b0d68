package io.idaas.connect.mongodb;

import com.mongodb.client.model.DeleteOneModel;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import io.idaas.ddml.Column;
import io.idaas.ddml.DdmlEvent;
import io.idaas.ddml.DmlChange;
import io.idaas.ddml.Row;
import io.idaas.ddml.TableSchema;
import io.idaas.ddml.types.BsonValues;
import org.apache.kafka.connect.sink.SinkRecord;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;

import java.util.ArrayList;
import java.util.List;

/**
 * A row is one document of its table's collection (mongo-layout: {@code _id} the key, a field per column, {@code _ddml}
 * the position and schema fingerprint). Insert, read and update write the row under the position guard (an update whose
 * key changed deletes the old document first); delete removes it under the guard and upserts its tombstone.
 */
final class RowDocuments implements TableWrites {

    /** The largest document MongoDB stores (its maxBsonObjectSize). */
    static final int MAX_DOCUMENT_BYTES = 16 * 1024 * 1024;
    private static final BsonDocumentCodec CODEC = new BsonDocumentCodec();

    private final MongoSinkConfig.WriteMode mode;
    private final long tombstoneTtlMs;
    /**
     * Parent collections of merged child tables, with their array fields: always written with $set, so their arrays
     * stay; a delete keeps a document that still holds children ({@link #delete}).
     */
    private final java.util.Map<String, List<String>> parents;
    private SinkRecord record;

    RowDocuments(MongoSinkConfig.WriteMode mode, long tombstoneTtlSeconds, java.util.Map<String, List<String>> parents) {
        this.mode = mode;
        this.parents = java.util.Map.copyOf(parents);
        this.tombstoneTtlMs = tombstoneTtlSeconds * 1000;
    }

    /** The record the next {@link #writes} belong to. */
    RowDocuments record(SinkRecord record) {
        this.record = record;
        return this;
    }

    @Override
    public List<MongoBatch.Op> writes(DdmlEvent event, String collection) {
        DmlChange dml = event.dml();
        TableSchema schema = event.schema();
        String sortable = event.position().sortable();
        List<MongoBatch.Op> ops = new ArrayList<>(2);
        switch (dml.op()) {
            case INSERT, READ -> ops.add(write(collection, schema, dml.after(), sortable, event));
            case UPDATE -> {
                MongoBatch.Op write = write(collection, schema, dml.after(), sortable, event);
                if (dml.before() != null && schema.primaryKey().stream().allMatch(dml.before()::has)) {
                    BsonValue oldId = id(schema, dml.before(), collection);
                    BsonValue newId = id(schema, dml.after(), collection);
                    if (!oldId.equals(newId)) {
                        ops.addAll(delete(collection, schema, oldId, sortable));
                    }
                }
                ops.add(write);
            }
            case DELETE -> ops.addAll(delete(collection, schema, id(schema, dml.key() != null ? dml.key() : dml.before(),
                collection), sortable));
            case TRUNCATE -> throw new IllegalStateException("a truncate is not a row write");
        }
        return ops;
    }

    private MongoBatch.Op write(String collection, TableSchema schema, Row after, String sortable, DdmlEvent event) {
        BsonValue id = id(schema, after, collection);
        BsonDocument meta = new BsonDocument("sortable", new BsonString(sortable))
            .append("fingerprint", new BsonString(schema.fingerprint()));
        BsonDocument fields = new BsonDocument();
        long estimate = 0;
        for (Column c : schema.columns()) {
            if (!after.has(c.name())) {
                continue;
            }
            String field = c.name();
            String refused = refusedField(field);
            if (refused != null) {
                throw new IllegalArgumentException("column " + field + " of collection " + collection + ": " + refused);
            }
            Object value = after.get(c.name());
            fields.append(field, encode(c, value));
            estimate += estimate(value);
        }
        boolean whole = after.size() == schema.columns().size();
        BsonDocument document = new BsonDocument("_id", id).append(MongoLayout.META, meta);
        document.putAll(fields);
        if (estimate > MAX_DOCUMENT_BYTES / 2) {
            int size = new RawBsonDocument(document, CODEC).getByteBuffer().remaining();
            if (size > MAX_DOCUMENT_BYTES) {
                throw new IllegalArgumentException("the document of the row " + after.values().entrySet().stream()
                    .filter(e -> schema.primaryKey().contains(e.getKey())).toList() + " would have " + size
                    + " bytes, over MongoDB's limit of " + MAX_DOCUMENT_BYTES + " bytes per document (16 MiB)");
            }
        }
        var filter = MongoLayout.writeGuard(id, sortable);
        com.mongodb.client.model.WriteModel<BsonDocument> model;
        if (mode == MongoSinkConfig.WriteMode.REPLACE && whole && !parents.containsKey(collection)) {
            model = new ReplaceOneModel<>(filter, document, new ReplaceOptions().upsert(true));
        } else {
            BsonDocument set = new BsonDocument(MongoLayout.META, meta);
            set.putAll(fields);
            model = new UpdateOneModel<>(filter, new BsonDocument("$set", set), new UpdateOptions().upsert(true));
        }
        return new MongoBatch.Op(collection, id.toString(), id.toString(), MongoBatch.Kind.WRITE, model,
            MongoLayout.tombstoneId(collection, id), sortable, record);
    }

    /**
     * The guarded delete of a row and its tombstone. In a parent collection of merged children the document may hold
     * children still (a child's source row may outlive its parent's): there the delete applies only to a document whose
     * arrays are all empty, and a second write, only to one holding a child, removes the row's fields and its
     * {@code _ddml} instead, leaving {@code {_id, <arrays>}}; the two conditions exclude each other, so the writes commute
     * in one bulk (a write of one of the document's elements does not commute with them: {@link MongoBatch} gives it a
     * batch of its own). The tombstone keeps an older write of the row out; a newer insert {@code $set}s the fields back
     * beside the children.
     */
    private List<MongoBatch.Op> delete(String collection, TableSchema schema, BsonValue id, String sortable) {
        BsonDocument tombId = MongoLayout.tombstoneId(collection, id);
        BsonDocument tomb = new BsonDocument("$set", new BsonDocument("sortable", new BsonString(sortable))
            .append("expireAt", new BsonDateTime(System.currentTimeMillis() + tombstoneTtlMs)));
        List<MongoBatch.Op> ops = new ArrayList<>(3);
        List<String> arrays = parents.get(collection);
        if (arrays == null) {
            ops.add(new MongoBatch.Op(collection, id.toString(), id.toString(), MongoBatch.Kind.DELETE,
                new DeleteOneModel<>(MongoLayout.deleteGuard(id, sortable)), null, sortable, record));
        } else {
            BsonDocument unset = new BsonDocument(MongoLayout.META, new BsonString(""));
            for (Column c : schema.columns()) {
                if (!arrays.contains(c.name()) && refusedField(c.name()) == null) {
                    unset.append(c.name(), new BsonString(""));
                }
            }
            ops.add(new MongoBatch.Op(collection, id.toString(), id.toString(), MongoBatch.Kind.DELETE, new DeleteOneModel<>(
                Filters.and(MongoLayout.deleteGuard(id, sortable), MongoLayout.arraysEmpty(arrays))), null, sortable, record));
            ops.add(new MongoBatch.Op(collection, id.toString(), id.toString(), MongoBatch.Kind.DELETE, new UpdateOneModel<>(
                Filters.and(MongoLayout.deleteGuard(id, sortable), MongoLayout.anyArrayHolds(arrays)),
                new BsonDocument("$unset", unset)),
                null, sortable, record));
        }
        ops.add(new MongoBatch.Op(MongoLayout.TOMBSTONES, tombId.toString(), tombId.toString(), MongoBatch.Kind.TOMBSTONE,
            new UpdateOneModel<>(MongoLayout.positionGuard(tombId, "sortable", sortable), tomb,
                new UpdateOptions().upsert(true)), null, sortable, record));
        return ops;
    }

    /** The row's _id: the key column's BSON value, or an embedded document of the key columns in key order. */
    static BsonValue id(TableSchema schema, Row row, String collection) {
        List<String> pk = schema.primaryKey();
        if (pk.isEmpty()) {
            throw new IllegalArgumentException("no_key: the table of collection " + collection + " has no primary key in "
                + "the event's schema; a document needs one for its _id (give the source table a primary key)");
        }
        if (pk.size() == 1) {
            return keyValue(schema, row, pk.get(0), collection);
        }
        BsonDocument id = new BsonDocument();
        for (String k : pk) {
            id.append(k, keyValue(schema, row, k, collection));
        }
        return id;
    }

    private static BsonValue keyValue(TableSchema schema, Row row, String column, String collection) {
        if (row == null || !row.has(column)) {
            throw new IllegalArgumentException("the row lacks key column " + column + " of collection " + collection);
        }
        Object v = row.get(column);
        if (v == null) {
            throw new IllegalArgumentException("key column " + column + " of collection " + collection + " is NULL");
        }
        return encode(schema.column(column).orElseThrow(), v);
    }

    static BsonValue encode(Column c, Object value) {
        try {
            return BsonValues.toBson(c.type(), value);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("column " + c.name() + ": the value does not encode as " + c.type()
                + " in BSON (SPEC.md section 11): " + e.getMessage(), e);
        }
    }

    /** Why a column name cannot be a field of the sink's documents, or null. */
    static String refusedField(String name) {
        if (name.equals("_id") || name.equals(MongoLayout.META)) {
            return "the field name '" + name + "' is the sink's own (_id holds the key, _ddml the position)";
        }
        if (name.isEmpty() || name.startsWith("$") || name.indexOf('.') >= 0 || name.indexOf('\0') >= 0) {
            return "MongoDB cannot update a field named '" + name + "' (empty, starting with '$', holding '.' or NUL)";
        }
        return null;
    }

    private static long estimate(Object value) {
        if (value instanceof byte[] b) {
            return b.length;
        }
        if (value instanceof String s) {
            return 3L * s.length();
        }
        if (value instanceof List<?> l) {
            long n = 0;
            for (Object o : l) {
                n += estimate(o) + 8;
            }
            return n;
        }
        return 16;
    }
}
