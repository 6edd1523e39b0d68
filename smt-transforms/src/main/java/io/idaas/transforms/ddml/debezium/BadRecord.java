package io.idaas.transforms.ddml.debezium;

import java.util.Map;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.connector.ConnectRecord;

/**
 * Builds the {@link DataException}s that ToDdml throws for records it cannot map. Each message names
 * the topic, where the record came from (Kafka partition and offset for sink records, the source
 * partition and offset for source records), what is wrong, and what to do about it, so that
 * Connect's {@code errors.tolerance} and dead-letter machinery report something a person can act on.
 */
public final class BadRecord {

    /** The advice appended when a record is not a Debezium change event at all. */
    public static final String NOT_DEBEZIUM_HINT = "is this topic written by a Debezium connector? ToDdml expects a "
        + "Debezium change event (a Struct value with 'op' and 'source', as the PostgreSQL, MySQL, MariaDB, Oracle, "
        + "SQL Server or MongoDB connectors write it, before any unwrapping transform such as ExtractNewRecordState), "
        + "a Debezium schema-change event, or a tombstone";

    private BadRecord() {
    }

    /** Where a record came from, for messages: topic plus partition/offset or source partition/offset. */
    public static String where(ConnectRecord<?> record) {
        StringBuilder sb = new StringBuilder("record of topic '").append(record.topic()).append('\'');
        if (record instanceof SinkRecord sink) {
            sb.append(", partition ").append(sink.kafkaPartition()).append(", offset ").append(sink.kafkaOffset());
        } else if (record instanceof SourceRecord source) {
            sb.append(", source partition ").append(describe(source.sourcePartition()))
                .append(", source offset ").append(describe(source.sourceOffset()));
        } else if (record.kafkaPartition() != null) {
            sb.append(", partition ").append(record.kafkaPartition());
        }
        return sb.toString();
    }

    /** A record that is not a Debezium change event. */
    public static DataException notDebezium(ConnectRecord<?> record, String what) {
        return new DataException(where(record) + ": " + what + "; " + NOT_DEBEZIUM_HINT);
    }

    /** A Debezium record whose content cannot be mapped to DDML; {@code fix} says what to do. */
    public static DataException unmappable(ConnectRecord<?> record, String what, String fix, Throwable cause) {
        String message = where(record) + ": " + what + (fix == null ? "" : "; " + fix);
        return cause == null ? new DataException(message) : new DataException(message, cause);
    }

    /**
     * A Debezium record holding a value DDML cannot carry exactly; {@code what} names the column, the value and why (it
     * becomes the {@code dml.omitted.detail} of the event written in the change's place, SPEC.md section 6.1).
     */
    public static RefusedValueException refusedValue(ConnectRecord<?> record, String what, Throwable cause) {
        return new RefusedValueException(where(record) + ": " + what, what, cause);
    }

    private static String describe(Map<String, ?> map) {
        return map == null ? "(none)" : map.toString();
    }
}
