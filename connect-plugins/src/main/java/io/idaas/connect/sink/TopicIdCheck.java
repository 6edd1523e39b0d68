package io.idaas.connect.sink;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkTaskContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Tells offsets a sink kept in its target for a topic from offsets kept for an older topic of the same name. Each sink
 * stores, with the next offset of a partition and in the same write, the Kafka topic id of the partition's topic; when
 * it opens partitions with stored offsets it reads the topics' current ids from Kafka and decides per partition
 * ({@link #decide}): no stored id (offsets of an older idaas) adopts the current one, the same id resumes, another id
 * means the topic was deleted and created again, so the stored offsets would skip every record of the new topic below
 * them: the task fails naming the topic, both ids, where the stale offsets are and the fixes, or, with
 * {@value TopicRecreated#CONFIG}{@code =restart}, discards them and applies the new topic from offset 0.
 *
 * <p>Without Kafka admin settings nothing is read and every stored offset resumes, unchecked (the sink warns at start).
 * When Kafka does not answer, {@link #check} throws {@link Unavailable}: the task asks again at its next put().
 */
public final class TopicIdCheck {

    private static final Logger LOG = LoggerFactory.getLogger(TopicIdCheck.class);
    private static final long ADMIN_TIMEOUT_MS = 10_000;

    /** A partition's next offset as the target holds it, and the topic id stored with it (null: none stored). */
    public record Stored(long offset, Uuid topicId) {
    }

    /** What becomes of a partition's stored offset. */
    public enum Decision {
        /** The stored id is the topic's: resume from the offset. */
        RESUME,
        /** No id stored (offsets of an older idaas): resume, and store the current id with the next offsets. */
        ADOPT,
        /** Another topic's offset: the task fails. */
        FAIL,
        /** Another topic's offset: discard it and apply the topic from offset 0. */
        RESTART
    }

    /**
     * What the task does with the partitions it opened.
     *
     * @param resume  the offsets to seek to (and that the target holds)
     * @param restart the partitions whose stale offsets are discarded: applied from offset 0
     * @param ids     the current id of each opened partition's topic (empty when none could be read): stored with offsets
     */
    public record Outcome(Map<TopicPartition, Long> resume, Set<TopicPartition> restart, Map<String, Uuid> ids) {
    }

    /** Kafka did not tell the topics' ids: nothing was resumed; the task retries at its next put(). */
    public static final class Unavailable extends RetriableException {
        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final Map<String, Object> adminConfig;
    private final String settingsKey;
    private final TopicRecreated policy;
    private final SinkMetrics metrics;
    private final Function<Map<String, Object>, Admin> adminFactory;

    /**
     * @param adminConfig the Kafka admin client's settings; empty: ids are neither read nor compared
     * @param settingsKey the sink's key that holds the bootstrap servers, named in messages
     * @param metrics     where a restarted topic is counted
     */
    public TopicIdCheck(Map<String, Object> adminConfig, String settingsKey, TopicRecreated policy, SinkMetrics metrics) {
        this(adminConfig, settingsKey, policy, metrics, Admin::create);
    }

    TopicIdCheck(Map<String, Object> adminConfig, String settingsKey, TopicRecreated policy, SinkMetrics metrics,
                 Function<Map<String, Object>, Admin> adminFactory) {
        this.adminConfig = adminConfig;
        this.settingsKey = settingsKey;
        this.policy = policy;
        this.metrics = metrics;
        this.adminFactory = adminFactory;
    }

    public boolean enabled() {
        return !adminConfig.isEmpty();
    }

    /** What becomes of an offset stored with {@code stored} for a topic whose id is now {@code current} (null: unknown). */
    public static Decision decide(Uuid stored, Uuid current, TopicRecreated policy) {
        if (current == null) {
            return Decision.RESUME; // nothing to compare with
        }
        if (stored == null) {
            return Decision.ADOPT;
        }
        if (stored.equals(current)) {
            return Decision.RESUME;
        }
        return policy == TopicRecreated.RESTART ? Decision.RESTART : Decision.FAIL;
    }

    /**
     * Reads the current ids of the opened partitions' topics and decides what becomes of their stored offsets.
     *
     * @param opened       the partitions opened
     * @param stored       what the target holds, by partition (others may be there too)
     * @param staleOffsets where, in words, the target keeps a topic's offsets (named when they are stale)
     * @throws Unavailable when Kafka does not tell the ids
     * @throws ConnectException when a topic was recreated and the policy is {@code fail}
     */
    public Outcome check(Set<TopicPartition> opened, Map<TopicPartition, Stored> stored,
                         Function<String, String> staleOffsets) {
        Map<String, Uuid> ids = enabled() ? currentIds(opened.stream().map(TopicPartition::topic)
            .collect(Collectors.toSet())) : Map.of();
        return decide(opened, stored, ids, staleOffsets);
    }

    /** {@link #check} with the topics' current ids given. */
    Outcome decide(Set<TopicPartition> opened, Map<TopicPartition, Stored> stored, Map<String, Uuid> ids,
                   Function<String, String> staleOffsets) {
        Map<TopicPartition, Long> resume = new HashMap<>();
        Set<TopicPartition> restart = new HashSet<>();
        Map<String, Uuid> failed = new TreeMap<>();
        Map<String, Uuid> restarted = new TreeMap<>();
        for (TopicPartition tp : opened) {
            Stored s = stored.get(tp);
            if (s == null) {
                continue;
            }
            switch (decide(s.topicId(), ids.get(tp.topic()), policy)) {
                case RESUME, ADOPT -> resume.put(tp, s.offset());
                case RESTART -> {
                    restart.add(tp);
                    restarted.put(tp.topic(), s.topicId());
                }
                case FAIL -> failed.put(tp.topic(), s.topicId());
            }
        }
        if (!failed.isEmpty()) {
            Map.Entry<String, Uuid> first = failed.entrySet().iterator().next();
            String topic = first.getKey();
            throw new ConnectException("Topic '" + topic + "' was deleted and created again (or is another topic of that "
                + "name): the offsets this sink keeps in its target for it were written for topic id " + first.getValue()
                + ", and the topic's id is now " + ids.get(topic) + "; resuming from them would skip, as if applied, "
                + "every record of the new topic below them. The stale offsets are " + staleOffsets.apply(topic)
                + (failed.size() > 1 ? " (and the same for topics " + failed.keySet().stream().skip(1).toList() + ")" : "")
                + ". Fix: delete them, or run 'idaas pipeline delete --purge' and apply the pipeline again, or set "
                + TopicRecreated.CONFIG + "=restart to discard them and apply the new topic from its first record; then "
                + "restart the task.");
        }
        restarted.forEach((topic, old) -> {
            LOG.warn("Topic '{}' was deleted and created again: the offsets kept for it in the target were written for "
                + "topic id {}, and its id is now {}; as {}=restart says, they are discarded and the topic is applied from "
                + "its first record ({})", topic, old, ids.get(topic), TopicRecreated.CONFIG, staleOffsets.apply(topic));
            if (metrics != null) {
                metrics.recreatedTopic();
            }
        });
        return new Outcome(resume, restart, Map.copyOf(ids));
    }

    /**
     * What a task does when {@link #check} threw {@link Unavailable} in put(): the records come back after
     * {@code backoffMs}, and the check is made again first; after {@code maxRetries} failures in a row the task fails.
     *
     * @param failures the failures in a row, this one included
     * @return the exception for put() to throw
     */
    public static RuntimeException retryLater(Unavailable e, int failures, int maxRetries, long backoffMs,
                                              SinkMetrics metrics, SinkTaskContext context) {
        if (failures > maxRetries) {
            return new ConnectException("Kafka failed " + failures + " times in a row (max.retries=" + maxRetries + "): "
                + e.getMessage(), e);
        }
        metrics.retried();
        LOG.warn("{}; retry {} of {} in {} ms", e.getMessage(), failures, maxRetries, backoffMs);
        context.timeout(backoffMs);
        return e;
    }

    /** Each topic's current id, from Kafka. */
    private Map<String, Uuid> currentIds(Set<String> topics) {
        if (topics.isEmpty()) {
            return Map.of();
        }
        Admin admin = null;
        try {
            admin = adminFactory.apply(adminConfig);
            Map<String, Uuid> ids = new HashMap<>();
            admin.describeTopics(topics).allTopicNames().get(ADMIN_TIMEOUT_MS, TimeUnit.MILLISECONDS)
                .forEach((topic, d) -> ids.put(topic, d.topicId()));
            return ids;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted while reading the ids of topics " + topics, e);
        } catch (Exception e) {
            throw new Unavailable("cannot read the ids of topics " + new java.util.TreeSet<>(topics) + " from Kafka ("
                + e + "), to check that the offsets the target holds belong to them; nothing is applied until they are "
                + "read (check " + settingsKey + " and the admin client settings of its prefix)", e);
        } finally {
            if (admin != null) {
                admin.close(Duration.ofSeconds(5));
            }
        }
    }
}
