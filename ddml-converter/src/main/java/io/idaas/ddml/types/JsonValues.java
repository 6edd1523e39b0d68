package io.idaas.ddml.types;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;

/** The JSON encoding of DDML values (SPEC.md, "Value encodings", column "JSON"). */
public final class JsonValues {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonValues() {
    }

    /** Encodes a value already in {@link PortableValues} form; null becomes JSON null. */
    public static JsonNode toJson(PortableType type, Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        return switch (type.kind()) {
            case BOOLEAN -> NODES.booleanNode((Boolean) value);
            case INT8, INT16, INT32, INT64 -> NODES.numberNode(((Number) value).longValue());
            case DECIMAL -> NODES.textNode(CanonicalText.decimal((BigDecimal) value));
            case FLOAT32 -> floating((Float) value);
            case FLOAT64 -> floating((Double) value);
            case STRING, JSON, ENUM -> NODES.textNode((String) value);
            case BYTES, GEOMETRY -> NODES.textNode(Base64.getEncoder().encodeToString((byte[]) value));
            case DATE -> NODES.textNode(CanonicalText.date((LocalDate) value));
            case TIME -> NODES.textNode(CanonicalText.time((LocalTime) value));
            case TIMESTAMP -> NODES.textNode(CanonicalText.timestamp((LocalDateTime) value));
            case TIMESTAMPTZ -> NODES.textNode(CanonicalText.timestampTz((Instant) value));
            case UUID -> NODES.textNode(value.toString());
            case SET -> array(PortableType.STRING, (List<?>) value);
            case ARRAY -> array(type.element(), (List<?>) value);
        };
    }

    /**
     * Writes a value already in {@link PortableValues} form as {@link #toJson} encodes it, token by token, without
     * making a tree; null is JSON null.
     */
    public static void write(PortableType type, Object value, JsonGenerator g) throws IOException {
        if (value == null) {
            g.writeNull();
            return;
        }
        switch (type.kind()) {
            case BOOLEAN -> g.writeBoolean((Boolean) value);
            case INT8, INT16, INT32, INT64 -> g.writeNumber(((Number) value).longValue());
            case DECIMAL -> g.writeString(CanonicalText.decimal((BigDecimal) value));
            case FLOAT32 -> {
                float f = (Float) value;
                if (Float.isFinite(f)) {
                    g.writeNumber(f);
                } else {
                    g.writeString(CanonicalText.nonFinite(f));
                }
            }
            case FLOAT64 -> {
                double d = (Double) value;
                if (Double.isFinite(d)) {
                    g.writeNumber(d);
                } else {
                    g.writeString(CanonicalText.nonFinite(d));
                }
            }
            case STRING, JSON, ENUM -> g.writeString((String) value);
            case BYTES, GEOMETRY -> g.writeBinary((byte[]) value); // Jackson's default variant: standard base64, padded
            case DATE -> g.writeString(CanonicalText.date((LocalDate) value));
            case TIME -> g.writeString(CanonicalText.time((LocalTime) value));
            case TIMESTAMP -> g.writeString(CanonicalText.timestamp((LocalDateTime) value));
            case TIMESTAMPTZ -> g.writeString(CanonicalText.timestampTz((Instant) value));
            case UUID -> g.writeString(value.toString());
            case SET, ARRAY -> {
                PortableType element = type.kind() == TypeKind.SET ? PortableType.STRING : type.element();
                List<?> values = (List<?>) value;
                g.writeStartArray(values, values.size());
                for (Object v : values) {
                    write(element, v, g);
                }
                g.writeEndArray();
            }
        }
    }

    private static JsonNode floating(float f) {
        return Float.isFinite(f) ? NODES.numberNode(f) : NODES.textNode(CanonicalText.nonFinite(f));
    }

    private static JsonNode floating(double d) {
        return Double.isFinite(d) ? NODES.numberNode(d) : NODES.textNode(CanonicalText.nonFinite(d));
    }

    private static ArrayNode array(PortableType element, List<?> values) {
        ArrayNode a = NODES.arrayNode(values.size());
        for (Object v : values) {
            a.add(toJson(element, v));
        }
        return a;
    }

    /**
     * Decodes a JSON value of {@code type} into its {@link PortableValues} form.
     *
     * @throws IllegalArgumentException if the JSON is not a valid encoding of the type
     */
    public static Object fromJson(PortableType type, JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        Object raw = switch (type.kind()) {
            case BOOLEAN -> node.isBoolean() ? node.booleanValue() : fail(type, node);
            case INT8, INT16, INT32, INT64 -> node.isIntegralNumber() ? node.bigIntegerValue() : fail(type, node);
            case DECIMAL -> CanonicalText.parseDecimal(text(type, node));
            case FLOAT32 -> node.isNumber() ? (Object) node.floatValue() : (float) CanonicalText.parseNonFinite(text(type, node));
            case FLOAT64 -> node.isNumber() ? (Object) node.doubleValue() : CanonicalText.parseNonFinite(text(type, node));
            case STRING, JSON, ENUM, UUID -> text(type, node);
            case BYTES, GEOMETRY -> Base64.getDecoder().decode(text(type, node));
            case DATE -> CanonicalText.parseDate(text(type, node));
            case TIME -> CanonicalText.parseTime(text(type, node));
            case TIMESTAMP -> CanonicalText.parseTimestamp(text(type, node));
            case TIMESTAMPTZ -> CanonicalText.parseTimestampTz(text(type, node));
            case SET -> elements(PortableType.STRING, type, node);
            case ARRAY -> elements(type.element(), type, node);
        };
        return PortableValues.normalize(type, raw);
    }

    private static List<Object> elements(PortableType element, PortableType type, JsonNode node) {
        if (!node.isArray()) {
            fail(type, node);
        }
        List<Object> out = new ArrayList<>(node.size());
        node.forEach(e -> out.add(fromJson(element, e)));
        return Collections.unmodifiableList(out);
    }

    private static String text(PortableType type, JsonNode node) {
        if (!node.isTextual()) {
            fail(type, node);
        }
        return node.textValue();
    }

    private static Object fail(PortableType type, JsonNode node) {
        throw new IllegalArgumentException("JSON " + node.getNodeType() + " is not a " + type + " value");
    }
}
