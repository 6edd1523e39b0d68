package io.idaas.ddml.types;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bson.BsonArray;
import org.bson.BsonBinary;
import org.bson.BsonBinarySubType;
import org.bson.BsonBoolean;
import org.bson.BsonDateTime;
import org.bson.BsonDecimal128;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.types.Decimal128;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Column values as a MongoDB target holds them (SPEC.md §11, column "MongoDB (BSON)"), both ways: {@link #toBson} for a
 * writer, {@link #fromBson} for a reader, which gets the portable value back with the column's portable type.
 *
 * <table>
 * <caption>Per portable type</caption>
 * <tr><th>portable type</th><th>BSON</th></tr>
 * <tr><td>boolean</td><td>bool</td></tr>
 * <tr><td>int8, int16, int32</td><td>int (int32)</td></tr>
 * <tr><td>int64</td><td>long (int64)</td></tr>
 * <tr><td>decimal(p,s), p &le; 34</td><td>Decimal128 with scale s exactly</td></tr>
 * <tr><td>decimal(p,s), p &gt; 34</td><td>string: the canonical decimal text (scale s)</td></tr>
 * <tr><td>decimal</td><td>Decimal128 when the value has at most 34 digits (its own scale), else the canonical text</td></tr>
 * <tr><td>float32, float64</td><td>double (NaN and the infinities too)</td></tr>
 * <tr><td>string, enum</td><td>string</td></tr>
 * <tr><td>bytes, geometry</td><td>binData subtype 0 (geometry: the WKB)</td></tr>
 * <tr><td>date, time</td><td>string: {@code yyyy-mm-dd}, {@code HH:MM:SS.ffffff}</td></tr>
 * <tr><td>timestamp(p), timestamptz(p), p &le; 3</td><td>date (UTC milliseconds; a timestamp read as UTC)</td></tr>
 * <tr><td>timestamp(p), timestamptz(p), p &gt; 3</td><td>string: the canonical text, six fraction digits
 *     ({@code 2025-03-14T09:26:53.589793}, {@code ...Z} with zone): no microsecond is cut</td></tr>
 * <tr><td>uuid</td><td>binData subtype 4 (the standard representation)</td></tr>
 * <tr><td>json</td><td>an object or array: the parsed document (numbers: int32 or int64 when integral and in range,
 *     double when the double is the number exactly, else Decimal128 when it holds it exactly); any other JSON text (a
 *     scalar, a document with a key starting with {@code $} or holding {@code .}, a number no BSON number holds
 *     exactly): a string holding the JSON text itself, so a reader tells the JSON string {@code "a"} (stored as
 *     {@code "\"a\""}) from the text {@code a}, and JSON {@code null} (stored as {@code "null"}) from SQL NULL</td></tr>
 * <tr><td>set, array</td><td>array, each element by these rules (a NULL element: null)</td></tr>
 * </table>
 *
 * <p>{@link #fromBson} is strict: a BSON type other than the one above (an int64 for an int32 column, a double for a
 * decimal), or a decimal of another scale, is refused with the reason, so a reader reports the field rather than
 * taking a changed value for the source's.
 */
public final class BsonValues {

    /** Decimal128 holds 34 significant digits. */
    public static final int DECIMAL128_DIGITS = MongoTypes.DECIMAL128_DIGITS;

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private BsonValues() {
    }

    /**
     * The BSON value of a value in {@link PortableValues} form; SQL NULL is BSON null.
     *
     * @throws IllegalArgumentException when the value is not of the type
     */
    public static BsonValue toBson(PortableType type, Object value) {
        if (value == null) {
            return BsonNull.VALUE;
        }
        Object v = PortableValues.normalize(type, value);
        return switch (type.kind()) {
            case BOOLEAN -> BsonBoolean.valueOf((Boolean) v);
            case INT8, INT16, INT32 -> new BsonInt32(((Number) v).intValue());
            case INT64 -> new BsonInt64((Long) v);
            case DECIMAL -> decimal(type, (BigDecimal) v);
            case FLOAT32 -> new BsonDouble((Float) v);
            case FLOAT64 -> new BsonDouble((Double) v);
            case STRING, ENUM -> new BsonString((String) v);
            case BYTES, GEOMETRY -> new BsonBinary(BsonBinarySubType.BINARY, (byte[]) v);
            case DATE -> new BsonString(CanonicalText.date((LocalDate) v));
            case TIME -> new BsonString(CanonicalText.time((LocalTime) v));
            case TIMESTAMP -> asDate(type) ? new BsonDateTime(((LocalDateTime) v).toInstant(ZoneOffset.UTC).toEpochMilli())
                    : new BsonString(CanonicalText.timestamp((LocalDateTime) v));
            case TIMESTAMPTZ -> asDate(type) ? new BsonDateTime(((Instant) v).toEpochMilli())
                    : new BsonString(CanonicalText.timestampTz((Instant) v));
            case UUID -> new BsonBinary((UUID) v); // subtype 4, standard representation
            case JSON -> json((String) v);
            case SET -> array(PortableType.STRING, (List<?>) v);
            case ARRAY -> array(type.element(), (List<?>) v);
        };
    }

    /**
     * The portable value ({@link PortableValues} form) of a BSON value read from a MongoDB target, for a column of
     * {@code type}; BSON null (or a missing value, Java null) is SQL NULL.
     *
     * @throws IllegalArgumentException when the BSON value is not what {@link #toBson} writes for the type, with why
     */
    public static Object fromBson(PortableType type, BsonValue value) {
        if (value == null || value.isNull()) {
            return null;
        }
        Object raw = switch (type.kind()) {
            case BOOLEAN -> expect(type, value, value.isBoolean()).asBoolean().getValue();
            case INT8, INT16, INT32 -> expect(type, value, value.isInt32()).asInt32().getValue();
            case INT64 -> expect(type, value, value.isInt64()).asInt64().getValue();
            case DECIMAL -> decimal(type, value);
            case FLOAT32 -> (float) float32(type, value);
            case FLOAT64 -> expect(type, value, value.isDouble()).asDouble().getValue();
            case STRING, ENUM -> expect(type, value, value.isString()).asString().getValue();
            case BYTES, GEOMETRY -> binary(type, value, BsonBinarySubType.BINARY).getData();
            case DATE -> CanonicalText.parseDate(expect(type, value, value.isString()).asString().getValue());
            case TIME -> CanonicalText.parseTime(expect(type, value, value.isString()).asString().getValue());
            case TIMESTAMP -> asDate(type)
                    ? LocalDateTime.ofInstant(Instant.ofEpochMilli(expect(type, value, value.isDateTime()).asDateTime().getValue()), ZoneOffset.UTC)
                    : CanonicalText.parseTimestamp(expect(type, value, value.isString()).asString().getValue());
            case TIMESTAMPTZ -> asDate(type)
                    ? Instant.ofEpochMilli(expect(type, value, value.isDateTime()).asDateTime().getValue())
                    : CanonicalText.parseTimestampTz(expect(type, value, value.isString()).asString().getValue());
            case UUID -> binary(type, value, BsonBinarySubType.UUID_STANDARD).asUuid();
            case JSON -> jsonText(type, value);
            case SET -> elements(PortableType.STRING, type, value);
            case ARRAY -> elements(type.element(), type, value);
        };
        return PortableValues.normalize(type, raw);
    }

    /** A short text of a BSON value for reports: its type and value ({@code int64 5}, {@code string "a"}). */
    public static String describe(BsonValue value) {
        if (value == null) {
            return "no field";
        }
        String type = value.getBsonType().name().toLowerCase(java.util.Locale.ROOT);
        String text = switch (value.getBsonType()) {
            case NULL -> "";
            case STRING -> "\"" + value.asString().getValue() + "\"";
            case INT32 -> String.valueOf(value.asInt32().getValue());
            case INT64 -> String.valueOf(value.asInt64().getValue());
            case DOUBLE -> String.valueOf(value.asDouble().getValue());
            case DECIMAL128 -> value.asDecimal128().getValue().toString();
            case BOOLEAN -> String.valueOf(value.asBoolean().getValue());
            case DATE_TIME -> Instant.ofEpochMilli(value.asDateTime().getValue()).toString();
            case BINARY -> "subtype " + value.asBinary().getType() + " " + java.util.HexFormat.of().withUpperCase().formatHex(value.asBinary().getData());
            case DOCUMENT -> value.asDocument().toJson();
            case ARRAY -> new BsonDocument("a", value).toJson().replaceFirst("^\\{\"a\": ", "").replaceFirst("}$", "");
            default -> value.toString();
        };
        return text.isEmpty() ? type : type + " " + text;
    }

    private static boolean asDate(PortableType type) {
        return type.precision() <= 3;
    }

    private static BsonValue decimal(PortableType type, BigDecimal d) {
        if (type.precision() != null ? type.precision() > DECIMAL128_DIGITS : d.precision() > DECIMAL128_DIGITS) {
            return new BsonString(CanonicalText.decimal(d));
        }
        try {
            return new BsonDecimal128(new Decimal128(d));
        } catch (NumberFormatException e) {
            return new BsonString(CanonicalText.decimal(d)); // a scale beyond Decimal128's exponent range
        }
    }

    private static Object decimal(PortableType type, BsonValue value) {
        BigDecimal d;
        if (value.isDecimal128()) {
            Decimal128 v = value.asDecimal128().getValue();
            if (v.isNaN() || v.isInfinite()) {
                throw new IllegalArgumentException("Decimal128 " + v + " is not a " + type + " value");
            }
            try {
                d = v.bigDecimalValue();
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException("Decimal128 " + v + " is not a " + type + " value: " + e.getMessage());
            }
        } else if (value.isString()) {
            d = CanonicalText.parseDecimal(value.asString().getValue());
        } else {
            throw wrongType(type, value, "decimal or string");
        }
        if (type.scale() != null && d.scale() != type.scale()) {
            throw new IllegalArgumentException(describe(value) + " has scale " + d.scale() + ", not the " + type + "'s " + type.scale());
        }
        boolean wide = type.precision() != null ? type.precision() > DECIMAL128_DIGITS : d.precision() > DECIMAL128_DIGITS;
        if (wide != value.isString()) {
            throw new IllegalArgumentException(describe(value) + ": a " + type + " value " + (wide ? "beyond 34 digits is a string" : "of at most 34 digits is a Decimal128"));
        }
        return d;
    }

    private static double float32(PortableType type, BsonValue value) {
        double d = expect(type, value, value.isDouble()).asDouble().getValue();
        if ((double) (float) d != d && !Double.isNaN(d)) {
            throw new IllegalArgumentException(describe(value) + " is not exactly a float32");
        }
        return d;
    }

    private static BsonBinary binary(PortableType type, BsonValue value, BsonBinarySubType subtype) {
        BsonBinary b = expect(type, value, value.isBinary()).asBinary();
        if (b.getType() != subtype.getValue()) {
            throw new IllegalArgumentException("binData subtype " + b.getType() + " is not a " + type + " value (subtype " + subtype.getValue() + ")");
        }
        return b;
    }

    private static List<Object> elements(PortableType element, PortableType type, BsonValue value) {
        BsonArray array = expect(type, value, value.isArray()).asArray();
        List<Object> out = new ArrayList<>(array.size());
        for (BsonValue e : array) {
            out.add(fromBson(element, e));
        }
        return Collections.unmodifiableList(out);
    }

    private static BsonValue array(PortableType element, List<?> values) {
        BsonArray a = new BsonArray(new ArrayList<>(values.size()));
        for (Object v : values) {
            a.add(toBson(element, v));
        }
        return a;
    }

    private static BsonValue expect(PortableType type, BsonValue value, boolean ok) {
        if (!ok) {
            throw wrongType(type, value, MongoTypes.to(type));
        }
        return value;
    }

    private static IllegalArgumentException wrongType(PortableType type, BsonValue value, String expected) {
        return new IllegalArgumentException(describe(value) + " is not a " + type + " value (BSON " + expected + ")");
    }

    // json

    /** A JSON text as BSON: a parsed document or array when every key and number can be stored as is, else the text. */
    private static BsonValue json(String text) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON text: " + e.getOriginalMessage(), e);
        }
        if (node != null && (node.isObject() || node.isArray())) {
            BsonValue parsed = bson(node);
            if (parsed != null) {
                return parsed;
            }
        }
        return new BsonString(text);
    }

    /** The BSON of a JSON node; null when a key or a number cannot be stored as is. */
    private static BsonValue bson(JsonNode node) {
        switch (node.getNodeType()) {
            case OBJECT -> {
                BsonDocument d = new BsonDocument();
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    if (e.getKey().startsWith("$") || e.getKey().contains(".") || e.getKey().indexOf('\0') >= 0) {
                        return null;
                    }
                    BsonValue v = bson(e.getValue());
                    if (v == null) {
                        return null;
                    }
                    d.put(e.getKey(), v);
                }
                return d;
            }
            case ARRAY -> {
                BsonArray a = new BsonArray(new ArrayList<>(node.size()));
                for (JsonNode e : node) {
                    BsonValue v = bson(e);
                    if (v == null) {
                        return null;
                    }
                    a.add(v);
                }
                return a;
            }
            case STRING -> {
                return new BsonString(node.textValue());
            }
            case BOOLEAN -> {
                return BsonBoolean.valueOf(node.booleanValue());
            }
            case NULL -> {
                return BsonNull.VALUE;
            }
            case NUMBER -> {
                return number(node.decimalValue());
            }
            default -> {
                return null;
            }
        }
    }

    private static BsonValue number(BigDecimal n) {
        BigInteger i;
        try {
            i = n.toBigIntegerExact();
        } catch (ArithmeticException e) {
            i = null; // a fraction
        }
        if (i != null && i.bitLength() < 32) {
            return new BsonInt32(i.intValue());
        }
        if (i != null && i.bitLength() < 64) {
            return new BsonInt64(i.longValue());
        }
        double d = n.doubleValue();
        if (Double.isFinite(d) && new BigDecimal(Double.toString(d)).compareTo(n) == 0) {
            return new BsonDouble(d);
        }
        try {
            return new BsonDecimal128(new Decimal128(n));
        } catch (NumberFormatException e) {
            return null; // no BSON number holds it exactly: the whole JSON is stored as its text
        }
    }

    /** The JSON text of a json column's BSON value: a document or array written out compact, a string as it is. */
    private static String jsonText(PortableType type, BsonValue value) {
        if (value.isString()) {
            String text = value.asString().getValue();
            try {
                JSON.readTree(text);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException(describe(value) + " is not JSON text: a json value stored as a string holds its JSON text");
            }
            return text;
        }
        if (!value.isDocument() && !value.isArray()) {
            throw wrongType(type, value, "object, array, or string holding JSON text");
        }
        return node(value).toString();
    }

    private static JsonNode node(BsonValue value) {
        return switch (value.getBsonType()) {
            case DOCUMENT -> {
                ObjectNode o = NODES.objectNode();
                value.asDocument().forEach((k, v) -> o.set(k, node(v)));
                yield o;
            }
            case ARRAY -> {
                ArrayNode a = NODES.arrayNode();
                value.asArray().forEach(v -> a.add(node(v)));
                yield a;
            }
            case STRING -> NODES.textNode(value.asString().getValue());
            case BOOLEAN -> NODES.booleanNode(value.asBoolean().getValue());
            case NULL -> NODES.nullNode();
            case INT32 -> NODES.numberNode(value.asInt32().getValue());
            case INT64 -> NODES.numberNode(value.asInt64().getValue());
            case DOUBLE -> NODES.numberNode(value.asDouble().getValue());
            case DECIMAL128 -> NODES.numberNode(value.asDecimal128().getValue().bigDecimalValue());
            default -> throw new IllegalArgumentException(describe(value) + " is no JSON value: a json column holds JSON types only");
        };
    }
}
