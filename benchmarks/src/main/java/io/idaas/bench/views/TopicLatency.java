package io.idaas.bench.views;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.idaas.bench.sink.SourceTable;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads a DDML topic as a client would ({@code read_committed}: of a view's changelog, only what the view app's
 * exactly-once transactions committed) and, per event, notes two latencies from the source commit ({@code sent_at}
 * in {@code dml.after}, set by the workload just before each commit, microseconds):
 * <ul>
 *   <li>stamped: until the event's {@code time.commit_us} (for a view's changelog: when the view changed its store);</li>
 *   <li>delivered: until this consumer received the event.</li>
 * </ul>
 */
final class TopicLatency implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Thread thread;
    private final AtomicLong received = new AtomicLong();
    private final List<long[]> samples = new ArrayList<>(); // {sent_at, applied, delivered}
    private volatile boolean running = true;
    private volatile RuntimeException failure;

    TopicLatency(String bootstrapServers, String topic) {
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "view-benchmark-" + topic, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(topic));
        thread = new Thread(this::poll, "latency-" + topic);
        thread.start();
    }

    private void poll() {
        try {
            while (running) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(20))) {
                    long delivered = SourceTable.nowMicros();
                    if (r.value() == null) {
                        continue;
                    }
                    JsonNode event = JSON.readTree(r.value());
                    JsonNode sentAt = event.path("dml").path("after").path("sent_at");
                    if (sentAt.isNumber()) {
                        synchronized (samples) {
                            samples.add(new long[]{sentAt.asLong(), event.path("time").path("commit_us").asLong(), delivered});
                        }
                    }
                    received.incrementAndGet();
                }
            }
        } catch (IOException | RuntimeException e) {
            failure = new IllegalStateException("reading the topic failed: " + e.getMessage(), e);
        } finally {
            consumer.close();
        }
    }

    /** Events received so far (upserts and deletes, not tombstones). */
    long received() {
        if (failure != null) {
            throw failure;
        }
        return received.get();
    }

    /** Latencies in milliseconds of the changes sent at or after {@code fromMicros}: {stamped[], delivered[]}. */
    double[][] latenciesSince(long fromMicros) {
        return latencies(fromMicros, Long.MAX_VALUE);
    }

    /** Latencies in milliseconds of the changes sent in [{@code fromMicros}, {@code toMicros}): {stamped[], delivered[]}. */
    double[][] latencies(long fromMicros, long toMicros) {
        synchronized (samples) {
            List<long[]> measured = samples.stream().filter(s -> s[0] >= fromMicros && s[0] < toMicros).toList();
            double[] applied = new double[measured.size()];
            double[] delivered = new double[measured.size()];
            for (int i = 0; i < measured.size(); i++) {
                applied[i] = (measured.get(i)[1] - measured.get(i)[0]) / 1000.0;
                delivered[i] = (measured.get(i)[2] - measured.get(i)[0]) / 1000.0;
            }
            return new double[][]{applied, delivered};
        }
    }

    /** When each change sent at or after {@code fromMicros} was received: sent_at to the receiving time, microseconds. */
    Map<Long, Long> deliveredSince(long fromMicros) {
        Map<Long, Long> delivered = new java.util.HashMap<>();
        synchronized (samples) {
            samples.stream().filter(s -> s[0] >= fromMicros).forEach(s -> delivered.put(s[0], s[2]));
        }
        return delivered;
    }

    /** For each change sent at or after {@code fromMicros} that {@code before} also received: this topic's stamp minus that arrival, ms. */
    double[] stampedAfter(TopicLatency before, long fromMicros) {
        Map<Long, Long> arrived = before.deliveredSince(fromMicros);
        synchronized (samples) {
            return samples.stream().filter(s -> s[0] >= fromMicros && arrived.containsKey(s[0]))
                    .mapToDouble(s -> (s[1] - arrived.get(s[0])) / 1000.0).toArray();
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(5000);
    }
}
