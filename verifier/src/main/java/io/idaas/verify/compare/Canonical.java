package io.idaas.verify.compare;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * The canonical text of a value for a {@link Semantic}: what the verifier compares in Java, and what the SQL
 * expressions of each dialect produce inside the databases for the range checksums. Two values are equal when their
 * canonical texts are equal. NULL has no text ({@code null}).
 *
 * <p>Inputs are the Java values that the JDBC drivers give (and that {@code io.idaas.ddml.types.PortableValues}
 * uses): Boolean, Number, BigDecimal, String, byte[], LocalDate, LocalTime, LocalDateTime, OffsetDateTime, Instant,
 * UUID, java.util.List.
 */
public final class Canonical {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSSSSS", Locale.ROOT);
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS", Locale.ROOT);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd", Locale.ROOT);

    private Canonical() {
    }

    /** The canonical text of {@code value} compared as {@code semantic}; {@code padded} drops trailing spaces of text. */
    public static String text(Semantic semantic, boolean padded, Object value) {
        if (value == null) {
            return null;
        }
        return switch (semantic) {
            case NUMBER -> number(value);
            case FLOAT32 -> Float.toString(((Number) numeric(value)).floatValue());
            case FLOAT64 -> Double.toString(((Number) numeric(value)).doubleValue());
            case STRING -> padded ? stripTrailingSpaces(string(value)) : string(value);
            case UUID -> string(value).toLowerCase(Locale.ROOT);
            case BYTES -> HexFormat.of().withUpperCase().formatHex((byte[]) value);
            case DATE -> value instanceof LocalDate d ? DATE.format(d) : string(value);
            case TIME -> value instanceof LocalTime t ? TIME.format(t) : string(value);
            case TIMESTAMP -> TIMESTAMP.format(utc(value));
            case JSON -> json(value);
            case SET -> set(value);
            case INTERVAL -> IntervalText.canonical(string(value));
        };
    }

    /** A plain decimal without trailing fractional zeros: {@code 1.50} and {@code 1.5} give {@code 1.5}; true gives {@code 1}. */
    static String number(Object value) {
        if (value instanceof Boolean b) {
            return b ? "1" : "0";
        }
        BigDecimal d;
        if (value instanceof BigDecimal b) {
            d = b;
        } else if (value instanceof BigInteger b) {
            d = new BigDecimal(b);
        } else if (value instanceof Double || value instanceof Float) {
            d = new BigDecimal(value.toString());
        } else if (value instanceof Number n) {
            d = BigDecimal.valueOf(n.longValue());
        } else {
            d = new BigDecimal(value.toString().trim());
        }
        if (d.signum() == 0) {
            return "0";
        }
        return d.stripTrailingZeros().toPlainString();
    }

    private static Object numeric(Object value) {
        if (value instanceof Number) {
            return value;
        }
        if (value instanceof Boolean b) {
            return b ? 1 : 0;
        }
        return Double.valueOf(value.toString());
    }

    private static String string(Object value) {
        return value instanceof byte[] b ? new String(b, java.nio.charset.StandardCharsets.UTF_8) : value.toString();
    }

    /** Drops trailing spaces (CHAR semantics: PostgreSQL and MariaDB ignore them when comparing CHAR values). */
    public static String stripTrailingSpaces(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == ' ') {
            end--;
        }
        return s.substring(0, end);
    }

    private static LocalDateTime utc(Object value) {
        if (value instanceof LocalDateTime t) {
            return t;
        }
        if (value instanceof OffsetDateTime t) {
            return t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
        }
        if (value instanceof Instant i) {
            return LocalDateTime.ofInstant(i, ZoneOffset.UTC);
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toLocalDateTime();
        }
        return LocalDateTime.parse(value.toString().replace(' ', 'T'));
    }

    /** JSON by meaning: keys sorted, numbers as their value (1.0 and 1 alike, -1.5e10 and -15000000000 alike), compact. */
    static String json(Object value) {
        JsonNode node;
        if (value instanceof Collection<?> list) {
            ArrayNode array = JsonNodeFactory.instance.arrayNode();
            for (Object element : list) {
                array.add(element == null ? JsonNodeFactory.instance.nullNode() : JSON.valueToTree(element));
            }
            node = array;
        } else {
            try {
                node = JSON.readTree(string(value));
            } catch (JsonProcessingException e) {
                return "invalid JSON: " + string(value);
            }
        }
        try {
            return JSON.writeValueAsString(canonical(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode canonical(JsonNode node) {
        if (node.isObject()) {
            TreeMap<String, JsonNode> sorted = new TreeMap<>();
            node.properties().forEach(e -> sorted.put(e.getKey(), canonical(e.getValue())));
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            sorted.forEach(out::set);
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            node.forEach(e -> out.add(canonical(e)));
            return out;
        }
        if (node.isNumber()) {
            BigDecimal d = node.decimalValue();
            return JsonNodeFactory.instance.numberNode(d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros());
        }
        return node;
    }

    /** A set: its members sorted, as a JSON array; MariaDB gives {@code "a,c"}, PostgreSQL an array. */
    static String set(Object value) {
        List<String> members = new ArrayList<>();
        if (value instanceof Collection<?> c) {
            c.forEach(m -> members.add(String.valueOf(m)));
        } else {
            String s = string(value);
            if (!s.isEmpty()) {
                members.addAll(List.of(s.split(",", -1)));
            }
        }
        members.sort(null);
        return json(members);
    }

    /** For tests and reports: whether two canonical texts (either may be null) are equal. */
    public static boolean same(String a, String b) {
        return a == null ? b == null : a.equals(b);
    }
}
