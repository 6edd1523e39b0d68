package io.idaas.transforms.ddml.types;

import static io.idaas.transforms.ddml.debezium.SemanticNames.*;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.idaas.ddml.types.PortableType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

/**
 * Converts a Debezium column value (as its Connect schema and semantic type give it) into the Java
 * form of its portable type ({@link io.idaas.ddml.types.PortableValues}), exactly: decimals keep every
 * digit, times keep their microseconds (finer units are truncated to microseconds, SPEC §8.1), 64-bit
 * integers stay longs. A value that does not fit its type is refused with an {@link IllegalArgumentException}.
 */
public final class ValueConverter {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final long MICROS_PER_DAY = 86_400_000_000L;

    private ValueConverter() {
    }

    /** The value of a column of Connect schema {@code schema} in the Java form of {@code type}. */
    public static Object convert(Schema schema, Object value, PortableType type) {
        if (value == null) {
            return null;
        }
        Object semantic = semantic(schema, value, type);
        return coerce(semantic, type);
    }

    private static Object semantic(Schema schema, Object value, PortableType type) {
        String name = schema.name();
        if (name != null) {
            switch (name) {
                case VARIABLE_SCALE_DECIMAL -> {
                    Struct s = (Struct) value;
                    return new BigDecimal(new BigInteger(bytes(s.get("value"))), s.getInt32("scale"));
                }
                case DATE -> {
                    return date(((Number) value).longValue());
                }
                case CONNECT_DATE -> {
                    return LocalDate.ofEpochDay(Math.floorDiv(((java.util.Date) value).getTime(), 86_400_000L));
                }
                case TIME -> {
                    return timeOfDay(((Number) value).longValue() * 1000L);
                }
                case CONNECT_TIME -> {
                    return timeOfDay(((java.util.Date) value).getTime() * 1000L);
                }
                case MICRO_TIME -> {
                    return timeOfDay(((Number) value).longValue());
                }
                case NANO_TIME -> {
                    return timeOfDay(Math.floorDiv(((Number) value).longValue(), 1000L));
                }
                case TIMESTAMP -> {
                    return localDateTime(Math.multiplyExact(((Number) value).longValue(), 1000L));
                }
                case CONNECT_TIMESTAMP -> {
                    return localDateTime(Math.multiplyExact(((java.util.Date) value).getTime(), 1000L));
                }
                case MICRO_TIMESTAMP -> {
                    return localDateTime(((Number) value).longValue());
                }
                case NANO_TIMESTAMP -> {
                    return localDateTime(Math.floorDiv(((Number) value).longValue(), 1000L));
                }
                case ZONED_TIMESTAMP -> {
                    return zoned((String) value);
                }
                case ISO_DATE -> {
                    return LocalDate.parse(stripZone((String) value));
                }
                case ISO_TIME -> {
                    return LocalTime.parse(stripZone((String) value)).truncatedTo(ChronoUnit.MICROS);
                }
                case ISO_TIMESTAMP -> {
                    return LocalDateTime.parse(stripZone((String) value)).truncatedTo(ChronoUnit.MICROS);
                }
                case MICRO_DURATION -> {
                    return Duration.of(((Number) value).longValue(), ChronoUnit.MICROS).toString();
                }
                case ENUM_SET -> {
                    String text = (String) value;
                    return text.isEmpty() ? List.of() : Arrays.asList(text.split(",", -1));
                }
                case BITS -> {
                    // Debezium writes a bit string little-endian; DDML's bytes read as the bit string's literal
                    // (b'101010101010' is 0x0aaa), i.e. big-endian.
                    // It also drops high zero bytes (bit(12) zero arrives as no byte at all): pad to the type's length.
                    return padded(reversed(bytes(value)), type.length());
                }
                case GEOMETRY, GEOGRAPHY -> {
                    return bytes(((Struct) value).get("wkb"));
                }
                case POINT -> {
                    Struct p = (Struct) value;
                    return type.kind() == io.idaas.ddml.types.TypeKind.GEOMETRY ? bytes(p.get("wkb"))
                        : "(" + num(p.get("x")) + "," + num(p.get("y")) + ")";
                }
                default -> {
                    // DECIMAL (already BigDecimal), JSON, UUID, XML, ENUM, YEAR, ZONED_TIME, INTERVAL: as given
                }
            }
        }
        return switch (schema.type()) {
            case ARRAY -> array(schema.valueSchema(), (List<?>) value, type);
            case MAP -> json(value);
            case STRUCT -> json(structToMap((Struct) value));
            case BYTES -> value instanceof ByteBuffer || value instanceof byte[] ? bytes(value) : value;
            default -> value;
        };
    }

