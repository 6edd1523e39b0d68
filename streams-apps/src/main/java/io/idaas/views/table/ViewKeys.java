package io.idaas.views.table;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

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
    private static final JsonStringEncoder ESCAPES = JsonStringEncoder.getInstance();
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
        List<String> names = order.isEmpty() ? new ArrayList<>(columns.keySet()) : order;
        List<StringBuilder> keys = new ArrayList<>(2);
        keys.add(new StringBuilder(32).append('{'));
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            String value = columns.get(name);
            BigDecimal number = number(value);
            List<StringBuilder> next = new ArrayList<>(number == null ? keys.size() : 2 * keys.size());
            for (StringBuilder partial : keys) {
                if (i > 0) {
                    partial.append(',');
                }
                quoted(partial, name).append(':');
                if (number != null) {
                    next.add(new StringBuilder(partial).append(number)); // as Jackson writes a BigDecimal
                }
                next.add(value == null ? partial.append("null") : quoted(partial, value));
            }
            keys = next;
        }
        List<String> texts = new ArrayList<>(keys.size());
        keys.forEach(k -> texts.add(k.append('}').toString()));
        return texts;
    }

    private static StringBuilder quoted(StringBuilder to, String text) {
        to.append('"');
        ESCAPES.quoteAsString(text, to);
        return to.append('"');
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
