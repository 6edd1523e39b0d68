package io.idaas.verify.compare;

import io.idaas.ddml.types.PortableType;
import io.idaas.ddml.types.TypeKind;
import io.idaas.verify.sql.Column;

/**
 * How the values of a source column and of its target column are compared: the common meaning of their two portable
 * types. Equal data in different native types (TINYINT(1) and boolean, DATETIME and timestamptz, DECIMAL(10,2) and
 * numeric(12,4)) has one semantic, so both sides normalise to the same canonical text.
 */
public enum Semantic {
    /** Booleans, integers and decimals: a plain decimal number without trailing fractional zeros ({@code 1}, {@code -0.5}). */
    NUMBER,
    /** float32 on either side: compared at float32 precision. */
    FLOAT32,
    FLOAT64,
    /** Text; CHAR padding removed when either side pads. */
    STRING,
    /** Lowercase 8-4-4-4-12 hex. */
    UUID,
    /** Uppercase hex of the bytes. */
    BYTES,
    DATE,
    /** {@code HH:MM:SS.ffffff}. */
    TIME,
    /** {@code yyyy-mm-dd HH:MM:SS.ffffff}; a timestamptz is taken in UTC, so DATETIME holding UTC equals timestamptz. */
    TIMESTAMP,
    /** JSON documents compared by meaning: keys sorted, numbers by value, no insignificant white space. */
    JSON,
    /** Sets (MariaDB SET, PostgreSQL text[] of a set): a JSON array of the members, sorted. */
    SET,
    /**
     * PostgreSQL intervals, and text compared with one (a copy holds Debezium's ISO 8601 text, {@code P0Y0M1DT2H3M4S}):
     * by months, days and microseconds ({@link IntervalText}).
     */
    INTERVAL;

    /** The semantic of a column pair: {@link #INTERVAL} when one is a PostgreSQL interval and the other one or text, else by portable types. */
    public static Semantic of(Column source, Column target) {
        boolean texts = of(source.type().kind()) == STRING && of(target.type().kind()) == STRING;
        if (texts && (interval(source) || interval(target))) {
            return INTERVAL;
        }
        return of(source.type(), target.type());
    }

    /** Whether a column is PostgreSQL's {@code interval} (also {@code interval(3)}, {@code interval day to second}). */
    private static boolean interval(Column column) {
        return column.nativeType().toLowerCase(java.util.Locale.ROOT).startsWith("interval");
    }

    /** The semantic of a column pair of these portable types. */
    public static Semantic of(PortableType source, PortableType target) {
        Semantic a = of(source.kind());
        Semantic b = of(target.kind());
        if (a == b) {
            return a;
        }
        if (a == FLOAT32 && b == FLOAT64 || a == FLOAT64 && b == FLOAT32) {
            return FLOAT32;
        }
        if ((a == FLOAT32 || a == FLOAT64) && b == NUMBER || a == NUMBER && (b == FLOAT32 || b == FLOAT64)) {
            return a == NUMBER ? b : a;
        }
        if (a == SET || b == SET) {
            return SET; // MariaDB's SET against PostgreSQL's text[]
        }
        if (a == JSON || b == JSON) {
            return JSON; // MariaDB's JSON is LONGTEXT: string against json compares as JSON
        }
        if (a == UUID && b == STRING || a == STRING && b == UUID) {
            return UUID; // MySQL's CHAR(36) holding a uuid
        }
        return STRING;
    }

    static Semantic of(TypeKind kind) {
        return switch (kind) {
            case BOOLEAN, INT8, INT16, INT32, INT64, DECIMAL -> NUMBER;
            case FLOAT32 -> FLOAT32;
            case FLOAT64 -> FLOAT64;
            case STRING, ENUM -> STRING;
            case UUID -> UUID;
            case BYTES, GEOMETRY -> BYTES;
            case DATE -> DATE;
            case TIME -> TIME;
            case TIMESTAMP, TIMESTAMPTZ -> TIMESTAMP;
            case JSON, ARRAY -> JSON;
            case SET -> SET;
        };
    }
}
