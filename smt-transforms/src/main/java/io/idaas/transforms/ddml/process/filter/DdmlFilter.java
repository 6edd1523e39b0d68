package io.idaas.transforms.ddml.process.filter;

import io.idaas.ddml.DdmlEvent;
import io.idaas.ddml.DmlChange;
import io.idaas.ddml.TableSchema;
import io.idaas.transforms.ddml.process.DdmlTransformation;
import io.idaas.transforms.ddml.process.Events;
import io.idaas.transforms.ddml.process.TableSelector;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.errors.DataException;

/**
 * Keeps the DDML events of some tables, some ops and the rows that satisfy a condition, so that a target holds
 * exactly the rows that match:
 *
 * <ol>
 *   <li>an event (DDL included) of a table that {@code tables.include} / {@code tables.exclude} leave out is
 *       dropped;</li>
 *   <li>a row change of a table {@code condition.tables} selects goes through the {@code condition} ({@link RowFilter}:
 *       an update moving a row out of the condition becomes a delete of the old row, one moving a row in an insert of
 *       the new row);</li>
 *   <li>an event whose op (after 2) is not in {@code ops} is dropped.</li>
 * </ol>
 *
 * <p>DDL events are not tested by the condition. Tombstones, control records and values that are not DDML pass
 * ({@link DdmlTransformation}). A condition that does not fit a table (a literal of the wrong type for its column, or
 * a column the table lacks with {@code condition.missing.column=fail}) fails the record with a
 * {@link DataException} naming the column, the table and the fix.
 *
 * @param <R> the record type
 */
public class DdmlFilter<R extends ConnectRecord<R>> extends DdmlTransformation<R> {

    /** What the transform does, for generated docs. */
    public static final String OVERVIEW_DOC = "Keeps the DDML events of the tables, ops and rows it is told to: table "
        + "include/exclude patterns, a list of ops, and a typed row condition (status = 'paid' AND amount > 100) under "
        + "which an update moving a row out of the condition becomes a delete and one moving a row in an insert.";

    /** The configuration definition. */
    public static final ConfigDef CONFIG_DEF = DdmlFilterConfig.CONFIG_DEF;

    private static final int SCHEMAS_REMEMBERED = 1_000;

    private TableSelector tables;
    private Set<String> ops;
    private Condition condition;
    private TableSelector conditionTables;
    private boolean missingAsNull;
    private final Map<String, RowFilter> filters = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, RowFilter> eldest) {
            return size() > SCHEMAS_REMEMBERED;
        }
    };

    @Override
    public void configure(Map<String, ?> props) {
        DdmlFilterConfig config = new DdmlFilterConfig(props);
        tables = config.tables();
        ops = config.ops();
        condition = config.condition();
        conditionTables = config.conditionTables();
        missingAsNull = config.missingColumnAsNull();
        filters.clear();
    }

    @Override
    protected R apply(R record, DdmlEvent event) {
        if (!tables.selects(event)) {
            return null;
        }
        if (event.ddl() != null) {
            return ops.contains(event.ddl().op().wireName()) ? record : null;
        }
        DmlChange dml = event.dml();
        DmlChange out = dml;
        if (condition != null && conditionTables.selects(event.source().tableRef())) {
            out = filter(record, event).apply(dml, event.schema());
        }
        if (out == null || !ops.contains(out.op().wireName())) {
            return null;
        }
        return out == dml ? record : emit(record, Events.withDml(event, out));
    }

    private RowFilter filter(R record, DdmlEvent event) {
        TableSchema schema = event.schema();
        RowFilter f = filters.get(schema.fingerprint());
        if (f == null) {
            try {
                BoundCondition bound = condition.bind(schema, missingAsNull);
                Set<String> columns = new LinkedHashSet<>(condition.columns());
                columns.removeIf(c -> schema.column(c).isEmpty());
                f = new RowFilter(bound, columns);
            } catch (IllegalArgumentException e) {
                throw new DataException(where(record) + " (table " + Events.qualified(event.source()) + ", event "
                    + event.id() + "): DdmlFilter's condition does not fit the table: " + e.getMessage() + ". Fix the "
                    + "condition, or leave the table out of it with condition.tables" + (missingAsNull ? ""
                    : ", or set condition.missing.column=null to read a column the table lacks as NULL"), e);
            }
            filters.put(schema.fingerprint(), f);
        }
        return f;
    }

    /** A tombstone of a topic whose last event's table is left out is dropped too; others pass (sinks skip them). */
    @Override
    protected R tombstone(R record) {
        io.idaas.ddml.Source last = lastSource(record.topic());
        return last != null && !tables.selects(last.tableRef()) ? null : record;
    }

    @Override
    public ConfigDef config() {
        return CONFIG_DEF;
    }
}
