package io.idaas.ddml;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a DML event changed.
 *
 * @param op      the operation
 * @param key     the primary-key columns and values; null for truncate and tables without a key
 * @param before  the row before (update, delete); null when the source did not give it. It may
 *                hold only some columns (e.g. only the key, for PostgreSQL without REPLICA IDENTITY FULL)
 * @param after   the row after (insert, update, read); null for delete and truncate
 * @param changed for updates, the names of the columns whose value changed, in table order; null
 *                when unknown or not an update
 * @param omitted set when the producer left the rows out (SPEC.md §6.1): then {@code before}, {@code after} and
 *                {@code changed} are null, and the event must be reported, not applied; null otherwise
 */
public record DmlChange(DmlOp op, Row key, Row before, Row after, List<String> changed, Omitted omitted) {

    /** Checks which rows the op allows. */
    public DmlChange {
        Objects.requireNonNull(op, "dml.op");
        changed = changed == null ? null : List.copyOf(changed);
        if (omitted != null) {
            require(op != DmlOp.TRUNCATE && before == null && after == null && changed == null,
                "a change whose rows were omitted carries no before, after or changed, and is not a truncate");
        } else {
            requireRows(op, before, after, changed, key);
        }
    }

    private static void requireRows(DmlOp op, Row before, Row after, List<String> changed, Row key) {
        switch (op) {
            case INSERT, READ -> require(after != null && before == null && changed == null,
                op.wireName() + " needs after, and no before or changed");
            case UPDATE -> require(after != null, "update needs after");
            case DELETE -> require(after == null && changed == null && (before != null || key != null),
                "delete needs before or key, and no after or changed");
            case TRUNCATE -> require(key == null && before == null && after == null && changed == null,
                "truncate carries no key or rows");
        }
    }

    /** A change with every row present (no {@code omitted}). */
    public DmlChange(DmlOp op, Row key, Row before, Row after, List<String> changed) {
        this(op, key, before, after, changed, null);
    }

    /** This change with other rows, keeping its op and {@code omitted}. */
    public DmlChange withRows(Row key, Row before, Row after, List<String> changed) {
        return new DmlChange(op, key, before, after, changed, omitted);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** An insert of {@code after}; the key is filled from the schema's primary key. */
    public static DmlChange insert(Row after) {
        return new DmlChange(DmlOp.INSERT, null, null, after, null);
    }

    /** A snapshot read of {@code after}. */
    public static DmlChange read(Row after) {
        return new DmlChange(DmlOp.READ, null, null, after, null);
    }

    /** An update from {@code before} (may be null) to {@code after}, with the changed columns computed when before is known. */
    public static DmlChange update(Row before, Row after) {
        return new DmlChange(DmlOp.UPDATE, null, before, after, before == null ? null : changedColumns(before, after));
    }

    /** A delete of {@code before}. */
    public static DmlChange delete(Row before) {
        return new DmlChange(DmlOp.DELETE, null, before, null, null);
    }

    /** A truncate. */
    public static DmlChange truncate() {
        return new DmlChange(DmlOp.TRUNCATE, null, null, null, null);
    }

    /** This change with {@code key} as its key. */
    public DmlChange withKey(Row key) {
        return new DmlChange(op, key, before, after, changed, omitted);
    }

    /** The columns of {@code after} whose value differs from {@code before}'s (absent in before counts as changed). */
    public static List<String> changedColumns(Row before, Row after) {
        List<String> out = new ArrayList<>();
        if (before.values() instanceof ColumnValues b && after.values() instanceof ColumnValues a && a.columns() == b.columns()) {
            for (int i = 0; i < a.columns().size(); i++) { // rows of one schema: compared by column index
                if (a.has(i) && (!b.has(i) || !Row.valueEquals(b.valueAt(i), a.valueAt(i)))) {
                    out.add(a.columns().get(i).name());
                }
            }
            return out;
        }
        for (Map.Entry<String, Object> e : after.values().entrySet()) {
            if (!before.has(e.getKey()) || !Row.valueEquals(before.get(e.getKey()), e.getValue())) {
                out.add(e.getKey());
            }
        }
        return out;
    }
}