    private static List<Object> array(Schema elementSchema, List<?> values, PortableType type) {
        PortableType element = type.element() != null ? type.element() : PortableType.STRING;
        List<Object> out = new ArrayList<>(values.size());
        for (Object v : values) {
            out.add(convert(elementSchema, v, element));
        }
        return Collections.unmodifiableList(out);
    }

    /** Brings a value to the Java class the portable type wants, where that is lossless. */
    private static Object coerce(Object value, PortableType type) {
        return switch (type.kind()) {
            case BOOLEAN -> value instanceof Number n ? bool(n) : value;
            // A long for decimal(20,0) is a BIGINT UNSIGNED in Debezium's default bigint.unsigned.handling.mode=long,
            // which wraps values above Long.MAX_VALUE into negatives: read it back as unsigned.
            case DECIMAL -> value instanceof Long l && isUnsignedBigint(type) ? new BigDecimal(Long.toUnsignedString(l))
                : value instanceof String s ? decimal(s)
                : value instanceof Double || value instanceof Float ? BigDecimal.valueOf(((Number) value).doubleValue()) : value;
            case FLOAT64 -> value instanceof BigDecimal d ? exactDouble(d) : value;
            case TIMESTAMPTZ -> value instanceof LocalDateTime t ? t.toInstant(ZoneOffset.UTC) : value;
            case TIMESTAMP -> value instanceof Instant i ? LocalDateTime.ofInstant(i, ZoneOffset.UTC) : value;
            case STRING, JSON, ENUM -> value instanceof Number || value instanceof Boolean ? value.toString() : value;
            case INT8, INT16, INT32, INT64 -> value instanceof Boolean b ? (b ? 1 : 0) : value;
            default -> value;
        };
    }

