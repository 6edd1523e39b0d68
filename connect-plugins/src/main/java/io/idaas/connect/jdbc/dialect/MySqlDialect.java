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
    public String addColumn(String table, io.idaas.ddml.Column column, String type) {
        return "ALTER TABLE " + quote(table) + " ADD COLUMN " + columnDefinition(column, false, type);
    }

    @Override
    public String dropColumn(String table, String column) {
        return "ALTER TABLE " + quote(table) + " DROP COLUMN " + quote(column);
    }
}
