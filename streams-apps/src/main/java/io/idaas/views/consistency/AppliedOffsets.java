package io.idaas.views.consistency;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Whether the view app has applied its inputs up to given offsets, from what Kafka records of it: the offsets the
 * app's consumer group committed (with {@code exactly_once_v2}, committed in the same transaction as the store
 * changes and the records sent downstream), and the ends of the internal topics between the inputs and a view's store.
 * One instance serves all views of an app and every instance's waits: committed offsets are shared by the group.
 */
public final class AppliedOffsets {

    /** How old a read of the committed offsets may be when a reader asks. */
    private static final long COMMITTED_MAX_AGE_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final long POLL_MILLIS = 10;

    /** How far a view is from a target, when it has not got there in time. */
    public record Behind(String stage, Map<String, Long> records) {
    }

    private final Admin admin;
    private final String applicationId;
    private final Map<String, java.util.List<TopicPartition>> partitions = new java.util.concurrent.ConcurrentHashMap<>();
    private Map<TopicPartition, Long> committed = Map.of();
    private long committedReadAt;

    public AppliedOffsets(Admin admin, String applicationId) {
        this.admin = admin;
        this.applicationId = applicationId;
    }

    /**
     * Waits until the app has applied every input record below {@code inputs} (offsets per input partition) through
     * the view's whole lineage, or until {@code deadlineNanos} ({@link System#nanoTime()}).
     *
     * @return nothing when applied, else how far the stage it waited at is behind
     */
    public java.util.Optional<Behind> await(ViewLineage lineage, Map<TopicPartition, Long> inputs, long deadlineNanos)
            throws InterruptedException {
        Map<TopicPartition, Long> target = new HashMap<>();
        for (Map.Entry<TopicPartition, Long> e : inputs.entrySet()) {
            if (lineage.inputs().contains(e.getKey().topic())) {
                target.put(e.getKey(), e.getValue());
            }
        }
        String stage = "inputs";
        for (int round = 0; ; round++) {
            java.util.Optional<Behind> behind = awaitCommitted(stage, target, deadlineNanos);
            if (behind.isPresent() || round == lineage.stages()) {
                return behind;
            }
            // Everything derived from the records below the target has been sent to the internal topics in the
            // transactions that committed these offsets: their ends now cover it.
            target = internalEnds(lineage.internal());
            stage = "internal topics, stage " + (round + 1);
        }
    }

    private java.util.Optional<Behind> awaitCommitted(String stage, Map<TopicPartition, Long> target, long deadlineNanos)
            throws InterruptedException {
        while (true) {
            Map<TopicPartition, Long> done = committed();
            Map<String, Long> behind = new TreeMap<>();
            target.forEach((tp, offset) -> {
                long at = done.getOrDefault(tp, 0L);
                if (at < offset) {
                    behind.put(tp.toString(), offset - at);
                }
            });
            if (behind.isEmpty()) {
                return java.util.Optional.empty();
            }
            if (System.nanoTime() >= deadlineNanos) {
                return java.util.Optional.of(new Behind(stage, behind));
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    /** The committed offsets of the app's group, read at most {@link #COMMITTED_MAX_AGE_NANOS} ago. */
    private synchronized Map<TopicPartition, Long> committed() throws InterruptedException {
        if (System.nanoTime() - committedReadAt > COMMITTED_MAX_AGE_NANOS) {
            long started = System.nanoTime();
            Map<TopicPartition, OffsetAndMetadata> offsets = get(admin.listConsumerGroupOffsets(applicationId)
                    .partitionsToOffsetAndMetadata());
            Map<TopicPartition, Long> read = new HashMap<>();
            offsets.forEach((tp, om) -> {
                if (om != null) {
                    read.put(tp, om.offset());
                }
            });
            committed = read;
            committedReadAt = started;
        }
        return committed;
    }

    /**
     * The ends (high watermarks) of the internal topics' partitions, read now: later than any commit seen before.
     * Not the last stable offsets: a transaction's commit markers reach its partitions one by one, so its offsets
     * may already read as committed while an internal partition's last stable offset is still before its records.
     * The high watermark covers them; the records of a later transaction it may cover too are committed (or aborted
     * and skipped) within a commit interval.
     */
    private Map<TopicPartition, Long> internalEnds(Set<String> topics) throws InterruptedException {
        if (topics.isEmpty()) {
            return Map.of();
        }
        Set<String> unknown = new java.util.HashSet<>(topics);
        unknown.removeAll(partitions.keySet());
        if (!unknown.isEmpty()) {
            get(admin.describeTopics(unknown).allTopicNames()).forEach((topic, description) -> partitions.put(topic,
                    description.partitions().stream().map(p -> new TopicPartition(topic, p.partition())).toList()));
        }
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        topics.forEach(topic -> partitions.get(topic).forEach(tp -> latest.put(tp, OffsetSpec.latest())));
        Map<TopicPartition, Long> ends = new HashMap<>();
        get(admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED)).all())
                .forEach((tp, info) -> ends.put(tp, info.offset()));
        return ends;
    }

    private static <T> T get(org.apache.kafka.common.KafkaFuture<T> future) throws InterruptedException {
        try {
            return future.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer about the view app's progress: " + e.getMessage()
                    + "; check that the brokers are reachable", e);
        }
    }
}
