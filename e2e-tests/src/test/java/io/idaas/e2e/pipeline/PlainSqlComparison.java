package io.idaas.e2e.pipeline;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A comparison of a source table and its copy that shares nothing with idaas: each side's rows (and, for a whole table,
 * its catalog) read with plain SQL through its own JDBC driver, every value brought to a text by the rules written here
 * and nowhere else. Rows are matched by an integer key. Values: SQL NULL stays null; numbers by value ({@code 7} and
 * {@code 7.00} alike, as an INT copied to a bigint); timestamps by their wall time; text as it is, but where a whole
 * table is compared, trailing spaces dropped where either side's column is CHAR (PostgreSQL's {@code character(n)}
 * pads, MariaDB's CHAR strips).
 */
public final class PlainSqlComparison {

    /** A column as {@code information_schema.columns} describes it. */
    public record ColumnInfo(String name, String dataType, Long maxLength) {
    }

    private PlainSqlComparison() {
    }

    /** The columns of {@code schema.table} in their order, but the sink's {@code _idaas_*} ones ({@code schema}: the database in MariaDB). */
    public static Map<String, ColumnInfo> columns(Connection db, String schema, String table) throws SQLException {
        Map<String, ColumnInfo> columns = new LinkedHashMap<>();
        try (PreparedStatement st = db.prepareStatement("SELECT column_name, data_type, character_maximum_length "
                + "FROM information_schema.columns WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position")) {
            st.setString(1, schema);
            st.setString(2, table);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString(1).toLowerCase(Locale.ROOT);
                    if (!name.startsWith("_idaas_")) {
                        long length = rs.getLong(3);
                        columns.put(name, new ColumnInfo(name, rs.getString(2).toLowerCase(Locale.ROOT), rs.wasNull() ? null : length));
                    }
                }
            }
        }
        return columns;
    }

    /**
     * Every difference between the source's and the target's whole table (key {@code id}): columns one side lacks
     * (the copy's {@code _idaas_*} bookkeeping columns left out), rows missing or extra, and each differing value with
     * both texts. Empty when they hold the same data.
     */
    public static List<String> differences(Connection source, String sourceSchema, Connection target, String targetSchema, String table)
            throws SQLException {
        Map<String, ColumnInfo> sourceColumns = columns(source, sourceSchema, table);
        Map<String, ColumnInfo> targetColumns = columns(target, targetSchema, table);
        List<String> differences = new ArrayList<>();
        if (sourceColumns.isEmpty() || targetColumns.isEmpty()) {
            differences.add(table + ": no such table in the " + (sourceColumns.isEmpty() ? "source" : "target"));
            return differences;
        }
        List<String> shared = new ArrayList<>();
        for (String c : sourceColumns.keySet()) {
            if (targetColumns.containsKey(c)) {
                shared.add(c);
            } else {
                differences.add(table + ": column " + c + " missing in the target");
            }
        }
        targetColumns.keySet().stream().filter(c -> !sourceColumns.containsKey(c))
                .forEach(c -> differences.add(table + ": column " + c + " only in the target"));
        boolean[] padded = new boolean[shared.size()];
        for (int i = 0; i < shared.size(); i++) {
            padded[i] = isChar(sourceColumns.get(shared.get(i))) || isChar(targetColumns.get(shared.get(i)));
        }
        differences.addAll(compare(rows(source, table, "id", shared, padded), rows(target, table, "id", shared, padded), table, shared));
        return differences;
    }

    /**
     * Every difference between {@code columns} of the source's and the target's table, rows matched by {@code key}: rows
     * missing or extra, and each differing value with both texts. Empty when they hold the same rows.
     */
    public static List<String> differences(Connection source, String sourceTable, Connection target, String targetTable,
                                           String key, List<String> columns) throws SQLException {
        boolean[] padded = new boolean[columns.size()];
        return compare(rows(source, sourceTable, key, columns, padded), rows(target, targetTable, key, columns, padded), sourceTable, columns);
    }

    private static List<String> compare(TreeMap<Long, String[]> expected, TreeMap<Long, String[]> actual, String table, List<String> columns) {
        List<String> differences = new ArrayList<>();
        for (Map.Entry<Long, String[]> e : expected.entrySet()) {
            String[] got = actual.get(e.getKey());
            if (got == null) {
                differences.add(table + " id=" + e.getKey() + ": missing in the target");
                continue;
            }
            for (int i = 0; i < columns.size(); i++) {
                if (!Objects.equals(e.getValue()[i], got[i])) {
                    differences.add(table + " id=" + e.getKey() + " " + columns.get(i) + ": source " + quoted(e.getValue()[i])
                            + ", target " + quoted(got[i]));
                }
            }
        }
        actual.keySet().stream().filter(id -> !expected.containsKey(id))
                .forEach(id -> differences.add(table + " id=" + id + ": extra in the target"));
        return differences;
    }

    private static boolean isChar(ColumnInfo c) {
        return c.dataType().equals("char") || c.dataType().equals("character");
    }

    private static String quoted(String text) {
        return text == null ? "NULL" : "'" + text + "'";
    }

    private static TreeMap<Long, String[]> rows(Connection db, String table, String key, List<String> columns, boolean[] padded)
            throws SQLException {
        TreeMap<Long, String[]> rows = new TreeMap<>();
        try (Statement st = db.createStatement();
             ResultSet rs = st.executeQuery("SELECT " + key + ", " + String.join(", ", columns) + " FROM " + table)) {
            while (rs.next()) {
                String[] values = new String[columns.size()];
                for (int i = 0; i < columns.size(); i++) {
                    values[i] = text(rs, i + 2, padded[i]);
                }
                rows.put(rs.getLong(1), values);
            }
        }
        return rows;
    }

    private static String text(ResultSet rs, int index, boolean padded) throws SQLException {
        Object value = rs.getObject(index);
        if (value == null) {
            return null;
        }
        if (value instanceof Timestamp || value instanceof LocalDateTime) {
            return rs.getObject(index, LocalDateTime.class).toString();
        }
        if (value instanceof Number n) {
            BigDecimal d = new BigDecimal(n.toString());
            return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
        }
        String s = value.toString();
        return padded ? s.replaceAll(" +$", "") : s;
    }
}
