package io.idaas.transforms.ddml.process;

import io.idaas.ddml.DdmlEvent;
import io.idaas.ddml.Source;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.errors.DataException;

/**
 * A processor that applies a {@link ColumnMapping} to the events of the selected tables ({@link EventRewriter}), and to
 * the key of a tombstone on the topic of a selected table ({@link ColumnMapping#keyEntry}), so that the tombstone
 * still matches the key of the rows it follows. A mapping that does not fit a table fails its record with a
 * {@link DataException} naming the record, the table, the problem and the fix.
 *
 * @param <R> the record type
 */
public abstract class ColumnProcessor<R extends ConnectRecord<R>> extends DdmlTransformation<R> {

    private TableSelector tables;
    private ColumnMapping mapping;
    private EventRewriter rewriter;

    /** Sets what the processor does; called by {@code configure}. */
    protected final void configure(TableSelector tables, ColumnMapping mapping) {
        configure(tables, mapping, null);
    }

    /** Sets what the processor does, columns added included ({@code appender}, null for none). */
    protected final void configure(TableSelector tables, ColumnMapping mapping, ColumnAppender appender) {
        this.tables = tables;
        this.mapping = mapping;
        this.rewriter = new EventRewriter(mapping, appender);
    }

    /**
     * Checks, before the mapping, that it fits the event's table.
     *
     * @throws IllegalArgumentException naming the column and the problem
     */
    protected void check(DdmlEvent event) {
    }

    /** The message of a record the mapping does not fit: {@code problem} and the fix. */
    protected abstract String failure(String problem);

    @Override
    protected final R apply(R record, DdmlEvent event) {
        if (!tables.selects(event)) {
            return record;
        }
        DdmlEvent out;
        try {
            check(event);
            out = rewriter.rewrite(event);
        } catch (IllegalArgumentException e) {
            throw new DataException(where(record) + " (table " + Events.qualified(event.source()) + ", event " + event.id()
                + "): " + failure(e.getMessage()) + ", or leave the table out with tables.exclude", e);
        }
        return out == event ? record : emit(record, out);
    }

    @Override
    protected final R tombstone(R record) {
        Source last = lastSource(record.topic());
        if (last == null || !tables.selects(last.tableRef()) || !(record.key() instanceof Map<?, ?> key)) {
            return record;
        }
        Map<String, Object> mapped = new LinkedHashMap<>();
        boolean changed = false;
        for (Map.Entry<?, ?> e : key.entrySet()) {
            Map.Entry<String, Object> m = mapping.keyEntry(String.valueOf(e.getKey()), e.getValue());
            changed |= !m.getKey().equals(e.getKey()) || !Objects.equals(m.getValue(), e.getValue());
            mapped.put(m.getKey(), m.getValue());
        }
        return changed ? tombstone(record, record.topic(), mapped) : record;
    }
}
