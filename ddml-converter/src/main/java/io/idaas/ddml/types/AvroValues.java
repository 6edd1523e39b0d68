package io.idaas.ddml.types;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * The Avro encoding of DDML values (SPEC.md, "Value encodings", column "Avro"): each value is a
 * {@code Value} record whose one field {@code v} is a union of null, boolean, long, double,
 * string, bytes and array of Value. The branch carries the JSON encoding's content, with bytes
 * unencoded and non-finite floats as doubles.
 */
public final class AvroValues {

    /** The name of the single field of the Avro {@code Value} record. */
    public static final String FIELD = "v";

    private final Schema valueSchema;

    /** @param valueSchema the {@code io.idaas.ddml.v1.Value} record schema */
    public AvroValues(Schema valueSchema) {
        this.valueSchema = valueSchema;
    }

    /** Wraps a value in {@link PortableValues} form into a {@code Value} record. */
    public GenericRecord toAvro(PortableType type, Object value) {
        GenericData.Record r = new GenericData.Record(valueSchema);
        r.put(0, branch(type, value));
        return r;
    }

    private Object branch(PortableType type, Object value) {
        if (value == null) {
            return null;
        }
        return switch (type.kind()) {
            case BOOLEAN -> value;
            case INT8, INT16, INT32, INT64 -> ((Number) value).longValue();
            case DECIMAL -> CanonicalText.decimal((BigDecimal) value);
            case FLOAT32, FLOAT64 -> ((Number) value).doubleValue();
            case STRING, JSON, ENUM -> value;
            case BYTES, GEOMETRY -> ByteBuffer.wrap((byte[]) value);
            case DATE -> CanonicalText.date((LocalDate) value);
            case TIME -> CanonicalText.time((LocalTime) value);
            case TIMESTAMP -> CanonicalText.timestamp((LocalDateTime) value);
            case TIMESTAMPTZ -> CanonicalText.timestampTz((Instant) value);
            case UUID -> value.toString();
            case SET -> array(PortableType.STRING, (List<?>) value);
            case ARRAY -> array(type.element(), (List<?>) value);
        };
    }

    private List<GenericRecord> array(PortableType element, List<?> values) {
        List<GenericRecord> out = new ArrayList<>(values.size());
        for (Object v : values) {
            out.add(toAvro(element, v));
        }
        return out;
    }

    /**
     * Reads a {@code Value} record (or a bare branch value) of {@code type} into its
     * {@link PortableValues} form.
     *
     * @throws IllegalArgumentException if the branch does not match the type
     */
    public Object fromAvro(PortableType type, Object avro) {
        Object v = avro instanceof GenericRecord r ? r.get(FIELD) : avro;
        if (v == null) {
            return null;
        }
        Object raw = switch (type.kind()) {
            case BOOLEAN -> expect(type, v, Boolean.class);
            case INT8, INT16, INT32, INT64 -> expect(type, v, Long.class);
            case DECIMAL -> CanonicalText.parseDecimal(text(type, v));
            case FLOAT32 -> (float) (double) expect(type, v, Double.class);
            case FLOAT64 -> expect(type, v, Double.class);
            case STRING, JSON, ENUM, UUID -> text(type, v);
            case BYTES, GEOMETRY -> expect(type, v, ByteBuffer.class);
            case DATE -> CanonicalText.parseDate(text(type, v));
            case TIME -> CanonicalText.parseTime(text(type, v));
            case TIMESTAMP -> CanonicalText.parseTimestamp(text(type, v));
            case TIMESTAMPTZ -> CanonicalText.parseTimestampTz(text(type, v));
            case SET -> elements(PortableType.STRING, type, v);
            case ARRAY -> elements(type.element(), type, v);
        };
        return PortableValues.normalize(type, raw);
    }

    private List<Object> elements(PortableType element, PortableType type, Object v) {
        List<?> list = expect(type, v, List.class);
        List<Object> out = new ArrayList<>(list.size());
        for (Object e : list) {
            out.add(fromAvro(element, e));
        }
        return Collections.unmodifiableList(out);
    }

    private static String text(PortableType type, Object v) {
        return expect(type, v, CharSequence.class).toString();
    }

    private static <T> T expect(PortableType type, Object v, Class<T> cls) {
        if (!cls.isInstance(v)) {
            throw new IllegalArgumentException("Avro " + v.getClass().getSimpleName() + " is not a " + type + " value");
        }
        return cls.cast(v);
    }
}
