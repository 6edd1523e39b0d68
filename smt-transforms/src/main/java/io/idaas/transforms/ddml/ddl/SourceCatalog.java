package io.idaas.transforms.ddml.ddl;

import java.util.Map;

/**
 * The source database's own description of a table, for what its log does not carry: the columns' default
 * expressions. Read when a DDL event is derived (SPEC §7.3), so it describes the table as it is then, which may be
 * later than the change being read when the connector lags.
 */
public interface SourceCatalog extends AutoCloseable {

    /** A catalog that knows nothing. */
    SourceCatalog NONE = (schema, table) -> Map.of();

    /**
     * The default expressions of the table's columns that have one, by column name, as the source writes them (e.g.
     * PostgreSQL's {@code pg_get_expr}: {@code 'x'::character varying}, {@code now()}, {@code nextval('t_id_seq'::regclass)});
     * empty when the table is not found or the catalog cannot be read (the reason is logged).
     */
    Map<String, String> defaults(String schema, String table);

    @Override
    default void close() {
    }
}
