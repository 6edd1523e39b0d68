package io.idaas.ddml;

import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes an event's JSON (SPEC.md) byte by byte into a {@link JsonOutput} ({@link #write}), without a tree or a
 * generator: the fixed field names are constant bytes, and a table schema's JSON, with its columns' names as row
 * fields, is written once per schema and kept ({@link SchemaParts}), since a table's events repeat it. The bytes are
 * those Jackson's generator gave for the same event (WireBytesPinTest). {@link #schema} and {@link #column} make the
 * tree of a schema, for readers of trees.
 */
final class JsonEventWriter {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = JsonLimits.mapper();
    /** The JSON parts of schemas written, by fingerprint, with the schema they are of (a hit must equal it). */
    private static final Map<String, SchemaParts> SCHEMA_PARTS = new ConcurrentHashMap<>();
    private static final int SCHEMAS_KEPT = 1024;

    private static final byte[] SPEC_VERSION = JsonOutput.bytes("{\"spec_version\":");
    private static final byte[] ID = JsonOutput.bytes(",\"id\":");
    private static final byte[] KIND = JsonOutput.bytes(",\"kind\":");
    private static final byte[] SOURCE_SYSTEM = JsonOutput.bytes(",\"source\":{\"system\":");
    private static final byte[] NAME = JsonOutput.bytes(",\"name\":");
    private static final byte[] DATABASE = JsonOutput.bytes(",\"database\":");
    private static final byte[] SCHEMA = JsonOutput.bytes(",\"schema\":");
    private static final byte[] TABLE = JsonOutput.bytes(",\"table\":");
    private static final byte[] POSITION_SORTABLE = JsonOutput.bytes("},\"position\":{\"sortable\":");
    private static final byte[] NATIVE = JsonOutput.bytes(",\"native\":{");
    private static final byte[] TRANSACTION_ID = JsonOutput.bytes(",\"transaction\":{\"id\":");
    private static final byte[] ORDER = JsonOutput.bytes(",\"order\":");
    private static final byte[] TABLE_ORDER = JsonOutput.bytes(",\"table_order\":");
    private static final byte[] TOTAL = JsonOutput.bytes(",\"total\":");
    private static final byte[] TIME = JsonOutput.bytes(",\"time\":{");
    private static final byte[] COMMIT_US = JsonOutput.bytes("\"commit_us\":");
    private static final byte[] CAPTURE_US = JsonOutput.bytes("\"capture_us\":");
    private static final byte[] EMIT_US = JsonOutput.bytes(",\"emit_us\":");
    private static final byte[] DML_OP = JsonOutput.bytes(",\"dml\":{\"op\":");
    private static final byte[] KEY = JsonOutput.bytes(",\"key\":{");
    private static final byte[] BEFORE = JsonOutput.bytes(",\"before\":{");
    private static final byte[] AFTER = JsonOutput.bytes(",\"after\":{");
    private static final byte[] CHANGED = JsonOutput.bytes(",\"changed\":[");
    private static final byte[] OMITTED_REASON = JsonOutput.bytes(",\"omitted\":{\"reason\":");
    private static final byte[] BYTES = JsonOutput.bytes(",\"bytes\":");
    private static final byte[] LIMIT = JsonOutput.bytes(",\"limit\":");
    private static final byte[] DETAIL = JsonOutput.bytes(",\"detail\":");
    private static final byte[] DDL = JsonOutput.bytes(",\"ddl\":");

    /**
     * A table schema's JSON, as the generator wrote the schema tree's text, and its columns' names as the row fields
     * ({@code "name":}), in column order.
     */
    private record SchemaParts(TableSchema schema, byte[] json, byte[][] fieldNames) {
    }

    private JsonEventWriter() {
    }

    /** The event's JSON, in UTF-8. */
    static byte[] write(DdmlEvent e) {
        JsonOutput out = JsonOutput.forThisThread();
        write(e, out);
        return out.toByteArray();
    }

