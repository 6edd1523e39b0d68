package io.idaas.ddml;

import io.idaas.ddml.types.AvroValues;
import io.idaas.ddml.types.PortableType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.avro.generic.GenericRecord;

/** Reads an event from its Avro record; errors name the field. */
final class AvroEventReader {

    private static final AvroValues VALUES = new AvroValues(AvroEventWriter.VALUE);

    private AvroEventReader() {
    }

    static DdmlEvent event(GenericRecord r) {
        String version = str(r, "spec_version");
        SpecVersion.requireReadable(version);
        EventKind kind = EventKind.of(str(r, "kind"));
        TableSchema schema = at("schema", () -> r.get("schema") == null ? null : schema(rec(r, "schema")));
        DmlChange dml = kind == EventKind.DML ? at("dml", () -> dml(rec(r, "dml"), schema)) : null;
        DdlChange ddl = kind == EventKind.DDL ? at("ddl", () -> ddl(rec(r, "ddl"))) : null;
        return new DdmlEvent(version, str(r, "id"), at("source", () -> source(rec(r, "source"))),
            at("position", () -> position(rec(r, "position"))),
            r.get("transaction") == null ? null : at("transaction", () -> transaction(rec(r, "transaction"))),
            at("time", () -> time(rec(r, "time"))), schema, dml, ddl);
    }

    private static Source source(GenericRecord r) {
        return new Source(str(r, "system"), str(r, "name"), optStr(r, "database"), optStr(r, "schema"), str(r, "table"));
    }

    private static Position position(GenericRecord r) {
        Map<String, String> nativeFields = new LinkedHashMap<>();
        ((Map<?, ?>) r.get("native")).forEach((k, v) -> nativeFields.put(k.toString(), v.toString()));
        return new Position(str(r, "sortable"), nativeFields);
    }

    private static Transaction transaction(GenericRecord r) {
        return new Transaction(str(r, "id"), (Long) r.get("order"), (Long) r.get("table_order"), (Long) r.get("total"));
    }

    private static Timing time(GenericRecord r) {
        return new Timing((Long) r.get("commit_us"), (Long) r.get("capture_us"), (Long) r.get("emit_us"));
    }

    private static TableSchema schema(GenericRecord r) {
        return new TableSchema(str(r, "fingerprint"), list(r, "columns", c -> column((GenericRecord) c)), strings(r, "primary_key"));
    }

    private static Column column(GenericRecord r) {
        return new Column(str(r, "name"), PortableType.parse(str(r, "type")), optStr(r, "native_type"),
            (Boolean) r.get("nullable"), optStr(r, "default_value"), (Integer) r.get("length"),
            (Integer) r.get("precision"), (Integer) r.get("scale"));
    }

    private static DmlChange dml(GenericRecord r, TableSchema schema) {
        if (schema == null) {
            throw new IllegalArgumentException("a DML event needs the table schema");
        }
        return new DmlChange(DmlOp.of(str(r, "op")), row(r, "key", schema), row(r, "before", schema),
            row(r, "after", schema), r.get("changed") == null ? null : strings(r, "changed"), omitted(r));
    }

    private static Omitted omitted(GenericRecord dml) {
        Object o = dml.getSchema().getField("omitted") == null ? null : dml.get("omitted");
        if (!(o instanceof GenericRecord r)) {
            return null;
        }
        Object detail = r.getSchema().getField("detail") == null ? null : r.get("detail");
        return new Omitted(str(r, "reason"), (Long) r.get("bytes"), (Long) r.get("limit"), detail == null ? null : detail.toString());
    }

    private static Row row(GenericRecord r, String field, TableSchema schema) {
        Map<?, ?> m = (Map<?, ?>) r.get(field);
        if (m == null) {
            return null;
        }
        LinkedHashMap<String, Object> values = new LinkedHashMap<>();
        m.forEach((k, v) -> {
            String name = k.toString();
            Column c = schema.column(name).orElseThrow(() -> new IllegalArgumentException(
                field + " names column " + name + ", which is not in the table schema"));
            values.put(name, at(field + "." + name, () -> VALUES.fromAvro(c.type(), v)));
        });
        return Row.shaped(schema, field, values);
    }

    private static DdlChange ddl(GenericRecord r) {
        GenericRecord from = (GenericRecord) r.get("renamed_from");
        return new DdlChange(DdlOp.of(str(r, "op")), optStr(r, "statement"), (Boolean) r.get("derived"),
            from == null ? null : new TableRef(optStr(from, "database"), optStr(from, "schema"), str(from, "table")),
            list(r, "added", c -> column((GenericRecord) c)),
            strings(r, "dropped"),
            list(r, "modified", m -> new ModifiedColumn(column(rec((GenericRecord) m, "before")), column(rec((GenericRecord) m, "after")))),
            list(r, "renamed", x -> new RenamedColumn(str((GenericRecord) x, "from"), str((GenericRecord) x, "to"))),
            r.get("primary_key") == null ? null : strings(r, "primary_key"));
    }

    private static <T> T at(String field, Supplier<T> read) {
        try {
            return read.get();
        } catch (IllegalArgumentException | NullPointerException | ClassCastException e) {
            throw new IllegalArgumentException(field + ": " + e.getMessage(), e);
        }
    }

    private static GenericRecord rec(GenericRecord r, String field) {
        Object v = r.get(field);
        if (!(v instanceof GenericRecord g)) {
            throw new IllegalArgumentException(field + " is missing");
        }
        return g;
    }

    private static String str(GenericRecord r, String field) {
        Object v = r.get(field);
        if (v == null) {
            throw new IllegalArgumentException(field + " is missing");
        }
        return v.toString();
    }

    private static String optStr(GenericRecord r, String field) {
        Object v = r.get(field);
        return v == null ? null : v.toString();
    }

    private static List<String> strings(GenericRecord r, String field) {
        return list(r, field, Object::toString);
    }

    private static <T> List<T> list(GenericRecord r, String field, Function<Object, T> read) {
        List<?> l = (List<?>) r.get(field);
        List<T> out = new ArrayList<>(l == null ? 0 : l.size());
        if (l != null) {
            l.forEach(e -> out.add(read.apply(e)));
        }
        return out;
    }
}
