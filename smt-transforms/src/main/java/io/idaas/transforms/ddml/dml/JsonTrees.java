package io.idaas.transforms.ddml.dml;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON trees as plain Java values, the schemaless form Connect's JsonConverter writes back as the
 * same JSON: objects as {@link LinkedHashMap} (field order kept), arrays as {@link List}, strings,
 * booleans, {@link Integer}/{@link Long}/{@link java.math.BigInteger} for integers, {@link Float} and
 * {@link Double} for floating-point numbers (so that a float32 is written in its shortest form).
 */
public final class JsonTrees {

    private JsonTrees() {
    }

    /** The Java value of a JSON node; null for JSON null. */
    public static Object toJava(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isObject()) {
            Map<String, Object> m = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                m.put(e.getKey(), toJava(e.getValue()));
            }
            return Collections.unmodifiableMap(m);
        }
        if (node.isArray()) {
            List<Object> l = new ArrayList<>(node.size());
            node.forEach(e -> l.add(toJava(e)));
            return Collections.unmodifiableList(l);
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isFloat()) {
            return node.floatValue();
        }
        if (node.isDouble()) {
            return node.doubleValue();
        }
        if (node.isBigDecimal()) {
            return node.decimalValue();
        }
        return node.numberValue();
    }

    /** The Java map of a JSON object. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> toMap(JsonNode object) {
        return (Map<String, Object>) toJava(object);
    }
}
