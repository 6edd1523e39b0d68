package io.idaas.transforms.ddml.process;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.idaas.ddml.types.JsonValues;
import io.idaas.ddml.types.PortableType;

/**
 * A value as text: its DDML JSON encoding (SPEC.md section 8.2) as a string: a string, enum, decimal, date, time,
 * timestamp or uuid as its text; a number or boolean as its JSON ({@code 42}, {@code true}); bytes and geometry as
 * base64; a set or array as its compact JSON array.
 */
public final class ValueTexts {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ValueTexts() {
    }

    /** The text of a value of {@code type} in {@code PortableValues} form; null for NULL. */
    public static String of(PortableType type, Object value) {
        return value == null ? null : text(JsonValues.toJson(type, value));
    }

    /** The text of a value as DDML JSON holds it in Java (a key's value: Long, String, ...); null for NULL. */
    public static String ofJson(Object value) {
        return value == null ? null : text(MAPPER.valueToTree(value));
    }

    private static String text(JsonNode node) {
        if (node.isTextual()) {
            return node.textValue();
        }
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
