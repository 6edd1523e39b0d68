package io.idaas.ddml.types;

/** The Oracle column of the "from" mapping table in SPEC.md. */
final class OracleTypes {

    private OracleTypes() {
    }

    static PortableType from(String nativeType) {
        NativeTypeName t = NativeTypeName.parse(nativeType);
        int p6 = Math.min(t.intArg(0, 6), PortableType.MAX_TIME_PRECISION);
        return switch (t.name()) {
            case "NUMBER" -> number(t);
            case "INTEGER", "INT", "SMALLINT" -> PortableType.decimal(38, 0);
            case "FLOAT", "DOUBLE PRECISION", "REAL", "BINARY_DOUBLE" -> PortableType.FLOAT64;
            case "BINARY_FLOAT" -> PortableType.FLOAT32;
            case "CHAR", "NCHAR", "VARCHAR2", "NVARCHAR2", "VARCHAR" -> PortableType.string(t.intArg(0, 1));
            case "CLOB", "NCLOB", "LONG", "ROWID", "UROWID", "XMLTYPE", "SYS.XMLTYPE" -> PortableType.STRING;
            case "RAW" -> PortableType.bytes(t.intArg(0, 1));
            case "BLOB", "LONG RAW", "BFILE" -> PortableType.BYTES;
            case "DATE" -> PortableType.timestamp(0);
            case "TIMESTAMP" -> PortableType.timestamp(p6);
            case "TIMESTAMP WITH TIME ZONE", "TIMESTAMP WITH LOCAL TIME ZONE" -> PortableType.timestampTz(p6);
            case "INTERVAL YEAR TO MONTH", "INTERVAL DAY TO SECOND" -> PortableType.STRING;
            case "JSON" -> PortableType.JSON;
            case "BOOLEAN" -> PortableType.BOOLEAN;
            case "SDO_GEOMETRY", "MDSYS.SDO_GEOMETRY" -> PortableType.GEOMETRY;
            default -> throw new IllegalArgumentException("no portable type for Oracle type '" + nativeType + "'");
        };
    }

    private static PortableType number(NativeTypeName t) {
        if (t.args().isEmpty() || t.unboundedArg()) {
            return PortableType.DECIMAL;
        }
        int s = t.args().size() > 1 ? Integer.parseInt(t.args().get(1).trim()) : 0;
        int p = t.intArg(0, 38) - Math.min(s, 0);
        if (s > 0) {
            return PortableType.decimal(Math.max(p, s), s);
        }
        if (p <= 2) {
            return PortableType.INT8;
        } else if (p <= 4) {
            return PortableType.INT16;
        } else if (p <= 9) {
            return PortableType.INT32;
        } else if (p <= 18) {
            return PortableType.INT64;
        }
        return PortableType.decimal(p, 0);
    }
}
