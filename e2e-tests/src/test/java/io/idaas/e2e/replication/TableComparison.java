package io.idaas.e2e.replication;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Compares the rows of two tables, possibly in different database systems, with plain SQL and nothing of idaas's
 * sink: every row by primary key, every listed column by value (numbers by value, timestamps by their wall time).
 * Returns the differences, empty when the tables hold the same rows.
 */
public final class TableComparison {

    private TableComparison() {
    }

    public static List<String> differences(Connection source, String sourceTable, Connection target, String targetTable,
                                           String key, List<String> columns) throws SQLException {
        TreeMap<Long, List<Object>> expected = rows(source, sourceTable, key, columns);
        TreeMap<Long, List<Object>> actual = rows(target, targetTable, key, columns);
        List<String> differences = new ArrayList<>();
        for (var e : expected.entrySet()) {
            List<Object> got = actual.get(e.getKey());
            if (got == null) {
                differences.add("missing in target: " + key + "=" + e.getKey());
                continue;
            }
            for (int i = 0; i < columns.size(); i++) {
                if (!Objects.equals(e.getValue().get(i), got.get(i))) {
                    differences.add(key + "=" + e.getKey() + " " + columns.get(i) + ": source " + e.getValue().get(i) + ", target " + got.get(i));
                }
            }
        }
        for (Long extra : actual.keySet()) {
            if (!expected.containsKey(extra)) {
                differences.add("extra in target: " + key + "=" + extra);
            }
        }
        return differences;
    }

    private static TreeMap<Long, List<Object>> rows(Connection db, String table, String key, List<String> columns) throws SQLException {
        TreeMap<Long, List<Object>> rows = new TreeMap<>();
        try (Statement st = db.createStatement();
             ResultSet rs = st.executeQuery("SELECT " + key + ", " + String.join(", ", columns) + " FROM " + table)) {
            while (rs.next()) {
                List<Object> values = new ArrayList<>(columns.size());
                for (int i = 0; i < columns.size(); i++) {
                    values.add(normalized(rs, i + 2));
                }
                rows.put(rs.getLong(1), values);
            }
        }
        return rows;
    }

    private static Object normalized(ResultSet rs, int index) throws SQLException {
        Object value = rs.getObject(index);
        if (value == null) {
            return null;
        }
        if (value instanceof java.sql.Timestamp || value instanceof LocalDateTime) {
            return rs.getObject(index, LocalDateTime.class);
        }
        if (value instanceof Number n) {
            BigDecimal d = new BigDecimal(n.toString());
            return d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
        }
        return value.toString();
    }
}
