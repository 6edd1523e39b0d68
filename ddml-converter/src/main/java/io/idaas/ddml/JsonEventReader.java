package io.idaas.ddml;

import com.fasterxml.jackson.databind.JsonNode;
import io.idaas.ddml.types.JsonValues;
import io.idaas.ddml.types.PortableType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Reads an event from its JSON tree; errors name the field. */
final class JsonEventReader {

    private JsonEventReader() {
    }

    static DdmlEvent event(JsonNode o) {
        return event(o, null);
    }

    /**
     * The event of a tree whose {@code schema} field was read already ({@code known}, its {@code schema} field then
     * null in the tree), or of a whole tree ({@code known} null).
     */
    static DdmlEvent event(JsonNode o, TableSchema known) {
        requireObject(o, "event");
        String version = text(o, "spec_version");
        SpecVersion.requireReadable(version);
        EventKind kind = EventKind.of(text(o, "kind"));
        TableSchema schema = known != null ? known : present(o, "schema") ? at("schema", () -> schema(o.get("schema"))) : null;
        DmlChange dml = kind == EventKind.DML ? at("dml", () -> dml(obj(o, "dml"), schema)) : null;
        DdlChange ddl = kind == EventKind.DDL ? at("ddl", () -> ddl(obj(o, "ddl"))) : null;
        return new DdmlEvent(version, text(o, "id"), at("source", () -> source(obj(o, "source"))),
            at("position", () -> position(obj(o, "position"))),
            present(o, "transaction") ? at("transaction", () -> transaction(o.get("transaction"))) : null,
            at("time", () -> time(obj(o, "time"))), schema, dml, ddl);
    }

    private static Source source(JsonNode o) {
        return new Source(text(o, "system"), text(o, "name"), optText(o, "database"), optText(o, "schema"), text(o, "table"));
    }

    private static Position position(JsonNode o) {
        Map<String, String> nativeFields = new LinkedHashMap<>();
        JsonNode n = obj(o, "native");
        n.properties().forEach(e -> {
            if (!e.getValue().isTextual()) {
                throw new IllegalArgumentException("native." + e.getKey() + " must be a string");
            }
            nativeFields.put(e.getKey(), e.getValue().textValue());
        });
        return new Position(text(o, "sortable"), nativeFields);
    }

    private static Transaction transaction(JsonNode o) {
        return new Transaction(text(o, "id"), number(o, "order"), optNumber(o, "table_order"), optNumber(o, "total"));
    }

    private static Timing time(JsonNode o) {
        return new Timing(optNumber(o, "commit_us"), number(o, "capture_us"), number(o, "emit_us"));
    }

    /**
     * Schemas read, by fingerprint, with the JSON they were read from: a table's events repeat the same schema, and
     * parsing its types and checking its fingerprint (a SHA-256) was a fifth of reading an event. A hit needs the same
     * JSON (compared in full), so what is read is what a fresh parse gives.
     */
    private static final Map<String, Map.Entry<JsonNode, TableSchema>> SCHEMAS = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int SCHEMAS_KEPT = 1024;

    static TableSchema schema(JsonNode o) {
        JsonNode fingerprint = o == null ? null : o.get("fingerprint");
        if (fingerprint != null && fingerprint.isTextual()) {
            Map.Entry<JsonNode, TableSchema> known = SCHEMAS.get(fingerprint.textValue());
            if (known != null && known.getKey().equals(o)) {
                return known.getValue();
            }
        }
        TableSchema schema = new TableSchema(text(o, "fingerprint"), list(o, "columns", JsonEventReader::column),
            strings(o, "primary_key"));
        if (SCHEMAS.size() >= SCHEMAS_KEPT) {
            SCHEMAS.clear(); // more shapes than kept: start over rather than track recency
        }
        SCHEMAS.put(schema.fingerprint(), Map.entry(o.deepCopy(), schema));
        return schema;
    }

    static Column column(JsonNode o) {
        requireObject(o, "column");
        return new Column(text(o, "name"), PortableType.parse(text(o, "type")), optText(o, "native_type"),
            bool(o, "nullable"), optText(o, "default_value"), optInt(o, "length"), optInt(o, "precision"), optInt(o, "scale"));
    }

