package io.idaas.transforms.ddml.ddl;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A table as the source's catalog describes it when it is read: its identity, and every column number the table has
 * given out, in number order. A column keeps its number for the table's life, through renames and type changes; a new
 * column takes a number higher than any the table gave out before; a dropped column's number stays, marked dropped, and
 * is never given out again (PostgreSQL's {@code pg_attribute.attnum} and {@code attisdropped}).
 *
 * @param relationId the table's identity (PostgreSQL: the {@code pg_class} oid); a table dropped and created again under
 *                   the same name has another
 * @param columns    every column number of the table, in number order: live, generated and dropped columns
 */
public record CatalogTable(long relationId, List<CatalogColumn> columns) {

    /** Copies the list. */
    public CatalogTable {
        columns = List.copyOf(columns);
    }

    /**
     * A column number of the table.
     *
     * @param number       the column's number
     * @param name         its name; meaningless when dropped
     * @param dropped      whether the column was dropped
     * @param generated    whether it is a generated column (not in PostgreSQL 17's log)
     * @param defaultValue its default as the source writes it (e.g. {@code 'x'::character varying}); null when none
     */
    public record CatalogColumn(int number, String name, boolean dropped, boolean generated, String defaultValue) {
    }

    /** The default expressions of the live columns that have one, by name. */
    public Map<String, String> defaults() {
        Map<String, String> out = new LinkedHashMap<>();
        for (CatalogColumn c : columns) {
            if (!c.dropped() && c.defaultValue() != null) {
                out.put(c.name(), c.defaultValue());
            }
        }
        return out;
    }
}
