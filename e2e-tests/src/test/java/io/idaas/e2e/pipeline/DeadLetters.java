package io.idaas.e2e.pipeline;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A sink's dead-letter topic read from its start, as its user reads it: each record's original topic and reason from
 * Connect's context headers ({@code __connect.errors.topic}, {@code __connect.errors.exception.message}), its key and
 * its value. The records read so far are kept, so a test may read as it goes and look at all of them at the end.
 */
public final class DeadLetters implements AutoCloseable {

    private static final String TOPIC_HEADER = "__connect.errors.topic";
    private static final String REASON_HEADER = "__connect.errors.exception.message";

    /** A dead-lettered record: the topic it was read from, the reason, its key and value as the sink read them. */
    public record DeadLetter(String topic, String reason, byte[] key, byte[] value) {

        /** The key as UTF-8 text, e.g. {@code {"id":5}}; null for none. */
        public String keyText() {
            return key == null ? null : new String(key, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return topic + ": " + reason;
        }
    }

    private final String bootstrap;
    private final String topic;
    private final Admin admin;
    private final List<DeadLetter> read = new ArrayList<>();
    private KafkaConsumer<byte[], byte[]> consumer;

    public DeadLetters(String bootstrap, String topic) {
        this.bootstrap = bootstrap;
        this.topic = topic;
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    public String topic() {
        return topic;
    }

    /** How many records the topic holds now (the sum of its partitions' end offsets); 0 when it does not exist. */
    public long count() {
        return exists() ? ends().values().stream().mapToLong(Long::longValue).sum() : 0;
    }

    /** Reads what has arrived since the last read, without waiting for more; every record read so far. */
    public List<DeadLetter> poll() {
        if (consumer == null && exists()) {
            consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                    ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false"), new ByteArrayDeserializer(), new ByteArrayDeserializer());
            List<TopicPartition> partitions = List.copyOf(ends().keySet());
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        }
        if (consumer != null) {
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(300))) {
                read.add(new DeadLetter(header(r, TOPIC_HEADER), header(r, REASON_HEADER), r.key(), r.value()));
            }
        }
        return List.copyOf(read);
    }

    /** Reads the topic up to its end as it is now (waiting up to 60 s for that); every record read so far, in order. */
    public List<DeadLetter> read() {
        if (!exists()) {
            return List.copyOf(read);
        }
        Map<TopicPartition, Long> ends = ends();
        await(topic + " read to its end").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            poll();
            for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
                assertThat(consumer.position(end.getKey())).as("position in " + end.getKey()).isGreaterThanOrEqualTo(end.getValue());
            }
        });
        return List.copyOf(read);
    }

    /** The records up to the topic's end counted by original topic and reason, e.g. {@code {t1: column "x" does not exist=12}}. */
    public Map<String, Long> reasons() {
        return read().stream().collect(Collectors.groupingBy(DeadLetter::toString, TreeMap::new, Collectors.counting()));
    }

    private boolean exists() {
        return get(admin.listTopics().names()).contains(topic);
    }

    private Map<TopicPartition, Long> ends() {
        Map<TopicPartition, OffsetSpec> latest = get(admin.describeTopics(List.of(topic)).allTopicNames()).get(topic).partitions()
                .stream().collect(Collectors.toMap(p -> new TopicPartition(topic, p.partition()), p -> OffsetSpec.latest()));
        Map<TopicPartition, Long> ends = new TreeMap<>(Comparator.comparingInt(TopicPartition::partition));
        get(admin.listOffsets(latest).all()).forEach((tp, o) -> ends.put(tp, o.offset()));
        return ends;
    }

    /** A result of the admin client; the broker not answering is no verdict on the test, but stops it. */
    private static <T> T get(KafkaFuture<T> future) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka's admin client failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null || h.value() == null ? "(no " + name + ")" : new String(h.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        if (consumer != null) {
            consumer.close();
        }
        admin.close();
    }
}
