package io.idaas.transforms.ddml.ddl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idaas.ddml.DdmlJson;
import io.idaas.ddml.TableSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What derived DDL remembers of a table: the last shape it emitted a DDL event for (as the DML events carry it, without
 * defaults), the table's identity in the source's catalog and its columns' numbers when they could be told
 * ({@link ColumnNumbers}), and the position of the change that showed the shape. Kept in the task and, as a JSON text,
 * in the offset of the derived record, so a task started again goes on from it.
 *
 * @param schema     the shape
 * @param relationId the table's identity in the catalog (PostgreSQL's oid); null when unknown
 * @param numbers    column name to column number, for the columns whose number is certain
 * @param position   the sortable position of the change that showed the shape
 */
public record DerivedShape(TableSchema schema, Long relationId, Map<String, Integer> numbers, String position) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Copies the numbers. */
    public DerivedShape {
        numbers = Map.copyOf(numbers);
    }

    /** Whether every column of the shape has its number. */
    public boolean numbered() {
        return relationId != null && schema.columns().stream().allMatch(c -> numbers.containsKey(c.name()));
    }

    /** The JSON text: {@code {"schema": <DDML schema>, "relation": <oid>, "numbers": {<column>: <number>}, "position": ...}}. */
    public String toJson() {
        ObjectNode o = JSON.createObjectNode();
        o.set("schema", DdmlJson.schemaToTree(schema));
        if (relationId != null) {
            o.put("relation", relationId);
        }
        ObjectNode n = o.putObject("numbers");
        schema.columns().forEach(c -> {
            Integer number = numbers.get(c.name());
            if (number != null) {
                n.put(c.name(), number);
            }
        });
        o.put("position", position);
        try {
            return JSON.writeValueAsString(o);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads the JSON text of {@link #toJson}.
     *
     * @throws IllegalArgumentException when it is not one
     */
    public static DerivedShape fromJson(String text) {
        try {
            JsonNode o = JSON.readTree(text);
            if (o == null || !o.path("schema").isObject() || !o.path("position").isTextual()) {
                throw new IllegalArgumentException("not a derived shape: " + text);
            }
            Map<String, Integer> numbers = new LinkedHashMap<>();
            o.path("numbers").properties().forEach(e -> numbers.put(e.getKey(), e.getValue().intValue()));
            Long relation = o.path("relation").isIntegralNumber() ? o.path("relation").longValue() : null;
            return new DerivedShape(DdmlJson.schemaFromTree(o.get("schema")), relation, numbers, o.get("position").textValue());
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
    }
}
