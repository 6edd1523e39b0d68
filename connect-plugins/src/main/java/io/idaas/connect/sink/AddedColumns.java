package io.idaas.connect.sink;

import io.idaas.ddml.Column;
import io.idaas.ddml.DdmlEvent;
import io.idaas.ddml.TableSchema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The columns an {@code alter_table} adds, for a sink that keeps no list of its target's columns (the Redis and MongoDB
 * sinks): those the event names ({@code ddl.added}), and those of its schema (the authority, SPEC.md section 7) that the
 * rows of the table this task wrote last did not have. An alter_table may come without {@code ddl.added}: one read again
 * after a source connector restarted did (before ToDdml took it from the statement), and a producer may leave out what
 * SPEC.md section 7 lets a consumer diff. One per task, not thread-safe; it holds one set of column names per table.
 */
public final class AddedColumns {

    /** Why a column counts as added. */
    public enum Reason {
        /** The event names it in {@code ddl.added}. */
        NAMED,
        /** The rows of the table this task wrote last had no such column. */
        NOT_IN_WRITTEN_ROWS,
        /** This task wrote no row of the table since it started: every column outside the key may be new. */
        NOTHING_WRITTEN
    }

    /**
     * A column an alter_table adds.
     *
     * @param column its definition after the change
     * @param reason why it counts as added
     */
    public record Added(Column column, Reason reason) {

        /** Whether it is known to be new (named, or missing from the rows written last), not only possibly new. */
        public boolean known() {
            return reason != Reason.NOTHING_WRITTEN;
        }

        /** Whether the source fills the rows it had with a default other than NULL. */
        public boolean defaulted() {
            return column.defaultValue() != null && !column.defaultValue().equalsIgnoreCase("null");
        }
    }

    private final Map<String, Set<String>> written = new HashMap<>();

    /** Remembers the columns of the schema of a row of {@code table} this task wrote. */
    public void written(String table, TableSchema schema) {
        if (schema != null) {
            written.put(table, names(schema));
        }
    }

    /**
     * The columns the alter_table {@code event} of {@code table} adds, in table order; remembers its schema as the
     * table's columns. Empty when the event has no schema.
     */
    public List<Added> of(String table, DdmlEvent event) {
        TableSchema schema = event.schema();
        if (schema == null) {
            return List.of();
        }
        Set<String> seen = written.get(table);
        List<Added> out = new ArrayList<>();
        for (Column c : schema.columns()) {
            if (event.ddl() != null && event.ddl().added().stream().anyMatch(a -> a.name().equals(c.name()))) {
                out.add(new Added(c, Reason.NAMED));
            } else if (seen != null && !seen.contains(c.name())) {
                out.add(new Added(c, Reason.NOT_IN_WRITTEN_ROWS));
            } else if (seen == null && !schema.primaryKey().contains(c.name())) {
                out.add(new Added(c, Reason.NOTHING_WRITTEN));
            }
        }
        written.put(table, names(schema));
        return out;
    }

    private static Set<String> names(TableSchema schema) {
        Set<String> names = new HashSet<>();
        schema.columns().forEach(c -> names.add(c.name()));
        return names;
    }
}
