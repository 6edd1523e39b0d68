package io.idaas.ddml.connect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idaas.ddml.DdmlAvro;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;

/**
 * DDML record keys (SPEC.md section 9): a row, as a JSON object of column values, or in Avro as the envelope's
 * {@code map<Value>}. A key carries no table schema, so its Avro branches follow the JSON encoding: JSON strings
 * (decimals, times, base64 bytes, non-finite floats) are {@code string}, integers {@code long}, other numbers
 * {@code double}. Reading also accepts the {@code bytes} branch, as base64 text.
 */
final class KeyRows {

    /** The Avro schema of keys: the envelope's {@code dml.key}, {@code map<io.idaas.ddml.v1.Value>}. */
    static final Schema SCHEMA = DdmlAvro.schema().getField("dml").schema().getTypes().stream()
            .filter(s -> s.getType() == Schema.Type.RECORD).findFirst().orElseThrow()
            .getField("key").schema().getTypes().stream()
            .filter(s -> s.getType() == Schema.Type.MAP).findFirst().orElseThrow();
    private static final Schema VALUE = SCHEMA.getValueType();
    private static final Schema ARRAY = VALUE.getField("v").schema().getTypes().stream()
            .filter(s -> s.getType() == Schema.Type.ARRAY).findFirst().orElseThrow();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Avro's generic data with maps that keep their entries' order, as key rows keep their columns'. */
    private static final GenericData ORDERED = new GenericData() {
        @Override
        public Object newMap(Object old, int size) {
            return new LinkedHashMap<>(Math.max(16, size * 2));
        }
    };

    /** Reads keys written with {@code writer} into {@link #SCHEMA}, keeping the columns' order. */
    static GenericDatumReader<Object> reader(Schema writer) {
        return new GenericDatumReader<>(writer, SCHEMA, ORDERED);
    }

    private KeyRows() {
    }

    /**
     * Checks that a tree is a DDML key: an object whose values are JSON scalars, null or arrays of them.
     *
     * @throws IllegalArgumentException naming the first column that is not
     */
    static ObjectNode require(JsonNode key) {
        if (!(key instanceof ObjectNode object)) {
            throw new IllegalArgumentException("a DDML key is a JSON object of column values (SPEC.md section 9), not a "
                    + key.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
        }
        for (Map.Entry<String, JsonNode> column : object.properties()) {
            if (!valueLike(column.getValue())) {
                throw new IllegalArgumentException("column '" + column.getKey() + "' of the key is an object; DDML key "
                        + "values are JSON scalars, null or arrays (SPEC.md sections 8.2 and 9)");
            }
        }
        return object;
    }

    private static boolean valueLike(JsonNode v) {
        if (v.isArray()) {
            for (JsonNode e : v) {
                if (!valueLike(e)) {
                    return false;
                }
            }
            return true;
        }
        return v.isValueNode();
    }

    /** The key as an Avro {@code map<Value>}. */
    static Map<String, GenericRecord> toAvro(ObjectNode key) {
        Map<String, GenericRecord> row = new LinkedHashMap<>();
        key.properties().forEach(c -> row.put(c.getKey(), value(c.getValue())));
        return row;
    }

    private static GenericRecord value(JsonNode v) {
        GenericData.Record r = new GenericData.Record(VALUE);
        r.put(0, branch(v));
        return r;
    }

    private static Object branch(JsonNode v) {
        if (v.isNull()) {
            return null;
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            return v.longValue();
        }
        if (v.isNumber()) {
            return v.doubleValue();
        }
        if (v.isArray()) {
            List<GenericRecord> elements = new ArrayList<>(v.size());
            v.forEach(e -> elements.add(value(e)));
            return new GenericData.Array<>(ARRAY, elements);
        }
        return v.asText();
    }

    /** A key read from Avro ({@code map<Value>}, keys as {@code Utf8} or {@code String}) as a JSON object. */
    static ObjectNode fromAvro(Object map) {
        if (!(map instanceof Map<?, ?> row)) {
            throw new IllegalArgumentException("a DDML key is an Avro map<Value>, not " + map);
        }
        ObjectNode key = NODES.objectNode();
        row.forEach((column, value) -> key.set(column.toString(), json(((GenericRecord) value).get(0))));
        return key;
    }

    private static JsonNode json(Object v) {
        if (v == null) {
            return NODES.nullNode();
        }
        if (v instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (v instanceof Long l) {
            return NODES.numberNode(l);
        }
        if (v instanceof Double d) {
            return d.isNaN() || d.isInfinite() ? NODES.textNode(d.isNaN() ? "NaN" : d > 0 ? "Infinity" : "-Infinity")
                    : NODES.numberNode(d);
        }
        if (v instanceof ByteBuffer b) {
            ByteBuffer copy = b.duplicate();
            byte[] bytes = new byte[copy.remaining()];
            copy.get(bytes);
            return NODES.textNode(Base64.getEncoder().encodeToString(bytes));
        }
        if (v instanceof List<?> list) {
            ArrayNode array = NODES.arrayNode(list.size());
            list.forEach(e -> array.add(json(((GenericRecord) e).get(0))));
            return array;
        }
        return NODES.textNode(v.toString());
    }
}
