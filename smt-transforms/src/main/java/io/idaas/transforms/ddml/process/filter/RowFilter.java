package io.idaas.transforms.ddml.process.filter;

import io.idaas.ddml.DmlChange;
import io.idaas.ddml.DmlOp;
import io.idaas.ddml.Row;
import io.idaas.ddml.TableSchema;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Applies a row condition to one DML change (SPEC.md section 6) so that a target holding only the matching rows stays
 * right: what is kept, dropped, or sent on as another op.
 *
 * <ul>
 *   <li>insert, read: kept when the new row matches;</li>
 *   <li>delete: kept when the old row matches, or when it cannot be told (the old row lacks a column the condition
 *       reads, e.g. PostgreSQL's key-only old row): deleting a row the target does not hold changes nothing;</li>
 *   <li>update: old and new match: the update; neither: dropped; old only: a delete of the old row; new only: an
 *       insert of the new row. An old row that is unknown (absent, or lacking a column the condition reads) counts as
 *       matching: the update is sent on (sinks apply it as an upsert) or a delete by key. A new row lacking a column
 *       takes the old row's value for it (an unchanged TOASTed PostgreSQL value); when neither has it, the update is
 *       sent on unchanged;</li>
 *   <li>truncate, and a change whose rows were left out by its producer ({@code dml.omitted}): sent on unchanged.</li>
 * </ul>
 */
final class RowFilter {

    private enum Match { TRUE, FALSE, UNKNOWN }

    private final BoundCondition condition;
    private final Set<String> columns;

    /**
     * @param condition the condition bound to the change's schema
     * @param columns   the columns it reads that the schema has
     */
    RowFilter(BoundCondition condition, Set<String> columns) {
        this.condition = condition;
        this.columns = columns;
    }

    /** The change to send on: {@code dml} itself, another change, or null to drop it. */
    DmlChange apply(DmlChange dml, TableSchema schema) {
        if (dml.omitted() != null || dml.op() == DmlOp.TRUNCATE) {
            return dml;
        }
        return switch (dml.op()) {
            case INSERT, READ -> match(dml.after()) == Match.FALSE ? null : dml;
            case DELETE -> match(dml.before()) == Match.FALSE ? null : dml;
            case UPDATE -> update(dml);
            case TRUNCATE -> dml;
        };
    }

    private DmlChange update(DmlChange dml) {
        Row after = completed(dml.after(), dml.before());
        Match now = match(after);
        Match was = match(dml.before());
        if (now == Match.UNKNOWN) {
            return dml;
        }
        if (now == Match.TRUE) {
            return was == Match.FALSE ? new DmlChange(DmlOp.INSERT, dml.key(), null, after, null) : dml;
        }
        if (was == Match.FALSE) {
            return null;
        }
        if (dml.before() == null && dml.key() == null) {
            return dml; // a table without a key and no old row: nothing names the row to delete
        }
        return new DmlChange(DmlOp.DELETE, dml.key(), dml.before(), null, null);
    }

    /** The new row with the old row's values for the columns it lacks (unchanged values a source left out). */
    private static Row completed(Row after, Row before) {
        if (before == null || after.columns().containsAll(before.columns())) {
            return after;
        }
        Map<String, Object> values = new LinkedHashMap<>(before.values());
        values.putAll(after.values());
        return Row.of(values);
    }

    private Match match(Row row) {
        if (row == null) {
            return Match.UNKNOWN;
        }
        for (String c : columns) {
            if (!row.has(c)) {
                return Match.UNKNOWN;
            }
        }
        return Boolean.TRUE.equals(condition.test(row)) ? Match.TRUE : Match.FALSE;
    }
}
