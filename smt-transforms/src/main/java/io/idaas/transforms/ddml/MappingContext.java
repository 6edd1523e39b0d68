package io.idaas.transforms.ddml;

import io.idaas.ddml.SourceSystem;
import io.idaas.ddml.TableSchema;
import io.idaas.transforms.ddml.ShapeCache.TableKey;
import io.idaas.transforms.ddml.position.IndexCounter;
import java.util.function.LongSupplier;

/**
 * The state ToDdml keeps between records of one connector task: index counters for sortable
 * positions, the last shape each table had in a schema-change event, and the last DML schema per
 * topic (for re-keying tombstones). Not thread-safe; Connect calls a transform from one thread.
 */
public final class MappingContext {

    /**
     * What ToDdml knows of the table behind a topic, for tombstones.
     *
     * @param system the source system
     * @param schema the last DML schema seen on the topic
     */
    public record TopicShape(SourceSystem system, TableSchema schema) {
    }

    private final IndexCounter indexes = new IndexCounter();
    private final ShapeCache<TableKey, TableSchema> ddlShapes;
    private final ShapeCache<String, TopicShape> topicShapes;
    private final String unavailableValue;
    private final LongSupplier clockMicros;

    /**
     * A context.
     *
     * @param maxTables        the bound of each per-table cache
     * @param unavailableValue Debezium's placeholder for values it does not have (unchanged TOASTed columns)
     * @param clockMicros      the emit clock, microseconds since the epoch
     */
    public MappingContext(int maxTables, String unavailableValue, LongSupplier clockMicros) {
        this.ddlShapes = ShapeCache.tables(maxTables);
        this.topicShapes = new ShapeCache<>(maxTables);
        this.unavailableValue = unavailableValue;
        this.clockMicros = clockMicros;
    }

    /** The index counters. */
    public IndexCounter indexes() {
        return indexes;
    }

    /** Table shapes as the last schema-change event described them. */
    public ShapeCache<TableKey, TableSchema> ddlShapes() {
        return ddlShapes;
    }

    /** The last DML schema per topic. */
    public ShapeCache<String, TopicShape> topicShapes() {
        return topicShapes;
    }

    /** Debezium's placeholder for unavailable values. */
    public String unavailableValue() {
        return unavailableValue;
    }

    /** Now, in microseconds since the epoch. */
    public long nowMicros() {
        return clockMicros.getAsLong();
    }

    /** The wall clock in microseconds. */
    public static long systemMicros() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
    }
}
