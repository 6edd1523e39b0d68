package io.idaas.transforms.ddml.types;

import io.idaas.ddml.SourceSystem;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Rebuilds a column's declared type text from what Debezium reports of it (the type name, length and
 * scale, as {@code column.propagate.source.type} parameters or schema-change {@code tableChanges}), in
 * the source's own spelling: {@code DECIMAL(10,2)}, {@code BIGINT UNSIGNED}, {@code ENUM('a','b')} for
 * MySQL and MariaDB; {@code character varying(16)}, {@code integer[]} for PostgreSQL (as
 * {@code format_type} writes it); {@code NUMBER(10,2)}, {@code VARCHAR2(20)} for Oracle;
 * {@code nvarchar(max)}, {@code datetime2(7)} for SQL Server.
 */
public final class NativeTypeText {

    private static final int UNBOUNDED = Integer.MAX_VALUE;
    private static final Set<String> MYSQL_LENGTH = Set.of("CHAR", "VARCHAR", "NCHAR", "NVARCHAR", "BINARY", "VARBINARY",
        "BIT", "TINYINT", "CHARACTER", "NATIONAL CHAR", "NATIONAL VARCHAR");
    private static final Set<String> MYSQL_FLOATING = Set.of("FLOAT", "DOUBLE", "REAL");
    private static final Set<String> MYSQL_FRACTION = Set.of("DATETIME", "TIMESTAMP", "TIME");

    private NativeTypeText() {
    }

    /**
     * The declared type text.
     *
     * @param system   the source system
     * @param typeName Debezium's type name (upper case in schema parameters, e.g. {@code VARCHAR}, {@code INT4}, {@code _TEXT})
     * @param length   the reported length or precision, null when not reported
     * @param scale    the reported scale, null when not reported
     * @param values   enum or set values, empty otherwise
     */
    public static String of(SourceSystem system, String typeName, Integer length, Integer scale, List<String> values) {
        String name = typeName.trim();
        return switch (system) {
            case MYSQL, MARIADB -> mysql(name, length, scale, values);
            case POSTGRESQL -> postgres(name.toLowerCase(Locale.ROOT), length, scale);
            case ORACLE -> oracle(name, length, scale);
            case SQLSERVER -> sqlServer(name, length, scale);
            default -> name;
        };
    }

    private static String mysql(String name, Integer length, Integer scale, List<String> values) {
        String upper = name.toUpperCase(Locale.ROOT);
        int space = upper.indexOf(' ');
        String base = space < 0 ? upper : upper.substring(0, space);
        String rest = space < 0 ? "" : upper.substring(space);
        if ((base.equals("ENUM") || base.equals("SET")) && !values.isEmpty()) {
            StringBuilder sb = new StringBuilder(base).append('(');
            for (int i = 0; i < values.size(); i++) {
                sb.append(i == 0 ? "" : ",").append('\'').append(values.get(i).replace("'", "''")).append('\'');
            }
            return sb.append(')').toString();
        }
        if (upper.contains("(") || length == null || length < 0) {
            return upper;
        }
        String params = null;
        if (MYSQL_LENGTH.contains(base)) {
            params = Integer.toString(length);
        } else if (base.startsWith("DEC") || base.equals("NUMERIC") || base.equals("FIXED")) {
            params = length + "," + (scale == null ? 0 : scale);
        } else if (MYSQL_FLOATING.contains(base)) {
            boolean withScale = scale != null && scale >= 0;
            params = withScale ? length + "," + scale : base.equals("FLOAT") ? Integer.toString(length) : null;
        } else if (MYSQL_FRACTION.contains(base) && length > 0 && length <= 6) {
            params = Integer.toString(length);
        }
        return params == null ? upper : base + "(" + params + ")" + rest;
    }

    private static String postgres(String name, Integer length, Integer scale) {
        if (name.startsWith("_")) {
            return postgres(name.substring(1), null, null) + "[]";
        }
        boolean sized = length != null && length > 0 && length < UNBOUNDED;
        return switch (name) {
            case "int2" -> "smallint";
            case "int4" -> "integer";
            case "int8" -> "bigint";
            case "float4" -> "real";
            case "float8" -> "double precision";
            case "bool" -> "boolean";
            case "varchar" -> sized ? "character varying(" + length + ")" : "character varying";
            case "bpchar" -> sized ? "character(" + length + ")" : "character";
            case "bit" -> sized ? "bit(" + length + ")" : "bit";
            case "varbit" -> sized ? "bit varying(" + length + ")" : "bit varying";
            case "numeric" -> sized && length <= 1000 ? "numeric(" + length + "," + (scale == null ? 0 : scale) + ")" : "numeric";
            case "timestamp" -> "timestamp without time zone";
            case "timestamptz" -> "timestamp with time zone";
            case "time" -> "time without time zone";
            case "timetz" -> "time with time zone";
            default -> name;
        };
    }

    private static String oracle(String name, Integer length, Integer scale) {
        String upper = name.toUpperCase(Locale.ROOT);
        if (upper.contains("(") || length == null || length <= 0) {
            return upper;
        }
        return switch (upper) {
            case "NUMBER" -> scale == null || scale == -127 ? "NUMBER" : "NUMBER(" + length + "," + scale + ")";
            case "VARCHAR2", "NVARCHAR2", "CHAR", "NCHAR", "RAW", "VARCHAR" -> upper + "(" + length + ")";
            default -> upper;
        };
    }

    private static String sqlServer(String name, Integer length, Integer scale) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.contains("(") || length == null) {
            return lower;
        }
        return switch (lower) {
            case "char", "varchar", "nchar", "nvarchar", "binary", "varbinary" ->
                lower + "(" + (length <= 0 || length >= UNBOUNDED ? "max" : Integer.toString(length)) + ")";
            case "decimal", "numeric" -> lower + "(" + length + "," + (scale == null ? 0 : scale) + ")";
            case "datetime2", "datetimeoffset", "time" -> scale == null ? lower : lower + "(" + scale + ")";
            default -> lower;
        };
    }
}
