package io.idaas.ddml;

import java.util.Objects;

/**
 * A table's name within a source.
 *
 * @param database the database, null when unknown
 * @param schema   the schema, null where the system has none
 * @param table    the table
 */
public record TableRef(String database, String schema, String table) {

    /** Checks that the table is named. */
    public TableRef {
        Objects.requireNonNull(table, "table");
    }
}