    private static DmlChange dml(JsonNode o, TableSchema schema) {
        if (schema == null) {
            throw new IllegalArgumentException("a DML event needs the table schema");
        }
        return new DmlChange(DmlOp.of(text(o, "op")), row(o, "key", schema), row(o, "before", schema),
            row(o, "after", schema), present(o, "changed") ? strings(o, "changed") : null, omitted(o));
    }

    private static Omitted omitted(JsonNode dml) {
        if (!present(dml, "omitted")) {
            return null;
        }
        JsonNode o = obj(dml, "omitted");
        return new Omitted(text(o, "reason"), o.path("bytes").asLong(), o.path("limit").asLong(),
            present(o, "detail") ? text(o, "detail") : null);
    }

    private static Row row(JsonNode parent, String field, TableSchema schema) {
        if (!present(parent, field)) {
            return null;
        }
        JsonNode o = obj(parent, field);
        LinkedHashMap<String, Object> values = new LinkedHashMap<>();
        o.properties().forEach(e -> {
            Column c = schema.column(e.getKey()).orElseThrow(() -> new IllegalArgumentException(
                field + " names column " + e.getKey() + ", which is not in the table schema"));
            values.put(e.getKey(), at(field + "." + e.getKey(), () -> JsonValues.fromJson(c.type(), e.getValue())));
        });
        return Row.shaped(schema, field, values);
    }

    private static DdlChange ddl(JsonNode o) {
        TableRef from = null;
        if (present(o, "renamed_from")) {
            JsonNode r = obj(o, "renamed_from");
            from = new TableRef(optText(r, "database"), optText(r, "schema"), text(r, "table"));
        }
        return new DdlChange(DdlOp.of(text(o, "op")), optText(o, "statement"),
            present(o, "derived") && bool(o, "derived"), from,
            present(o, "added") ? list(o, "added", JsonEventReader::column) : null,
            present(o, "dropped") ? strings(o, "dropped") : null,
            present(o, "modified") ? list(o, "modified", m -> new ModifiedColumn(column(m.get("before")), column(m.get("after")))) : null,
            present(o, "renamed") ? list(o, "renamed", r -> new RenamedColumn(text(r, "from"), text(r, "to"))) : null,
            present(o, "primary_key") ? strings(o, "primary_key") : null);
    }

    // --- small typed getters; each names the field it fails on

    private static <T> T at(String field, java.util.function.Supplier<T> read) {
        try {
            return read.get();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException(field + ": " + e.getMessage(), e);
        }
    }

    private static boolean present(JsonNode o, String field) {
        return o.hasNonNull(field);
    }

    private static JsonNode obj(JsonNode o, String field) {
        JsonNode n = o.get(field);
        requireObject(n, field);
        return n;
    }

    private static void requireObject(JsonNode n, String field) {
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException(field + " must be a JSON object");
        }
    }

    private static String text(JsonNode o, String field) {
        JsonNode n = o.get(field);
        if (n == null || !n.isTextual()) {
            throw new IllegalArgumentException(field + " must be a string");
        }
        return n.textValue();
    }

    private static String optText(JsonNode o, String field) {
        return present(o, field) ? text(o, field) : null;
    }

    private static long number(JsonNode o, String field) {
        JsonNode n = o.get(field);
        if (n == null || !n.canConvertToExactIntegral() || !n.canConvertToLong()) {
            throw new IllegalArgumentException(field + " must be an integer");
        }
        return n.longValue();
    }

    private static Long optNumber(JsonNode o, String field) {
        return present(o, field) ? number(o, field) : null;
    }

    private static Integer optInt(JsonNode o, String field) {
        return present(o, field) ? Math.toIntExact(number(o, field)) : null;
    }

    private static boolean bool(JsonNode o, String field) {
        JsonNode n = o.get(field);
        if (n == null || !n.isBoolean()) {
            throw new IllegalArgumentException(field + " must be true or false");
        }
        return n.booleanValue();
    }

    private static List<String> strings(JsonNode o, String field) {
        return list(o, field, n -> {
            if (!n.isTextual()) {
                throw new IllegalArgumentException(field + " must hold strings");
            }
            return n.textValue();
        });
    }

    private static <T> List<T> list(JsonNode o, String field, Function<JsonNode, T> read) {
        JsonNode n = o.get(field);
        if (n == null || !n.isArray()) {
            throw new IllegalArgumentException(field + " must be an array");
        }
        List<T> out = new ArrayList<>(n.size());
        n.forEach(e -> out.add(read.apply(e)));
        return out;
    }
}
