package io.idaas.ddml.types;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A DDML portable type: a {@link TypeKind} and its parameters. Its text form ({@link #toString()},
 * parsed back by {@link #parse(String)}) is what events carry, e.g. {@code decimal(10,2)},
 * {@code string(255)}, {@code timestamptz(6)}, {@code enum('a','b')}, {@code array(int32)}.
 *
 * @param kind      the kind
 * @param length    max length of string (characters) or bytes (bytes); null when unbounded
 * @param precision decimal digits of a decimal, or fractional-second digits (0..6) of time,
 *                  timestamp and timestamptz; null for an unconstrained decimal and other kinds
 * @param scale     digits after the point of a decimal; null when unconstrained
 * @param values    the allowed values of enum and set, in declared order; empty otherwise
 * @param element   the element type of an array; null otherwise
 * @param srid      the spatial reference id of a geometry, null when unspecified
 */
public record PortableType(TypeKind kind, Integer length, Integer precision, Integer scale,
                           List<String> values, PortableType element, Integer srid) {

    /** The largest fractional-second precision DDML carries: microseconds. */
    public static final int MAX_TIME_PRECISION = 6;

    public static final PortableType BOOLEAN = simple(TypeKind.BOOLEAN);
    public static final PortableType INT8 = simple(TypeKind.INT8);
    public static final PortableType INT16 = simple(TypeKind.INT16);
    public static final PortableType INT32 = simple(TypeKind.INT32);
    public static final PortableType INT64 = simple(TypeKind.INT64);
    /** A decimal of unconstrained precision and scale (each value keeps its own scale). */
    public static final PortableType DECIMAL = simple(TypeKind.DECIMAL);
    public static final PortableType FLOAT32 = simple(TypeKind.FLOAT32);
    public static final PortableType FLOAT64 = simple(TypeKind.FLOAT64);
    public static final PortableType STRING = simple(TypeKind.STRING);
    public static final PortableType BYTES = simple(TypeKind.BYTES);
    public static final PortableType DATE = simple(TypeKind.DATE);
    public static final PortableType UUID = simple(TypeKind.UUID);
    public static final PortableType JSON = simple(TypeKind.JSON);
    public static final PortableType GEOMETRY = simple(TypeKind.GEOMETRY);

    /** Checks the parameters against the kind. */
    public PortableType {
        Objects.requireNonNull(kind, "kind");
        values = values == null ? List.of() : List.copyOf(values);
        switch (kind) {
            case DECIMAL -> {
                if ((precision == null) != (scale == null)) {
                    throw new IllegalArgumentException("decimal needs both precision and scale, or neither");
                }
                if (precision != null && (precision < 1 || scale < 0 || scale > precision)) {
                    throw new IllegalArgumentException("decimal(" + precision + "," + scale + ") needs 1 <= precision and 0 <= scale <= precision");
                }
                requireNull(kind, length, element, srid, values);
            }
            case STRING, BYTES -> {
                if (length != null && length < 1) {
                    throw new IllegalArgumentException(kind.wireName() + " length must be positive: " + length);
                }
                requireNull(kind, precision, scale, element, srid, values);
            }
            case TIME, TIMESTAMP, TIMESTAMPTZ -> {
                if (precision == null || precision < 0 || precision > MAX_TIME_PRECISION) {
                    throw new IllegalArgumentException(kind.wireName() + " precision must be 0..6: " + precision);
                }
                requireNull(kind, length, scale, element, srid, values);
            }
            case ENUM, SET -> {
                if (values.isEmpty() || values.size() != values.stream().distinct().count()) {
                    throw new IllegalArgumentException(kind.wireName() + " needs distinct values: " + values);
                }
                requireNull(kind, length, precision, scale, element, srid);
            }
            case ARRAY -> {
                Objects.requireNonNull(element, "array element type");
                requireNull(kind, length, precision, scale, srid, values);
            }
            case GEOMETRY -> requireNull(kind, length, precision, scale, element, values);
            default -> requireNull(kind, length, precision, scale, element, srid, values);
        }
    }

    private static void requireNull(TypeKind kind, Object... params) {
        for (Object p : params) {
            if (p != null && !(p instanceof List<?> l && l.isEmpty())) {
                throw new IllegalArgumentException(kind.wireName() + " takes no parameter " + p);
            }
        }
    }

    private static PortableType simple(TypeKind kind) {
        return new PortableType(kind, null, null, null, List.of(), null, null);
    }

    /** {@code decimal(precision,scale)}. */
    public static PortableType decimal(int precision, int scale) {
        return new PortableType(TypeKind.DECIMAL, null, precision, scale, List.of(), null, null);
    }

    /** {@code string(length)}: at most {@code length} characters (Unicode code points). */
    public static PortableType string(int length) {
        return new PortableType(TypeKind.STRING, length, null, null, List.of(), null, null);
    }

    /** {@code bytes(length)}: at most {@code length} bytes. */
    public static PortableType bytes(int length) {
        return new PortableType(TypeKind.BYTES, length, null, null, List.of(), null, null);
    }

    /** {@code time(precision)}: a time of day with {@code precision} fractional-second digits. */
    public static PortableType time(int precision) {
        return new PortableType(TypeKind.TIME, null, precision, null, List.of(), null, null);
    }

    /** {@code timestamp(precision)}: a date and time without time zone. */
    public static PortableType timestamp(int precision) {
        return new PortableType(TypeKind.TIMESTAMP, null, precision, null, List.of(), null, null);
    }

    /** {@code timestamptz(precision)}: an instant, carried in UTC. */
    public static PortableType timestampTz(int precision) {
        return new PortableType(TypeKind.TIMESTAMPTZ, null, precision, null, List.of(), null, null);
    }

    /** {@code enum('a','b',...)}. */
    public static PortableType enumOf(List<String> values) {
        return new PortableType(TypeKind.ENUM, null, null, null, values, null, null);
    }

    /** {@code set('a','b',...)}. */
    public static PortableType setOf(List<String> values) {
        return new PortableType(TypeKind.SET, null, null, null, values, null, null);
    }

    /** {@code array(element)}. */
    public static PortableType arrayOf(PortableType element) {
        return new PortableType(TypeKind.ARRAY, null, null, null, List.of(), element, null);
    }

    /** {@code geometry(srid)}. */
    public static PortableType geometry(int srid) {
        return new PortableType(TypeKind.GEOMETRY, null, null, null, List.of(), null, srid);
    }

    /** Parses the text form, e.g. {@code "decimal(10,2)"}; see {@link PortableTypeParser}. */
    public static PortableType parse(String text) {
        return PortableTypeParser.parse(text);
    }

    /** The canonical text form, e.g. {@code decimal(10,2)}; {@link #parse(String)} reads it back. */
    @Override
    public String toString() {
        String name = kind.wireName();
        return switch (kind) {
            case DECIMAL -> precision == null ? name : name + "(" + precision + "," + scale + ")";
            case STRING, BYTES -> length == null ? name : name + "(" + length + ")";
            case TIME, TIMESTAMP, TIMESTAMPTZ -> name + "(" + precision + ")";
            case ENUM, SET -> name + "(" + quoted(values) + ")";
            case ARRAY -> name + "(" + element + ")";
            case GEOMETRY -> srid == null ? name : name + "(" + srid + ")";
            default -> name;
        };
    }

    private static String quoted(List<String> values) {
        List<String> parts = new ArrayList<>(values.size());
        for (String v : values) {
            parts.add("'" + v.replace("'", "''") + "'");
        }
        return String.join(",", parts);
    }
}
