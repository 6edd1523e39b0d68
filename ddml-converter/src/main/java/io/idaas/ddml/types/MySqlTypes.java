package io.idaas.ddml.types;

import java.util.List;

/** The MySQL and MariaDB columns of the mapping tables in SPEC.md. */
final class MySqlTypes {

    /** MySQL's largest DECIMAL precision and scale. */
    static final int MAX_PRECISION = 65;
    static final int MAX_SCALE = 30;
    /** The longest VARCHAR in characters that fits a utf8mb4 row (65535 bytes / 4). */
    static final int MAX_VARCHAR = 16383;

    private MySqlTypes() {
    }

    static PortableType from(String nativeType, boolean mariaDb) {
        NativeTypeName t = NativeTypeName.parse(nativeType);
        boolean u = t.unsigned();
        return switch (t.name()) {
            case "BOOL", "BOOLEAN" -> PortableType.BOOLEAN;
            case "TINYINT" -> t.intArg(0, 0) == 1 && !u ? PortableType.BOOLEAN : u ? PortableType.INT16 : PortableType.INT8;
            case "SMALLINT" -> u ? PortableType.INT32 : PortableType.INT16;
            case "MEDIUMINT" -> PortableType.INT32;
            case "INT", "INTEGER" -> u ? PortableType.INT64 : PortableType.INT32;
            case "BIGINT" -> u ? PortableType.decimal(20, 0) : PortableType.INT64;
            case "SERIAL" -> PortableType.decimal(20, 0);
            case "DECIMAL", "DEC", "NUMERIC", "FIXED" -> PortableType.decimal(t.intArg(0, 10), t.intArg(1, 0));
            case "FLOAT" -> t.intArg(0, 0) > 24 ? PortableType.FLOAT64 : PortableType.FLOAT32;
            case "DOUBLE", "DOUBLE PRECISION", "REAL" -> PortableType.FLOAT64;
            case "BIT" -> t.intArg(0, 1) == 1 ? PortableType.BOOLEAN : PortableType.bytes((t.intArg(0, 1) + 7) / 8);
            case "CHAR", "NCHAR", "CHARACTER", "NATIONAL CHAR" -> PortableType.string(t.intArg(0, 1));
            case "VARCHAR", "NVARCHAR", "CHARACTER VARYING", "NATIONAL VARCHAR" ->
                t.args().isEmpty() ? PortableType.STRING : PortableType.string(t.intArg(0, 1));
            case "TINYTEXT", "TEXT", "MEDIUMTEXT", "LONGTEXT", "LONG", "LONG VARCHAR" -> PortableType.STRING;
            case "BINARY" -> PortableType.bytes(t.intArg(0, 1));
            case "VARBINARY" -> PortableType.bytes(t.intArg(0, 1));
            case "TINYBLOB", "BLOB", "MEDIUMBLOB", "LONGBLOB", "LONG VARBINARY" -> PortableType.BYTES;
            case "DATE" -> PortableType.DATE;
            case "TIME" -> PortableType.time(t.intArg(0, 0));
            case "DATETIME" -> PortableType.timestamp(t.intArg(0, 0));
            case "TIMESTAMP" -> PortableType.timestampTz(t.intArg(0, 0));
            case "YEAR" -> PortableType.INT16;
            case "JSON" -> PortableType.JSON;
            case "ENUM" -> PortableType.enumOf(t.args());
            case "SET" -> PortableType.setOf(t.args());
            case "GEOMETRY", "POINT", "LINESTRING", "POLYGON", "MULTIPOINT", "MULTILINESTRING", "MULTIPOLYGON",
                 "GEOMETRYCOLLECTION", "GEOMCOLLECTION" -> PortableType.GEOMETRY;
            case "UUID" -> mariaDb ? PortableType.UUID : unknown(nativeType, mariaDb);
            case "INET4", "INET6" -> mariaDb ? PortableType.STRING : unknown(nativeType, mariaDb);
            default -> unknown(nativeType, mariaDb);
        };
    }

    private static PortableType unknown(String nativeType, boolean mariaDb) {
        throw new IllegalArgumentException("no portable type for " + (mariaDb ? "MariaDB" : "MySQL") + " type '" + nativeType + "'");
    }

    static String to(PortableType type, boolean mariaDb) {
        return switch (type.kind()) {
            case BOOLEAN -> "TINYINT(1)";
            case INT8 -> "TINYINT";
            case INT16 -> "SMALLINT";
            case INT32 -> "INT";
            case INT64 -> "BIGINT";
            case DECIMAL -> decimal(type);
            case FLOAT32 -> "FLOAT";
            case FLOAT64 -> "DOUBLE";
            case STRING -> type.length() != null && type.length() <= MAX_VARCHAR ? "VARCHAR(" + type.length() + ")" : "LONGTEXT";
            case BYTES -> type.length() != null && type.length() <= 65535 ? "VARBINARY(" + type.length() + ")" : "LONGBLOB";
            case DATE -> "DATE";
            case TIME -> "TIME(" + type.precision() + ")";
            case TIMESTAMP, TIMESTAMPTZ -> "DATETIME(" + type.precision() + ")";
            // Not MariaDB's UUID type, which refuses some values other systems hold (PostgreSQL's md5('3')::uuid,
            // eccbc87e-4b5c-e2fe-2830-8fd9f2a7baf3: "Incorrect uuid value"); a MariaDB source's UUID columns keep their
            // native type in a MariaDB target (SPEC.md section 11, same family first).
            case UUID -> "CHAR(36)";
            case JSON, ARRAY -> "JSON";
            case ENUM -> "ENUM(" + quoted(type.values()) + ")";
            case SET -> type.values().size() <= 64 ? "SET(" + quoted(type.values()) + ")" : "JSON";
            case GEOMETRY -> type.srid() == null ? "GEOMETRY"
                : mariaDb ? "GEOMETRY REF_SYSTEM_ID=" + type.srid() : "GEOMETRY SRID " + type.srid();
        };
    }

    private static String decimal(PortableType type) {
        if (type.precision() == null) {
            return "DECIMAL(" + MAX_PRECISION + "," + MAX_SCALE + ")";
        }
        if (type.precision() <= MAX_PRECISION && type.scale() <= MAX_SCALE) {
            return "DECIMAL(" + type.precision() + "," + type.scale() + ")";
        }
        return "VARCHAR(" + (type.precision() + 2) + ")";
    }

    private static String quoted(List<String> values) {
        StringBuilder sb = new StringBuilder();
        for (String v : values) {
            sb.append(sb.length() == 0 ? "" : ",").append('\'')
                .append(v.replace("\\", "\\\\").replace("'", "''")).append('\'');
        }
        return sb.toString();
    }
}
