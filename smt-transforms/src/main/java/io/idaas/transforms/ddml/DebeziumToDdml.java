package io.idaas.transforms.ddml;

import io.idaas.ddml.DdmlEvent;
import io.idaas.ddml.SourceSystem;
import io.idaas.transforms.ddml.ToDdmlConfig.TombstoneHandling;
import io.idaas.transforms.ddml.debezium.BadRecord;
import io.idaas.transforms.ddml.debezium.DebeziumChange;
import io.idaas.transforms.ddml.debezium.SemanticNames;
import io.idaas.transforms.ddml.debezium.TableTopics;
import io.idaas.transforms.ddml.ShapeCache.TableKey;
import io.idaas.transforms.ddml.ddl.SchemaChanges;
import io.idaas.transforms.ddml.dml.DdmlOutput;
import io.idaas.transforms.ddml.dml.MongoDml;
import io.idaas.transforms.ddml.dml.RelationalDml;
import io.idaas.transforms.ddml.dml.Tombstones;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Struct;

/**
 * The mapping from Debezium records to DDML records that {@link ToDdml} and the
 * {@link io.idaas.transforms.ddml.source.DdmlSourceConnector} share. It keeps the per-task state
 * ({@link MappingContext}); one instance per connector task, called from one thread.
 */
public final class DebeziumToDdml {

    /**
     * What became of a record.
     *
     * @param passThrough true when the record is not a change event but a Debezium record to keep as
     *                    it is (heartbeat, transaction metadata)
     * @param outputs     the DDML records, in order; empty when the record is dropped
     */
    public record Mapped(boolean passThrough, List<DdmlOutput> outputs) {

        static Mapped passed() {
            return new Mapped(true, List.of());
        }

        static Mapped of(List<DdmlOutput> outputs) {
            return new Mapped(false, outputs);
        }
    }

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DebeziumToDdml.class);

    private final ToDdmlConfig config;
    private final MappingContext ctx;
    private final java.util.concurrent.atomic.AtomicLong omitted = new java.util.concurrent.atomic.AtomicLong();

    /** A mapper with the system clock. */
    public DebeziumToDdml(ToDdmlConfig config) {
        this(config, MappingContext::systemMicros);
    }

    /** A mapper whose emit times come from {@code clockMicros}. */
    public DebeziumToDdml(ToDdmlConfig config, LongSupplier clockMicros) {
        this(config, clockMicros, TableTopics.debeziumDefaults());
    }

    /**
     * A mapper whose emit times come from {@code clockMicros}, and whose DDL events go where {@code tableTopics} says
     * (the connector's own topic naming and table filter, for the DdmlSourceConnector).
     */
    public DebeziumToDdml(ToDdmlConfig config, LongSupplier clockMicros, TableTopics tableTopics) {
        this.config = config;
        this.ctx = new MappingContext(config.tableCacheSize(), config.unavailableValuePlaceholder(), clockMicros, tableTopics);
    }

    /** The configuration. */
    public ToDdmlConfig config() {
        return config;
    }

    /**
     * Maps one record.
     *
     * @throws org.apache.kafka.connect.errors.DataException naming the record when it is not a Debezium
     *         event or its content does not fit DDML
     */
    public Mapped map(ConnectRecord<?> record) {
        Object value = record.value();
        if (value == null) {
            if (config.tombstones() == TombstoneHandling.DROP) {
                return Mapped.of(List.of());
            }
            Map<String, Object> key = Tombstones.key(record, ctx);
            if (key == null) {
                throw BadRecord.notDebezium(record, "a tombstone (null value) without a Struct key");
            }
            return Mapped.of(List.of(DdmlOutput.tombstone(record.topic(), key)));
        }
        if (value instanceof Struct s && isOtherDebeziumRecord(s)) {
            return Mapped.passed();
        }
        if (SchemaChanges.isSchemaChange(value)) {
            return Mapped.of(SchemaChanges.map(record, ctx));
        }
        DebeziumChange change = DebeziumChange.of(record);
        DdmlEvent event = change.source().system() == SourceSystem.MONGODB
            ? MongoDml.map(record, change, ctx) : RelationalDml.map(record, change, ctx);
        requireDdlTopic(record, event);
        if (event.dml().omitted() != null) {
            LOG.warn("The {} of {} (event {}, key {}) holds a value DDML cannot carry: it is written without its rows "
                    + "(dml.omitted), and sinks send it to their dead-letter topic; the row is stale in every copy until its "
                    + "next change or a repair. {}. Changes written so by this task: {}", event.dml().op().wireName(),
                event.source().tableRef(), event.id(), event.dml().key() == null ? "none" : event.dml().key().values(),
                event.dml().omitted().detail(), omitted.incrementAndGet());
        }
        return Mapped.of(List.of(DdmlOutput.of(record.topic(), event)));
    }

    /** Changes this mapper wrote without their rows because a value has no DDML value. */
    public long omitted() {
        return omitted.get();
    }

    /**
     * Checks that the table's DDL events went to the topic its data change events do: DDL topics are computed with
     * Debezium's naming rule, which, for the ToDdml transform, is the system's default one (SPEC.md section 9.2).
     */
    private void requireDdlTopic(ConnectRecord<?> record, DdmlEvent event) {
        TableKey key = new TableKey(event.source().name(), event.source().database(), event.source().schema(),
            event.source().table());
        String ddlTopic = ctx.ddlTopics().get(key);
        if (ddlTopic != null && !ddlTopic.equals(record.topic())) {
            throw BadRecord.unmappable(record, "the DDL events of table " + event.source().tableRef() + " went to topic '"
                + ddlTopic + "' (Debezium's default topic naming), but its data change events arrive on '" + record.topic()
                + "', so a consumer of this topic would miss the table's DDL",
                "with a topic.naming.strategy, topic.delimiter or routing transform of your own, run the connector "
                    + "wrapped by io.idaas.transforms.ddml.source.DdmlSourceConnector (ddml.delegate.connector.class), "
                    + "which names DDL topics with the connector's own configuration, instead of the ToDdml transform", null);
        }
    }

    private static boolean isOtherDebeziumRecord(Struct value) {
        String name = value.schema().name();
        return name != null && (name.equals(SemanticNames.HEARTBEAT) || name.endsWith(SemanticNames.TRANSACTION_METADATA_SUFFIX));
    }
}
