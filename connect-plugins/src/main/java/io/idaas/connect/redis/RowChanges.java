package io.idaas.connect.redis;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idaas.ddml.Column;
import io.idaas.ddml.DdmlEvent;
import io.idaas.ddml.DmlChange;
import io.idaas.ddml.Row;
import io.idaas.ddml.TableRef;
import io.idaas.ddml.TableSchema;
import io.idaas.ddml.types.JsonValues;
import io.idaas.ddml.types.RedisValues;
import io.idaas.ddml.types.TypeKind;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Turns a DDML row change into operations of a {@link RedisBatch}: insert, read and update write the row (an update
 * whose key changed deletes the old key first), delete removes it, truncate removes the table's rows. Every operation
 * carries the event's sortable position, which the script compares with the row's. A change that cannot be written
 * (no key, a key column or key template column missing, a value that does not encode, an indexed column not stored)
 * throws {@link IllegalArgumentException} with the reason, before anything is added.
 */
final class RowChanges {

    static final String SORTABLE_FIELD = "_ddml.sortable";
    static final String FINGERPRINT_FIELD = "_ddml.fingerprint";
    private static final ObjectMapper MAPPER = new ObjectMapper()
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private final RedisSinkConfig config;
    private final RedisLayout layout;
    /** Reads the JSON document Redis holds for a row key (null when none), for partial rows. */
    private final Function<byte[], byte[]> storedDoc;

    RowChanges(RedisSinkConfig config, RedisLayout layout, Function<byte[], byte[]> storedDoc) {
        this.config = config;
        this.layout = layout;
        this.storedDoc = storedDoc;
    }

    /** The table's settings, resolved once per event. */
    private record Table(TableRef ref, String id, boolean json, KeyTemplate template, Set<String> include,
                         Set<String> exclude, Map<String, String> rename, Long ttl, String ttlColumn,
                         Set<String> indexed, Map<String, byte[]> indexStarts) {
        /** The stored field name of a column, or null when the column is not stored. */
        String field(String column) {
            if (include != null && !include.contains(column) || exclude.contains(column)) {
                return null;
            }
            return rename.getOrDefault(column, column);
        }

        /** The start of the names of an indexed column's sets; the value's text follows. */
        byte[] indexStart(String column) {
            return indexStarts.get(column);
        }
    }

    /** Settings per table, resolved once (the config does not change while the task runs). */
    private final Map<TableRef, Table> tables = new java.util.HashMap<>();

    /** Whether the rows of the event's table store {@code column} (not left out by the field include or exclude list). */
    boolean stores(DdmlEvent event, String column) {
        return table(event).field(column) != null;
    }

    private Table table(DdmlEvent event) {
        return tables.computeIfAbsent(event.source().tableRef(), this::resolve);
    }

    private Table resolve(TableRef ref) {
        String id = RedisLayout.tableId(ref);
        Map<String, String> rename = config.renamedFields(ref);
        Map<String, byte[]> starts = new java.util.HashMap<>();
        for (String column : config.indexedColumns(ref)) {
            String start = config.indexSetNameStart(ref, column);
            starts.put(column, start != null ? RedisLayout.utf8(start)
                : layout.indexPrefix(id, rename.getOrDefault(column, column)));
        }
        return new Table(ref, id, config.json(ref), config.keyTemplate(ref), config.includedFields(ref),
            config.excludedFields(ref), rename, config.ttlSeconds(ref), config.ttlColumn(ref),
            config.indexedColumns(ref), Map.copyOf(starts));
    }

    /** Adds the operations of a DML event (not an omitted one) to the batch. */
    void add(RedisBatch batch, DdmlEvent event) {
        DmlChange dml = event.dml();
        Table t = table(event);
        String sortable = event.position().sortable();
        TableSchema schema = event.schema();
        switch (dml.op()) {
            case INSERT, READ -> write(batch, t, schema, dml.after(), sortable).accept(batch);
            case UPDATE -> {
                // everything checked and encoded before the first operation is added: a change goes whole or not at all
                java.util.function.Consumer<RedisBatch> write = write(batch, t, schema, dml.after(), sortable);
                Key newKey = key(t, schema, dml.after());
                if (dml.before() != null && hasKey(schema, dml.before())) {
                    Key oldKey = key(t, schema, dml.before());
                    if (!java.util.Arrays.equals(oldKey.rowKey(), newKey.rowKey())) {
                        delete(batch, t, oldKey, sortable);
                    }
                }
                write.accept(batch);
            }
            case DELETE -> delete(batch, t, key(t, schema, dml.key() != null ? dml.key() : dml.before()), sortable);
            case TRUNCATE -> truncate(batch, event, sortable);
        }
    }

