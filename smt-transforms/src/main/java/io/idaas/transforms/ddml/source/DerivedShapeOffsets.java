package io.idaas.transforms.ddml.source;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.idaas.transforms.ddml.ShapeCache.TableKey;
import io.idaas.transforms.ddml.ddl.DerivedDdl.Derived;
import io.idaas.transforms.ddml.ddl.DerivedShape;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps what derived DDL remembers of each table ({@link DerivedShape}) in Connect's offsets, so that a task started
 * again (a restart, a rebalance, a new worker) goes on from the last shape it emitted: a derived record carries the
 * source partition {@code {"ddml.derived.table": "[<source name>, <database>, <schema>, <table>]"}} (a JSON array) and
 * the offset {@code {"shape": "<DerivedShape JSON>"}}, which the worker stores once the record is written, as it stores
 * the wrapped connector's own offsets. A task reads a table's offset the first time it meets the table (one read of
 * the offsets store per table and task start, or after the table left the task's cache of {@code ddml.table.cache.size}).
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

    /** The source partition's only key. */
    static final String PARTITION_KEY = "ddml.derived.table";
    /** The offset's only key. */
    static final String OFFSET_KEY = "shape";

    private static final Logger LOG = LoggerFactory.getLogger(DerivedShapeOffsets.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private DerivedShapeOffsets() {
    }

    /** The source partition of a table's derived records. */
    static Map<String, String> partition(TableKey table) {
        try {
            return Map.of(PARTITION_KEY, JSON.writeValueAsString(Arrays.asList(table.sourceName(), table.database(),
                table.schema(), table.table())));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code record} (made from the DML record it precedes) with the partition and offset that keep {@code derived}'s shape. */
    static SourceRecord withShape(SourceRecord record, Derived derived) {
        return new SourceRecord(partition(derived.table()), Map.of(OFFSET_KEY, derived.shape().toJson()), record.topic(),
            record.kafkaPartition(), record.keySchema(), record.key(), record.valueSchema(), record.value(), record.timestamp(),
            record.headers());
    }

    /** The last shape stored for {@code table}; empty when none (or no context, or an offset that cannot be read). */
    static Optional<DerivedShape> load(SourceTaskContext context, TableKey table) {
        OffsetStorageReader reader = context == null ? null : context.offsetStorageReader();
        if (reader == null) {
            return Optional.empty();
        }
        Map<String, Object> offset;
        try {
            offset = reader.offset(partition(table));
        } catch (RuntimeException e) {
            LOG.warn("Cannot read the stored shape of table {}.{} ({}): derived DDL starts it again with a create_table",
                table.schema(), table.table(), e.getMessage());
            return Optional.empty();
        }
        Object text = offset == null ? null : offset.get(OFFSET_KEY);
        if (!(text instanceof String s)) {
            return Optional.empty();
        }
        try {
            return Optional.of(DerivedShape.fromJson(s));
        } catch (RuntimeException e) {
            LOG.warn("The stored shape of table {}.{} cannot be read ({}): derived DDL starts it again with a create_table",
                table.schema(), table.table(), e.getMessage());
            return Optional.empty();
        }
    }
}
