package io.idaas.transforms.ddml;

import io.idaas.transforms.ddml.dml.DdmlOutput;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.header.Headers;

/** Turns a {@link DdmlOutput} into a Connect record derived from the record it came from. */
public final class DdmlRecords {

    private DdmlRecords() {
    }

    /**
     * The DDML record: schemaless key and value, the original's headers plus the {@code ddml.*}
     * headers, the original's timestamp; on the original's Kafka partition when the topic is the same, or when the
     * original is a sink record.
     */
    public static <R extends ConnectRecord<R>> R toRecord(R original, DdmlOutput out, boolean withHeaders) {
        Headers headers = original.headers().duplicate();
        if (withHeaders) {
            boolean replace = !headers.isEmpty(); // a Debezium record mostly has none: nothing to replace
            for (Map.Entry<String, String> h : out.headers().entrySet()) {
                if (replace) {
                    headers.remove(h.getKey());
                }
                headers.addString(h.getKey(), h.getValue());
            }
        }
        // A source record routed to another topic: the producer picks the partition by key. A sink record keeps its
        // own (SinkRecord holds an int, so null cannot be given; the sinks take where it was read from its original*).
        Integer partition = Objects.equals(out.topic(), original.topic()) || original instanceof SinkRecord
            ? original.kafkaPartition() : null;
        return original.newRecord(out.topic(), partition, null, out.key(), null, out.value(), original.timestamp(), headers);
    }
}