    /** A decimal from its text, as Debezium writes it with decimal.handling.mode=string (or a source gives it). */
    private static BigDecimal decimal(String text) {
        try {
            return new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the number '" + text + "' (NaN or an infinity) has no DDML decimal value: "
                + "DDML decimals are exact numbers (SPEC.md section 8.1)", e);
        }
    }

    private static boolean isUnsignedBigint(PortableType type) {
        return Integer.valueOf(20).equals(type.precision()) && Integer.valueOf(0).equals(type.scale());
    }

    private static byte[] padded(byte[] bigEndian, Integer length) {
        if (length == null || bigEndian.length >= length) {
            return bigEndian;
        }
        byte[] out = new byte[length];
        System.arraycopy(bigEndian, 0, out, length - bigEndian.length, bigEndian.length);
        return out;
    }

    private static byte[] reversed(byte[] bytes) {
        byte[] out = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[i] = bytes[bytes.length - 1 - i];
        }
        return out;
    }

    private static Boolean bool(Number n) {
        long v = n.longValue();
        if (v != 0 && v != 1) {
            throw new IllegalArgumentException("value " + v + " is not a boolean (0 or 1)");
        }
        return v == 1;
    }

    private static Double exactDouble(BigDecimal d) {
        double v = d.doubleValue();
        if (BigDecimal.valueOf(v).compareTo(d) != 0) {
            throw new IllegalArgumentException("decimal " + d.toPlainString() + " is not exactly a float64");
        }
        return v;
    }

    private static LocalTime timeOfDay(long micros) {
        if (micros < 0 || micros >= MICROS_PER_DAY) {
            throw new IllegalArgumentException("time " + Duration.of(micros, ChronoUnit.MICROS)
                + " is outside 00:00:00..23:59:59.999999 and does not fit a DDML time, a time of day (v1 has no interval type)");
        }
        return LocalTime.ofNanoOfDay(micros * 1000L);
    }

    /**
     * Debezium's PostgreSQL connector writes {@code infinity} and {@code -infinity} of a {@code timestamp} as these
     * microseconds (its {@code POSITIVE_INFINITY_LOCAL_DATE_TIME}, year 294247), of a {@code date} as these epoch days
     * (year -5877611), of a {@code timestamptz} as the text; no other source writes such values.
     */
    private static final long PG_INFINITY_MICROS = 9_223_372_036_825_200_000L;
    private static final long PG_MINUS_INFINITY_MICROS = -9_223_372_036_832_400_000L;
    private static final long PG_INFINITY_DAY = -2_147_472_692L;
    private static final long PG_MINUS_INFINITY_DAY = -2_147_472_691L;
    /**
     * A snapshot reads a {@code date} infinity as pgjdbc's {@code java.sql.Date} of {@code PGStatement.DATE_POSITIVE_INFINITY}
     * (or NEGATIVE) milliseconds, which Debezium turns into epoch days through {@code toLocalDate()} in the worker's time
     * zone and an int: computed here the same way, in the same JVM.
     */
    private static final long PG_SNAPSHOT_INFINITY_DAY = (int) new java.sql.Date(9_223_372_036_825_200_000L).toLocalDate().toEpochDay();
    private static final long PG_SNAPSHOT_MINUS_INFINITY_DAY =
        (int) new java.sql.Date(-9_223_372_036_832_400_000L).toLocalDate().toEpochDay();
    private static final String NO_INFINITY = " has no DDML value: DDML dates and times are points on the calendar "
        + "(SPEC.md section 8.1), and PostgreSQL's infinity is not one";

    private static LocalDate date(long epochDay) {
        boolean plus = epochDay == PG_INFINITY_DAY || epochDay == PG_SNAPSHOT_INFINITY_DAY;
        if (plus || epochDay == PG_MINUS_INFINITY_DAY || epochDay == PG_SNAPSHOT_MINUS_INFINITY_DAY) {
            throw new IllegalArgumentException("PostgreSQL's date '" + (plus ? "" : "-") + "infinity'" + NO_INFINITY);
        }
        return LocalDate.ofEpochDay(epochDay);
    }

    private static Instant zoned(String text) {
        if (text.equals("infinity") || text.equals("-infinity")) {
            throw new IllegalArgumentException("PostgreSQL's timestamptz '" + text + "'" + NO_INFINITY);
        }
        return OffsetDateTime.parse(text).toInstant().truncatedTo(ChronoUnit.MICROS);
    }

    private static LocalDateTime localDateTime(long micros) {
        if (micros == PG_INFINITY_MICROS || micros == PG_MINUS_INFINITY_MICROS) {
            throw new IllegalArgumentException("PostgreSQL's timestamp '" + (micros > 0 ? "" : "-") + "infinity'" + NO_INFINITY);
        }
        long seconds = Math.floorDiv(micros, 1_000_000L);
        int nanos = (int) Math.floorMod(micros, 1_000_000L) * 1000;
        return LocalDateTime.ofEpochSecond(seconds, nanos, ZoneOffset.UTC);
    }

    private static String stripZone(String text) {
        return text.endsWith("Z") ? text.substring(0, text.length() - 1) : text;
    }

    private static byte[] bytes(Object value) {
        if (value instanceof ByteBuffer b) {
            byte[] out = new byte[b.remaining()];
            b.duplicate().get(out);
            return out;
        }
        return (byte[]) value;
    }

    private static String num(Object n) {
        return n instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d) ? Long.toString(d.longValue()) : String.valueOf(n);
    }

    private static String json(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + value + " as JSON: " + e.getMessage(), e);
        }
    }

    private static Map<String, Object> structToMap(Struct s) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        s.schema().fields().forEach(f -> {
            Object v = s.get(f);
            m.put(f.name(), v instanceof Struct inner ? structToMap(inner) : v instanceof ByteBuffer || v instanceof byte[]
                ? java.util.Base64.getEncoder().encodeToString(bytes(v)) : v);
        });
        return m;
    }
}