    /** Adds a truncate (or an applied drop_table) of the event's table. */
    void truncate(RedisBatch batch, DdmlEvent event, String sortable) {
        Table t = table(event);
        batch.truncate(layout.keySet(t.id()), layout.truncated(t.id()), layout.indexRegistry(t.id()), sortable,
            indexPairs(t));
    }

    /**
     * Adds the column drops and renames of a DDL event, in the order SPEC.md section 7 gives; JSON rows are rewritten
     * here (each read now, and written back only if unchanged since).
     */
    void columns(RedisBatch batch, DdmlEvent event, List<String[]> renames, List<String> drops,
                 Function<byte[], List<byte[]>> members) {
        Table t = table(event);
        String sortable = event.position().sortable();
        byte[] keySet = layout.keySet(t.id());
        List<String> takenByRename = drops.stream().filter(d -> renames.stream().anyMatch(r -> r[1].equals(d))).toList();
        for (String d : takenByRename) {
            drop(batch, t, keySet, sortable, d);
        }
        for (String[] r : renames) {
            String from = t.field(r[0]);
            String to = t.field(r[1]);
            if (from == null) {
                continue; // not stored
            }
            if (to == null) {
                drop(batch, t, keySet, sortable, r[0]);
            } else if (!from.equals(to)) {
                batch.column(keySet, sortable, true, RedisLayout.utf8(from), RedisLayout.utf8(to));
            }
        }
        for (String d : drops) {
            if (!takenByRename.contains(d)) {
                drop(batch, t, keySet, sortable, d);
            }
        }
        if (t.json()) {
            rewriteJson(batch, t, keySet, sortable, renames, drops, members);
        }
    }

    private void drop(RedisBatch batch, Table t, byte[] keySet, String sortable, String column) {
        String field = t.field(column);
        if (field != null) {
            batch.column(keySet, sortable, false, RedisLayout.utf8(field), null);
        }
    }

    private void rewriteJson(RedisBatch batch, Table t, byte[] keySet, String sortable, List<String[]> renames,
                             List<String> drops, Function<byte[], List<byte[]>> members) {
        for (byte[] rowKey : members.apply(keySet)) {
            byte[] stored = storedDoc.apply(rowKey);
            if (stored == null) {
                continue;
            }
            ObjectNode doc;
            try {
                doc = (ObjectNode) MAPPER.readTree(stored);
            } catch (IOException | ClassCastException e) {
                continue; // not a document the sink wrote
            }
            String rowSortable = doc.path("_ddml").path("sortable").asText("");
            if (rowSortable.compareTo(sortable) >= 0) {
                continue; // written after the change
            }
            ObjectNode out = NODES.objectNode();
            Map<String, String> renamed = new HashMap<>();
            for (String[] r : renames) {
                String from = t.field(r[0]);
                String to = t.field(r[1]);
                if (from != null && to != null) {
                    renamed.put(from, to);
                }
            }
            java.util.Set<String> dropped = new java.util.HashSet<>();
            for (String d : drops) {
                String f = t.field(d);
                if (f != null && !renamed.containsValue(f)) {
                    dropped.add(f);
                }
            }
            doc.fields().forEachRemaining(e -> {
                if (e.getKey().equals("_ddml")) {
                    out.set("_ddml", e.getValue());
                } else if (!dropped.contains(e.getKey())) {
                    out.set(renamed.getOrDefault(e.getKey(), e.getKey()), e.getValue());
                }
            });
            if (!out.equals(doc)) {
                batch.rewrite(rowKey, sha1(stored), json(out));
            }
        }
    }

