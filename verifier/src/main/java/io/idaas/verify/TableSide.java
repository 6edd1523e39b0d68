package io.idaas.verify;

import io.idaas.verify.compare.Canonical;
import io.idaas.verify.compare.ColumnPair;
import io.idaas.verify.compare.FetchedRow;
import io.idaas.verify.range.KeyRange;
import io.idaas.verify.sql.Column;
import io.idaas.verify.sql.Dialect;
import io.idaas.verify.sql.TableShape;

import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One side of a table comparison on one connection: the queries a database runs for it (counts, range checksums, rows
 * by range or key). {@link #on(Connection)} gives the same side on another connection to the same database.
 */
final class TableSide {

    /** Keys per {@code IN (...)} list when rows are read by key. */
    private static final int KEY_BATCH = 500;

    private final boolean source;
    private final Connection connection;
    private final Dialect dialect;
    private final TableShape shape;
    private final List<ColumnPair> keyPairs;
    private final String table;
    private final String rowText;
    private final VerifyStats stats;
    /** The checksum statements by SQL (a range has a lower bound, an upper bound, both or none): prepared once, so
     * the database parses and plans the long row-text expression once per connection, not once per range. */
    private final Map<String, PreparedStatement> checksumStatements = new java.util.HashMap<>();

    TableSide(boolean source, Connection connection, Dialect dialect, TableShape shape, List<ColumnPair> keyPairs,
              List<ColumnPair> hashed, boolean sameFamily, VerifyStats stats) {
        this.source = source;
        this.connection = connection;
        this.dialect = dialect;
        this.shape = shape;
        this.keyPairs = keyPairs;
        this.table = dialect.qualified(shape);
        this.stats = stats;
        List<String> pieces = new ArrayList<>();
        List<String> nullable = new ArrayList<>();
        for (ColumnPair pair : hashed) {
            pieces.add(dialect.canonicalSql(pair, source, sameFamily).orElseThrow());
            nullable.add(pair.on(source).nullable() ? dialect.quote(pair.on(source).name()) : null);
        }
        this.rowText = dialect.rowText(pieces, nullable);
    }

    private TableSide(TableSide side, Connection connection) {
        this.source = side.source;
        this.connection = connection;
        this.dialect = side.dialect;
        this.shape = side.shape;
        this.keyPairs = side.keyPairs;
        this.table = side.table;
        this.rowText = side.rowText;
        this.stats = side.stats;
    }

    /** This side on another connection to the same database. */
    TableSide on(Connection other) {
        return other == connection ? this : new TableSide(this, other);
    }

    Dialect dialect() {
        return dialect;
    }

    TableShape shape() {
        return shape;
    }

    long count() throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT COUNT(*) FROM " + table); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The smallest and largest key of a one-column integer key, or null when the table is empty. */
    long[] minMax() throws SQLException {
        String k = keyColumns();
        try (PreparedStatement ps = connection.prepareStatement("SELECT MIN(" + k + "), MAX(" + k + ") FROM " + table);
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            Object min = rs.getObject(1);
            if (min == null) {
                return null;
            }
            return new long[] {new BigInteger(min.toString()).longValueExact(), new BigInteger(rs.getObject(2).toString()).longValueExact()};
        }
    }

    /** The number of rows in the range and the sum of a 60-bit slice of their row hashes. */
    Checksum checksum(KeyRange range) throws SQLException {
        String sql = "SELECT " + dialect.checksumSelect(rowText) + " FROM " + table + where(range);
        long start = System.nanoTime();
        PreparedStatement ps = checksumStatements.get(sql);
        if (ps == null) {
            ps = connection.prepareStatement(sql);
            checksumStatements.put(sql, ps);
        }
        bindRange(ps, range);
        try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            Checksum checksum = new Checksum(rs.getLong(1), new BigInteger(rs.getString(2)));
            stats.checksum(source, System.nanoTime() - start);
            return checksum;
        }
    }

    /** Closes the statements this side keeps (the connection stays open). */
    void closeStatements() {
        for (PreparedStatement ps : checksumStatements.values()) {
            try {
                ps.close();
            } catch (SQLException e) {
                // the connection is closed at the end of the run anyway
            }
        }
        checksumStatements.clear();
    }

    /** Every {@code step}-th key of the range in key order, skipping the first: boundaries that cut it into parts of {@code step} rows. */
    List<List<Object>> boundaries(KeyRange range, long step) throws SQLException {
        String k = keyColumns();
        String sql = "SELECT " + k + " FROM (SELECT " + k + ", ROW_NUMBER() OVER (ORDER BY " + k + ") AS idaas_rn FROM " + table
                + where(range) + ") AS idaas_keys WHERE MOD(idaas_rn - 1, " + step + ") = 0 AND idaas_rn > 1 ORDER BY " + k;
        List<List<Object>> out = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            bindRange(ps, range);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    List<Object> key = new ArrayList<>();
                    for (int i = 1; i <= keyPairs.size(); i++) {
                        key.add(rs.getObject(i));
                    }
                    out.add(key);
                }
            }
        }
        return out;
    }

    /** The rows of a range: canonical texts of {@code columns}, by canonical key text. */
    Map<String, FetchedRow> fetch(KeyRange range, List<ColumnPair> columns) throws SQLException {
        String sql = "SELECT " + select(columns) + " FROM " + table + where(range);
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setFetchSize(1000);
            bindRange(ps, range);
            return read(ps, columns);
        }
    }

    /** The rows with these keys (key values as either driver gave them). */
    Map<String, FetchedRow> fetchKeys(List<List<Object>> keys, List<ColumnPair> columns) throws SQLException {
        Map<String, FetchedRow> out = new LinkedHashMap<>();
        for (int from = 0; from < keys.size(); from += KEY_BATCH) {
            List<List<Object>> batch = keys.subList(from, Math.min(keys.size(), from + KEY_BATCH));
            String tuple = keyPairs.size() == 1 ? "?" : "(" + keyPairs.stream().map(p -> "?").collect(Collectors.joining(", ")) + ")";
            String keyList = keyPairs.size() == 1 ? keyColumns() : "(" + keyColumns() + ")";
            String sql = "SELECT " + select(columns) + " FROM " + table + " WHERE " + keyList + " IN ("
                    + batch.stream().map(k -> tuple).collect(Collectors.joining(", ")) + ")";
            try (PreparedStatement ps = connection.prepareStatement(sql)) {
                int i = 1;
                for (List<Object> key : batch) {
                    for (Object v : key) {
                        dialect.bind(ps, i++, v);
                    }
                }
                out.putAll(read(ps, columns));
            }
        }
        return out;
    }

    private Map<String, FetchedRow> read(PreparedStatement ps, List<ColumnPair> columns) throws SQLException {
        Map<String, FetchedRow> rows = new LinkedHashMap<>();
        int keys = keyPairs.size();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                List<Object> keyValues = new ArrayList<>(keys);
                String[] keyTexts = new String[keys];
                for (int i = 0; i < keys; i++) {
                    Column c = keyPairs.get(i).on(source);
                    Object v = dialect.read(rs, i + 1, c);
                    keyValues.add(rs.getObject(i + 1));
                    keyTexts[i] = Canonical.text(keyPairs.get(i).semantic(), keyPairs.get(i).padded(), v);
                }
                String[] values = new String[columns.size()];
                for (int i = 0; i < columns.size(); i++) {
                    ColumnPair pair = columns.get(i);
                    values[i] = Canonical.text(pair.semantic(), pair.padded(), dialect.read(rs, keys + i + 1, pair.on(source)));
                }
                rows.put(String.join("\u001f", keyTexts), new FetchedRow(keyValues, values));
            }
        }
        stats.fetched(source, rows.size());
        return rows;
    }

    private String select(List<ColumnPair> columns) {
        List<String> exprs = new ArrayList<>();
        keyPairs.forEach(p -> exprs.add(dialect.quote(p.on(source).name())));
        columns.forEach(p -> exprs.add(dialect.fetchExpression(p.on(source))));
        return String.join(", ", exprs);
    }

    private String keyColumns() {
        return keyPairs.stream().map(p -> dialect.quote(p.on(source).name())).collect(Collectors.joining(", "));
    }

    private String where(KeyRange range) {
        List<String> conditions = new ArrayList<>();
        String k = keyPairs.size() == 1 ? keyColumns() : "(" + keyColumns() + ")";
        String params = keyPairs.size() == 1 ? "?" : "(" + keyPairs.stream().map(p -> "?").collect(Collectors.joining(", ")) + ")";
        if (range.lower() != null) {
            conditions.add(k + " >= " + params);
        }
        if (range.upper() != null) {
            conditions.add(k + " < " + params);
        }
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    private void bindRange(PreparedStatement ps, KeyRange range) throws SQLException {
        int i = 1;
        for (List<Object> bound : java.util.Arrays.asList(range.lower(), range.upper())) {
            if (bound != null) {
                for (Object v : bound) {
                    dialect.bind(ps, i++, v);
                }
            }
        }
    }

    /** A range's row count and checksum. */
    record Checksum(long rows, BigInteger sum) {
    }
}
