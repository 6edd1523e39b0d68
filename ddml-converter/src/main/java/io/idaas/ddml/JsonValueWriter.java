package io.idaas.ddml;

import io.idaas.ddml.types.CanonicalText;
import io.idaas.ddml.types.PortableType;
import io.idaas.ddml.types.TypeKind;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;

/**
 * Writes a column value in its JSON encoding (SPEC.md, "Value encodings", column "JSON") to a {@link JsonOutput}: the
 * same bytes as {@link io.idaas.ddml.types.JsonValues#write} gives through Jackson's generator.
 */
final class JsonValueWriter {

    private JsonValueWriter() {
    }

    /** Writes {@code value}, in {@link io.idaas.ddml.types.PortableValues} form for {@code type}; null is JSON null. */
    static void write(PortableType type, Object value, JsonOutput out) {
        if (value == null) {
            out.nullValue();
            return;
        }
        switch (type.kind()) {
            case BOOLEAN -> out.bool((Boolean) value);
            case INT8, INT16, INT32, INT64 -> out.number(((Number) value).longValue());
            case DECIMAL -> out.string(CanonicalText.decimal((BigDecimal) value));
            case FLOAT32 -> {
                float f = (Float) value;
                if (Float.isFinite(f)) {
                    out.number(f);
                } else {
                    out.string(CanonicalText.nonFinite(f));
                }
            }
            case FLOAT64 -> {
                double d = (Double) value;
                if (Double.isFinite(d)) {
                    out.number(d);
                } else {
                    out.string(CanonicalText.nonFinite(d));
                }
            }
            case STRING, JSON, ENUM -> out.string((String) value);
            case BYTES, GEOMETRY -> out.binary((byte[]) value);
            case DATE -> out.string(CanonicalText.date((LocalDate) value));
            case TIME -> out.string(CanonicalText.time((LocalTime) value));
            case TIMESTAMP -> out.string(CanonicalText.timestamp((LocalDateTime) value));
            case TIMESTAMPTZ -> out.string(CanonicalText.timestampTz((Instant) value));
            case UUID -> out.string(value.toString());
            case SET, ARRAY -> {
                PortableType element = type.kind() == TypeKind.SET ? PortableType.STRING : type.element();
                List<?> values = (List<?>) value;
                out.raw('[');
                boolean first = true;
                for (Object v : values) {
                    if (!first) {
                        out.raw(',');
                    }
                    first = false;
                    write(element, v, out);
                }
                out.raw(']');
            }
        }
    }
}
