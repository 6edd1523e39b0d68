package io.idaas.verify.redis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.idaas.ddml.types.JsonValues;
import io.idaas.ddml.types.PortableType;
import io.idaas.ddml.types.RedisEncoding;
import io.idaas.ddml.types.RedisValues;
import io.idaas.ddml.types.TypeKind;
import io.idaas.verify.compare.Canonical;
import io.idaas.verify.compare.Semantic;
import io.idaas.verify.copy.SourceValues;
import io.idaas.verify.sql.Column;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * A source column's values as the Redis sink writes them (ddml-converter SPEC.md §11.1): the hash field's bytes
 * ({@code RedisValues.encode} of the value in its portable type) and, for the JSON shape, the value's DDML JSON encoding
 * (SPEC.md §8.2). Values come as the source's JDBC driver gives them (the verifier's {@code Dialect.read}).
 *
 * <p>Comparison: byte for byte, except {@code float32}/{@code float64} (by numeric value: {@code 1.5} and
 * {@code 1.50} are one float) and {@code json} (by meaning, as the SQL comparison does: the source's JSON text and
 * Debezium's may differ in white space and key order).
 */
final class RedisFields {

    private RedisFields() {
    }

    /** The hash field's bytes for a source value; null for SQL NULL (an absent field). */
    static byte[] expected(Column column, Object jdbcValue) {
        if (jdbcValue == null) {
            return null;
        }
        PortableType type = column.type();
        try {
            return RedisValues.encode(type, portable(type, jdbcValue));
        } catch (RuntimeException e) {
            // A value the portable type does not hold as the driver gives it: its canonical text, so the report shows it.
            String text = Canonical.text(Semantic.of(column, column), column.padded(), jdbcValue);
            return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
        }
    }

    /** The DDML JSON encoding of a source value (JSON null for SQL NULL): a field of the JSON shape. */
    static JsonNode expectedJson(Column column, Object jdbcValue) {
        if (jdbcValue == null) {
            return JsonNodeFactory.instance.nullNode();
        }
        try {
            return JsonValues.toJson(column.type(), portable(column.type(), jdbcValue));
        } catch (RuntimeException e) {
            return JsonNodeFactory.instance.textNode(Canonical.text(Semantic.of(column, column), column.padded(), jdbcValue));
        }
    }

    /** Whether a hash field holds the expected bytes (either null: absent / NULL). */
    static boolean same(Column column, byte[] expected, byte[] actual) {
        if (expected == null || actual == null) {
            return expected == actual;
        }
        if (Arrays.equals(expected, actual)) {
            return true;
        }
        TypeKind kind = column.type().kind();
        String a = new String(expected, StandardCharsets.UTF_8);
        String b = new String(actual, StandardCharsets.UTF_8);
        try {
            return switch (kind) {
                case FLOAT32 -> Float.compare(Float.parseFloat(a), Float.parseFloat(b)) == 0;
                case FLOAT64 -> Double.compare(Double.parseDouble(a), Double.parseDouble(b)) == 0;
                case JSON -> Canonical.text(Semantic.JSON, false, a).equals(Canonical.text(Semantic.JSON, false, b));
                default -> false;
            };
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Whether a JSON-shape field holds the expected encoding: numbers by value, a json column by meaning. */
    static boolean sameJson(Column column, JsonNode expected, JsonNode actual) {
        JsonNode a = expected == null ? JsonNodeFactory.instance.nullNode() : expected;
        JsonNode b = actual == null ? JsonNodeFactory.instance.nullNode() : actual;
        if (column.type().kind() == TypeKind.JSON && a.isTextual() && b.isTextual()) {
            return Canonical.text(Semantic.JSON, false, a.asText()).equals(Canonical.text(Semantic.JSON, false, b.asText()));
        }
        return a.equals((x, y) -> x.isNumber() && y.isNumber() ? x.decimalValue().compareTo(y.decimalValue())
                : x.equals(y) ? 0 : 1, b);
    }

    /** A field's bytes as the report shows them: the text, or uppercase hex for raw bytes; null stays null. */
    static String display(Column column, byte[] value) {
        if (value == null) {
            return null;
        }
        return raw(column) ? HexFormat.of().withUpperCase().formatHex(value) : new String(value, StandardCharsets.UTF_8);
    }

    /** A JSON-shape field as the report shows it: a JSON string's text, other JSON as written; JSON null is null. */
    static String display(JsonNode value) {
        return value == null || value.isNull() ? null : value.isTextual() ? value.asText() : value.toString();
    }

    /** The hash field's bytes of a JSON-shape field (to match keys across shapes); null when it does not decode. */
    static byte[] fieldOf(Column column, JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        try {
            return RedisValues.encode(column.type(), JsonValues.fromJson(column.type(), node));
        } catch (RuntimeException e) {
            return display(node).getBytes(StandardCharsets.UTF_8);
        }
    }

    /**
     * The key part of a Redis key (SPEC.md §11.1) for these key columns and source values: a single column's field text,
     * or the compact JSON array of the columns' JSON encodings.
     */
    static String keyText(List<Column> keys, List<Object> values) {
        if (keys.size() == 1) {
            byte[] field = expected(keys.get(0), values.get(0));
            return field == null ? "" : new String(field, StandardCharsets.UTF_8);
        }
        var array = JsonNodeFactory.instance.arrayNode();
        for (int i = 0; i < keys.size(); i++) {
            array.add(expectedJson(keys.get(i), values.get(i)));
        }
        return array.toString();
    }

    /**
     * A key column's value as a Java value to bind in a query of the source, from its hash field's bytes (the key of a
     * row the copy has and the source may not); null when it does not decode.
     */
    static Object bindable(Column column, byte[] field, boolean postgres) {
        if (field == null) {
            return null;
        }
        PortableType type = column.type();
        String text = new String(field, StandardCharsets.UTF_8);
        JsonNodeFactory f = JsonNodeFactory.instance;
        try {
            JsonNode node = switch (RedisValues.encodingOf(type)) {
                case BOOLEAN_TEXT -> f.booleanNode(Boolean.parseBoolean(text));
                case INTEGER_TEXT -> f.numberNode(new BigInteger(text));
                case FLOAT_TEXT -> f.numberNode(new BigDecimal(text));
                case RAW_BYTES -> f.textNode(Base64.getEncoder().encodeToString(field));
                case JSON_TEXT -> new com.fasterxml.jackson.databind.ObjectMapper().readTree(text);
                default -> f.textNode(text);
            };
            return SourceValues.bindable(JsonValues.fromJson(type, node), postgres);
        } catch (Exception e) {
            return null;
        }
    }

    private static boolean raw(Column column) {
        return RedisValues.encodingOf(column.type()) == RedisEncoding.RAW_BYTES;
    }

    private static Object portable(PortableType type, Object value) {
        return SourceValues.portable(type, value);
    }
}
