package io.idaas.connect.sink;

import io.idaas.ddml.connect.DdmlEventMap;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;

import java.util.Map;
import java.util.Optional;

/**
 * Recognizes Debezium's transaction-metadata records ({@code provide.transaction.metadata=true}, topic
 * {@code <topic.prefix>.transaction}): {@code {"status": "BEGIN"|"END", "id": ..., "event_count": ...}}. ToDdml
 * passes them through unchanged. A sink that also reads that topic learns when a source transaction has ended, so
 * it need not wait for the next transaction's first event before applying the last one. A marker's id is Debezium's
 * (PostgreSQL's {@code txid:lsn} with the marker's own LSN); the JDBC sink's {@code TransactionHold.markEnded} turns it into the DDML
 * ids it stands for ({@link io.idaas.ddml.TransactionIds}, SPEC.md §4).
 */
public final class TransactionMarkers {

    /** A transaction's begin or end, with Debezium's id of the transaction. */
    public record Marker(boolean end, String transactionId) {
    }

    private TransactionMarkers() {
    }

    /** The marker a record holds, if it is one. */
    public static Optional<Marker> of(SinkRecord record) {
        Object value = record.value();
        Object status;
        Object id;
        if (value instanceof DdmlEventMap) {
            return Optional.empty(); // a DDML event, read by DdmlConverter or made by ToDdml
        }
        if (value instanceof Map<?, ?> map) {
            status = map.get("status");
            id = map.get("id");
            if (map.containsKey("dml") || map.containsKey("spec_version")) {
                return Optional.empty(); // a DDML event
            }
        } else if (value instanceof Struct struct && struct.schema().field("status") != null && struct.schema().field("id") != null) {
            status = struct.get("status");
            id = struct.get("id");
        } else {
            return Optional.empty();
        }
        if (id == null || !("BEGIN".equals(status) || "END".equals(status))) {
            return Optional.empty();
        }
        return Optional.of(new Marker("END".equals(status), id.toString()));
    }
}
