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
import org.bson.UuidRepresentation;
import org.bson.types.Decimal128;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The BSON form of DDML values (SPEC.md section 11, column "MongoDB (BSON)"), both ways: {@link #toBson} is what the
 * idaas MongoDB sink writes, {@link #fromBson} what a reader (the verifier, a test) turns a stored field back into, given
 * the column's portable type. {@code fromBson(t, toBson(t, v))} equals {@code v} for every value in
 * {@link PortableValues} form, except where {@link #toBson} refuses it (below).
 *
 * <ul>
 *   <li>boolean: bool; int8, int16, int32: int32; int64: int64; float32, float64: double (a float32 widens exactly).</li>
 *   <li>decimal(p,s) with p &le; 34, and an unconstrained decimal whose value has at most 34 digits: Decimal128, with the
 *   value's own scale; else a string holding the canonical text ({@link CanonicalText#decimal}).</li>
 *   <li>string, enum: string; bytes: binary subtype 0; uuid: binary subtype 4 (standard).</li>
 *   <li>geometry: its GeoJSON geometry object ({@link GeoJson}) when that gives the same WKB back (two-dimensional,
 *   non-empty, finite, little-endian ISO WKB without an SRID: what MariaDB and MySQL hand out); else the WKB as binary
 *   subtype 0.</li>
 *   <li>date: string {@code yyyy-mm-dd}; time: the canonical text; timestamp(p), timestamptz(p): a BSON date (UTC
 *   milliseconds; a timestamp read as UTC) when p &le; 3, else the canonical text, so no microsecond is lost.</li>
 *   <li>json: the parsed value (document, array or scalar); JSON numbers become int32, int64 or Decimal128 (exact, with
 *   their scale). A JSON text MongoDB cannot hold as a document (a member name starting with {@code $} or holding
 *   {@code .}, or empty; a number of more than 34 digits), and the JSON {@code null} literal (BSON null is SQL NULL),
 *   are stored as a string holding the text itself; a reader tells it from a JSON string scalar because it parses as
 *   such a document or as {@code null}. The one value that could be read either way, a JSON string scalar whose content
 *   is itself such a text (e.g. the JSON string {@code "null"}), is refused.</li>
 *   <li>set: an array of strings; array(T): an array of T's BSON values (null elements as null).</li>
 * </ul>
 * SQL NULL is BSON null.
 */
public final class BsonValues {

    /** Decimal128 holds 34 significant digits. */
    public static final int DECIMAL128_DIGITS = 34;

    private static final ObjectMapper MAPPER = new ObjectMapper()
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private BsonValues() {
    }

    /**
     * The BSON value of {@code value} (in {@link PortableValues} form; null gives BSON null).
     *
     * @throws IllegalArgumentException when the value is not of the type, or is the one ambiguous json value
     */
    public static BsonValue toBson(PortableType type, Object value) {
        if (value == null) {
            return BsonNull.VALUE;
        }
        return switch (type.kind()) {
            case BOOLEAN -> BsonBoolean.valueOf((Boolean) value);
            case INT8, INT16, INT32 -> new BsonInt32(((Number) value).intValue());
            case INT64 -> new BsonInt64((Long) value);
            case DECIMAL -> decimal(type, (BigDecimal) value);
            case FLOAT32 -> new BsonDouble((Float) value);
            case FLOAT64 -> new BsonDouble((Double) value);
            case STRING, ENUM -> new BsonString((String) value);
            case BYTES -> new BsonBinary(BsonBinarySubType.BINARY, (byte[]) value);
            case GEOMETRY -> geometry((byte[]) value);
            case UUID -> new BsonBinary((UUID) value, UuidRepresentation.STANDARD);
            case DATE -> new BsonString(CanonicalText.date((LocalDate) value));
            case TIME -> new BsonString(CanonicalText.time((LocalTime) value));
            case TIMESTAMP -> type.precision() <= 3
                ? new BsonDateTime(((LocalDateTime) value).toInstant(ZoneOffset.UTC).toEpochMilli())
                : new BsonString(CanonicalText.timestamp((LocalDateTime) value));
            case TIMESTAMPTZ -> type.precision() <= 3
                ? new BsonDateTime(((Instant) value).toEpochMilli())
                : new BsonString(CanonicalText.timestampTz((Instant) value));
            case JSON -> json((String) value);
            case SET -> array(PortableType.STRING, (List<?>) value);
            case ARRAY -> array(type.element(), (List<?>) value);
        };
    }

    /**
     * The portable value (in {@link PortableValues} form) of a stored BSON value of a column of {@code type}; BSON null
     * (or a missing field, given as null) gives null.
     *
     * @throws IllegalArgumentException when the BSON value is not what {@link #toBson} writes for the type
     */
    public static Object fromBson(PortableType type, BsonValue value) {
        if (value == null || value.isNull()) {
            return null;
        }
        try {
            return switch (type.kind()) {
                case BOOLEAN -> value.asBoolean().getValue();
                case INT8 -> PortableValues.normalize(type, value.asInt32().getValue());
                case INT16 -> PortableValues.normalize(type, value.asInt32().getValue());
                case INT32 -> value.asInt32().getValue();
                case INT64 -> value.asInt64().getValue();
                case DECIMAL -> value.isDecimal128() ? value.asDecimal128().getValue().bigDecimalValue()
                    : CanonicalText.parseDecimal(value.asString().getValue());
                case FLOAT32 -> (float) value.asDouble().getValue();
                case FLOAT64 -> value.asDouble().getValue();
                case STRING, ENUM -> value.asString().getValue();
                case BYTES -> binary(value, BsonBinarySubType.BINARY).getData();
                case GEOMETRY -> value.isDocument() ? GeoJson.toWkb(value.asDocument())
                    : binary(value, BsonBinarySubType.BINARY).getData();
                case UUID -> binary(value, BsonBinarySubType.UUID_STANDARD).asUuid();
                case DATE -> CanonicalText.parseDate(value.asString().getValue());
                case TIME -> CanonicalText.parseTime(value.asString().getValue());
                case TIMESTAMP -> value.isDateTime()
                    ? LocalDateTime.ofInstant(Instant.ofEpochMilli(value.asDateTime().getValue()), ZoneOffset.UTC)
                    : CanonicalText.parseTimestamp(value.asString().getValue());
                case TIMESTAMPTZ -> value.isDateTime() ? Instant.ofEpochMilli(value.asDateTime().getValue())
                    : CanonicalText.parseTimestampTz(value.asString().getValue());
                case JSON -> jsonText(value);
                case SET -> elements(PortableType.STRING, value.asArray());
                case ARRAY -> elements(type.element(), value.asArray());
            };
        } catch (org.bson.BsonInvalidOperationException | ClassCastException e) {
            throw new IllegalArgumentException("a BSON " + value.getBsonType() + " is not a stored " + type + ": "
                + e.getMessage(), e);
        }
    }

    private static BsonValue geometry(byte[] wkb) {
        BsonDocument geoJson = GeoJson.fromWkb(wkb);
        return geoJson != null ? geoJson : new BsonBinary(BsonBinarySubType.BINARY, wkb);
    }

    private static BsonValue decimal(PortableType type, BigDecimal value) {
        boolean fits = type.precision() != null ? type.precision() <= DECIMAL128_DIGITS : value.precision() <= DECIMAL128_DIGITS;
        if (fits) {
            try {
                return new BsonDecimal128(new Decimal128(value));
            } catch (NumberFormatException e) {
                // an exponent beyond Decimal128's range: the text holds it exactly
            }
        }
        return new BsonString(CanonicalText.decimal(value));
    }

    private static BsonArray array(PortableType element, List<?> values) {
        BsonArray out = new BsonArray(new ArrayList<>(values.size()));
        for (Object v : values) {
            out.add(toBson(element, v));
        }
        return out;
    }

    private static List<Object> elements(PortableType element, BsonArray array) {
        List<Object> out = new ArrayList<>(array.size());
        for (BsonValue v : array) {
            out.add(fromBson(element, v));
        }
        return out;
    }

    private static BsonBinary binary(BsonValue value, BsonBinarySubType subtype) {
        BsonBinary b = value.asBinary();
        if (b.getType() != subtype.getValue()) {
            throw new IllegalArgumentException("binary subtype " + b.getType() + ", not " + subtype.getValue());
        }
        return b;
    }

    // ---- json ----

    private static BsonValue json(String text) {
        JsonNode node = parse(text);
        if (node == null) {
            throw new IllegalArgumentException("the json value is not JSON text");
        }
        if (keptAsText(node)) {
            return new BsonString(text);
        }
        JsonNode inner = node.isTextual() ? parse(node.textValue()) : null;
        if (inner != null && keptAsText(inner)) {
            throw new IllegalArgumentException("the json value is a JSON string whose content is a JSON text that the "
                + "MongoDB form keeps as a string (SPEC.md section 11: JSON null, or a document MongoDB cannot hold), so a "
                + "reader could not tell the two apart");
        }
        return fromJson(node);
    }

    /**
     * Whether a JSON value is stored as its text: JSON {@code null} (BSON null is SQL NULL), and a document or array
     * MongoDB cannot hold as one.
     */
    private static boolean keptAsText(JsonNode node) {
        return node.isNull() || node.isContainerNode() && !storable(node);
    }

    /** The JSON text of a stored json field: compact, members in stored order; equal in meaning to the source's. */
    private static String jsonText(BsonValue value) {
        if (value.isString()) {
            JsonNode inner = parse(value.asString().getValue());
            if (inner != null && keptAsText(inner)) {
                return value.asString().getValue(); // the text kept as it was written
            }
        }
        try {
            return MAPPER.writeValueAsString(toJson(value));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write JSON: " + e.getMessage(), e);
        }
    }

    private static JsonNode parse(String text) {
        try {
            JsonNode node = MAPPER.readTree(text);
            return node == null || node.isMissingNode() ? null : node;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** Whether MongoDB holds the JSON value as a document/array/scalar that reads back equal in meaning. */
    private static boolean storable(JsonNode node) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                String name = f.getKey();
                if (name.isEmpty() || name.startsWith("$") || name.indexOf('.') >= 0 || name.indexOf('\0') >= 0
                    || !storable(f.getValue())) {
                    return false;
                }
            }
            return true;
        }
        if (node.isArray()) {
            for (JsonNode e : node) {
                if (!storable(e)) {
                    return false;
                }
            }
            return true;
        }
        if (node.isNumber()) {
            BigDecimal d = node.decimalValue();
            return d.precision() <= DECIMAL128_DIGITS && fitsDecimal128(d);
        }
        return true;
    }

    private static boolean fitsDecimal128(BigDecimal d) {
        try {
            new Decimal128(d);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static BsonValue fromJson(JsonNode node) {
        if (node.isObject()) {
            BsonDocument doc = new BsonDocument();
            node.fields().forEachRemaining(f -> doc.append(f.getKey(), fromJson(f.getValue())));
            return doc;
        }
        if (node.isArray()) {
            BsonArray array = new BsonArray(new ArrayList<>(node.size()));
            node.forEach(e -> array.add(fromJson(e)));
            return array;
        }
        if (node.isNull()) {
            return BsonNull.VALUE;
        }
        if (node.isBoolean()) {
            return BsonBoolean.valueOf(node.booleanValue());
        }
        if (node.isTextual()) {
            return new BsonString(node.textValue());
        }
        if (node.isIntegralNumber()) {
            BigInteger i = node.bigIntegerValue();
            if (i.bitLength() < 32) {
                return new BsonInt32(i.intValue());
            }
            if (i.bitLength() < 64) {
                return new BsonInt64(i.longValue());
            }
            return new BsonDecimal128(new Decimal128(new BigDecimal(i)));
        }
        return new BsonDecimal128(new Decimal128(node.decimalValue()));
    }

    private static JsonNode toJson(BsonValue value) {
        switch (value.getBsonType()) {
            case DOCUMENT -> {
                ObjectNode o = NODES.objectNode();
                value.asDocument().forEach((k, v) -> o.set(k, toJson(v)));
                return o;
            }
            case ARRAY -> {
                ArrayNode a = NODES.arrayNode();
                value.asArray().forEach(v -> a.add(toJson(v)));
                return a;
            }
            case NULL -> {
                return NODES.nullNode();
            }
            case BOOLEAN -> {
                return NODES.booleanNode(value.asBoolean().getValue());
            }
            case STRING -> {
                return NODES.textNode(value.asString().getValue());
            }
            case INT32 -> {
                return NODES.numberNode(value.asInt32().getValue());
            }
            case INT64 -> {
                return NODES.numberNode(value.asInt64().getValue());
            }
            case DECIMAL128 -> {
                return NODES.numberNode(value.asDecimal128().getValue().bigDecimalValue());
            }
            case DOUBLE -> {
                return NODES.numberNode(value.asDouble().getValue());
            }
            default -> throw new IllegalArgumentException("a BSON " + value.getBsonType() + " is not a stored json value");
        }
    }
}
