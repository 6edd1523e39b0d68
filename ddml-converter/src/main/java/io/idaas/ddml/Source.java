package io.idaas.ddml;

import java.util.Objects;

/**
 * Where a change happened.
 *
 * @param system   the source system's wire name ({@link SourceSystem#wireName()}), e.g. {@code "mariadb"}
 * @param name     the logical server name (Debezium's {@code topic.prefix}); part of the event id
 * @param database the database (MongoDB: the database; Oracle: the PDB or database name)
 * @param schema   the schema within the database; null where the system has none (MySQL, MariaDB, MongoDB)
 * @param table    the table (MongoDB: the collection)
 */
public record Source(String system, String name, String database, String schema, String table) {

    /** Checks the required parts. */
    public Source {
        Objects.requireNonNull(system, "source.system");
        Objects.requireNonNull(name, "source.name");
        Objects.requireNonNull(table, "source.table");
    }

    /** A source of a v1.0 system. */
    public static Source of(SourceSystem system, String name, String database, String schema, String table) {
        return new Source(system.wireName(), name, database, schema, table);
    }

    /** The table this source names. */
    public TableRef tableRef() {
        return new TableRef(database, schema, table);
    }
}
