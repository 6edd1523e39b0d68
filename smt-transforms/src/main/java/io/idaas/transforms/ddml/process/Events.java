package io.idaas.transforms.ddml.process;

import io.idaas.ddml.DdlChange;
import io.idaas.ddml.DdmlEvent;
import io.idaas.ddml.DmlChange;
import io.idaas.ddml.Source;
import io.idaas.ddml.TableRef;
import io.idaas.ddml.TableSchema;

/** Small helpers to make an event from another: the same identity, position, transaction and times. */
public final class Events {

    private Events() {
    }

    /** {@code event} with another source block, schema and change (exactly one of {@code dml} and {@code ddl}). */
    public static DdmlEvent with(DdmlEvent event, Source source, TableSchema schema, DmlChange dml, DdlChange ddl) {
        return new DdmlEvent(event.specVersion(), event.id(), source, event.position(), event.transaction(), event.time(),
            schema, dml, ddl);
    }

    /** {@code event} with another schema and change, its source kept. */
    public static DdmlEvent with(DdmlEvent event, TableSchema schema, DmlChange dml, DdlChange ddl) {
        return with(event, event.source(), schema, dml, ddl);
    }

    /** {@code event} with another DML change, its schema kept. */
    public static DdmlEvent withDml(DdmlEvent event, DmlChange dml) {
        return with(event, event.schema(), dml, null);
    }

    /** A builder holding every part of {@code ddl}, to change some of them. */
    public static DdlChange.Builder copy(DdlChange ddl) {
        return DdlChange.builder(ddl.op()).statement(ddl.statement()).derived(ddl.derived()).renamedFrom(ddl.renamedFrom())
            .added(ddl.added()).dropped(ddl.dropped()).modified(ddl.modified()).renamed(ddl.renamed())
            .primaryKey(ddl.primaryKey());
    }

    /**
     * A table's qualified name as Debezium's {@code table.include.list} spells it: {@code schema.table} where the
     * system has schemas (PostgreSQL, Oracle, SQL Server, Db2), else {@code database.table} (MySQL, MariaDB,
     * MongoDB), else the table alone.
     */
    public static String qualified(TableRef table) {
        if (table.schema() != null) {
            return table.schema() + "." + table.table();
        }
        return table.database() != null ? table.database() + "." + table.table() : table.table();
    }

    /** {@link #qualified(TableRef)} of an event's table. */
    public static String qualified(Source source) {
        return qualified(source.tableRef());
    }
}
