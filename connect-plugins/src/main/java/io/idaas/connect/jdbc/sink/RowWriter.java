package io.idaas.connect.jdbc.sink;

import io.idaas.connect.jdbc.dialect.Dialect;
import io.idaas.ddml.Column;
import io.idaas.ddml.DmlChange;
import io.idaas.ddml.DmlOp;
import io.idaas.ddml.Row;
import io.idaas.ddml.TableSchema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns one row change into statements on a {@link StatementBatch}: insert, read and update are upserts by key
 * (an update that changes the key deletes the old key first), delete is by key, truncate empties the table. Every
 * upsert and delete carries the event's sortable position, so a row is never overwritten by an older event.
 */
public final class RowWriter {

    private final Dialect dialect;

    public RowWriter(Dialect dialect) {
        this.dialect = dialect;
    }

    /**
     * @throws IllegalArgumentException when the table has no key, or a row lacks a key column
     */
    public void write(Connection connection, StatementBatch batch, String table, TableSchema schema, DmlChange dml,
                      String position) throws SQLException {
        if (schema.primaryKey().isEmpty() && dml.op() != DmlOp.TRUNCATE) {
            throw new IllegalArgumentException("table " + table + " has no primary key in the event's schema; the sink "
                + "applies rows by key only");
        }
        switch (dml.op()) {
            case INSERT, READ -> upsert(connection, batch, table, schema, dml.after(), position);
            case UPDATE -> {
                Row oldKey = dml.before() == null ? null : keyOf(schema, dml.before());
                if (oldKey != null && !oldKey.equals(keyOf(schema, dml.after()))) {
                    delete(connection, batch, table, schema, oldKey, position);
                }
                upsert(connection, batch, table, schema, dml.after(), position);
            }
            case DELETE -> delete(connection, batch, table, schema,
                dml.key() != null ? dml.key() : keyOf(schema, dml.before()), position);
            case TRUNCATE -> batch.add(dialect.truncate(table), st -> { });
        }
    }

    private void upsert(Connection connection, StatementBatch batch, String table, TableSchema schema, Row after,
                        String position) throws SQLException {
        List<Column> columns = new ArrayList<>();
        for (Column c : schema.columns()) {
            if (after.has(c.name())) {
                columns.add(c);
            }
        }
        String sql = dialect.upsert(table, columns.stream().map(Column::name).toList(), schema.primaryKey());
        batch.add(sql, st -> {
            int i = 1;
            for (Column c : columns) {
                dialect.bind(connection, st, i++, c.type(), after.get(c.name()));
            }
            st.setString(i, position);
        });
    }

    private void delete(Connection connection, StatementBatch batch, String table, TableSchema schema, Row key,
                        String position) throws SQLException {
        List<String> names = schema.primaryKey();
        batch.add(dialect.delete(table, names), st -> {
            int i = 1;
            for (String k : names) {
                bindKey(connection, st, i++, schema, k, key.get(k));
            }
            st.setString(i, position);
        });
    }

    private void bindKey(Connection connection, PreparedStatement st, int index, TableSchema schema, String column,
                         Object value) throws SQLException {
        Column c = schema.column(column).orElseThrow(() -> new IllegalArgumentException("key column " + column
            + " is not in the schema"));
        dialect.bind(connection, st, index, c.type(), value);
    }

    private static Row keyOf(TableSchema schema, Row row) {
        List<Object> namesAndValues = new ArrayList<>();
        for (String k : schema.primaryKey()) {
            if (!row.has(k)) {
                throw new IllegalArgumentException("the row lacks key column " + k);
            }
            namesAndValues.add(k);
            namesAndValues.add(row.get(k));
        }
        return Row.of(namesAndValues.toArray());
    }
}
