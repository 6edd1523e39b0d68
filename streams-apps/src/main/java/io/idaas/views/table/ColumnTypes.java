package io.idaas.views.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;

/**
 * The portable column types a view row carries ({@link ViewRow#types()}): column name to the type text of SPEC.md
 * section 8.1, taken from the source table's schema, so that the view's changelog describes its columns exactly.
 */
public final class ColumnTypes {

    private ColumnTypes() {
    }

    /**
     * The types of a DDML event's {@code schema} columns, with each output field of {@code fields} given the type of
     * the source field it shows; {@code null} when the event has no schema.
     */
    public static ObjectNode of(JsonNode schema, Map<String, String> fields) {
        JsonNode columns = schema == null ? null : schema.get("columns");
        if (columns == null || !columns.isArray()) {
            return null;
        }
        ObjectNode types = JsonNodeFactory.instance.objectNode();
        for (JsonNode column : columns) {
            JsonNode name = column.get("name");
            JsonNode type = column.get("type");
            if (name != null && type != null) {
                types.set(name.asText(), type);
            }
        }
        return project(types, fields);
    }

    /**
     * {@code types} with each output field of {@code fields} given the type of the source field it shows (the source
     * names stay, for the key columns); {@code null} when {@code types} is.
     */
    public static ObjectNode project(ObjectNode types, Map<String, String> fields) {
        if (types == null || fields.isEmpty()) {
            return types;
        }
        ObjectNode out = types.deepCopy();
        fields.forEach((output, source) -> {
            JsonNode type = types.get(source);
            if (type == null) {
                out.remove(output);
            } else {
                out.set(output, type);
            }
        });
        return out;
    }

    /** {@code types} (may be {@code null}) with {@code column} of type {@code type}. */
    public static ObjectNode with(ObjectNode types, String column, String type) {
        ObjectNode out = types == null ? JsonNodeFactory.instance.objectNode() : types.deepCopy();
        out.put(column, type);
        return out;
    }
}
