package io.idaas.ddml;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idaas.ddml.types.JsonValues;
import java.util.List;
import java.util.Map;

/** Writes the JSON tree of an event. */
final class JsonEventWriter {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonEventWriter() {
    }

    static ObjectNode event(DdmlEvent e) {
        ObjectNode o = NODES.objectNode();
        o.put("spec_version", e.specVersion());
        o.put("id", e.id());
        o.put("kind", e.kind().wireName());
        o.set("source", source(e.source()));
        o.set("position", position(e.position()));
        if (e.transaction() != null) {
            o.set("transaction", transaction(e.transaction()));
        }
        o.set("time", time(e.time()));
        if (e.schema() != null) {
            o.set("schema", schema(e.schema()));
        }
        if (e.dml() != null) {
            o.set("dml", dml(e.dml(), e.schema()));
        }
        if (e.ddl() != null) {
            o.set("ddl", ddl(e.ddl()));
        }
        return o;
    }

    private static ObjectNode source(Source s) {
        ObjectNode o = NODES.objectNode();
        o.put("system", s.system());
        o.put("name", s.name());
        putIf(o, "database", s.database());
        putIf(o, "schema", s.schema());
        o.put("table", s.table());
        return o;
    }

    private static ObjectNode position(Position p) {
        ObjectNode o = NODES.objectNode();
        o.put("sortable", p.sortable());
        ObjectNode n = o.putObject("native");
        p.nativeFields().forEach(n::put);
        return o;
    }

    private static ObjectNode transaction(Transaction t) {
        ObjectNode o = NODES.objectNode();
        o.put("id", t.id());
        o.put("order", t.order());
        if (t.tableOrder() != null) {
            o.put("table_order", t.tableOrder());
        }
        if (t.total() != null) {
            o.put("total", t.total());
        }
        return o;
    }

    private static ObjectNode time(Timing t) {
        ObjectNode o = NODES.objectNode();
        if (t.commitUs() != null) {
            o.put("commit_us", t.commitUs());
        }
        o.put("capture_us", t.captureUs());
        o.put("emit_us", t.emitUs());
        return o;
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

    private static ObjectNode dml(DmlChange d, TableSchema schema) {
        ObjectNode o = NODES.objectNode();
        o.put("op", d.op().wireName());
        row(o, "key", d.key(), schema);
        row(o, "before", d.before(), schema);
        row(o, "after", d.after(), schema);
        if (d.changed() != null) {
            o.set("changed", strings(d.changed()));
        }
        if (d.omitted() != null) {
            ObjectNode omitted = o.putObject("omitted");
            omitted.put("reason", d.omitted().reason());
            omitted.put("bytes", d.omitted().bytes());
            omitted.put("limit", d.omitted().limit());
            if (d.omitted().detail() != null) {
                omitted.put("detail", d.omitted().detail());
            }
        }
        return o;
    }

    private static void row(ObjectNode parent, String field, Row row, TableSchema schema) {
        if (row == null) {
            return;
        }
        ObjectNode o = parent.putObject(field);
        for (Map.Entry<String, Object> e : row.values().entrySet()) {
            Column c = schema.column(e.getKey()).orElseThrow();
            o.set(e.getKey(), JsonValues.toJson(c.type(), e.getValue()));
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
