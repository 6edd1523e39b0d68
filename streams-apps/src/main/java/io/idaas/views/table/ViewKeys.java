package io.idaas.views.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The key of a view row: the Kafka record key of the DDML topic, as text. The DDML transforms write it as the key row
 * in primary-key order with DDML JSON values ({@code {"id":7}}, {@code {"order_id":7,"line":2}}; SPEC.md section 9),
 * and Kafka's default partitioner placed the record by those bytes, so the same text also finds the instance that
 * holds the row.
 */
public final class ViewKeys {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final java.util.regex.Pattern NUMBER = java.util.regex.Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?");

    private ViewKeys() {
    }

    /** The key text of a DDML key row (used when a record has no Kafka key). */
    public static String of(JsonNode keyRow) {
        return keyRow.toString();
    }

    /**
     * The key texts an HTTP query may mean: the key columns in {@code order} (the view's declared {@code key}, else
     * the order of the parameters), each value as a JSON number when it reads as one and as a JSON string; the
     * number form first. A table's key column has one type, so at most one candidate exists in the view.
     */
    public static List<String> candidates(Map<String, String> columns, List<String> order) {
        List<String> names = new ArrayList<>(order.isEmpty() ? columns.keySet() : order);
        List<ObjectNode> keys = new ArrayList<>();
        keys.add(JSON.createObjectNode());
        for (String name : names) {
            String value = columns.get(name);
            List<ObjectNode> next = new ArrayList<>();
            for (ObjectNode partial : keys) {
                BigDecimal number = number(value);
                if (number != null) {
                    ObjectNode n = partial.deepCopy();
                    n.put(name, number);
                    next.add(n);
                }
                ObjectNode s = partial.deepCopy();
                s.put(name, value);
                next.add(s);
            }
            keys = next;
        }
        List<String> texts = new ArrayList<>();
        keys.forEach(k -> texts.add(k.toString()));
        return texts;
    }

    /** The columns of a key text. */
    public static Map<String, String> columns(String key) {
        Map<String, String> columns = new LinkedHashMap<>();
        try {
            JSON.readTree(key).fields().forEachRemaining(e -> columns.put(e.getKey(),
                    e.getValue().isTextual() ? e.getValue().textValue() : e.getValue().toString()));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("not a key: " + key, e);
        }
        return columns;
    }

    private static BigDecimal number(String text) {
        if (text == null || text.isEmpty() || !NUMBER.matcher(text).matches()) {
            return null; // "007" stays a string: JSON has no leading zeros
        }
        return new BigDecimal(text);
    }
}
