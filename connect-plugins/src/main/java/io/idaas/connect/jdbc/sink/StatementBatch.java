package io.idaas.connect.jdbc.sink;

import io.idaas.connect.jdbc.dialect.Dialect;
import io.idaas.ddml.Column;
import io.idaas.ddml.Row;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Collects a run of consecutive row changes of one table, op and column list, and sends it as one multi-row
 * statement (a multi-row upsert, or a delete of many keys), at most {@code maxRows} rows, the dialect's
 * bind-parameter limit, and about {@link #MAX_STATEMENT_BYTES} of values per statement (a row larger than that goes
 * alone). A change of table, op or columns, a full run, a plain statement or {@link #flush()} sends what is pending,
 * so source order holds across tables and ops.
 *
 * <p>Within a run only the change with the newest position is kept per key (the later one on a tie): applying the
 * run's changes one by one, each guarded by position, leaves the same row, and PostgreSQL refuses a statement that
 * touches one row twice. Statements are prepared once per transaction and size.
 */
public final class StatementBatch implements AutoCloseable {

    private static final int PREPARED_CACHE = 32;

    /**
     * About how many bytes of values one statement carries before the run is cut (strings counted in characters,
     * bytes in bytes): 1 MiB. MariaDB and MySQL refuse a statement longer than their {@code max_allowed_packet}
     * (4 MiB by default in MySQL 5.7, 16 MiB in MariaDB), and their JDBC drivers send values escaped in the
     * statement's text, up to twice their size; so several large rows never share a statement, and one row is as large
     * as the target accepts (connect-configs/README.md, "Large values").
     */
    public static final long MAX_STATEMENT_BYTES = 1024 * 1024;

    private final Connection connection;
    private final Dialect dialect;
    private final int maxRows;
    private final Map<String, PreparedStatement> prepared = new LinkedHashMap<>(16, 0.75f, true);
    private Shape shape;
    private final Map<Object, Pending> rows = new LinkedHashMap<>();
    private long pendingBytes;

    /**
     * What the rows of one statement share; {@code guarded} when the table has the position column (else the statement
     * has no position parameter and no guard).
     */
    private record Shape(String table, boolean delete, List<Column> columns, List<String> key, boolean guarded) {
    }

    /** One row's values (in the shape's column order) and position. */
    private record Pending(Object[] values, String position) {

        /** About the bytes of the values: characters of text, bytes of binary, 16 for anything else. */
        long bytes() {
            long total = 16;
            for (Object v : values) {
                total += v instanceof String text ? text.length() : v instanceof byte[] b ? b.length : 16;
            }
            return total;
        }
    }

    public StatementBatch(Connection connection, Dialect dialect, int maxRows) {
        this.connection = connection;
        this.dialect = dialect;
        this.maxRows = maxRows;
    }

    /**
     * Adds an upsert of {@code values} (one per column, in order) with the key {@code key}.
     *
     * @param key the key columns and values, compared by content
     */
    public void upsert(String table, List<Column> columns, List<String> keyColumns, Row key, Object[] values,
                       String position) throws SQLException {
        upsert(table, columns, keyColumns, key, values, position, true);
    }

    /** {@link #upsert(String, List, List, Row, Object[], String)}, without the position guard unless {@code guarded}. */
    public void upsert(String table, List<Column> columns, List<String> keyColumns, Row key, Object[] values,
                       String position, boolean guarded) throws SQLException {
        add(new Shape(table, false, columns, keyColumns, guarded), key, new Pending(values, position));
    }

    /** Adds a plain insert of {@code values} (a table without key: every row is new, none is merged). */
    public void insert(String table, List<Column> columns, Object[] values, String position) throws SQLException {
        insert(table, columns, values, position, true);
    }

    /** {@link #insert(String, List, Object[], String)}, without the position column unless {@code guarded}. */
    public void insert(String table, List<Column> columns, Object[] values, String position, boolean guarded)
        throws SQLException {
        add(new Shape(table, false, columns, List.of(), guarded), new Object(), new Pending(values, position));
    }

    /** Adds a delete of the row with {@code key}; {@code keyColumns} are the key's columns, in key order. */
    public void delete(String table, List<Column> keyColumns, Row key, Object[] keyValues, String position)
        throws SQLException {
        delete(table, keyColumns, key, keyValues, position, true);
    }

    /** {@link #delete(String, List, Row, Object[], String)}, without the position guard unless {@code guarded}. */
    public void delete(String table, List<Column> keyColumns, Row key, Object[] keyValues, String position, boolean guarded)
        throws SQLException {
        add(new Shape(table, true, keyColumns, keyColumns.stream().map(Column::name).toList(), guarded), key,
            new Pending(keyValues, position));
    }

    /** Sends what is pending, then runs {@code sql} (no parameters) in the same transaction. */
    public void execute(String sql) throws SQLException {
        flush();
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
        }
    }

    private void add(Shape next, Object key, Pending row) throws SQLException {
        if (!next.equals(shape)) {
            flush();
            shape = next;
        }
        Pending seen = rows.get(key);
        if (seen == null) {
            long bytes = row.bytes();
            if (!rows.isEmpty() && pendingBytes + bytes > MAX_STATEMENT_BYTES) {
                flush(); // the run goes on in the next statement
                shape = next;
            }
            rows.put(key, row);
            pendingBytes += bytes;
            if (rows.size() >= rowsPerStatement(next) || pendingBytes >= MAX_STATEMENT_BYTES) {
                flush();
            }
        } else if (seen.position().compareTo(row.position()) <= 0) {
            rows.put(key, row);
            pendingBytes += row.bytes() - seen.bytes();
        }
    }

    private int rowsPerStatement(Shape s) {
        int perRow = s.columns().size() + (s.guarded() ? 1 : 0);
        return Math.max(1, Math.min(maxRows, dialect.maxParameters() / perRow));
    }

    /** Sends the pending run. */
    public void flush() throws SQLException {
        if (shape == null || rows.isEmpty()) {
            shape = null;
            pendingBytes = 0;
            return;
        }
        Shape s = shape;
        int n = rows.size();
        List<String> names = s.columns().stream().map(Column::name).toList();
        List<String> placeholders = s.columns().stream().map(c -> dialect.placeholder(c.type())).toList();
        String sql;
        if (s.guarded()) {
            sql = s.delete() ? dialect.delete(s.table(), s.key(), n)
                : s.key().isEmpty() ? dialect.insert(s.table(), names, placeholders, n)
                : dialect.upsert(s.table(), names, placeholders, s.key(), n);
        } else {
            sql = s.delete() ? dialect.deleteUnguarded(s.table(), s.key(), n)
                : s.key().isEmpty() ? dialect.insertUnguarded(s.table(), names, placeholders, n)
                : dialect.upsertUnguarded(s.table(), names, placeholders, s.key(), n);
        }
        PreparedStatement st = statement(sql);
        int i = 1;
        for (Pending p : rows.values()) {
            for (int c = 0; c < p.values().length; c++) {
                dialect.bind(connection, st, i++, s.columns().get(c).type(), p.values()[c]);
            }
            if (s.guarded()) {
                st.setString(i++, p.position());
            }
        }
        rows.clear();
        shape = null;
        pendingBytes = 0;
        st.executeUpdate();
    }

    private PreparedStatement statement(String sql) throws SQLException {
        PreparedStatement st = prepared.get(sql);
        if (st == null) {
            st = connection.prepareStatement(sql);
            prepared.put(sql, st);
            if (prepared.size() > PREPARED_CACHE) {
                Iterator<PreparedStatement> eldest = prepared.values().iterator();
                PreparedStatement old = eldest.next();
                eldest.remove();
                old.close();
            }
        }
        return st;
    }

    @Override
    public void close() throws SQLException {
        rows.clear();
        shape = null;
        pendingBytes = 0;
        SQLException first = null;
        for (PreparedStatement st : prepared.values()) {
            try {
                st.close();
            } catch (SQLException e) {
                first = Objects.requireNonNullElse(first, e);
            }
        }
        prepared.clear();
        if (first != null) {
            throw first;
        }
    }

    /** The rows pending, for tests. */
    int pendingRows() {
        return rows.size();
    }

    /** A copy of the pending run's positions, in statement order, for tests. */
    List<String> pendingPositions() {
        List<String> out = new ArrayList<>();
        rows.values().forEach(p -> out.add(p.position()));
        return out;
    }
}
