package io.idaas.transforms.ddml;

import io.idaas.transforms.ddml.DebeziumToDdml.Mapped;
import io.idaas.transforms.ddml.dml.DdmlOutput;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.transforms.Transformation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns Debezium change events into DDML records (SPEC.md): a single-message transform for the
 * Debezium PostgreSQL, MySQL, MariaDB, Oracle, SQL Server and MongoDB source connectors.
 *
 * <ul>
 *   <li>A data change event (op {@code c}, {@code u}, {@code d}, {@code r}, {@code t}) becomes a DML
 *       event on the same topic: the key is the DDML key (the key row, or {@code {"_ddml_id": id}}),
 *       the value is the event as {@code DdmlJson.toTree(event)} in Java maps and lists (schemaless,
 *       so that JsonConverter with {@code schemas.enable=false} writes exactly the DDML JSON).</li>
 *   <li>A tombstone is re-keyed to the DDML key and passed on (or dropped, {@code tombstones=drop}).</li>
 *   <li>A MySQL/MariaDB schema-change event becomes a DDL event on its table's DML topic
 *       ({@code <topic>.<database>.<table>}). A record changing several tables yields several events,
 *       but a transform returns one record: ToDdml returns the first and logs a warning naming the
 *       others; the {@link io.idaas.transforms.ddml.source.DdmlSourceConnector} emits them all.</li>
 *   <li>A change event holding a value DDML cannot carry exactly (a PostgreSQL {@code infinity}, a numeric NaN, a
 *       MySQL {@code TIME} outside a day) becomes, in its place on the same topic, the same DML event without its rows:
 *       {@code dml.omitted} with the reason {@code unrepresentable_value} and a detail naming the column and the value
 *       (SPEC.md sections 6.1 and 8.1), logged at WARN with a count; sinks dead-letter it.</li>
 *   <li>Heartbeats and transaction-metadata records pass through unchanged; anything else that is
 *       not a Debezium event fails with a {@link org.apache.kafka.connect.errors.DataException}
 *       naming the topic, partition and offset (Connect's {@code errors.tolerance} applies).</li>
 * </ul>
 *
 * <p>Every DDML record carries the headers {@code ddml.id}, {@code ddml.kind}, {@code ddml.op} and
 * {@code ddml.fingerprint} unless {@code headers.enabled=false}. DDL derived from PostgreSQL shape
 * changes needs a record before the DML record, which a transform cannot emit: use the
 * DdmlSourceConnector for it.
 *
 * @param <R> the record type
 */
public class ToDdml<R extends ConnectRecord<R>> implements Transformation<R>, Versioned {

    /** What the transform does, for generated docs. */
    public static final String OVERVIEW_DOC = "Turns Debezium change events (data changes, tombstones and MySQL/MariaDB "
        + "schema changes) into DDML events: schemaless maps that JsonConverter with schemas.enable=false writes as DDML JSON.";

    /** The configuration definition. */
    public static final ConfigDef CONFIG_DEF = ToDdmlConfig.CONFIG_DEF;

    private static final Logger LOG = LoggerFactory.getLogger(ToDdml.class);

    private DebeziumToDdml mapper;

    @Override
    public void configure(Map<String, ?> props) {
        configure(new DebeziumToDdml(new ToDdmlConfig(props)));
    }

    /** Configures with a given mapper (tests: a fixed clock). */
    void configure(DebeziumToDdml mapper) {
        this.mapper = mapper;
    }

    @Override
    public R apply(R record) {
        if (mapper == null) {
            throw new IllegalStateException("ToDdml is not configured");
        }
        Mapped mapped = mapper.map(record);
        if (mapped.passThrough()) {
            return record;
        }
        List<DdmlOutput> outputs = mapped.outputs();
        if (outputs.isEmpty()) {
            LOG.debug("ToDdml drops a record of topic {}: it describes nothing DDML carries", record.topic());
            return null;
        }
        if (outputs.size() > 1) {
            LOG.warn("ToDdml: a schema-change record of topic {} changes {} tables; a transform emits one record, so only the "
                    + "event for {} is emitted and these are NOT: {}. Use io.idaas.transforms.ddml.source.DdmlSourceConnector to "
                    + "emit every one.", record.topic(), outputs.size(), outputs.get(0).event().source().table(),
                outputs.subList(1, outputs.size()).stream().map(o -> o.event().ddl().op().wireName() + " " + o.topic()
                    + " (" + o.event().id() + ")").collect(Collectors.joining(", ")));
        }
        return DdmlRecords.toRecord(record, outputs.get(0), mapper.config().headersEnabled());
    }

    @Override
    public ConfigDef config() {
        return CONFIG_DEF;
    }

    @Override
    public String version() {
        return Versions.version();
    }

    @Override
    public void close() {
        mapper = null;
    }
}
