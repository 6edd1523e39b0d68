package io.idaas.ddml;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idaas.ddml.types.JsonValues;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The DDML JSON writer as it was before the byte writer ({@code JsonEventWriter} with Jackson's generator), kept as the
 * reference the byte writer's output is compared with ({@link WireBytesPinTest}).
 */
final class JacksonReferenceWriter {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = JsonLimits.mapper();
    /** The JSON of schemas written, by fingerprint, with the schema it is of (a hit must equal it). */
    private static final Map<String, Map.Entry<TableSchema, SerializedString>> SCHEMA_TEXTS = new ConcurrentHashMap<>();
    private static final int SCHEMAS_KEPT = 1024;

    private JacksonReferenceWriter() {
    }

    static byte[] write(DdmlEvent e) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(1024);
        try (JsonGenerator g = MAPPER.getFactory().createGenerator(out)) {
            write(e, g);
        } catch (IOException x) {
            throw new java.io.UncheckedIOException(x);
        }
        return out.toByteArray();
    }

    static void write(DdmlEvent e, JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField("spec_version", e.specVersion());
        g.writeStringField("id", e.id());
        g.writeStringField("kind", e.kind().wireName());
        source(e.source(), g);
        position(e.position(), g);
        if (e.transaction() != null) {
            transaction(e.transaction(), g);
        }
        time(e.time(), g);
        if (e.schema() != null) {
            g.writeFieldName("schema");
            g.writeRawValue(schemaText(e.schema()));
        }
        if (e.dml() != null) {
            dml(e.dml(), e.schema(), g);
        }
        if (e.ddl() != null) {
            g.writeFieldName("ddl");
            g.writeTree(ddl(e.ddl()));
        }
        g.writeEndObject();
    }

    private static SerializedString schemaText(TableSchema s) throws IOException {
        Map.Entry<TableSchema, SerializedString> known = SCHEMA_TEXTS.get(s.fingerprint());
        if (known != null && (known.getKey() == s || known.getKey().equals(s))) {
            return known.getValue();
        }
        SerializedString text = new SerializedString(MAPPER.writeValueAsString(schema(s)));
        if (SCHEMA_TEXTS.size() >= SCHEMAS_KEPT) {
            SCHEMA_TEXTS.clear(); // more shapes than kept: start over rather than track recency
        }
        SCHEMA_TEXTS.put(s.fingerprint(), Map.entry(s, text));
        return text;
    }

    private static void source(Source s, JsonGenerator g) throws IOException {
        g.writeObjectFieldStart("source");
        g.writeStringField("system", s.system());
        g.writeStringField("name", s.name());
        stringIf(g, "database", s.database());
        stringIf(g, "schema", s.schema());
        g.writeStringField("table", s.table());
        g.writeEndObject();
    }

    private static void position(Position p, JsonGenerator g) throws IOException {
        g.writeObjectFieldStart("position");
        g.writeStringField("sortable", p.sortable());
        g.writeObjectFieldStart("native");
        for (Map.Entry<String, String> f : p.nativeFields().entrySet()) {
            g.writeStringField(f.getKey(), f.getValue());
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void transaction(Transaction t, JsonGenerator g) throws IOException {
        g.writeObjectFieldStart("transaction");
        g.writeStringField("id", t.id());
        g.writeNumberField("order", t.order());
        if (t.tableOrder() != null) {
            g.writeNumberField("table_order", t.tableOrder());
        }
        if (t.total() != null) {
            g.writeNumberField("total", t.total());
        }
        g.writeEndObject();
    }

    private static void time(Timing t, JsonGenerator g) throws IOException {
        g.writeObjectFieldStart("time");
        if (t.commitUs() != null) {
            g.writeNumberField("commit_us", t.commitUs());
        }
        g.writeNumberField("capture_us", t.captureUs());
        g.writeNumberField("emit_us", t.emitUs());
        g.writeEndObject();
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

    private static void dml(DmlChange d, TableSchema schema, JsonGenerator g) throws IOException {
        g.writeObjectFieldStart("dml");
        g.writeStringField("op", d.op().wireName());
        row("key", d.key(), schema, g);
        row("before", d.before(), schema, g);
        row("after", d.after(), schema, g);
        if (d.changed() != null) {
            g.writeArrayFieldStart("changed");
            for (String c : d.changed()) {
                g.writeString(c);
            }
            g.writeEndArray();
        }
        if (d.omitted() != null) {
            g.writeObjectFieldStart("omitted");
            g.writeStringField("reason", d.omitted().reason());
            g.writeNumberField("bytes", d.omitted().bytes());
            g.writeNumberField("limit", d.omitted().limit());
            stringIf(g, "detail", d.omitted().detail());
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static void row(String field, Row row, TableSchema schema, JsonGenerator g) throws IOException {
        if (row == null) {
            return;
        }
        g.writeObjectFieldStart(field);
        for (Map.Entry<String, Object> e : row.values().entrySet()) {
            Column c = schema.column(e.getKey()).orElseThrow();
            g.writeFieldName(e.getKey());
            JsonValues.write(c.type(), e.getValue(), g);
        }
        g.writeEndObject();
    }

    private static void stringIf(JsonGenerator g, String field, String value) throws IOException {
        if (value != null) {
            g.writeStringField(field, value);
        }
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
