package io.idaas.ddml.types;

/** The PostgreSQL columns of the mapping tables in SPEC.md. */
final class PostgresTypes {

    /** PostgreSQL's longest varchar(n). */
    static final int MAX_VARCHAR = 10_485_760;

    private PostgresTypes() {
    }

    static PortableType from(String nativeType) {
        String text = nativeType.trim();
        if (text.startsWith("_")) {
            return PortableType.arrayOf(from(text.substring(1)));
        }
        NativeTypeName t = NativeTypeName.parse(text);
        if (t.array()) {
            return PortableType.arrayOf(from(text.substring(0, text.indexOf('['))));
        }
        int p6 = Math.min(t.intArg(0, 6), PortableType.MAX_TIME_PRECISION);
        return switch (t.name()) {
            case "BOOLEAN", "BOOL" -> PortableType.BOOLEAN;
            case "SMALLINT", "INT2", "SMALLSERIAL", "SERIAL2" -> PortableType.INT16;
            case "INTEGER", "INT", "INT4", "SERIAL", "SERIAL4" -> PortableType.INT32;
            case "BIGINT", "INT8", "BIGSERIAL", "SERIAL8", "OID" -> PortableType.INT64;
            case "NUMERIC", "DECIMAL" -> t.args().isEmpty() ? PortableType.DECIMAL : PortableType.decimal(t.intArg(0, 0), t.intArg(1, 0));
            case "MONEY" -> PortableType.decimal(19, 2);
            case "REAL", "FLOAT4" -> PortableType.FLOAT32;
            case "DOUBLE PRECISION", "FLOAT8" -> PortableType.FLOAT64;
            case "FLOAT" -> t.intArg(0, 53) <= 24 ? PortableType.FLOAT32 : PortableType.FLOAT64;
            case "CHARACTER VARYING", "VARCHAR" -> t.args().isEmpty() ? PortableType.STRING : PortableType.string(t.intArg(0, 1));
            case "CHARACTER", "CHAR", "BPCHAR" -> PortableType.string(t.intArg(0, 1));
            case "\"CHAR\"" -> PortableType.string(1);
            case "NAME" -> PortableType.string(63);
            case "TEXT", "CITEXT", "XML", "INET", "CIDR", "MACADDR", "MACADDR8", "INTERVAL", "TSVECTOR", "TSQUERY",
                 "LTREE", "TIME WITH TIME ZONE", "TIMETZ", "POINT", "LINE", "LSEG", "BOX", "PATH", "POLYGON", "CIRCLE",
                 "INT4RANGE", "INT8RANGE", "NUMRANGE", "TSRANGE", "TSTZRANGE", "DATERANGE" -> PortableType.STRING;
            case "BYTEA" -> PortableType.BYTES;
            case "BIT" -> t.intArg(0, 1) == 1 ? PortableType.BOOLEAN : PortableType.bytes((t.intArg(0, 1) + 7) / 8);
            case "BIT VARYING", "VARBIT" -> PortableType.BYTES;
            case "DATE" -> PortableType.DATE;
            case "TIME", "TIME WITHOUT TIME ZONE" -> PortableType.time(p6);
            case "TIMESTAMP", "TIMESTAMP WITHOUT TIME ZONE" -> PortableType.timestamp(p6);
            case "TIMESTAMPTZ", "TIMESTAMP WITH TIME ZONE" -> PortableType.timestampTz(p6);
            case "UUID" -> PortableType.UUID;
            case "JSON", "JSONB", "HSTORE" -> PortableType.JSON;
            case "GEOMETRY", "GEOGRAPHY" -> t.args().size() >= 2 ? PortableType.geometry(t.intArg(1, 0)) : PortableType.GEOMETRY;
            default -> throw new IllegalArgumentException("no portable type for PostgreSQL type '" + nativeType
                + "' (a user-defined enum maps to enum(values) when its values are known)");
        };
    }

    static String to(PortableType type) {
        return switch (type.kind()) {
            case BOOLEAN -> "boolean";
            case INT8, INT16 -> "smallint";
            case INT32 -> "integer";
            case INT64 -> "bigint";
            case DECIMAL -> type.precision() == null || type.precision() > 1000 ? "numeric"
                : "numeric(" + type.precision() + "," + type.scale() + ")";
            case FLOAT32 -> "real";
            case FLOAT64 -> "double precision";
            case STRING -> type.length() != null && type.length() <= MAX_VARCHAR ? "varchar(" + type.length() + ")" : "text";
            case BYTES -> "bytea";
            case DATE -> "date";
            case TIME -> "time(" + type.precision() + ")";
            case TIMESTAMP -> "timestamp(" + type.precision() + ")";
            case TIMESTAMPTZ -> "timestamptz(" + type.precision() + ")";
            case UUID -> "uuid";
            case JSON -> "jsonb";
            case ENUM -> "text";
            case SET -> "text[]";
            case ARRAY -> to(type.element()) + "[]";
            case GEOMETRY -> type.srid() == null ? "geometry" : "geometry(Geometry," + type.srid() + ")";
        };
    }
}
