package io.idaas.transforms.ddml.ddl;

import java.util.Optional;

/**
 * The source database's own description of a table, for what its log does not carry: the columns' default expressions
 * and the columns' numbers (their identity through renames). Read when a DDL event is derived (SPEC §7.3), so it
 * describes the table as it is then, which may be later than the change being read when the connector lags.
 */
public interface SourceCatalog extends AutoCloseable {

    /** A catalog that knows nothing. */
    SourceCatalog NONE = (schema, table) -> Optional.empty();

    /**
     * The table as the catalog describes it now; empty when it is not found or the catalog cannot be read (the reason
     * is logged).
     */
    Optional<CatalogTable> table(String schema, String table);

    @Override
    default void close() {
    }
}
