package io.idaas.transforms.ddml;

import io.idaas.transforms.ddml.debezium.RefusedValueException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.header.Headers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a change event refused for a value (a {@link RefusedValueException}) to the refused-values topic: the Debezium
 * event unchanged, its key and value with their schemas, plus the headers {@value #REASON_HEADER} and
 * {@value #TOPIC_HEADER}; each is logged at WARN with the count so far.
 */
public final class RefusedEvents {

    /** Header: the column, its value's problem, and why DDML refuses it. */
    public static final String REASON_HEADER = "ddml.refused.reason";
    /** Header: the topic the event was for. */
    public static final String TOPIC_HEADER = "ddml.refused.topic";

    private static final Logger LOG = LoggerFactory.getLogger(RefusedEvents.class);

    private final String topic;
    private final AtomicLong count = new AtomicLong();

    public RefusedEvents(String topic) {
        this.topic = topic;
    }

    /** The refused event as a record of the refused-values topic. */
    public <R extends ConnectRecord<R>> R toRecord(R original, RefusedValueException refusal) {
        long n = count.incrementAndGet();
        LOG.warn("Refused value #{} (sent to topic {}, not to {}): {}", n, topic, original.topic(), refusal.getMessage());
        Headers headers = original.headers().duplicate();
        headers.remove(REASON_HEADER);
        headers.remove(TOPIC_HEADER);
        headers.addString(REASON_HEADER, refusal.reason());
        headers.addString(TOPIC_HEADER, original.topic());
        return original.newRecord(topic, null, original.keySchema(), original.key(), original.valueSchema(), original.value(),
            original.timestamp(), headers);
    }

    /** How many events were refused since this task started. */
    public long count() {
        return count.get();
    }
}
