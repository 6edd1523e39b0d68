package io.idaas.connect.jdbc.dialect;

import io.idaas.ddml.types.NativeTypes;
import io.idaas.ddml.types.PortableType;

/**
 * MySQL: MariaDB's dialect with MySQL's type table (uuid as CHAR(36)). MySQL 8 has no ADD/DROP COLUMN IF [NOT]
 * EXISTS, so those are plain; the sink checks the table's columns before altering.
 */
public class MySqlDialect extends MariaDbDialect {

    @Override
    public String name() {
        return "mysql";
    }

    @Override
    public String columnType(PortableType type) {
        return NativeTypes.toMySql(type);
    }

    @Override
    public java.util.Optional<String> refusal(PortableType type, Object value) {
        return TargetLimits.mysql(type, value, "MySQL");
    }

    @Override
    public String addColumn(String table, io.idaas.ddml.Column column, String type, String defaultSql, String after) {
        String place = after == null ? "" : after.isEmpty() ? " FIRST" : " AFTER " + quote(after);
        return "ALTER TABLE " + quote(table) + " ADD COLUMN " + columnDefinition(column, false, type, defaultSql) + place;
    }

    @Override
    public String addPositionColumn(String table) {
        return "ALTER TABLE " + quote(table) + " ADD COLUMN " + quote(POSITION_COLUMN) + " " + positionColumnType();
    }

    /**
     * MySQL takes a literal default for TEXT, BLOB, JSON and GEOMETRY columns only as an expression, in parentheses
     * (MySQL 8.0.13 and later).
     */
    @Override
    public String defaultClause(String defaultSql, String targetType) {
        String t = targetType.toUpperCase(java.util.Locale.ROOT);
        boolean expressionOnly = t.contains("TEXT") || t.contains("BLOB") || t.startsWith("JSON") || t.startsWith("GEOMETRY");
        return expressionOnly && !defaultSql.startsWith("(") ? "DEFAULT (" + defaultSql + ")" : "DEFAULT " + defaultSql;
    }

    @Override
    public String dropColumn(String table, String column) {
        return "ALTER TABLE " + quote(table) + " DROP COLUMN " + quote(column);
    }
}
