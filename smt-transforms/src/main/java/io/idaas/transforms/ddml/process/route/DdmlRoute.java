package io.idaas.transforms.ddml.process.route;

import io.idaas.ddml.Column;
import io.idaas.ddml.DdlChange;
import io.idaas.ddml.DdmlEvent;
import io.idaas.ddml.Row;
import io.idaas.ddml.Source;
import io.idaas.ddml.TableRef;
import io.idaas.ddml.types.PortableType;
import io.idaas.transforms.ddml.process.ColumnAppender;
import io.idaas.transforms.ddml.process.DdmlTransformation;
import io.idaas.transforms.ddml.process.EventRewriter;
import io.idaas.transforms.ddml.process.Events;
import io.idaas.transforms.ddml.process.TableSelector;
import io.idaas.transforms.ddml.dml.DdmlKeys;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Renames tables and topics by pattern, many source tables into one included (shards {@code orders_0} ..
 * {@code orders_n} into {@code orders}): the event's {@code source.table} (and a rename_table's old name), which the
 * idaas sinks name the target table by, and on a source connector the record's topic. With {@code key.table.column}
 * the table's name before the renaming is added as a column and to the primary key, so the rows of different source
 * tables with the same key stay apart in the target; without it they overwrite each other (the user's choice, for keys
 * unique across the tables).
 *
 * @param <R> the record type
 */
public class DdmlRoute<R extends ConnectRecord<R>> extends DdmlTransformation<R> {

    /** What the transform does, for generated docs. */
    public static final String OVERVIEW_DOC = "Renames the tables (source.table, which sinks name their target table by) "
        + "and topics of DDML events by pattern, many tables into one included, optionally keeping the source table in a "
        + "key column so that rows of different shards stay apart.";

    /** The configuration definition. */
    public static final ConfigDef CONFIG_DEF = DdmlRouteConfig.CONFIG_DEF;

    private TableSelector tables;
    private Pattern tableRegex;
    private String tableReplacement;
    private Pattern topicRegex;
    private String topicReplacement;
    private String keyColumn;
    private EventRewriter keyed;

    @Override
    public void configure(Map<String, ?> props) {
        DdmlRouteConfig config = new DdmlRouteConfig(props);
        tables = config.tables();
        tableRegex = config.tableRegex();
        tableReplacement = config.tableReplacement();
        topicRegex = config.topicRegex();
        topicReplacement = config.topicReplacement();
        keyColumn = config.keyColumn();
        keyed = keyColumn == null ? null : new EventRewriter(EventRewriter.IDENTITY, new SourceTableColumn(keyColumn));
    }

    /** The source table's name (before the renaming) as a NOT NULL string column of the key. */
    private record SourceTableColumn(String name) implements ColumnAppender {
        @Override
        public List<Column> columns() {
            return List.of(Column.builder(name, PortableType.STRING).nullable(false).build());
        }

        @Override
        public boolean inKey() {
            return true;
        }

        @Override
        public Object value(Column column, DdmlEvent event, Row row, String role) {
            return event.source().table();
        }
    }

    @Override
    protected R apply(R record, DdmlEvent event) {
        if (!tables.selects(event)) {
            return record;
        }
        DdmlEvent out = event;
        String table = renamed(event.source().table());
        if (!table.equals(event.source().table())) {
            if (keyed != null) {
                try {
                    out = keyed.rewrite(out);
                } catch (IllegalArgumentException e) {
                    throw new DataException(where(record) + " (table " + Events.qualified(event.source()) + ", event "
                        + event.id() + "): DdmlRoute cannot add key.table.column to the table: " + e.getMessage()
                        + ": choose another key.table.column", e);
                }
            }
            Source s = out.source();
            out = Events.with(out, new Source(s.system(), s.name(), s.database(), s.schema(), table), out.schema(), out.dml(),
                out.ddl());
        }
        if (out.ddl() != null && out.ddl().renamedFrom() != null) {
            TableRef from = out.ddl().renamedFrom();
            String old = renamed(from.table());
            if (!old.equals(from.table())) {
                DdlChange ddl = Events.copy(out.ddl()).renamedFrom(new TableRef(from.database(), from.schema(), old)).build();
                out = Events.with(out, out.schema(), null, ddl);
            }
        }
        String topic = topic(record);
        return out == event && topic.equals(record.topic()) ? record : emit(record, out, topic);
    }

    /** A tombstone goes to the routed topic, with the source table in its key when key.table.column is set. */
    @Override
    protected R tombstone(R record) {
        String topic = topic(record);
        Source last = lastSource(record.topic());
        Map<String, Object> key = record.key() instanceof Map<?, ?> m ? new LinkedHashMap<>(castMap(m)) : null;
        boolean keyChanged = false;
        if (keyed != null && key != null && last != null && tables.selects(last.tableRef())
                && !renamed(last.table()).equals(last.table()) && !key.containsKey(DdmlKeys.ID_FIELD)) {
            key.put(keyColumn, last.table());
            keyChanged = true;
        }
        if (!keyChanged && topic.equals(record.topic())) {
            return record;
        }
        return tombstone(record, topic, keyChanged ? key : castMap((Map<?, ?>) record.key()));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Map<?, ?> m) {
        return (Map<String, Object>) m;
    }

    private String renamed(String table) {
        if (tableRegex == null) {
            return table;
        }
        Matcher m = tableRegex.matcher(table);
        return m.matches() ? m.replaceFirst(tableReplacement) : table;
    }

    private String topic(R record) {
        if (topicRegex == null) {
            return record.topic();
        }
        Matcher m = topicRegex.matcher(record.topic());
        if (!m.matches()) {
            return record.topic();
        }
        String topic = m.replaceFirst(topicReplacement);
        if (record instanceof SinkRecord && !topic.equals(record.topic())) {
            throw new DataException(where(record) + ": DdmlRoute would move it to topic '" + topic + "', but a sink "
                + "connector keeps its offsets (in Kafka and in the idaas sinks' targets) under the topics it reads, so "
                + "renaming topics on a sink loses track of them: unset topic.regex on the sink (table.regex names the "
                + "target table), or route topics on the source connector");
        }
        return topic;
    }

    @Override
    public ConfigDef config() {
        return CONFIG_DEF;
    }
}
