package io.idaas.connect.sink;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.idaas.ddml.DdmlEvent;
import io.idaas.ddml.DdmlJson;
import io.idaas.ddml.connect.DdmlEventMap;
import org.apache.kafka.connect.sink.SinkRecord;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Reads the DDML event in a record's value, whichever way it came: a {@link DdmlEventMap} (ToDdml as a sink
 * transform), a plain Map tree (DdmlConverter), a {@link DdmlEvent}, or DDML JSON as bytes or a string.
 */
public final class RecordEvents {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private RecordEvents() {
    }

    /** Whether the record is a tombstone, which SPEC.md §9 says consumers skip. */
    public static boolean isTombstone(SinkRecord record) {
        return record.value() == null;
    }

    /**
     * Whether the record carries no change to apply, only its offset: a tombstone, which SPEC.md section 9 says
     * consumers skip (the delete before it did the work), or a control record (section 9.1: a Debezium transaction
     * marker or heartbeat), which carries no position. A DDML event read by {@code DdmlConverter} or made by ToDdml
     * is told apart without making its Map tree.
     */
    public static boolean carriesNoChange(SinkRecord record) {
        Object value = record.value();
        if (value == null) {
            return true;
        }
        if (value instanceof DdmlEventMap || value instanceof DdmlEvent) {
            return false;
        }
        return TransactionMarkers.of(record).isPresent()
            || value instanceof Map<?, ?> m && m.size() == 1 && m.containsKey("ts_ms"); // a heartbeat
    }

    /**
     * @throws RecordFailure when the value is not a DDML event
     */
    public static DdmlEvent read(SinkRecord record) {
        Object value = record.value();
        try {
            if (value instanceof DdmlEventMap map) {
                return map.event();
            }
            if (value instanceof DdmlEvent event) {
                return event;
            }
            if (value instanceof Map<?, ?> tree) {
                return DdmlJson.fromTree(MAPPER.valueToTree(tree));
            }
            if (value instanceof byte[] json) {
                return DdmlJson.read(json);
            }
            if (value instanceof String json) {
                return DdmlJson.read(json.getBytes(StandardCharsets.UTF_8));
            }
        } catch (RuntimeException e) {
            throw new RecordFailure(record, "the value is not a valid DDML event: " + e.getMessage(), e);
        }
        throw new RecordFailure(record, "the value is a " + value.getClass().getName() + ", not a DDML event; "
            + "use value.converter=io.idaas.ddml.connect.DdmlConverter or the ToDdml transform", null);
    }
}
