package io.idaas.transforms.ddml.process.computed;

import io.idaas.ddml.DdmlEvent;
import io.idaas.transforms.ddml.process.ColumnProcessor;
import io.idaas.transforms.ddml.process.EventRewriter;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.ConnectRecord;

/**
 * Adds a column computed from others, from literals and from the event's metadata (commit time, source table,
 * database, ...) at the end of each selected table: to its schema (typed by the declared portable type, the
 * fingerprint computed again), to the rows of its DML events ({@link ComputedValues}) and to the column list of its
 * create_table events; an alter_table's schema gets it too (and loses its statement, which no longer describes it).
 * The column is nullable and not part of the key.
 *
 * @param <R> the record type
 */
public class DdmlComputedColumn<R extends ConnectRecord<R>> extends ColumnProcessor<R> {

    /** What the transform does, for generated docs. */
    public static final String OVERVIEW_DOC = "Adds a typed column to DDML events, computed from columns, literals and "
        + "source metadata (first_name || ' ' || last_name, 'EU', @commit_time, @source.table), in rows, schema and DDL.";

    /** The configuration definition. */
    public static final ConfigDef CONFIG_DEF = DdmlComputedColumnConfig.CONFIG_DEF;

    private ComputedValues values;

    @Override
    public void configure(Map<String, ?> props) {
        DdmlComputedColumnConfig config = new DdmlComputedColumnConfig(props);
        values = new ComputedValues(config.column(), config.expression());
        configure(config.tables(), EventRewriter.IDENTITY, values);
    }

    @Override
    protected void check(DdmlEvent event) {
        if (event.schema() != null) {
            values.check(event.schema());
        }
    }

    @Override
    protected String failure(String problem) {
        return "DdmlComputedColumn cannot add its column to the table: " + problem + ". Change column, type or expression";
    }

    @Override
    public ConfigDef config() {
        return CONFIG_DEF;
    }
}