    static void write(DdmlEvent e, JsonOutput out) {
        SchemaParts parts = e.schema() == null ? null : schemaParts(e.schema());
        out.raw(SPEC_VERSION);
        out.string(e.specVersion());
        out.raw(ID);
        out.string(e.id());
        out.raw(KIND);
        out.string(e.kind().wireName());
        source(e.source(), out);
        position(e.position(), out);
        if (e.transaction() != null) {
            transaction(e.transaction(), out);
        }
        time(e.time(), out);
        if (parts != null) {
            out.raw(SCHEMA);
            out.raw(parts.json());
        }
        if (e.dml() != null) {
            dml(e.dml(), parts, out);
        }
        if (e.ddl() != null) {
            out.raw(DDL);
            out.raw(treeBytes(ddl(e.ddl())));
        }
        out.raw('}');
    }

    private static SchemaParts schemaParts(TableSchema s) {
        SchemaParts known = SCHEMA_PARTS.get(s.fingerprint());
        if (known != null) {
            if (known.schema() == s) {
                return known;
            }
            if (known.schema().equals(s)) {
                // an equal schema in another instance (a source's DDL event and its DML events hold their own): kept
                // with this one, so the events that follow find it by identity instead of comparing every column
                SchemaParts same = new SchemaParts(s, known.json(), known.fieldNames());
                SCHEMA_PARTS.put(s.fingerprint(), same);
                return same;
            }
        }
        String text;
        try {
            text = MAPPER.writeValueAsString(schema(s));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // as the generator wrote a SerializedString of the text: plain UTF-8, a lone surrogate refused
        byte[] json = new SerializedString(text).asUnquotedUTF8();
        List<Column> columns = s.columns();
        byte[][] names = new byte[columns.size()][];
        JsonOutput name = new JsonOutput();
        for (int i = 0; i < names.length; i++) {
            name.clear();
            name.name(columns.get(i).name());
            names[i] = name.toByteArray();
        }
        SchemaParts parts = new SchemaParts(s, json, names);
        if (SCHEMA_PARTS.size() >= SCHEMAS_KEPT) {
            SCHEMA_PARTS.clear(); // more shapes than kept: start over rather than track recency
        }
        SCHEMA_PARTS.put(s.fingerprint(), parts);
        return parts;
    }

    private static void source(Source s, JsonOutput out) {
        out.raw(SOURCE_SYSTEM);
        out.string(s.system());
        out.raw(NAME);
        out.string(s.name());
        if (s.database() != null) {
            out.raw(DATABASE);
            out.string(s.database());
        }
        if (s.schema() != null) {
            out.raw(SCHEMA);
            out.string(s.schema());
        }
        out.raw(TABLE);
        out.string(s.table());
    }

    private static void position(Position p, JsonOutput out) {
        out.raw(POSITION_SORTABLE);
        out.string(p.sortable());
        out.raw(NATIVE);
        NativeFields fields = NativeFields.of(p.nativeFields());
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.raw(',');
            }
            out.name(fields.keyAt(i));
            out.string(fields.valueAt(i));
        }
        out.raw('}');
        out.raw('}');
    }

    private static void transaction(Transaction t, JsonOutput out) {
        out.raw(TRANSACTION_ID);
        out.string(t.id());
        out.raw(ORDER);
        out.number(t.order());
        if (t.tableOrder() != null) {
            out.raw(TABLE_ORDER);
            out.number(t.tableOrder());
        }
        if (t.total() != null) {
            out.raw(TOTAL);
            out.number(t.total());
        }
        out.raw('}');
    }

    private static void time(Timing t, JsonOutput out) {
        out.raw(TIME);
        if (t.commitUs() != null) {
            out.raw(COMMIT_US);
            out.number(t.commitUs());
            out.raw(',');
        }
        out.raw(CAPTURE_US);
        out.number(t.captureUs());
        out.raw(EMIT_US);
        out.number(t.emitUs());
        out.raw('}');
    }

    private static void dml(DmlChange d, SchemaParts parts, JsonOutput out) {
        out.raw(DML_OP);
        out.string(d.op().wireName());
        row(KEY, d.key(), parts, out);
        row(BEFORE, d.before(), parts, out);
        row(AFTER, d.after(), parts, out);
        if (d.changed() != null) {
            out.raw(CHANGED);
            boolean first = true;
            for (String c : d.changed()) {
                if (!first) {
                    out.raw(',');
                }
                first = false;
                out.string(c);
            }
            out.raw(']');
        }
        if (d.omitted() != null) {
            out.raw(OMITTED_REASON);
            out.string(d.omitted().reason());
            out.raw(BYTES);
            out.number(d.omitted().bytes());
            out.raw(LIMIT);
            out.number(d.omitted().limit());
            if (d.omitted().detail() != null) {
                out.raw(DETAIL);
                out.string(d.omitted().detail());
            }
            out.raw('}');
        }
        out.raw('}');
    }

    private static void row(byte[] field, Row row, SchemaParts parts, JsonOutput out) {
        if (row == null) {
            return;
        }
        out.raw(field);
        List<Column> columns = parts.schema().columns();
        if (row.values() instanceof ColumnValues values && values.columns() == columns) {
            boolean first = true;
            for (int i = 0; i < columns.size(); i++) {
                if (values.has(i)) {
                    if (!first) {
                        out.raw(',');
                    }
                    first = false;
                    out.raw(parts.fieldNames()[i]);
                    JsonValueWriter.write(columns.get(i).type(), values.valueAt(i), out);
                }
            }
            out.raw('}');
            return;
        }
        ColumnCursor cursor = new ColumnCursor(parts.schema());
        boolean first = true;
        for (Map.Entry<String, Object> e : row.values().entrySet()) {
            int i = cursor.index(e.getKey());
            if (!first) {
                out.raw(',');
            }
            first = false;
            out.raw(parts.fieldNames()[i]);
            JsonValueWriter.write(columns.get(i).type(), e.getValue(), out);
        }
        out.raw('}');
    }

    /** A tree's JSON as Jackson's UTF-8 generator writes it. */
    private static byte[] treeBytes(ObjectNode tree) {
        try {
            return MAPPER.writeValueAsBytes(tree);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode schema(TableSchema s) {
        ObjectNode o = NODES.objectNode();
        o.put("fingerprint", s.fingerprint());
        ArrayNode cols = o.putArray("columns");
        s.columns().forEach(c -> cols.add(column(c)));
        o.set("primary_key", strings(s.primaryKey()));
        return o;
    }

    static ObjectNode column(Column c) {
        ObjectNode o = NODES.objectNode();
        o.put("name", c.name());
        o.put("type", c.type().toString());
        putIf(o, "native_type", c.nativeType());
        o.put("nullable", c.nullable());
        putIf(o, "default_value", c.defaultValue());
        if (c.length() != null) {
            o.put("length", c.length());
        }
        if (c.precision() != null) {
            o.put("precision", c.precision());
        }
        if (c.scale() != null) {
            o.put("scale", c.scale());
        }
        return o;
    }

    private static ObjectNode ddl(DdlChange d) {
        ObjectNode o = NODES.objectNode();
        o.put("op", d.op().wireName());
        putIf(o, "statement", d.statement());
        o.put("derived", d.derived());
        if (d.renamedFrom() != null) {
            ObjectNode r = o.putObject("renamed_from");
            putIf(r, "database", d.renamedFrom().database());
            putIf(r, "schema", d.renamedFrom().schema());
            r.put("table", d.renamedFrom().table());
        }
        if (!d.added().isEmpty()) {
            ArrayNode a = o.putArray("added");
            d.added().forEach(c -> a.add(column(c)));
        }
        if (!d.dropped().isEmpty()) {
            o.set("dropped", strings(d.dropped()));
        }
        if (!d.modified().isEmpty()) {
            ArrayNode a = o.putArray("modified");
            for (ModifiedColumn m : d.modified()) {
                ObjectNode mo = a.addObject();
                mo.set("before", column(m.before()));
                mo.set("after", column(m.after()));
            }
        }
        if (!d.renamed().isEmpty()) {
            ArrayNode a = o.putArray("renamed");
            d.renamed().forEach(r -> a.addObject().put("from", r.from()).put("to", r.to()));
        }
        if (d.primaryKey() != null) {
            o.set("primary_key", strings(d.primaryKey()));
        }
        return o;
    }

    private static ArrayNode strings(List<String> values) {
        ArrayNode a = NODES.arrayNode();
        values.forEach(a::add);
        return a;
    }

    private static void putIf(ObjectNode o, String field, String value) {
        if (value != null) {
            o.put(field, value);
        }
    }
}
