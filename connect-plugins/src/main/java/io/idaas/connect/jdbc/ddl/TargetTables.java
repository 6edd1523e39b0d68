package io.idaas.connect.jdbc.ddl;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The columns of the target's tables, read from the JDBC metadata and cached until a DDL touches the table. */
public final class TargetTables {

    private final Map<String, Set<String>> columns = new HashMap<>();
    private final Map<String, PrimaryKey> keys = new HashMap<>();

    /** A table's primary key: its constraint name (null when the target names none) and its columns in key order. */
    public record PrimaryKey(String name, List<String> columns) {
    }

    /** The table's column names in order; empty when the table does not exist. */
    public Set<String> columns(Connection connection, String table) throws SQLException {
        Set<String> cached = columns.get(table);
        if (cached != null) {
            return cached;
        }
        DatabaseMetaData meta = connection.getMetaData();
        String escape = meta.getSearchStringEscape();
        String pattern = escape == null ? table
            : table.replace(escape, escape + escape).replace("_", escape + "_").replace("%", escape + "%");
        Set<String> found = new LinkedHashSet<>();
        try (ResultSet rs = meta.getColumns(connection.getCatalog(), connection.getSchema(), pattern, null)) {
            while (rs.next()) {
                if (table.equals(rs.getString("TABLE_NAME"))) {
                    found.add(rs.getString("COLUMN_NAME"));
                }
            }
        }
        if (!found.isEmpty()) {
            columns.put(table, found);
        }
        return found;
    }

    /** The table's primary key; no columns when it has none (or does not exist). */
    public PrimaryKey primaryKey(Connection connection, String table) throws SQLException {
        PrimaryKey cached = keys.get(table);
        if (cached != null) {
            return cached;
        }
        DatabaseMetaData meta = connection.getMetaData();
        Map<Integer, String> bySeq = new TreeMap<>();
        String name = null;
        try (ResultSet rs = meta.getPrimaryKeys(connection.getCatalog(), connection.getSchema(), table)) {
            while (rs.next()) {
                if (table.equals(rs.getString("TABLE_NAME"))) {
                    bySeq.put(rs.getInt("KEY_SEQ"), rs.getString("COLUMN_NAME"));
                    name = rs.getString("PK_NAME");
                }
            }
        }
        PrimaryKey key = new PrimaryKey(name, new ArrayList<>(bySeq.values()));
        keys.put(table, key);
        return key;
    }

    /** Forgets what is known of a table. */
    public void forget(String table) {
        columns.remove(table);
        keys.remove(table);
    }

    /** Forgets every table, e.g. after a rollback of DDL. */
    public void forgetAll() {
        columns.clear();
        keys.clear();
    }
}
