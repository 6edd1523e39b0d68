package io.idaas.connect.jdbc.sink;

import io.idaas.connect.jdbc.dialect.Dialect;
import io.idaas.ddml.Column;
import io.idaas.ddml.DmlChange;
import io.idaas.ddml.DmlOp;
import io.idaas.ddml.Row;
import io.idaas.ddml.TableSchema;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns one row change into row operations on a {@link StatementBatch}: insert, read and update are upserts by key
 * (an update that changes the key deletes the old key first), delete is by key, truncate empties the table. Every
 * upsert and delete carries the event's sortable position, so a row is never overwritten by an older event.
 */
public final class RowWriter {

    private final Dialect dialect;
    private final boolean appendKeyless;

    public RowWriter(Dialect dialect) {
        this(dialect, false);
    }

    /**
     * @param appendKeyless whether a table without a primary key is an append-only log ({@code keyless.mode=append})
     */
    public RowWriter(Dialect dialect, boolean appendKeyless) {
        this.dialect = dialect;
        this.appendKeyless = appendKeyless;
    }

    /**
     * @throws IllegalArgumentException when the table has no key, or a row lacks a key column
     */
    public void write(StatementBatch batch, String table, TableSchema schema, DmlChange dml,
                      String position) throws SQLException {
        write(batch, table, schema, dml, position, true);
    }

    /**
     * {@link #write(StatementBatch, String, TableSchema, DmlChange, String)} into a table that has the position column
     * ({@code guarded}) or not (rows are then written without position and without the guard).
     *
     * @throws IllegalArgumentException when the table has no key, or a row lacks a key column
     */
    public void write(StatementBatch batch, String table, TableSchema schema, DmlChange dml,
                      String position, boolean guarded) throws SQLException {
        if (schema.primaryKey().isEmpty() && dml.op() != DmlOp.TRUNCATE) {
            if (!appendKeyless) {
                throw new IllegalArgumentException("table " + table + " has no primary key in the event's schema, and "
                    + "keyless.mode=fail; give the source table a primary key, or set keyless.mode=append to append its "
                    + "inserts and updates as rows (deletes are then not applied)");
            }
            if (dml.op() != DmlOp.DELETE) {
                append(batch, table, schema, dml.after(), position, guarded);
            }
            return;
        }
        switch (dml.op()) {
            case INSERT, READ -> upsert(batch, table, schema, dml.after(), position, guarded);
            case UPDATE -> {
                Row oldKey = dml.before() == null ? null : keyOf(schema, dml.before());
                if (oldKey != null && !oldKey.equals(keyOf(schema, dml.after()))) {
                    delete(batch, table, schema, oldKey, position, guarded);
                }
                upsert(batch, table, schema, dml.after(), position, guarded);
            }
            case DELETE -> delete(batch, table, schema,
                dml.key() != null ? keyOf(schema, dml.key()) : keyOf(schema, dml.before()), position, guarded);
            case TRUNCATE -> batch.execute(dialect.truncate(table));
        }
    }

    private void upsert(StatementBatch batch, String table, TableSchema schema, Row after, String position,
                        boolean guarded) throws SQLException {
        List<Column> columns = presentColumns(schema, after);
        batch.upsert(table, columns, schema.primaryKey(), keyOf(schema, after), valuesOf(columns, after), position, guarded);
    }

    private void append(StatementBatch batch, String table, TableSchema schema, Row after, String position,
                        boolean guarded) throws SQLException {
        List<Column> columns = presentColumns(schema, after);
        batch.insert(table, columns, valuesOf(columns, after), position, guarded);
    }

    private void delete(StatementBatch batch, String table, TableSchema schema, Row key, String position,
                        boolean guarded) throws SQLException {
        List<Column> keyColumns = new ArrayList<>(schema.primaryKey().size());
        Object[] values = new Object[schema.primaryKey().size()];
        int i = 0;
        for (String k : schema.primaryKey()) {
            keyColumns.add(schema.column(k).orElseThrow(() -> new IllegalArgumentException("key column " + k
                + " is not in the schema")));
            values[i++] = key.get(k);
        }
        batch.delete(table, keyColumns, key, values, position, guarded);
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

    /** The schema's columns that {@code row} carries (an absent column is unknown, not NULL: SPEC.md §6), in table order. */
    private static List<Column> presentColumns(TableSchema schema, Row row) {
        List<Column> columns = new ArrayList<>(schema.columns().size());
        for (Column c : schema.columns()) {
            if (row.has(c.name())) {
                columns.add(c);
            }
        }
        return columns;
    }

    /**
     * The row's values of {@code columns}, in order.
     *
     * @throws IllegalArgumentException naming the column when the target cannot hold a value ({@link Dialect#refusal})
     */
    private Object[] valuesOf(List<Column> columns, Row row) {
        Object[] values = new Object[columns.size()];
        for (int i = 0; i < values.length; i++) {
            Column c = columns.get(i);
            values[i] = row.get(c.name());
            java.util.Optional<String> refusal = dialect.refusal(c.type(), values[i]);
            if (refusal.isPresent()) {
                throw new IllegalArgumentException("column " + c.name() + ": " + refusal.get() + " (SPEC.md section 11)");
            }
        }
        return values;
    }
}
