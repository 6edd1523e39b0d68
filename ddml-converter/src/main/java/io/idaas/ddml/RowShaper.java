package io.idaas.ddml;

import java.util.LinkedHashMap;
import java.util.List;

/** Brings a DML change in line with its table schema: values normalized, rows in column order, key filled. */
final class RowShaper {

    private RowShaper() {
    }

    static DmlChange shape(DmlChange dml, TableSchema schema) {
        Row before = row(dml.before(), schema, "before");
        Row after = row(dml.after(), schema, "after");
        Row key = row(dml.key(), schema, "key");
        if (dml.changed() != null) {
            for (String c : dml.changed()) {
                requireColumn(schema, c, "changed");
            }
        }
        if (dml.op() == DmlOp.TRUNCATE) {
            return dml;
        }
        List<String> pk = schema.primaryKey();
        if (key == null && !pk.isEmpty() && dml.omitted() == null) {
            key = keyOf(dml.op() == DmlOp.DELETE ? before : after, pk);
        }
        if (key != null && !sameColumns(key, pk)) {
            throw new IllegalArgumentException("dml.key columns " + key.columns() + " are not the primary key " + pk);
        }
        return dml.withRows(key, before, after, dml.changed());
    }

    /** Whether the key row holds exactly the primary-key columns (as sets: each of one is in the other). */
    private static boolean sameColumns(Row key, List<String> pk) {
        for (String k : pk) {
            if (!key.has(k)) {
                return false;
            }
        }
        for (String c : key.columns()) {
            if (!pk.contains(c)) {
                return false;
            }
        }
        return true;
    }

    private static Row keyOf(Row row, List<String> pk) {
        LinkedHashMap<String, Object> key = new LinkedHashMap<>();
        for (String k : pk) {
            if (row == null || !row.has(k)) {
                throw new IllegalArgumentException("no value for primary key column " + k + " to build dml.key");
            }
            key.put(k, row.get(k));
        }
        return Row.of(key);
    }

    private static Row row(Row row, TableSchema schema, String what) {
        if (row == null || row.isShapedFor(schema)) {
            return row;
        }
        return Row.shape(schema, what, row.values(), false);
    }

    private static void requireColumn(TableSchema schema, String name, String what) {
        if (schema.column(name).isEmpty()) {
            throw new IllegalArgumentException(what + " names column " + name + ", which is not in the table schema");
        }
    }
}
