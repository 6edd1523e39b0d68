package io.idaas.ddml.types;

import java.util.Locale;

/** The kinds of DDML portable types; {@link #wireName()} is the name used in a type's text form. */
public enum TypeKind {
    BOOLEAN, INT8, INT16, INT32, INT64, DECIMAL, FLOAT32, FLOAT64, STRING, BYTES,
    DATE, TIME, TIMESTAMP, TIMESTAMPTZ, UUID, JSON, ENUM, SET, ARRAY, GEOMETRY;

    /** The lowercase name used in the text form of a portable type, e.g. {@code "int64"}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether values of this kind are whole numbers (int8, int16, int32, int64). */
    public boolean isInteger() {
        return this == INT8 || this == INT16 || this == INT32 || this == INT64;
    }

    /** The kind named {@code wireName}, case-insensitively. */
    public static TypeKind of(String wireName) {
        try {
            return valueOf(wireName.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown portable type '" + wireName + "'");
        }
    }
}
