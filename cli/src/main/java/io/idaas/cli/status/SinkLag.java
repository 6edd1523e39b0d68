package io.idaas.cli.status;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * What Kafka knows of a sink's progress: its lag behind the topics it reads, in records (end offsets minus the committed
 * offsets of its consumer group) and in seconds (now minus the timestamp of the oldest record it has not consumed yet),
 * and how many records went to a dead-letter topic (the sum of its end offsets). Reads only; commits nothing.
 */
public final class SinkLag implements AutoCloseable {

    /** How many of the laggiest partitions are read to date the oldest unconsumed record. */
    static final int DATED_PARTITIONS = 8;
    private static final long TIMEOUT_MS = 15_000;
    /** How long the oldest unconsumed records are looked for; one not read by then counts as lag but gives no age. */
    private static final long DATING_MS = 5_000;

    /**
     * A sink's lag.
     *
     * @param topics  the topics it reads
     * @param records unconsumed records (offsets) over all their partitions
     * @param seconds age of the oldest unconsumed record, 0 when caught up
     */
    public record Lag(List<String> topics, long records, long seconds) {
    }

    private final Admin admin;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Clock clock;

    public SinkLag(String bootstrapServers, Clock clock) {
        this.clock = clock;
        this.admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000",
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, String.valueOf(TIMEOUT_MS)));
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "50",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()));
    }

    /**
     * The topics a sink reads: its config's {@code topics} list, or the existing topics its {@code topics.regex}
     * matches, plus those Connect saw it use ({@code active}), that still exist.
     */
    public List<String> topicsOf(ConnectorStatus sink, Collection<String> active) throws ExecutionException, InterruptedException {
        Set<String> existing = admin.listTopics().names().get();
        TreeSet<String> topics = new TreeSet<>();
        String list = sink.config().get("topics");
        if (list != null && !list.isBlank()) {
            for (String t : list.split(",")) {
                topics.add(t.trim());
            }
        }
        String regex = sink.config().get("topics.regex");
        if (regex != null && !regex.isBlank()) {
            Pattern p = Pattern.compile(regex.trim());
            existing.stream().filter(t -> p.matcher(t).matches()).forEach(topics::add);
        }
        topics.addAll(active);
        topics.retainAll(existing);
        return List.copyOf(topics);
    }

    /** The lag of the consumer group {@code group} behind {@code topics}. */
    public Lag lag(String group, List<String> topics) throws ExecutionException, InterruptedException {
        if (topics.isEmpty()) {
            return new Lag(topics, 0, 0);
        }
        List<TopicPartition> partitions = partitions(topics);
        Map<TopicPartition, Long> ends = offsets(partitions, OffsetSpec.latest());
        Map<TopicPartition, Long> starts = offsets(partitions, OffsetSpec.earliest());
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                .get();
        Map<TopicPartition, Long> positions = new HashMap<>();
        Map<TopicPartition, Long> behind = new HashMap<>();
        for (TopicPartition tp : partitions) {
            OffsetAndMetadata c = committed.get(tp);
            long position = Math.max(c == null ? starts.get(tp) : c.offset(), starts.get(tp));
            positions.put(tp, position);
            long lag = Math.max(0, ends.get(tp) - position);
            if (lag > 0) {
                behind.put(tp, lag);
            }
        }
        long seconds = 0;
        List<TopicPartition> laggiest = behind.keySet().stream()
                .sorted(Comparator.comparing((TopicPartition tp) -> behind.get(tp)).reversed()).limit(DATED_PARTITIONS).toList();
        Map<TopicPartition, Long> oldest = oldestTimestamps(laggiest, positions, ends);
        for (TopicPartition tp : laggiest) {
            Long timestamp = oldest.get(tp);
            if (timestamp == null) {
                behind.remove(tp); // only transaction markers lie ahead: the sink has consumed every record
            } else if (timestamp >= 0) {
                seconds = Math.max(seconds, Math.max(0, (clock.millis() - timestamp) / 1000));
            }
        }
        return new Lag(topics, behind.values().stream().mapToLong(Long::longValue).sum(), seconds);
    }

    /** The sum of the end offsets of {@code topic}'s partitions (the records ever written to it); 0 when it does not exist yet. */
    public long endOffsetSum(String topic) throws ExecutionException, InterruptedException {
        if (!admin.listTopics().names().get().contains(topic)) {
            return 0;
        }
        return offsets(partitions(List.of(topic)), OffsetSpec.latest()).values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * The timestamp of the first record at or after each partition's position (-1 when the record has none); no entry
     * for a partition that holds nothing but transaction markers up to its end.
     */
    private Map<TopicPartition, Long> oldestTimestamps(List<TopicPartition> partitions, Map<TopicPartition, Long> positions,
                                                       Map<TopicPartition, Long> ends) {
        Map<TopicPartition, Long> found = new HashMap<>();
        if (partitions.isEmpty()) {
            return found;
        }
        consumer.assign(partitions);
        partitions.forEach(tp -> consumer.seek(tp, positions.get(tp)));
        Set<TopicPartition> open = new java.util.HashSet<>(partitions);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DATING_MS);
        while (!open.isEmpty() && System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                if (open.remove(tp)) {
                    found.put(tp, r.timestamp());
                    consumer.pause(List.of(tp));
                }
            }
            open.removeIf(tp -> !found.containsKey(tp) && consumer.position(tp) >= ends.get(tp));
        }
        open.forEach(tp -> found.put(tp, -1L)); // not read in time: counted as lag, not dated
        consumer.unsubscribe();
        return found;
    }

    private List<TopicPartition> partitions(List<String> topics) throws ExecutionException, InterruptedException {
        List<TopicPartition> partitions = new ArrayList<>();
        Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames().get();
        described.values().forEach(d -> d.partitions().forEach(p -> partitions.add(new TopicPartition(d.name(), p.partition()))));
        return partitions;
    }

    private Map<TopicPartition, Long> offsets(List<TopicPartition> partitions, OffsetSpec spec) throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(tp -> request.put(tp, spec));
        Map<TopicPartition, Long> offsets = new HashMap<>();
        for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> e : admin.listOffsets(request).all().get().entrySet()) {
            offsets.put(e.getKey(), e.getValue().offset());
        }
        return offsets;
    }

    @Override
    public void close() {
        consumer.close();
        admin.close(Duration.ofSeconds(2));
    }
}