    /** Checks and encodes a row write; the operation is added when the returned action runs. */
    private java.util.function.Consumer<RedisBatch> write(RedisBatch batch, Table t, TableSchema schema, Row after,
                                                         String sortable) {
        Key key = key(t, schema, after);
        boolean whole = after.size() == schema.columns().size();
        List<byte[]> fields = new ArrayList<>();
        List<byte[]> nulls = new ArrayList<>();
        ObjectNode doc = NODES.objectNode();
        ObjectNode meta = doc.putObject("_ddml");
        meta.put("sortable", sortable);
        meta.put("fingerprint", schema.fingerprint());
        if (!t.json()) {
            fields.add(RedisLayout.utf8(SORTABLE_FIELD));
            fields.add(RedisLayout.utf8(sortable));
            fields.add(RedisLayout.utf8(FINGERPRINT_FIELD));
            fields.add(RedisLayout.utf8(schema.fingerprint()));
        }
        Map<String, String> taken = new HashMap<>();
        for (Column c : schema.columns()) {
            if (!after.has(c.name())) {
                continue;
            }
            String field = t.field(c.name());
            if (field == null) {
                continue;
            }
            String clash = taken.put(field, c.name());
            if (clash != null || field.equals(SORTABLE_FIELD) || field.equals(FINGERPRINT_FIELD)
                || t.json() && field.equals("_ddml")) {
                throw new IllegalArgumentException("column " + c.name() + " would be stored as field '" + field
                    + "', which " + (clash != null ? "column " + clash + " also uses" : "the sink keeps for itself")
                    + "; change redis.field.rename");
            }
            Object value = after.get(c.name());
            if (t.json()) {
                doc.set(field, value == null ? NODES.nullNode() : jsonValue(c, value));
            } else if (value == null) {
                nulls.add(RedisLayout.utf8(field));
            } else {
                fields.add(RedisLayout.utf8(field));
                fields.add(encode(c, value));
            }
        }
        List<RedisBatch.IndexEntry> indexes = new ArrayList<>();
        ObjectNode indexMeta = null;
        for (String column : t.indexed()) {
            String field = t.field(column);
            if (field == null) {
                throw new IllegalArgumentException("column " + column + " is indexed (redis.index.columns) but not "
                    + "stored (redis.field.include / redis.field.exclude); store it, or drop its index");
            }
            Column c = schema.column(column).orElse(null);
            RedisBatch.IndexEntry entry;
            if (c == null || after.has(column) && after.get(column) == null) {
                entry = new RedisBatch.IndexEntry(RedisLayout.utf8(field), t.indexStart(column),
                    RedisBatch.IndexEntry.Kind.NULL, null);
            } else if (!after.has(column)) {
                entry = new RedisBatch.IndexEntry(RedisLayout.utf8(field), t.indexStart(column),
                    RedisBatch.IndexEntry.Kind.KEEP, null);
            } else {
                byte[] v = encode(c, after.get(column));
                entry = new RedisBatch.IndexEntry(RedisLayout.utf8(field), t.indexStart(column),
                    RedisBatch.IndexEntry.Kind.VALUE, v);
                if (t.json()) {
                    if (indexMeta == null) {
                        indexMeta = meta.putObject("index");
                    }
                    indexMeta.put(field, new String(v, StandardCharsets.UTF_8));
                }
            }
            indexes.add(entry);
        }
        RedisBatch.Expiry expiry = expiry(t, schema, after);
        byte[] docBytes = null;
        if (t.json()) {
            if (!whole) {
                merge(batch, key.rowKey(), doc);
            }
            docBytes = json(doc);
        }
        byte[] finalDoc = docBytes;
        return b -> b.row(key.rowKey(), layout.keySet(t.id()), layout.tomb(t.id(), key.text()), layout.truncated(t.id()),
            layout.indexRegistry(t.id()), sortable, t.json(), whole, expiry, fields, nulls, finalDoc, indexes);
    }

    /** A partial row (columns absent: unknown, SPEC.md section 6) keeps the stored document's values of them. */
    private void merge(RedisBatch batch, byte[] rowKey, ObjectNode doc) {
        ByteBuffer k = ByteBuffer.wrap(rowKey);
        byte[] stored = batch.docs().containsKey(k) ? batch.docs().get(k) : storedDoc.apply(rowKey);
        if (stored == null) {
            return;
        }
        try {
            JsonNode old = MAPPER.readTree(stored);
            old.fields().forEachRemaining(e -> {
                if (!e.getKey().equals("_ddml") && !doc.has(e.getKey())) {
                    doc.set(e.getKey(), e.getValue());
                }
            });
            JsonNode oldIndex = old.path("_ddml").path("index");
            if (oldIndex.isObject()) {
                ObjectNode meta = (ObjectNode) doc.get("_ddml");
                ObjectNode index = meta.has("index") ? (ObjectNode) meta.get("index") : NODES.objectNode();
                oldIndex.fields().forEachRemaining(e -> {
                    if (!index.has(e.getKey())) {
                        index.set(e.getKey(), e.getValue());
                    }
                });
                if (!index.isEmpty()) {
                    meta.set("index", index);
                }
            }
        } catch (IOException e) {
            // not a document the sink wrote: replaced whole
        }
    }

