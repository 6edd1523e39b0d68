package io.idaas.ddml.types;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;

/** Encodes column values as Redis hash fields (SPEC.md, "To Redis"). */
public final class RedisValues {

    private RedisValues() {
    }

    /** The encoding of {@code type}'s values. */
    public static RedisEncoding encodingOf(PortableType type) {
        return switch (type.kind()) {
            case BOOLEAN -> RedisEncoding.BOOLEAN_TEXT;
            case INT8, INT16, INT32, INT64 -> RedisEncoding.INTEGER_TEXT;
            case DECIMAL -> RedisEncoding.DECIMAL_TEXT;
            case FLOAT32, FLOAT64 -> RedisEncoding.FLOAT_TEXT;
            case BYTES, GEOMETRY -> RedisEncoding.RAW_BYTES;
            case SET, ARRAY -> RedisEncoding.JSON_TEXT;
            default -> RedisEncoding.TEXT;
        };
    }

    /** The field value for a non-null value in {@link PortableValues} form (a NULL is an absent field). */
    public static byte[] encode(PortableType type, Object value) {
        if (value == null) {
            throw new IllegalArgumentException("NULL is written as an absent hash field, not encoded");
        }
        if (encodingOf(type) == RedisEncoding.RAW_BYTES) {
            return ((byte[]) value).clone();
        }
        JsonNode json = JsonValues.toJson(type, value);
        String text = json.isTextual() ? json.textValue() : json.toString();
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
