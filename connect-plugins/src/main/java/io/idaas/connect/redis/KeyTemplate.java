package io.idaas.connect.redis;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A key template of {@code redis.key.template}: literal text with {@code {column}} replaced by a key column's canonical
 * text (ddml-converter SPEC.md section 11.1) and {@code ${table}} by the table id ({@code <database>[.<schema>].<table>}),
 * e.g. {@code shop:orders:{id}}. Braces are only for placeholders.
 */
record KeyTemplate(String text, List<String> parts) {

    /** The marker of the table id in {@link #parts}. */
    private static final String TABLE = "\u0000table";

    /**
     * @throws IllegalArgumentException naming what breaks the syntax
     */
    static KeyTemplate parse(String text) {
        List<String> parts = new ArrayList<>();
        int i = 0;
        StringBuilder literal = new StringBuilder();
        while (i < text.length()) {
            char c = text.charAt(i);
            if (text.startsWith("${table}", i)) {
                flush(literal, parts);
                parts.add(TABLE);
                i += "${table}".length();
            } else if (c == '{') {
                int end = text.indexOf('}', i);
                if (end < 0 || end == i + 1 || text.substring(i + 1, end).contains("{")) {
                    throw new IllegalArgumentException("key template '" + text + "' has an unclosed or empty {...}; "
                        + "name a key column in braces, e.g. shop:orders:{id}");
                }
                flush(literal, parts);
                parts.add("{" + text.substring(i + 1, end));
                i = end + 1;
            } else if (c == '}') {
                throw new IllegalArgumentException("key template '" + text + "' has a '}' without '{'");
            } else {
                literal.append(c);
                i++;
            }
        }
        flush(literal, parts);
        KeyTemplate t = new KeyTemplate(text, List.copyOf(parts));
        if (t.columns().isEmpty()) {
            throw new IllegalArgumentException("key template '" + text + "' names no key column; every row would get "
                + "the same key. Name each primary-key column in braces, e.g. shop:orders:{id}");
        }
        return t;
    }

    private static void flush(StringBuilder literal, List<String> parts) {
        if (literal.length() > 0) {
            parts.add(literal.toString());
            literal.setLength(0);
        }
    }

    /** The columns the template names, in order. */
    Set<String> columns() {
        Set<String> out = new LinkedHashSet<>();
        for (String p : parts) {
            if (p.startsWith("{")) {
                out.add(p.substring(1));
            }
        }
        return out;
    }

    /** The key for a row: {@code keyTexts} holds the canonical text of each key column. */
    byte[] render(String tableId, Map<String, byte[]> keyTexts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String p : parts) {
            if (p.equals(TABLE)) {
                out.writeBytes(tableId.getBytes(StandardCharsets.UTF_8));
            } else if (p.startsWith("{")) {
                out.writeBytes(keyTexts.get(p.substring(1)));
            } else {
                out.writeBytes(p.getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toByteArray();
    }
}
