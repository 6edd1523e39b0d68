package io.idaas.ddml.types;

/** The SQL Server column of the "from" mapping table in SPEC.md. */
final class SqlServerTypes {

    private SqlServerTypes() {
    }

    static PortableType from(String nativeType) {
        NativeTypeName t = NativeTypeName.parse(nativeType);
        int p6 = Math.min(t.intArg(0, 7), PortableType.MAX_TIME_PRECISION);
        return switch (t.name()) {
            case "BIT" -> PortableType.BOOLEAN;
            case "TINYINT", "SMALLINT" -> PortableType.INT16;
            case "INT" -> PortableType.INT32;
            case "BIGINT" -> PortableType.INT64;
            case "DECIMAL", "NUMERIC" -> PortableType.decimal(t.intArg(0, 18), t.intArg(1, 0));
            case "MONEY" -> PortableType.decimal(19, 4);
            case "SMALLMONEY" -> PortableType.decimal(10, 4);
            case "REAL" -> PortableType.FLOAT32;
            case "FLOAT" -> t.intArg(0, 53) <= 24 ? PortableType.FLOAT32 : PortableType.FLOAT64;
            case "CHAR", "NCHAR", "VARCHAR", "NVARCHAR" -> t.unboundedArg() ? PortableType.STRING : PortableType.string(t.intArg(0, 1));
            case "TEXT", "NTEXT", "XML", "SQL_VARIANT", "HIERARCHYID" -> PortableType.STRING;
            case "BINARY", "VARBINARY" -> t.unboundedArg() ? PortableType.BYTES : PortableType.bytes(t.intArg(0, 1));
            case "IMAGE" -> PortableType.BYTES;
            case "ROWVERSION", "TIMESTAMP" -> PortableType.bytes(8);
            case "DATE" -> PortableType.DATE;
            case "TIME" -> PortableType.time(p6);
            case "DATETIME" -> PortableType.timestamp(3);
            case "SMALLDATETIME" -> PortableType.timestamp(0);
            case "DATETIME2" -> PortableType.timestamp(p6);
            case "DATETIMEOFFSET" -> PortableType.timestampTz(p6);
            case "UNIQUEIDENTIFIER" -> PortableType.UUID;
            case "GEOMETRY", "GEOGRAPHY" -> PortableType.GEOMETRY;
            default -> throw new IllegalArgumentException("no portable type for SQL Server type '" + nativeType + "'");
        };
    }
}
