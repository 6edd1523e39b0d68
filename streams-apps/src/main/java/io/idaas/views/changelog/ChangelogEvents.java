package io.idaas.views.changelog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idaas.ddml.Column;
import io.idaas.ddml.SchemaFingerprint;
import io.idaas.ddml.SpecVersion;
import io.idaas.ddml.types.PortableType;
import io.idaas.views.table.ViewRow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Makes the DDML events (SPEC.md) of one view's changelog: an upsert of a document is a {@code dml} {@code insert}
 * or {@code update} whose {@code after} is the document (flat: nested objects and lists are {@code json} text),
 * plus any key column the document does not show; a removed document is a {@code delete} with the key.
 *
 * <ul>
 *   <li>{@code source}: system {@value #SYSTEM}, name the view app's application id, table the view's name.</li>
 *   <li>{@code schema}: the document's columns with the portable types the source table's schema gave them
 *   ({@link ViewRow#types()}), else inferred from the value (integral number {@code int64}, other number
 *   {@code float64}, boolean, text {@code string}, object or list {@code json}, NULL {@code string}); the key
 *   columns are the primary key, not nullable.</li>
 *   <li>{@code position}: {@code <partition, 10 digits>:<sequence, 20 digits>/2/0000000000}, the view task's own
 *   count of the changes it wrote. A key is always written by the same task, so a later change of a key has a
 *   greater position, which is what a sink's position guard needs; {@code native} holds {@code partition},
 *   {@code sequence} and, for an upsert, {@code view_position}: the input's sortable position the document
 *   reflects.</li>
 *   <li>{@code time}: commit, capture and emit are the moment the view changed.</li>
 * </ul>
 */
public final class ChangelogEvents {

    /** The {@code source.system} of a view changelog; SPEC.md section 2.1 says readers accept names they do not know. */
    public static final String SYSTEM = "idaas-views";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private final String sourceName;
    private final String view;
    private final Map<String, String> fingerprints = new ConcurrentHashMap<>();

    public ChangelogEvents(String sourceName, String view) {
        this.sourceName = sourceName;
        this.view = view;
    }

    /** The sortable position of change {@code sequence} of task partition {@code partition}. */
    public static String sortable(int partition, long sequence) {
        return String.format("%010d:%020d/2/0000000000", partition, sequence);
    }

    /** The event for {@code row}'s document written under {@code key}; {@code update} when the key had a document. */
    public ObjectNode upsert(ObjectNode key, ViewRow row, boolean update, int partition, long sequence, long nowUs) {
        Map<String, JsonNode> after = new LinkedHashMap<>();
        Map<String, String> types = new LinkedHashMap<>();
        row.document().fields().forEachRemaining(e -> put(e.getKey(), e.getValue(), row.types(), after, types));
        key.fields().forEachRemaining(e -> {
            if (!after.containsKey(e.getKey())) {
                put(e.getKey(), e.getValue(), row.types(), after, types);
            }
        });
        ObjectNode event = envelope(partition, sequence, nowUs);
        ((ObjectNode) event.get("position").get("native")).put("view_position", row.position());
        event.set("schema", schema(types, key));
        ObjectNode dml = event.putObject("dml");
        dml.put("op", update ? "update" : "insert");
        dml.set("key", keyRow(key, after));
        ObjectNode afterRow = dml.putObject("after");
        after.forEach(afterRow::set);
        return event;
    }

    /** The event for the document of {@code key} removed from the view. */
    public ObjectNode delete(ObjectNode key, int partition, long sequence, long nowUs) {
        Map<String, JsonNode> values = new LinkedHashMap<>();
        Map<String, String> types = new LinkedHashMap<>();
        key.fields().forEachRemaining(e -> put(e.getKey(), e.getValue(), null, values, types));
        ObjectNode event = envelope(partition, sequence, nowUs);
        event.set("schema", schema(types, key));
        ObjectNode dml = event.putObject("dml");
        dml.put("op", "delete");
        dml.set("key", keyRow(key, values));
        return event;
    }

    private ObjectNode envelope(int partition, long sequence, long nowUs) {
        String sortable = sortable(partition, sequence);
        ObjectNode event = JSON.objectNode();
        event.put("spec_version", SpecVersion.CURRENT);
        event.put("id", sourceName + "/" + sortable);
        event.put("kind", "dml");
        ObjectNode source = event.putObject("source");
        source.put("system", SYSTEM);
        source.put("name", sourceName);
        source.put("table", view);
        ObjectNode position = event.putObject("position");
        position.put("sortable", sortable);
        ObjectNode nativeFields = position.putObject("native");
        nativeFields.put("partition", Integer.toString(partition));
        nativeFields.put("sequence", Long.toString(sequence));
        ObjectNode time = event.putObject("time");
        time.put("commit_us", nowUs);
        time.put("capture_us", nowUs);
        time.put("emit_us", nowUs);
        return event;
    }

    private static ObjectNode keyRow(ObjectNode key, Map<String, JsonNode> values) {
        ObjectNode row = JSON.objectNode();
        key.fieldNames().forEachRemaining(name -> row.set(name, values.get(name)));
        return row;
    }

    /** Adds a column's value (nested values as JSON text when its type is not known) and type. */
    private static void put(String name, JsonNode value, ObjectNode known, Map<String, JsonNode> values, Map<String, String> types) {
        JsonNode knownType = known == null ? null : known.get(name);
        String type = knownType != null ? knownType.asText() : inferred(value);
        boolean jsonText = type.equals("json") && value != null && value.isContainerNode();
        values.put(name, value == null ? JSON.nullNode() : jsonText ? JSON.textNode(value.toString()) : value);
        types.put(name, type);
    }

    private static String inferred(JsonNode value) {
        if (value == null || value.isNull() || value.isTextual()) {
            return "string";
        }
        if (value.isBoolean()) {
            return "boolean";
        }
        if (value.isIntegralNumber()) {
            return value.canConvertToLong() ? "int64" : "decimal";
        }
        if (value.isNumber()) {
            return "float64";
        }
        return "json";
    }

    private ObjectNode schema(Map<String, String> types, ObjectNode key) {
        List<String> primaryKey = new ArrayList<>();
        key.fieldNames().forEachRemaining(primaryKey::add);
        String shape = types + "|" + primaryKey;
        if (fingerprints.size() > 10_000) {
            fingerprints.clear(); // a view whose shapes keep changing: do not grow without bound
        }
        ObjectNode schema = JSON.objectNode();
        // Types are parsed (and checked) only for a shape not seen before: the fingerprint is cached per shape.
        schema.put("fingerprint", fingerprints.computeIfAbsent(shape, s -> {
            List<Column> columns = new ArrayList<>();
            types.forEach((name, type) -> columns.add(Column.builder(name, PortableType.parse(type)).nullable(!primaryKey.contains(name)).build()));
            return SchemaFingerprint.of(columns, primaryKey);
        }));
        var array = schema.putArray("columns");
        types.forEach((name, type) -> {
            ObjectNode column = array.addObject();
            column.put("name", name);
            column.put("type", type);
            column.put("nullable", !primaryKey.contains(name));
        });
        var pk = schema.putArray("primary_key");
        primaryKey.forEach(pk::add);
        return schema;
    }
}
