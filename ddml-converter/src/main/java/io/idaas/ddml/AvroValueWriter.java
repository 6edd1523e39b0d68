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
 * Writes a column value as the Avro {@code Value} record (SPEC.md, "Value encodings", column "Avro"): the branch of its
 * one field {@code v}, a union of null, boolean, long, double, string, bytes and array of Value, then the branch's value,
 * as {@link io.idaas.ddml.types.AvroValues#toAvro} builds the record and Avro's GenericDatumWriter writes it.
 */
final class AvroValueWriter {

    private static final int NULL = 0;
    private static final int BOOLEAN = 1;
    private static final int LONG = 2;
    private static final int DOUBLE = 3;
    private static final int STRING = 4;
    private static final int BYTES = 5;
    private static final int ARRAY = 6;

    private AvroValueWriter() {
    }

    /** Writes {@code value}, in {@link io.idaas.ddml.types.PortableValues} form for {@code type}. */
    static void write(PortableType type, Object value, AvroBinaryOutput out) {
        if (value == null) {
            out.writeIndex(NULL);
            return;
        }
        switch (type.kind()) {
            case BOOLEAN -> {
                out.writeIndex(BOOLEAN);
                out.writeBoolean((Boolean) value);
            }
            case INT8, INT16, INT32, INT64 -> {
                out.writeIndex(LONG);
                out.writeLong(((Number) value).longValue());
            }
            case DECIMAL -> string(CanonicalText.decimal((BigDecimal) value), out);
            case FLOAT32, FLOAT64 -> {
                out.writeIndex(DOUBLE);
                out.writeDouble(((Number) value).doubleValue());
            }
            case STRING, JSON, ENUM -> string((String) value, out);
            case BYTES, GEOMETRY -> {
                out.writeIndex(BYTES);
                out.writeBytes((byte[]) value);
            }
            case DATE -> string(CanonicalText.date((LocalDate) value), out);
            case TIME -> string(CanonicalText.time((LocalTime) value), out);
            case TIMESTAMP -> string(CanonicalText.timestamp((LocalDateTime) value), out);
            case TIMESTAMPTZ -> string(CanonicalText.timestampTz((Instant) value), out);
            case UUID -> string(value.toString(), out);
            case SET, ARRAY -> {
                PortableType element = type.kind() == TypeKind.SET ? PortableType.STRING : type.element();
                List<?> values = (List<?>) value;
                out.writeIndex(ARRAY);
                out.writeBlockStart(values.size());
                for (Object v : values) {
                    write(element, v, out);
                }
                out.writeBlockEnd();
            }
        }
    }

    private static void string(String s, AvroBinaryOutput out) {
        out.writeIndex(STRING);
        out.writeString(s);
    }
}
