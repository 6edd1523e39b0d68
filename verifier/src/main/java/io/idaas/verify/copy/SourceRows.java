package io.idaas.verify.copy;

import io.idaas.verify.sql.Column;
import io.idaas.verify.sql.Dialect;
import io.idaas.verify.sql.TableShape;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The source table's rows for a comparison with a copy kept outside SQL (Redis, MongoDB): the key columns' values, then
 * every compared column's, as the source's JDBC driver gives them ({@code Dialect.read}).
 */
public final class SourceRows {

    /** Keys per query of {@link #byKeys}. */
    public static final int BATCH = 500;

    /** A source row: the key values as the driver gave them (bound again to re-read it) and the compared columns' values. */
    public record Row(List<Object> keyValues, Object[] values) {
    }

    private final Connection connection;
    private final Dialect dialect;
    private final String table;
    private final List<Column> keys;
    private final List<Column> columns;

    public SourceRows(Connection connection, Dialect dialect, TableShape shape, List<Column> keys, List<Column> columns) {
        this.connection = connection;
        this.dialect = dialect;
        this.table = dialect.qualified(shape);
        this.keys = keys;
        this.columns = columns;
    }

    public long count() throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT COUNT(*) FROM " + table); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Every row, streamed to {@code each}. */
    public void all(Consumer<Row> each) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT " + select() + " FROM " + table)) {
            ps.setFetchSize(1000);
            read(ps, each);
        }
    }

    /** The rows with these keys (values in key order). */
    public List<Row> byKeys(List<List<Object>> keyValues) throws SQLException {
        List<Row> out = new ArrayList<>();
        String tuple = keys.size() == 1 ? param(keys.get(0)) : "(" + keys.stream().map(this::param).collect(Collectors.joining(", ")) + ")";
        String keyList = keys.size() == 1 ? keyColumns() : "(" + keyColumns() + ")";
        for (int from = 0; from < keyValues.size(); from += BATCH) {
            List<List<Object>> batch = keyValues.subList(from, Math.min(keyValues.size(), from + BATCH));
            String sql = "SELECT " + select() + " FROM " + table + " WHERE " + keyList + " IN ("
                    + batch.stream().map(k -> tuple).collect(Collectors.joining(", ")) + ")";
            try (PreparedStatement ps = connection.prepareStatement(sql)) {
                int i = 1;
                for (List<Object> key : batch) {
                    for (Object v : key) {
                        dialect.bind(ps, i++, v);
                    }
                }
                read(ps, out::add);
            }
        }
        return out;
    }

    private void read(PreparedStatement ps, Consumer<Row> each) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                List<Object> keyValues = new ArrayList<>(keys.size());
                for (int i = 0; i < keys.size(); i++) {
                    keyValues.add(dialect.read(rs, i + 1, keys.get(i)));
                }
                Object[] values = new Object[columns.size()];
                for (int i = 0; i < columns.size(); i++) {
                    values[i] = dialect.read(rs, keys.size() + i + 1, columns.get(i));
                }
                each.accept(new Row(keyValues, values));
            }
        }
    }

    private String select() {
        List<String> exprs = new ArrayList<>();
        keys.forEach(k -> exprs.add(dialect.fetchExpression(k)));
        columns.forEach(c -> exprs.add(dialect.fetchExpression(c)));
        return String.join(", ", exprs);
    }

    /** A key parameter: for PostgreSQL cast to the column's type (a uuid or an enum is bound as text). */
    private String param(Column key) {
        return dialect.family().equals("postgresql") ? "CAST(? AS " + key.nativeType() + ")" : "?";
    }

    private String keyColumns() {
        return keys.stream().map(k -> dialect.quote(k.name())).collect(Collectors.joining(", "));
    }
}
