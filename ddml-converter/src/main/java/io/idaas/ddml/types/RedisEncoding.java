package io.idaas.ddml.types;

/** How a column value is written as a field of a Redis hash (SPEC.md, "To Redis"). */
public enum RedisEncoding {
    /** {@code true} or {@code false}. */
    BOOLEAN_TEXT,
    /** Decimal digits of the integer, e.g. {@code -42}. */
    INTEGER_TEXT,
    /** The canonical decimal text, e.g. {@code 12.30}. */
    DECIMAL_TEXT,
    /** The JSON number text, or {@code NaN}, {@code Infinity}, {@code -Infinity}. */
    FLOAT_TEXT,
    /** The value's canonical text as UTF-8 (strings, enum, json, uuid, dates and times). */
    TEXT,
    /** The raw bytes (bytes, geometry WKB); Redis strings are binary-safe. */
    RAW_BYTES,
    /** The JSON text of the value's JSON encoding (set, array). */
    JSON_TEXT
}
