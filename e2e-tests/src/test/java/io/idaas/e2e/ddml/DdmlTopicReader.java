package io.idaas.e2e.ddml;

import io.idaas.ddml.DdmlEvent;
import io.idaas.ddml.DdmlJson;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/** Reads DDML JSON events from a topic, from its beginning; tombstones (null values) are counted, not returned. */
final class DdmlTopicReader implements AutoCloseable {

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<DdmlEvent> events = new ArrayList<>();
    private int tombstones;

    DdmlTopicReader(String bootstrapServers, String topic) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "ddml-e2e-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.METADATA_MAX_AGE_CONFIG, "500",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()));
        consumer.subscribe(List.of(topic));
    }

    /** Polls until {@code done} holds for the events read so far, or {@code timeout} passes. */
    List<DdmlEvent> readUntil(Predicate<List<DdmlEvent>> done, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.test(events) && System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                if (r.value() == null) {
                    tombstones++;
                } else {
                    events.add(DdmlJson.read(r.value()));
                }
            }
        }
        return List.copyOf(events);
    }

    int tombstones() {
        return tombstones;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
