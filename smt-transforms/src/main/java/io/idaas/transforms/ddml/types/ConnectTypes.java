package io.idaas.transforms.ddml.types;

import static io.idaas.transforms.ddml.debezium.SemanticNames.*;

import io.idaas.ddml.types.PortableType;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;

/**
 * The portable type of a column from its Connect schema alone: the Debezium semantic type when the
 * schema is named, else the Connect type. Used when the source type is not propagated or not mapped.
 */
public final class ConnectTypes {

    private ConnectTypes() {
    }

    /** The portable type for values of {@code schema}. */
    public static PortableType portable(Schema schema) {
        String name = schema.name();
        if (name != null) {
            PortableType semantic = semantic(name, schema);
            if (semantic != null) {
                return semantic;
            }
        }
        return switch (schema.type()) {
            case INT8 -> PortableType.INT8;
            case INT16 -> PortableType.INT16;
            case INT32 -> PortableType.INT32;
            case INT64 -> PortableType.INT64;
            case FLOAT32 -> PortableType.FLOAT32;
            case FLOAT64 -> PortableType.FLOAT64;
            case BOOLEAN -> PortableType.BOOLEAN;
            case STRING -> PortableType.STRING;
            case BYTES -> PortableType.BYTES;
            case ARRAY -> PortableType.arrayOf(portable(schema.valueSchema()));
            case MAP, STRUCT -> PortableType.JSON;
        };
    }

    private static PortableType semantic(String name, Schema schema) {
        return switch (name) {
            case DECIMAL -> decimal(schema.parameters());
            case VARIABLE_SCALE_DECIMAL -> PortableType.DECIMAL;
            case DATE, CONNECT_DATE, ISO_DATE -> PortableType.DATE;
            case TIME, CONNECT_TIME -> PortableType.time(3);
            case MICRO_TIME, NANO_TIME, ISO_TIME -> PortableType.time(6);
            case TIMESTAMP, CONNECT_TIMESTAMP -> PortableType.timestamp(3);
            case MICRO_TIMESTAMP, NANO_TIMESTAMP, ISO_TIMESTAMP -> PortableType.timestamp(6);
            case ZONED_TIMESTAMP -> PortableType.timestampTz(6);
            case ZONED_TIME, XML, MICRO_DURATION, INTERVAL -> PortableType.STRING;
            case JSON -> PortableType.JSON;
            case UUID -> PortableType.UUID;
            case ENUM -> allowed(schema).isEmpty() ? PortableType.STRING : PortableType.enumOf(allowed(schema));
            case ENUM_SET -> allowed(schema).isEmpty() ? PortableType.JSON : PortableType.setOf(allowed(schema));
            case GEOMETRY, GEOGRAPHY, POINT -> PortableType.GEOMETRY;
            case BITS -> bits(schema.parameters());
            default -> null;
        };
    }

    /** The {@code allowed} values of an Enum or EnumSet schema, in declared order. */
    public static List<String> allowed(Schema schema) {
        Map<String, String> params = schema.parameters();
        String allowed = params == null ? null : params.get(ENUM_ALLOWED);
        return allowed == null || allowed.isEmpty() ? List.of() : Arrays.asList(allowed.split(",", -1));
    }

    private static PortableType decimal(Map<String, String> params) {
        String scale = params == null ? null : params.get(DECIMAL_SCALE);
        String precision = params == null ? null : params.get(DECIMAL_PRECISION);
        if (scale == null || precision == null) {
            return PortableType.DECIMAL;
        }
        int s = Integer.parseInt(scale);
        int p = Integer.parseInt(precision);
        return s < 0 || p < 1 || s > p ? PortableType.DECIMAL : PortableType.decimal(p, s);
    }

    private static PortableType bits(Map<String, String> params) {
        String length = params == null ? null : params.get(BITS_LENGTH);
        return length == null ? PortableType.BYTES : PortableType.bytes(Math.max(1, (Integer.parseInt(length) + 7) / 8));
    }
}
