package io.idaas.connect.jdbc.sink;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * Collects parameter sets for one statement text at a time and sends them as one JDBC batch; a different text, a
 * full batch or {@link #flush()} sends what is pending. So consecutive rows of one table and op travel together and
 * source order holds across tables and ops. Statements are prepared once per transaction.
 */
public final class StatementBatch implements AutoCloseable {

    /** Binds one statement's parameters. */
    @FunctionalInterface
    public interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    private final Connection connection;
    private final int maxSize;
    private final Map<String, PreparedStatement> prepared = new HashMap<>();
    private PreparedStatement pending;
    private int size;

    public StatementBatch(Connection connection, int maxSize) {
        this.connection = connection;
        this.maxSize = maxSize;
    }

    /** Adds one execution of {@code sql}. */
    public void add(String sql, Binder binder) throws SQLException {
        PreparedStatement st = prepared.get(sql);
        if (st == null) {
            st = connection.prepareStatement(sql);
            prepared.put(sql, st);
        }
        if (st != pending) {
            flush();
            pending = st;
        }
        binder.bind(st);
        st.addBatch();
        if (++size >= maxSize) {
            flush();
        }
    }

    /** Sends the pending batch. */
    public void flush() throws SQLException {
        if (pending != null && size > 0) {
            pending.executeBatch();
        }
        pending = null;
        size = 0;
    }

    @Override
    public void close() throws SQLException {
        pending = null;
        size = 0;
        SQLException first = null;
        for (PreparedStatement st : prepared.values()) {
            try {
                st.close();
            } catch (SQLException e) {
                first = first == null ? e : first;
            }
        }
        prepared.clear();
        if (first != null) {
            throw first;
        }
    }
}
