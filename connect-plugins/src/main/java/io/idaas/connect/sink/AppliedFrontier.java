package io.idaas.connect.sink;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Raises a sink's applied position per source (SPEC.md §3.4: the position a consistency token is checked against; the
 * Redis sink's {@code <prefix>:applied:<source>}, the MongoDB sink's {@code _idaas_applied}) only when the target holds
 * every change of the source up to it. A position applied from one partition does not say that: a task reads the table
 * topics, the heartbeat topic and the transaction topic of a source as separate partitions, in no order between them,
 * and other tasks read other partitions; a heartbeat applied a moment before the client's own write on the table's topic
 * would tell the client its write is there when it is not.
 *
 * <p>So once a batch has applied position {@code P} of a source, the frontier reads the end offsets of every partition
 * of the sink's topics ({@code topics} or {@code topics.regex}, all tasks' partitions alike): every change the source
 * captured before {@code P} was written to Kafka before {@code P}'s own record, which has been read, so it lies below
 * those ends (Connect's source producer sends one request at a time per broker). {@code P} becomes the applied position
 * when the offsets the target holds, written by every task after (or with) its rows, have reached those ends in every
 * partition: the target's {@link Store} checks that and raises the position (Redis in one Lua step; MongoDB reads the
 * offsets, which only grow, then raises under a position guard). Until then, newer positions of the source wait for
 * their turn; a source keeps at most one position bound to end offsets at a time.
 */
public final class AppliedFrontier implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AppliedFrontier.class);
    private static final long ADMIN_TIMEOUT_MS = 10_000;

    /**
     * A position waiting for the target's offsets to reach the end offsets read after it was applied.
     *
     * @param ends end offset per partition, keyed {@code <topic>/<partition>}
     */
    public record Bound(String position, Map<String, Long> ends) {
    }

    /** The target's side: where the offsets and the applied positions are kept. */
    public interface Store {
        /**
         * Raises the applied position of each source whose bound ends the stored offsets have all reached (a partition
         * without a stored offset has reached an end of 0 only), never lowering one.
         *
         * @return the sources whose applied position is now at least their bound position
         */
        Set<String> raiseWhereReached(Map<String, Bound> bound);
    }

    private final Function<Map<String, Object>, Admin> adminFactory;
    private final Map<String, Object> adminConfig;
    private final Predicate<String> topics;
    private final Map<String, String> pending = new LinkedHashMap<>();
    private final Map<String, Bound> bound = new HashMap<>();
    private Admin admin;

    /**
     * @param adminConfig the admin client's settings; empty: nothing is ever written
     * @param topics      which topics the sink reads
     */
    public AppliedFrontier(Map<String, Object> adminConfig, Predicate<String> topics) {
        this(adminConfig, topics, Admin::create);
    }

    AppliedFrontier(Map<String, Object> adminConfig, Predicate<String> topics, Function<Map<String, Object>, Admin> adminFactory) {
        this.adminConfig = adminConfig;
        this.topics = topics;
        this.adminFactory = adminFactory;
    }

    /** The sink's topics as its connector config names them ({@code topics}, else {@code topics.regex}). */
    public static Predicate<String> topicsOf(Map<String, String> props) {
        String list = props.getOrDefault("topics", "");
        if (!list.isBlank()) {
            Set<String> names = java.util.Arrays.stream(list.split(",")).map(String::trim).filter(t -> !t.isEmpty())
                .collect(Collectors.toSet());
            return names::contains;
        }
        Pattern regex = Pattern.compile(props.getOrDefault("topics.regex", "a^"));
        return t -> regex.matcher(t).matches();
    }

    public boolean enabled() {
        return !adminConfig.isEmpty();
    }

    /** Notes the newest position per source that a batch applied (after its script call succeeded). */
    public void applied(Map<String, String> positions) {
        if (enabled()) {
            positions.forEach((source, p) -> pending.merge(source, p, (a, b) -> a.compareTo(b) >= 0 ? a : b));
        }
    }

    /**
     * Binds waiting positions to end offsets and raises the applied positions whose ends the target's offsets have
     * reached. A Kafka that does not answer only delays this (logged); the target failing throws, as for a batch.
     */
    public void publish(Store store) {
        if (!enabled() || pending.isEmpty() && bound.isEmpty()) {
            return;
        }
        for (int round = 0; round < 2; round++) {
            Map<String, Long> ends = null;
            for (String source : List.copyOf(pending.keySet())) {
                if (!bound.containsKey(source)) {
                    if (ends == null) {
                        ends = endOffsets();
                        if (ends == null) {
                            return;
                        }
                    }
                    bound.put(source, new Bound(pending.remove(source), ends));
                }
            }
            if (bound.isEmpty()) {
                return;
            }
            Set<String> raised = store.raiseWhereReached(Map.copyOf(bound));
            if (raised.isEmpty()) {
                return;
            }
            raised.forEach(bound::remove);
            if (pending.isEmpty()) {
                return;
            }
        }
    }

    /** Every partition's end offset of the sink's topics, as offsets-hash fields {@code <topic>/<partition>}; null on failure. */
    private Map<String, Long> endOffsets() {
        try {
            if (admin == null) {
                admin = adminFactory.apply(adminConfig);
            }
            Set<String> names = admin.listTopics(new ListTopicsOptions().listInternal(false)).names()
                .get(ADMIN_TIMEOUT_MS, TimeUnit.MILLISECONDS).stream().filter(topics).collect(Collectors.toSet());
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(names).allTopicNames().get(ADMIN_TIMEOUT_MS, TimeUnit.MILLISECONDS)
                .forEach((topic, d) -> d.partitions().forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest())));
            Map<String, Long> ends = new HashMap<>();
            admin.listOffsets(latest).all().get(ADMIN_TIMEOUT_MS, TimeUnit.MILLISECONDS)
                .forEach((tp, info) -> ends.put(tp.topic() + "/" + tp.partition(), info.offset()));
            return ends;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (Exception e) {
            LOG.warn("Cannot read the end offsets of the sink's topics from Kafka ({}); the applied positions in the target "
                + "wait (check applied.kafka.bootstrap.servers and the applied.kafka.* security settings)", e.toString());
            return null;
        }
    }

    @Override
    public void close() {
        if (admin != null) {
            admin.close(java.time.Duration.ofSeconds(5));
            admin = null;
        }
    }
}
