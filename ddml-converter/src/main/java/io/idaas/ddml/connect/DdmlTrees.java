package io.idaas.ddml.connect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idaas.ddml.DdmlEvent;
import io.idaas.ddml.DdmlJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Struct;

/**
 * The Connect form of DDML: schemaless trees of {@code Map<String, Object>}, {@code List}, {@code String},
 * {@code Long}, {@code Double}, {@code Boolean} and null, equal to the DDML JSON (SPEC.md). Converts them to and
 * from Jackson trees, which {@link DdmlJson} reads and writes.
 */
final class DdmlTrees {

    private static final ObjectMapper MAPPER = io.idaas.ddml.JsonLimits.mapper().enable(DeserializationFeature.USE_LONG_FOR_INTS);
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    private DdmlTrees() {
    }

    /**
     * The event a Connect value stands for: a DDML JSON tree (the form the ToDdml transform emits), a
     * {@link DdmlEvent}, or a Jackson tree.
     *
     * @throws IllegalArgumentException when the value is none of these, or not a valid DDML event
     */
    static DdmlEvent event(Object value) {
        if (value instanceof DdmlEvent event) {
            return event;
        }
        if (value instanceof DdmlEventMap map) {
            return map.event();
        }
        return DdmlJson.fromTree(tree(value));
    }

    /** A Connect value (a Map/List tree, a Jackson tree or a scalar) as a Jackson tree. */
    static JsonNode tree(Object value) {
        if (value instanceof JsonNode node) {
            return node;
        }
        if (value instanceof Struct struct) {
            throw new IllegalArgumentException("a Connect Struct (schema " + struct.schema().name() + ") is not DDML: "
                    + "DdmlConverter takes the schemaless DDML tree that the ToDdml transform (or the DdmlSourceConnector) "
                    + "makes, and Debezium's transaction-metadata and heartbeat records (SPEC.md section 9.1)");
        }
        if (!(value instanceof Map<?, ?> || value instanceof Collection<?> || value instanceof String
                || value instanceof Number || value instanceof Boolean)) {
            throw new IllegalArgumentException("a " + value.getClass().getName() + " is not DDML: DdmlConverter takes "
                    + "the schemaless DDML tree (java.util.Map) that the ToDdml transform makes, or a DdmlEvent");
        }
        try {
            return MAPPER.valueToTree(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the value is not a tree of maps, lists and JSON scalars: " + e.getMessage(), e);
        }
    }

    /** The Connect form of an event: its DDML JSON as a Map tree, integers as Long. */
    static Map<String, Object> toMap(DdmlEvent event) {
        return toMap(DdmlJson.toTree(event));
    }

    /** {@link #toMap(DdmlEvent)}, unmodifiable at every depth (what {@link DdmlEventMap} requires). */
    static Map<String, Object> toFrozenMap(DdmlEvent event) {
        @SuppressWarnings("unchecked")
        Map<String, Object> frozen = (Map<String, Object>) freeze(toMap(event));
        return frozen;
    }

    private static Object freeze(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new java.util.LinkedHashMap<>(map.size() * 2);
            map.forEach((k, v) -> copy.put(k, freeze(v)));
            return java.util.Collections.unmodifiableMap(copy);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new java.util.ArrayList<>(list.size());
            list.forEach(v -> copy.add(freeze(v)));
            return java.util.Collections.unmodifiableList(copy);
        }
        return value;
    }

    /** A JSON object as a Map tree, integers as Long, in the object's field order. */
    static Map<String, Object> toMap(JsonNode object) {
        if (object instanceof ObjectNode o) {
            Map<String, Object> simple = simpleMap(o);
            if (simple != null) {
                return simple;
            }
        }
        return MAPPER.convertValue(object, MAP);
    }

    /**
     * What {@link #toMap(JsonNode)} gives, walked by hand for a tree of objects, arrays, strings, booleans, nulls and
     * 64-bit integers (control records, keys), which Jackson's {@code convertValue} would write out and read back; null
     * for any other tree (decimals, floats, big integers), which takes Jackson's path.
     */
    private static Map<String, Object> simpleMap(ObjectNode object) {
        Map<String, Object> map = new java.util.LinkedHashMap<>(Math.max(4, object.size() * 2));
        for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            Object value = simpleValue(field.getValue());
            if (value == NOT_SIMPLE) {
                return null;
            }
            map.put(field.getKey(), value);
        }
        return map;
    }

    private static final Object NOT_SIMPLE = new Object();

    private static Object simpleValue(JsonNode node) {
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isNull()) {
            return null;
        }
        if (node.isIntegralNumber()) {
            return node.canConvertToLong() && !node.isBigInteger() ? (Object) node.longValue() : NOT_SIMPLE;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node instanceof ObjectNode o) {
            Map<String, Object> map = simpleMap(o);
            return map == null ? NOT_SIMPLE : map;
        }
        if (node.isArray()) {
            List<Object> list = new java.util.ArrayList<>(node.size());
            for (JsonNode element : node) {
                Object value = simpleValue(element);
                if (value == NOT_SIMPLE) {
                    return NOT_SIMPLE;
                }
                list.add(value);
            }
            return list;
        }
        return NOT_SIMPLE;
    }

    /** Parses JSON bytes into a tree. */
    static JsonNode parse(byte[] json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
    }

    /** A tree as compact UTF-8 JSON. */
    static byte[] write(JsonNode tree) {
        try {
            return MAPPER.writeValueAsBytes(tree);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
