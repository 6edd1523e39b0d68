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
 *
 * <p>The sinks run this on a thread of its own ({@link #startBackground}), with a target connection of its own: the
 * task's {@code put()} only notes the positions a batch applied and wakes it, so the admin calls and the target's
 * reads and writes of the frontier never hold a batch up. A failure there is logged and tried again; it only delays the
 * applied positions. Without {@link #startBackground}, {@link #publish} does the work in the caller's thread.
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
    public interface Store extends AutoCloseable {
        /**
         * Raises the applied position of each source whose bound ends the stored offsets have all reached (a partition
         * without a stored offset has reached an end of 0 only), never lowering one.
         *
         * @return the sources whose applied position is now at least their bound position
         */
        Set<String> raiseWhereReached(Map<String, Bound> bound);

        /** Closes what the store opened for itself (a store on the task's own connection opens nothing). */
        @Override
        default void close() {
        }
    }

    /** How often a bound position is checked again when no batch wakes the thread (other tasks write offsets too). */
    private static final long RECHECK_MS = 100;
    /** The longest wait before trying again after the target or Kafka failed. */
    private static final long RETRY_MS = 2_000;

    private final Function<Map<String, Object>, Admin> adminFactory;
    private final Map<String, Object> adminConfig;
    private final Predicate<String> topics;
    private final Map<String, String> pending = new LinkedHashMap<>();
    private final Map<String, Bound> bound = new HashMap<>();
    private Admin admin;
    private Thread worker;
    private java.util.function.Supplier<Store> storeFactory;
    private Store ownStore;
    private volatile boolean stopping;
    /** Publish requests made and publish rounds finished, for {@link #awaitPublished}. */
    private long requested;
    private long finished;

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

    /**
     * Runs the frontier on a thread of its own from now on: {@link #publish} only wakes it, and it works with the store
     * {@code storeFactory} makes (opened on that thread, again after a failure, closed by {@link #close}).
     */
    public synchronized void startBackground(String name, java.util.function.Supplier<Store> storeFactory) {
        if (!enabled() || worker != null) {
            return;
        }
        this.storeFactory = storeFactory;
        worker = new Thread(this::runBackground, "idaas-applied-frontier-" + name);
        worker.setDaemon(true);
        worker.start();
    }

    /** Notes the newest position per source that a batch applied (after its script call succeeded). */
    public synchronized void applied(Map<String, String> positions) {
        if (enabled()) {
            positions.forEach((source, p) -> pending.merge(source, p, (a, b) -> a.compareTo(b) >= 0 ? a : b));
        }
    }

    /**
     * Binds waiting positions to end offsets and raises the applied positions whose ends the target's offsets have
     * reached: on the frontier's own thread when it runs one (this call only wakes it), else here, where a Kafka that
     * does not answer only delays it (logged) and the target failing throws, as for a batch.
     */
    public void publish(Store store) {
        if (!enabled()) {
            return;
        }
        synchronized (this) {
            if (worker != null) {
                requested++;
                notifyAll();
                return;
            }
        }
        publishWith(store);
    }

    /**
     * Waits until the frontier's thread has finished a round begun after every {@link #publish} made so far (at once
     * without one): what {@link #publish} would have done in the caller's thread is done. For tests, and a clean stop.
     *
     * @return whether it got there in time
     */
    public synchronized boolean awaitPublished(java.time.Duration timeout) throws InterruptedException {
        long target = requested;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (worker != null && finished < target) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                return false;
            }
            wait(left);
        }
        return true;
    }

    private void runBackground() {
        long backoff = 0;
        while (!stopping) {
            long round;
            synchronized (this) {
                try {
                    if (backoff > 0) {
                        wait(backoff);
                    } else if (finished >= requested) {
                        wait(bound.isEmpty() ? 1_000 : RECHECK_MS);
                    }
                } catch (InterruptedException e) {
                    return;
                }
                if (stopping) {
                    return;
                }
                round = requested;
            }
            try {
                if (ownStore == null) {
                    ownStore = storeFactory.get();
                }
                publishWith(ownStore);
                backoff = 0;
            } catch (RuntimeException e) {
                LOG.warn("Cannot raise the applied positions in the target yet ({}); trying again", e.toString());
                closeOwnStore();
                backoff = Math.min(RETRY_MS, Math.max(100, backoff * 2));
            }
            synchronized (this) {
                finished = Math.max(finished, round);
                notifyAll();
            }
        }
    }

    private void publishWith(Store store) {
        synchronized (this) {
            if (pending.isEmpty() && bound.isEmpty()) {
                return;
            }
        }
        for (int round = 0; round < 2; round++) {
            // The positions to bind are taken before the end offsets are read: a position applied later waits its turn.
            Map<String, String> binding = new HashMap<>();
            synchronized (this) {
                for (String source : List.copyOf(pending.keySet())) {
                    if (!bound.containsKey(source)) {
                        binding.put(source, pending.remove(source));
                    }
                }
            }
            if (!binding.isEmpty()) {
                Map<String, Long> ends = endOffsets();
                synchronized (this) {
                    if (ends == null) {
                        applied(binding); // back to waiting
                        return;
                    }
                    binding.forEach((source, position) -> bound.put(source, new Bound(position, ends)));
                }
            }
            Map<String, Bound> toRaise;
            synchronized (this) {
                if (bound.isEmpty()) {
                    return;
                }
                toRaise = Map.copyOf(bound);
            }
            Set<String> raised = store.raiseWhereReached(toRaise);
            synchronized (this) {
                raised.forEach(bound::remove);
                if (raised.isEmpty() || pending.isEmpty()) {
                    return;
                }
            }
        }
    }

    private void closeOwnStore() {
        if (ownStore != null) {
            try {
                ownStore.close();
            } catch (RuntimeException e) {
                LOG.debug("closing the applied-position store", e);
            }
            ownStore = null;
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
        Thread running;
        synchronized (this) {
            stopping = true;
            running = worker;
            notifyAll();
        }
        if (running != null) {
            try {
                running.join(ADMIN_TIMEOUT_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (!running.isAlive()) {
                closeOwnStore();
            }
        }
        if (admin != null) {
            admin.close(java.time.Duration.ofSeconds(5));
            admin = null;
        }
    }
}
