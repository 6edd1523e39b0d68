package io.idaas.ddml.types;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;

/**
 * The Java representation of DDML values, and the check that brings a value to it. Per kind:
 * boolean {@link Boolean}; int8 {@link Byte}; int16 {@link Short}; int32 {@link Integer}; int64
 * {@link Long}; decimal {@link BigDecimal} (scale equal to the type's scale when it has one);
 * float32 {@link Float}; float64 {@link Double}; string, json and enum {@link String}; bytes and
 * geometry {@code byte[]}; date {@link LocalDate}; time {@link LocalTime}; timestamp
 * {@link LocalDateTime}; timestamptz {@link Instant}; uuid {@link java.util.UUID}; set
 * {@code List<String>}; array {@code List<Object>} (elements may be null). A null value is SQL NULL.
 */
public final class PortableValues {

    private PortableValues() {
    }

    /**
     * Returns {@code value} in the representation of {@code type}, converting lossless inputs
     * (e.g. an Integer for int64, an OffsetDateTime for timestamptz, a String for uuid).
     *
     * @throws IllegalArgumentException if the value does not fit the type exactly
     */
    public static Object normalize(PortableType type, Object value) {
        if (value == null) {
            return null;
        }
        try {
            return switch (type.kind()) {
                case BOOLEAN -> cast(value, Boolean.class);
                case INT8 -> (byte) integer(value, Byte.MIN_VALUE, Byte.MAX_VALUE);
                case INT16 -> (short) integer(value, Short.MIN_VALUE, Short.MAX_VALUE);
                case INT32 -> (int) integer(value, Integer.MIN_VALUE, Integer.MAX_VALUE);
                case INT64 -> integer(value, Long.MIN_VALUE, Long.MAX_VALUE);
                case DECIMAL -> decimal(type, value);
                case FLOAT32 -> float32(value);
                case FLOAT64 -> value instanceof Float f ? (double) f : cast(value, Double.class);
                case STRING -> string(type, value);
                case JSON -> cast(value, String.class);
                case ENUM -> member(type, cast(value, String.class));
                case BYTES -> bytes(type, value);
                case GEOMETRY -> bytes(type, value);
                case DATE -> cast(value, LocalDate.class);
                case TIME -> fraction(type, cast(value, LocalTime.class).getNano(), value);
                case TIMESTAMP -> fraction(type, cast(value, LocalDateTime.class).getNano(), value);
                case TIMESTAMPTZ -> instant(type, value);
                case UUID -> value instanceof String s ? java.util.UUID.fromString(s) : cast(value, java.util.UUID.class);
                case SET -> set(type, value);
                case ARRAY -> array(type, value);
            };
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new IllegalArgumentException("value " + describe(value) + " does not fit " + type + ": " + e.getMessage(), e);
        }
    }

    private static <T> T cast(Object value, Class<T> type) {
        if (!type.isInstance(value)) {
            throw new IllegalArgumentException("expected a " + type.getSimpleName());
        }
        return type.cast(value);
    }

    private static long integer(Object value, long min, long max) {
        long v;
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            v = ((Number) value).longValue();
        } else if (value instanceof BigInteger b) {
            v = b.longValueExact();
        } else if (value instanceof BigDecimal d) {
            v = d.longValueExact();
        } else {
            throw new IllegalArgumentException("expected an integer");
        }
        if (v < min || v > max) {
            throw new IllegalArgumentException("out of range " + min + ".." + max);
        }
        return v;
    }

    private static BigDecimal decimal(PortableType type, Object value) {
        BigDecimal d;
        if (value instanceof BigDecimal b) {
            d = b;
        } else if (value instanceof BigInteger b) {
            d = new BigDecimal(b);
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            d = BigDecimal.valueOf(((Number) value).longValue());
        } else {
            throw new IllegalArgumentException("expected a BigDecimal");
        }
        if (type.precision() == null) {
            return d.scale() < 0 ? d.setScale(0) : d;
        }
        d = d.setScale(type.scale()); // throws ArithmeticException when digits would be lost
        if (d.precision() - d.scale() > type.precision() - type.scale()) {
            throw new IllegalArgumentException("more than " + (type.precision() - type.scale()) + " integer digits");
        }
        return d;
    }

    private static Float float32(Object value) {
        if (value instanceof Float f) {
            return f;
        }
        double d = cast(value, Double.class);
        if ((double) (float) d != d && !Double.isNaN(d)) {
            throw new IllegalArgumentException("not exactly a float32");
        }
        return (float) d;
    }

    private static String string(PortableType type, Object value) {
        String s = cast(value, String.class);
        if (type.length() != null && s.codePointCount(0, s.length()) > type.length()) {
            throw new IllegalArgumentException("longer than " + type.length() + " characters");
        }
        return s;
    }

    private static String member(PortableType type, String value) {
        if (!type.values().contains(value)) {
            throw new IllegalArgumentException("not one of " + type.values());
        }
        return value;
    }

    private static byte[] bytes(PortableType type, Object value) {
        byte[] b;
        if (value instanceof ByteBuffer buf) {
            b = new byte[buf.remaining()];
            buf.duplicate().get(b);
        } else {
            b = cast(value, byte[].class);
        }
        if (type.length() != null && b.length > type.length()) {
            throw new IllegalArgumentException("longer than " + type.length() + " bytes");
        }
        return b;
    }

    private static Object fraction(PortableType type, int nanos, Object value) {
        int unit = (int) Math.pow(10, 9 - type.precision());
        if (nanos % unit != 0) {
            throw new IllegalArgumentException("more than " + type.precision() + " fractional-second digits");
        }
        return value;
    }

    private static Instant instant(PortableType type, Object value) {
        Instant i;
        if (value instanceof OffsetDateTime o) {
            i = o.toInstant();
        } else if (value instanceof ZonedDateTime z) {
            i = z.toInstant();
        } else {
            i = cast(value, Instant.class);
        }
        fraction(type, i.getNano(), i);
        return i;
    }

    private static List<String> set(PortableType type, Object value) {
        Collection<?> c = cast(value, Collection.class);
        List<String> out = new ArrayList<>(c.size());
        for (Object member : c) {
            out.add(member(type, cast(member, String.class)));
        }
        if (new HashSet<>(out).size() != out.size()) {
            throw new IllegalArgumentException("duplicate set members");
        }
        return List.copyOf(out);
    }

    private static List<Object> array(PortableType type, Object value) {
        Collection<?> c = cast(value, Collection.class);
        List<Object> out = new ArrayList<>(c.size());
        for (Object element : c) {
            out.add(normalize(type.element(), element));
        }
        return Collections.unmodifiableList(out);
    }

    private static String describe(Object value) {
        String s = value instanceof byte[] b ? "byte[" + b.length + "]" : String.valueOf(value);
        return (s.length() > 60 ? s.substring(0, 60) + "..." : s) + " (" + value.getClass().getSimpleName() + ")";
    }
}
