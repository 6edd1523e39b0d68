package io.idaas.transforms.ddml;

import io.idaas.ddml.SourceSystem;
import io.idaas.ddml.TableSchema;
import io.idaas.transforms.ddml.ShapeCache.TableKey;
import io.idaas.transforms.ddml.debezium.TableTopics;
import io.idaas.transforms.ddml.position.IndexCounter;
import java.util.function.LongSupplier;

/**
 * The state ToDdml keeps between records of one connector task: index counters for sortable
 * positions, the last shape each table had in a schema-change event, the topic each table's DDL
 * events went to, and the last DML schema per topic (for re-keying tombstones); and where DDL events
 * go ({@link TableTopics}). Not thread-safe; Connect calls a transform from one thread.
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
    private final java.util.Map<SchemaKey, TableSchema> dmlSchemas;
    private final ShapeCache<TableKey, TableSchema> ddlShapes;
    private final ShapeCache<String, TopicShape> topicShapes;
    private final ShapeCache<TableKey, String> ddlTopics;
    private final TableTopics tableTopics;
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
        this(maxTables, unavailableValue, clockMicros, TableTopics.debeziumDefaults());
    }

    /**
     * A context.
     *
     * @param maxTables        the bound of each per-table cache
     * @param unavailableValue Debezium's placeholder for values it does not have (unchanged TOASTed columns)
     * @param clockMicros      the emit clock, microseconds since the epoch
     * @param tableTopics      where DDL events go, and which tables' DDL is emitted
     */
    public MappingContext(int maxTables, String unavailableValue, LongSupplier clockMicros, TableTopics tableTopics) {
        this.ddlShapes = ShapeCache.tables(maxTables);
        this.topicShapes = new ShapeCache<>(maxTables);
        this.ddlTopics = new ShapeCache<>(maxTables);
        this.tableTopics = tableTopics;
        this.dmlSchemas = new java.util.LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(java.util.Map.Entry<SchemaKey, TableSchema> eldest) {
                return size() > maxTables;
            }
        };
        this.unavailableValue = unavailableValue;
        this.clockMicros = clockMicros;
    }

    /**
     * The DDML table schema made from a row's and key's Connect schemas (and the last DDL shape of the table),
     * made once per distinct trio: Debezium reuses one Connect schema object per table until its shape changes, so
     * the type mapping and fingerprint are not redone for every event.
     */
    public TableSchema dmlSchema(org.apache.kafka.connect.data.Schema row, org.apache.kafka.connect.data.Schema key,
                                 TableSchema knownDdl, java.util.function.Supplier<TableSchema> make) {
        SchemaKey k = new SchemaKey(row, key, knownDdl);
        TableSchema schema = dmlSchemas.get(k);
        if (schema == null) {
            schema = make.get();
            dmlSchemas.put(k, schema);
        }
        return schema;
    }

    /**
     * The Connect fields of {@code rowSchema} for the columns of {@code schema}, in column order (null where the row
     * schema has no such field), kept for the last pair asked for: a task's events mostly repeat their table's.
     */
    public org.apache.kafka.connect.data.Field[] rowFields(org.apache.kafka.connect.data.Schema rowSchema, TableSchema schema) {
        RowFields last = lastRowFields;
        if (last != null && last.rowSchema == rowSchema && last.schema == schema) {
            return last.fields;
        }
        java.util.List<io.idaas.ddml.Column> columns = schema.columns();
        org.apache.kafka.connect.data.Field[] fields = new org.apache.kafka.connect.data.Field[columns.size()];
        for (int i = 0; i < fields.length; i++) {
            fields[i] = rowSchema.field(columns.get(i).name());
        }
        lastRowFields = new RowFields(rowSchema, schema, fields);
        return fields;
    }

    private record RowFields(org.apache.kafka.connect.data.Schema rowSchema, TableSchema schema,
                             org.apache.kafka.connect.data.Field[] fields) {
    }

    private RowFields lastRowFields;

    /** Identity of the three objects a DML schema is made from. */
    private record SchemaKey(Object row, Object key, Object knownDdl) {
        @Override
        public boolean equals(Object o) {
            return o instanceof SchemaKey k && k.row == row && k.key == key && k.knownDdl == knownDdl;
        }

        @Override
        public int hashCode() {
            return 31 * (31 * System.identityHashCode(row) + System.identityHashCode(key)) + System.identityHashCode(knownDdl);
        }
    }

    /** The index counters. */
    public IndexCounter indexes() {
        return indexes;
    }

    /** Table shapes as the last schema-change event described them. */
    public ShapeCache<TableKey, TableSchema> ddlShapes() {
        return ddlShapes;
    }

    /** Where DDL events go, and which tables' DDL is emitted. */
    public TableTopics tableTopics() {
        return tableTopics;
    }

    /** The topic each table's last DDL event went to. */
    public ShapeCache<TableKey, String> ddlTopics() {
        return ddlTopics;
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
