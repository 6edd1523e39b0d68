package io.idaas.verify.sql;

import java.util.List;
import java.util.Optional;

/**
 * A table's columns in table order and its primary key, as read from a database's catalog.
 *
 * @param schema     the schema (PostgreSQL) or database (MariaDB) that holds the table
 * @param table      the table name
 * @param columns    the columns, in table order
 * @param primaryKey the primary-key column names, in key order; empty when the table has none
 * @param estimatedRows the catalog's estimate of the row count (statistics, not a count); 0 when unknown
 */
public record TableShape(String schema, String table, List<Column> columns, List<String> primaryKey, long estimatedRows) {

    public TableShape {
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
    }

    /** The column named {@code name}, compared case-insensitively. */
    public Optional<Column> column(String name) {
        return columns.stream().filter(c -> c.name().equalsIgnoreCase(name)).findFirst();
    }

    /** {@code schema.table}. */
    public String qualifiedName() {
        return schema + "." + table;
    }
}
