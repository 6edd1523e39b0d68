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

    /**
     * The key text of a key given as JSON ({@code _key} of the HTTP API): a JSON object of scalar values, with exactly
     * {@code columns} (the view's key columns in key order; empty: not known, any names), written as the DDML key row
     * is (no spaces, the columns in key order).
     *
     * @throws IllegalArgumentException naming what is wrong with it
     */
    public static String exact(String json, List<String> columns) {
        JsonNode tree;
        try {
            tree = SORTING.readTree(json);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IllegalArgumentException("the key " + json + " is not JSON (" + e.getOriginalMessage() + ")");
        }
        if (tree == null || !tree.isObject()) {
            throw new IllegalArgumentException("the key " + json + " is a JSON " + (tree == null ? "nothing" : tree.getNodeType().name().toLowerCase(java.util.Locale.ROOT))
                    + ", not an object of key columns");
        }
        if (tree.isEmpty()) {
            throw new IllegalArgumentException("the key " + json + " names no column");
        }
        for (Map.Entry<String, JsonNode> e : (Iterable<Map.Entry<String, JsonNode>>) tree::fields) {
            if (e.getValue().isContainerNode()) {
                throw new IllegalArgumentException("key column '" + e.getKey() + "' is a JSON " + e.getValue().getNodeType().name().toLowerCase(java.util.Locale.ROOT)
                        + "; a key column's value is a number, a string, true, false or null");
            }
        }
        List<String> names = new ArrayList<>();
        tree.fieldNames().forEachRemaining(names::add);
        if (!columns.isEmpty() && !new java.util.HashSet<>(names).equals(new java.util.HashSet<>(columns))) {
            List<String> unknown = new ArrayList<>(names);
            unknown.removeAll(columns);
            List<String> missing = new ArrayList<>(columns);
            missing.removeAll(names);
            throw new IllegalArgumentException("the key " + json + (unknown.isEmpty() ? "" : " names " + unknown + ", not key columns")
                    + (unknown.isEmpty() || missing.isEmpty() ? "" : ", and") + (missing.isEmpty() ? "" : " lacks " + missing)
                    + "; the view's key columns are " + columns);
        }
        com.fasterxml.jackson.databind.node.ObjectNode ordered = SORTING.createObjectNode();
        (columns.isEmpty() ? names : columns).forEach(c -> ordered.set(c, tree.get(c)));
        return ordered.toString();
    }

    /** A key of {@code columns} to show in a message: {@code {"id":7}}. */
    public static String example(List<String> columns) {
        List<String> names = columns.isEmpty() ? List.of("id") : columns;
        StringBuilder out = new StringBuilder("{");
        for (String name : names) {
            quoted(out.length() > 1 ? out.append(',') : out, name).append(":7");
        }
        return out.append('}').toString();
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

    /**
     * The natural order of key texts: column by column in the key's order, numbers as numbers ({@code {"id":2}} before
     * {@code {"id":10}}), strings by their text, {@code null} first, then booleans, numbers, strings, and anything
     * else by its JSON text; a key that is a prefix of another (fewer columns) first; equal values fall back to the key
     * texts' order, so two different keys never compare equal.
     */
    public static final java.util.Comparator<Sortable> NATURAL = ViewKeys::compare;

    /** A key text with its column values read once, for sorting by {@link #NATURAL}. */
    public record Sortable(String text, List<Object> values) {
    }

    /** {@code key} read for sorting; a text that is not a JSON object sorts as one string column. */
    public static Sortable sortable(String key) {
        List<Object> values = new ArrayList<>();
        try {
            JsonNode tree = SORTING.readTree(key);
            if (tree != null && tree.isObject()) {
                tree.fields().forEachRemaining(e -> values.add(sortValue(e.getValue())));
                return new Sortable(key, values);
            }
        } catch (java.io.IOException e) {
            // not JSON: sorts as text
        }
        values.add(key);
        return new Sortable(key, values);
    }

    /** Orders key texts by {@link #NATURAL}. */
    public static int compareKeys(String a, String b) {
        return compare(sortable(a), sortable(b));
    }

    private static final ObjectMapper SORTING = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .setNodeFactory(com.fasterxml.jackson.databind.node.JsonNodeFactory.withExactBigDecimals(true));

    private static Object sortValue(JsonNode v) {
        if (v.isNull()) {
            return null;
        } else if (v.isBoolean()) {
            return v.booleanValue();
        } else if (v.isNumber()) {
            return v.decimalValue();
        } else if (v.isTextual()) {
            return v.textValue();
        }
        return new StringBuilder(v.toString()); // objects, arrays: by their JSON text, after the scalars
    }

    private static int rank(Object v) {
        return v == null ? 0 : v instanceof Boolean ? 1 : v instanceof BigDecimal ? 2 : v instanceof String ? 3 : 4;
    }

    private static int compare(Sortable a, Sortable b) {
        int n = Math.min(a.values().size(), b.values().size());
        for (int i = 0; i < n; i++) {
            Object x = a.values().get(i);
            Object y = b.values().get(i);
            int c = Integer.compare(rank(x), rank(y));
            if (c == 0 && x != null) {
                c = x instanceof Boolean bx ? bx.compareTo((Boolean) y)
                        : x instanceof BigDecimal dx ? dx.compareTo((BigDecimal) y)
                        : x instanceof String sx ? sx.compareTo((String) y)
                        : x.toString().compareTo(y.toString());
            }
            if (c != 0) {
                return c;
            }
        }
        int c = Integer.compare(a.values().size(), b.values().size());
        return c != 0 ? c : a.text().compareTo(b.text());
    }

    private static BigDecimal number(String text) {
        if (text == null || text.isEmpty() || !NUMBER.matcher(text).matches()) {
            return null; // "007" stays a string: JSON has no leading zeros
        }
        return new BigDecimal(text);
    }
}
