package io.idaas.ddml.types;

import java.util.Locale;

/** The MongoDB (BSON) columns of the mapping tables in SPEC.md; names are BSON {@code $type} aliases. */
final class MongoTypes {

    /** Decimal128 holds 34 significant digits. */
    static final int DECIMAL128_DIGITS = 34;

    private MongoTypes() {
    }

    static PortableType from(String bsonType) {
        return switch (bsonType.trim().toLowerCase(Locale.ROOT)) {
            case "double" -> PortableType.FLOAT64;
            case "string", "regex", "javascript", "symbol" -> PortableType.STRING;
            case "object", "array" -> PortableType.JSON;
            case "bindata" -> PortableType.BYTES;
            case "uuid" -> PortableType.UUID;
            case "objectid" -> PortableType.string(24);
            case "bool" -> PortableType.BOOLEAN;
            case "date" -> PortableType.timestampTz(3);
            case "int" -> PortableType.INT32;
            case "long", "timestamp" -> PortableType.INT64;
            case "decimal" -> PortableType.DECIMAL;
            default -> throw new IllegalArgumentException("no portable type for BSON type '" + bsonType + "'");
        };
    }

    static String to(PortableType type) {
        return switch (type.kind()) {
            case BOOLEAN -> "bool";
            case INT8, INT16, INT32 -> "int";
            case INT64 -> "long";
            case DECIMAL -> type.precision() == null || type.precision() <= DECIMAL128_DIGITS ? "decimal" : "string";
            case FLOAT32, FLOAT64 -> "double";
            case STRING, ENUM, DATE, TIME -> "string";
            case TIMESTAMP, TIMESTAMPTZ -> type.precision() <= 3 ? "date" : "string";
            case BYTES, GEOMETRY -> "binData";
            case UUID -> "uuid";
            case JSON -> "object";
            case SET, ARRAY -> "array";
        };
    }
}
