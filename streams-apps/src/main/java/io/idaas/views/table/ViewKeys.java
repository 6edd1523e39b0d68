package io.idaas.views.table;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * The store key of a view row: its primary-key columns sorted by name, as a URL query string of their values' text
 * ({@code id=7}, {@code line=2&order_id=7}). An HTTP client writes the same key without knowing the columns' types
 * or key order ({@code GET /views/orders/rows?id=7}), and keys sort as text, which ranges and prefixes follow.
 * Within one table a column has one type, so the text of a value identifies it (a decimal key is written with the
 * scale DDML gives it, e.g. {@code 7.50}).
 */
public final class ViewKeys {

    private ViewKeys() {
    }

    /** The store key of a DDML key row. */
    public static String of(JsonNode keyRow) {
        Map<String, String> columns = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = keyRow.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            columns.put(e.getKey(), v == null || v.isNull() ? "" : v.isTextual() ? v.textValue() : v.toString());
        }
        return of(columns);
    }

    /** The store key of key columns given as text (e.g. an HTTP query string). */
    public static String of(Map<String, String> columns) {
        StringBuilder key = new StringBuilder();
        new TreeMap<>(columns).forEach((name, value) -> {
            if (key.length() > 0) {
                key.append('&');
            }
            key.append(encode(name)).append('=').append(encode(value));
        });
        return key.toString();
    }

    /** The key columns of a store key, in name order. */
    public static Map<String, String> columns(String key) {
        Map<String, String> columns = new TreeMap<>();
        if (key.isEmpty()) {
            return columns;
        }
        for (String pair : key.split("&")) {
            int eq = pair.indexOf('=');
            columns.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return columns;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
