package io.idaas.ddml;

import java.util.List;

/**
 * Finds the columns of a row's values, in the row's order, for writers: a row of an event is in its schema's column
 * order, so each value's column is found by walking on from the last one found, without searching the schema again
 * for every value; a value out of that order is looked up.
 */
final class ColumnCursor {

    private final List<Column> columns;
    private int next;

    ColumnCursor(TableSchema schema) {
        this.columns = schema.columns();
    }

    /**
     * The column named {@code name}.
     *
     * @throws java.util.NoSuchElementException when the schema has no such column
     */
    Column column(String name) {
        return columns.get(index(name));
    }

    /**
     * The index in the schema's columns of the column named {@code name}.
     *
     * @throws java.util.NoSuchElementException when the schema has no such column
     */
    int index(String name) {
        for (int i = next; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                next = i + 1;
                return i;
            }
        }
        for (int i = 0; i < next; i++) {
            if (columns.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new java.util.NoSuchElementException("column " + name + " is not in the table schema");
    }
}
