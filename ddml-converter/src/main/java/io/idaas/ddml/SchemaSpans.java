package io.idaas.ddml;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The table schemas of events read from JSON, by the very bytes they were read from: a table's events repeat their
 * schema (most of a small event's bytes), so {@link DdmlJson#read(byte[])} looks for the event's top-level
 * {@code "schema"} object in the bytes and, when exactly those bytes were read before, takes the schema read then
 * instead of parsing them into a tree again. Identical bytes give an identical schema, so what is read is what a fresh
 * parse gives. Thread-safe.
 */
final class SchemaSpans {

    /** Where an event's top-level {@code schema} object lies in its bytes: {@code [start, end)}, and its fingerprint. */
    record Span(int start, int end, String fingerprint) {
    }

    private record Known(byte[] json, TableSchema schema) {
    }

    private static final byte[] SCHEMA_KEY = "\"schema\"".getBytes(StandardCharsets.UTF_8);
    private static final byte[] FINGERPRINT_FIRST = "{\"fingerprint\":\"".getBytes(StandardCharsets.UTF_8);
    private static final int KEPT = 1024;
    private static final Map<String, Known> KNOWN = new ConcurrentHashMap<>();

    private SchemaSpans() {
    }

    /**
     * The span of the only top-level {@code "schema"} field's value when it is an object that starts with its
     * fingerprint (as DDML writers write it); null otherwise (no such field, two of them, another value, not an
     * object at the top: the event is then read the plain way, which also reports what is wrong with it).
     */
    static Span find(byte[] json) {
        int depth = 0;
        int start = -1;
        int end = -1;
        int valueDepth = -1;
        for (int i = 0; i < json.length; i++) {
            byte b = json[i];
            switch (b) {
                case '"' -> {
                    if (depth == 1 && valueDepth < 0 && regionMatches(json, i, SCHEMA_KEY)) {
                        int colon = skipSpace(json, i + SCHEMA_KEY.length);
                        if (colon < json.length && json[colon] == ':') {
                            if (start >= 0) {
                                return null; // a second top-level "schema": the plain reader decides which counts
                            }
                            int value = skipSpace(json, colon + 1);
                            if (value >= json.length || json[value] != '{') {
                                return null;
                            }
                            start = value;
                            valueDepth = depth + 1;
                            depth++;
                            i = value;
                            continue;
                        }
                    }
                    i = endOfString(json, i);
                    if (i < 0) {
                        return null;
                    }
                }
                case '{', '[' -> depth++;
                case '}', ']' -> {
                    depth--;
                    if (valueDepth >= 0 && depth == valueDepth - 1) {
                        end = i + 1;
                        valueDepth = -1;
                    }
                }
                default -> {
                }
            }
        }
        if (depth != 0 || start < 0 || end < 0 || !regionMatches(json, start, FINGERPRINT_FIRST)) {
            return null;
        }
        int from = start + FINGERPRINT_FIRST.length;
        int close = from;
        while (close < end && json[close] != '"' && json[close] != '\\') {
            close++;
        }
        if (close >= end || json[close] != '"') {
            return null;
        }
        return new Span(start, end, new String(json, from, close - from, StandardCharsets.UTF_8));
    }

    /** The schema read before from exactly the bytes of {@code span}, or null. */
    static TableSchema known(byte[] json, Span span) {
        Known known = KNOWN.get(span.fingerprint());
        if (known == null || !Arrays.equals(known.json(), 0, known.json().length, json, span.start(), span.end())) {
            return null;
        }
        return known.schema();
    }

    /** Keeps {@code schema} as what the bytes of {@code span} read as. */
    static void remember(byte[] json, Span span, TableSchema schema) {
        if (KNOWN.size() >= KEPT) {
            KNOWN.clear(); // more shapes than kept: start over rather than track recency
        }
        KNOWN.put(span.fingerprint(), new Known(Arrays.copyOfRange(json, span.start(), span.end()), schema));
    }

    /** The bytes with the span's value replaced by {@code null}: the rest of the event, to parse into a tree. */
    static byte[] without(byte[] json, Span span) {
        byte[] out = new byte[json.length - (span.end() - span.start()) + 4];
        System.arraycopy(json, 0, out, 0, span.start());
        out[span.start()] = 'n';
        out[span.start() + 1] = 'u';
        out[span.start() + 2] = 'l';
        out[span.start() + 3] = 'l';
        System.arraycopy(json, span.end(), out, span.start() + 4, json.length - span.end());
        return out;
    }

    /** The index of the quote that closes the string opening at {@code open}, or -1. */
    private static int endOfString(byte[] json, int open) {
        for (int i = open + 1; i < json.length; i++) {
            if (json[i] == '\\') {
                i++;
            } else if (json[i] == '"') {
                return i;
            }
        }
        return -1;
    }

    private static int skipSpace(byte[] json, int i) {
        while (i < json.length && (json[i] == ' ' || json[i] == '\t' || json[i] == '\n' || json[i] == '\r')) {
            i++;
        }
        return i;
    }

    private static boolean regionMatches(byte[] json, int at, byte[] part) {
        if (at + part.length > json.length) {
            return false;
        }
        for (int j = 0; j < part.length; j++) {
            if (json[at + j] != part[j]) {
                return false;
            }
        }
        return true;
    }
}