    private RedisBatch.Expiry expiry(Table t, TableSchema schema, Row after) {
        if (t.ttlColumn() != null) {
            String column = t.ttlColumn();
            Column c = schema.column(column).orElseThrow(() -> new IllegalArgumentException("the time-to-live column "
                + column + " (redis.ttl.column) is not a column of the table"));
            if (!after.has(column)) {
                return RedisBatch.Expiry.UNCHANGED;
            }
            Object v = after.get(column);
            if (v == null) {
                return RedisBatch.Expiry.NONE;
            }
            TypeKind kind = c.type().kind();
            return switch (kind) {
                case INT8, INT16, INT32, INT64 -> RedisBatch.Expiry.inSeconds(((Number) v).longValue());
                case TIMESTAMPTZ -> RedisBatch.Expiry.atMillis(((Instant) v).toEpochMilli());
                case TIMESTAMP -> RedisBatch.Expiry.atMillis(((LocalDateTime) v).toInstant(ZoneOffset.UTC).toEpochMilli());
                case DATE -> RedisBatch.Expiry.atMillis(((LocalDate) v).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli());
                default -> throw new IllegalArgumentException("the time-to-live column " + column + " is of type "
                    + c.type() + "; it must be an integer (seconds), timestamptz, timestamp or date");
            };
        }
        if (t.ttl() != null) {
            return RedisBatch.Expiry.inSeconds(t.ttl());
        }
        return RedisBatch.Expiry.UNCHANGED;
    }

    private void delete(RedisBatch batch, Table t, Key key, String sortable) {
        batch.delete(key.rowKey(), layout.keySet(t.id()), layout.tomb(t.id(), key.text()), layout.truncated(t.id()),
            sortable, config.tombstoneTtlSeconds(), indexPairs(t));
    }

    private List<byte[][]> indexPairs(Table t) {
        List<byte[][]> out = new ArrayList<>();
        for (String column : t.indexed()) {
            String field = t.field(column);
            if (field != null) {
                out.add(new byte[][] {RedisLayout.utf8(field), t.indexStart(column)});
            }
        }
        return out;
    }

    /** A row's Redis key, and the canonical key text (the tombstone's name). */
    private record Key(byte[] rowKey, byte[] text) {
    }

    private static boolean hasKey(TableSchema schema, Row row) {
        return schema.primaryKey().stream().allMatch(row::has);
    }

    private Key key(Table t, TableSchema schema, Row row) {
        List<String> pk = schema.primaryKey();
        if (pk.isEmpty()) {
            throw new IllegalArgumentException("table " + t.id() + " has no primary key in the event's schema; a Redis "
                + "row needs one (give the source table a primary key)");
        }
        Map<String, byte[]> texts = new LinkedHashMap<>();
        byte[] text;
        if (pk.size() == 1) {
            text = keyValue(t, schema, row, pk.get(0), true);
            texts.put(pk.get(0), text);
        } else {
            com.fasterxml.jackson.databind.node.ArrayNode array = NODES.arrayNode();
            for (String k : pk) {
                Column c = schema.column(k).orElseThrow();
                keyValue(t, schema, row, k, false);
                array.add(jsonValue(c, row.get(k)));
                texts.put(k, encode(c, row.get(k)));
            }
            text = json(array);
        }
        KeyTemplate template = t.template();
        if (template == null) {
            return new Key(layout.row(t.id(), text), text);
        }
        for (String named : template.columns()) {
            if (!texts.containsKey(named)) {
                throw new IllegalArgumentException("the key template '" + template.text() + "' (redis.key.template) "
                    + "names column " + named + ", which is not a primary-key column of table " + t.id() + " (key: "
                    + pk + "); name only key columns");
            }
        }
        for (String k : pk) {
            if (!template.columns().contains(k)) {
                throw new IllegalArgumentException("the key template '" + template.text() + "' (redis.key.template) "
                    + "does not name key column " + k + " of table " + t.id() + ", so two rows could share a Redis key; "
                    + "add {" + k + "}");
            }
        }
        return new Key(template.render(t.id(), texts), text);
    }

    private byte[] keyValue(Table t, TableSchema schema, Row row, String column, boolean encode) {
        if (row == null || !row.has(column)) {
            throw new IllegalArgumentException("the row lacks key column " + column + " of table " + t.id());
        }
        Object v = row.get(column);
        if (v == null) {
            throw new IllegalArgumentException("key column " + column + " of table " + t.id() + " is NULL");
        }
        return encode ? encode(schema.column(column).orElseThrow(), v) : null;
    }

    private static byte[] encode(Column c, Object value) {
        try {
            return RedisValues.encode(c.type(), value);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("column " + c.name() + ": the value does not encode as " + c.type()
                + " (SPEC.md section 11.1): " + e.getMessage(), e);
        }
    }

    private static JsonNode jsonValue(Column c, Object value) {
        try {
            return JsonValues.toJson(c.type(), value);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("column " + c.name() + ": the value does not encode as " + c.type()
                + " (SPEC.md section 8.2): " + e.getMessage(), e);
        }
    }

    private static byte[] json(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write JSON: " + e.getMessage(), e);
        }
    }

    static String sha1(byte[] bytes) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-1").digest(bytes);
            StringBuilder sb = new StringBuilder(40);
            for (byte b : d) {
                sb.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
            }
            return sb.toString();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
