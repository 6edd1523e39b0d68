package io.idaas.bench.pipeline;

import io.idaas.bench.sink.SourceTable;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The source's share of a change's latency: a consumer of the DDML topic, in a thread of its own, notes when each change
 * arrives there, against its {@code sent_at} ({@code dml.after.sent_at}, microseconds). Latency here is source commit to
 * the event readable in Kafka: the binlog or WAL, Debezium, ToDdml, LimitEventSize, the producer and the broker.
 */
public final class TopicArrivals implements AutoCloseable {


    private final KafkaConsumer<byte[], byte[]> consumer;
    private final TopicPartition partition;
    private final long fromMicros;
    private final List<Double> millis = new ArrayList<>();
    /** Per second of sending (from {@code fromMicros}): the slowest arrival, in milliseconds. */
    private final java.util.TreeMap<Long, Double> slowestBySecond = new java.util.TreeMap<>();
    private final Thread thread;
    private volatile boolean stopped;
    private volatile long position;
    /** The changes seen, by key and {@code sent_at}, and how many records carried one seen before. */
    private final java.util.Set<String> seen = new java.util.HashSet<>();
    private long repeated;

    private TopicArrivals(String bootstrap, String topic, long fromOffset, long fromMicros) {
        this.consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"));
        this.partition = new TopicPartition(topic, 0);
        this.fromMicros = fromMicros;
        consumer.assign(List.of(partition));
        consumer.seek(partition, fromOffset);
        this.position = fromOffset;
        this.thread = new Thread(this::run, "topic-arrivals-" + topic);
        this.thread.setDaemon(true);
    }

    /** Starts reading {@code topic} from {@code fromOffset}; changes sent before {@code fromMicros} are not counted. */
    public static TopicArrivals start(String bootstrap, String topic, long fromOffset, long fromMicros) {
        TopicArrivals arrivals = new TopicArrivals(bootstrap, topic, fromOffset, fromMicros);
        arrivals.thread.start();
        return arrivals;
    }

    private void run() {
        while (!stopped) {
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                long now = SourceTable.nowMicros();
                position = r.offset() + 1;
                long sent = sentAt(r.value());
                String change = r.key() == null ? null : new String(r.key(), java.nio.charset.StandardCharsets.UTF_8) + "@" + sent;
                if (sent >= fromMicros) {
                    double ms = (now - sent) / 1000.0;
                    synchronized (millis) {
                        millis.add(ms);
                        slowestBySecond.merge((sent - fromMicros) / 1_000_000L, ms, Math::max);
                        if (change != null && !seen.add(change)) {
                            repeated++;
                        }
                    }
                }
            }
        }
    }

    private static final byte[] AFTER = "\"after\":{".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    private static final byte[] BEFORE = "\"before\":{".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    private static final byte[] SENT_AT = "\"sent_at\":".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    /**
     * The event's {@code dml.after.sent_at}, or -1: found in the bytes (DDML JSON is compact and {@code after} comes
     * after {@code before}), not parsed into a tree, so that the measuring consumer takes little of the CPU the pipeline
     * under measurement needs (parsed with Jackson, it took 16% of the benchmark JVM's samples at 2,000/s).
     */
    static long sentAt(byte[] value) {
        if (value == null) {
            return -1;
        }
        // from the end: the rows come last in an event, the row after the change last of them
        int at = lastIndexOf(value, SENT_AT, value.length - SENT_AT.length);
        if (at < 0 || lastIndexOf(value, AFTER, at - AFTER.length) < lastIndexOf(value, BEFORE, at - BEFORE.length)) {
            return -1; // none, or only in the row before the change (a delete)
        }
        long sent = 0;
        int digits = 0;
        for (int i = at + SENT_AT.length; i < value.length && value[i] >= '0' && value[i] <= '9'; i++, digits++) {
            sent = sent * 10 + (value[i] - '0');
        }
        return digits == 0 ? -1 : sent;
    }

    /** The last index at or before {@code from} where {@code part} starts in {@code bytes}, or -1. */
    private static int lastIndexOf(byte[] bytes, byte[] part, int from) {
        outer:
        for (int i = Math.min(from, bytes.length - part.length); i >= 0; i--) {
            for (int j = 0; j < part.length; j++) {
                if (bytes[i + j] != part[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Waits until the consumer has read up to {@code end} (at most 60 s), stops it, and returns the latencies, sorted. */
    public double[] stopAndGetMillis(long end) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (position < end && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        stopped = true;
        thread.join(10_000);
        synchronized (millis) {
            return millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        }
    }

    /** The slowest arrival of the changes sent in each second of the run (seconds from the start of measuring). */
    public java.util.SortedMap<Long, Double> slowestBySecond() {
        synchronized (millis) {
            return new java.util.TreeMap<>(slowestBySecond);
        }
    }

    /** Records of the measured changes that carried a change (key and {@code sent_at}) already read: a source's replay. */
    public long repeated() {
        synchronized (millis) {
            return repeated;
        }
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        thread.join(10_000);
        consumer.close();
    }
}
