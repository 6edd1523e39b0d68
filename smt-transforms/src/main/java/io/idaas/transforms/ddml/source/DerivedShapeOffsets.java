package io.idaas.transforms.ddml.source;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.idaas.transforms.ddml.ShapeCache.TableKey;
import io.idaas.transforms.ddml.ddl.DerivedDdl.Derived;
import io.idaas.transforms.ddml.ddl.DerivedShape;
import com.fasterxml.jackson.core.type.TypeReference;
import io.idaas.transforms.ddml.ddl.ShapeStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps what derived DDL remembers of each table ({@link DerivedShape}) in Connect's offsets, so that a task started
 * again (a restart, a rebalance, a new worker) goes on from the last shape it emitted. A derived record carries, as its
 * source partition, the table's catalog identity when the shape has one,
 * {@code {"ddml.derived.relation": "[<source name>, <database>, <oid>]"}} (a JSON array), with the offset
 * {@code {"shape": "<DerivedShape JSON>", "table": "[<source name>, <database>, <schema>, <table>]"}}: a table keeps its
 * oid through a rename, so the partition follows the table, and the offset names the table it had last. A shape without
 * identity (the catalog could not be read) is kept under the table's name instead,
 * {@code {"ddml.derived.table": "[<source name>, <database>, <schema>, <table>]"}}, with the offset
 * {@code {"shape": ...}}, as versions before identities were stored kept every shape. The worker stores them once the
 * record is written, as it stores the wrapped connector's own offsets. A task reads a table's offsets the first time it
 * meets the table (by identity, then by name: at most two reads of the offsets store per table and task start, or after
 * the table left the task's cache of {@code ddml.table.cache.size}).
 *
 * <p>Connect stores each source partition's offset on its own. The wrapped connector's offset moves on with the DML
 * record that follows the derived one on the same topic; with one partition per table topic (SPEC.md section 9,
 * Debezium's default) Connect's producer writes the two in order and retries until the broker takes them, so that
 * offset passes a derived event the broker did not take only when the producer refuses that one record itself (larger
 * than {@code max.request.size}; a derived event holds the table's columns, at most twice, and no row). A
 * stored shape may run ahead of the wrapped connector's offset; the changes read again after a restart are then derived
 * back to their shape and forward again (SPEC.md section 7.3).
 */
final class DerivedShapeOffsets {

    /** The source partition's only key, for a shape without the table's identity. */
    static final String PARTITION_KEY = "ddml.derived.table";
    /** The source partition's only key, for a shape with the table's identity. */
    static final String RELATION_PARTITION_KEY = "ddml.derived.relation";
    /** The offset's key holding the shape. */
    static final String OFFSET_KEY = "shape";
    /** The offset's key holding the table's name, in a partition by identity. */
    static final String TABLE_KEY = "table";

    private static final Logger LOG = LoggerFactory.getLogger(DerivedShapeOffsets.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private DerivedShapeOffsets() {
    }

    /** The source partition of a table's derived records when its identity is not known. */
    static Map<String, String> partition(TableKey table) {
        return Map.of(PARTITION_KEY, json(Arrays.asList(table.sourceName(), table.database(), table.schema(), table.table())));
    }

    /** The source partition of the derived records of the table of identity {@code relationId}. */
    static Map<String, String> partition(String sourceName, String database, long relationId) {
        return Map.of(RELATION_PARTITION_KEY, json(Arrays.asList(sourceName, database, relationId)));
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code record} (made from the DML record it precedes) with the partition and offset that keep {@code derived}'s shape. */
    static SourceRecord withShape(SourceRecord record, Derived derived) {
        TableKey table = derived.table();
        Long relation = derived.shape().relationId();
        Map<String, ?> partition = relation == null ? partition(table)
            : partition(table.sourceName(), table.database(), relation);
        Map<String, ?> offset = relation == null ? Map.of(OFFSET_KEY, derived.shape().toJson())
            : Map.of(OFFSET_KEY, derived.shape().toJson(), TABLE_KEY,
                json(Arrays.asList(table.sourceName(), table.database(), table.schema(), table.table())));
        return new SourceRecord(partition, offset, record.topic(), record.kafkaPartition(), record.keySchema(), record.key(),
            record.valueSchema(), record.value(), record.timestamp(), record.headers());
    }

    /** The store over a task's offsets: nothing without a context. */
    static ShapeStore store(SourceTaskContext context) {
        return new ShapeStore() {
            @Override
            public Optional<DerivedShape> byName(TableKey table) {
                return load(context, table);
            }

            @Override
            public Optional<Stored> byRelation(String sourceName, String database, long relationId) {
                return loadRelation(context, sourceName, database, relationId);
            }
        };
    }

    /** The last shape stored under {@code table}'s name; empty when none (or no context, or an offset that cannot be read). */
    static Optional<DerivedShape> load(SourceTaskContext context, TableKey table) {
        String what = "table " + table.schema() + "." + table.table();
        return read(context, partition(table), what).flatMap(offset -> shape(offset, what));
    }

    /** The last shape stored for the table of identity {@code relationId}, with its name then; empty when none. */
    static Optional<ShapeStore.Stored> loadRelation(SourceTaskContext context, String sourceName, String database,
                                                    long relationId) {
        String what = "the table of catalog identity " + relationId;
        Optional<Map<String, Object>> offset = read(context, partition(sourceName, database, relationId), what);
        if (offset.isEmpty()) {
            return Optional.empty();
        }
        Optional<DerivedShape> shape = shape(offset.get(), what);
        Object name = offset.get().get(TABLE_KEY);
        if (shape.isEmpty() || !(name instanceof String text)) {
            return Optional.empty();
        }
        try {
            List<String> parts = JSON.readValue(text, new TypeReference<List<String>>() { });
            if (parts.size() != 4 || parts.get(3) == null) {
                throw new IllegalArgumentException("not [source, database, schema, table]: " + text);
            }
            return Optional.of(new ShapeStore.Stored(new TableKey(parts.get(0), parts.get(1), parts.get(2), parts.get(3)),
                shape.get()));
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("The stored name of {} cannot be read ({}): derived DDL takes it for a new table", what, e.getMessage());
            return Optional.empty();
        }
    }

    private static Optional<Map<String, Object>> read(SourceTaskContext context, Map<String, String> partition, String what) {
        OffsetStorageReader reader = context == null ? null : context.offsetStorageReader();
        if (reader == null) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(reader.offset(partition));
        } catch (RuntimeException e) {
            LOG.warn("Cannot read the stored shape of {} ({}): derived DDL takes it for a new table", what, e.getMessage());
            return Optional.empty();
        }
    }

    private static Optional<DerivedShape> shape(Map<String, Object> offset, String what) {
        if (!(offset.get(OFFSET_KEY) instanceof String s)) {
            return Optional.empty();
        }
        try {
            return Optional.of(DerivedShape.fromJson(s));
        } catch (RuntimeException e) {
            LOG.warn("The stored shape of {} cannot be read ({}): derived DDL takes it for a new table", what, e.getMessage());
            return Optional.empty();
        }
    }
}
