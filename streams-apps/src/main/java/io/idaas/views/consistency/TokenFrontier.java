package io.idaas.views.consistency;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.idaas.ddml.consistency.ConsistencyToken;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * Maps source positions to Kafka offsets. It reads each source's heartbeat topic; when a heartbeat event arrives, every
 * change the source committed before that heartbeat has been captured and written to Kafka before it (Connect's source
 * producers send in order with one request in flight per broker), so the ends of the views' input partitions, read
 * right then, cover every change up to the heartbeat's position. Each heartbeat thus adds a frontier entry
 * (position, input ends); a token is resolved by the first entry whose position covers it.
 */
public final class TokenFrontier implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TokenFrontier.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Entries kept per source; a token older than all of them is resolved by the oldest, which covers it too. */
    private static final int KEPT = 1_000;

    /** A heartbeat's position and the input partitions' ends read after it arrived. */
    public record Entry(String position, Map<TopicPartition, Long> inputEnds) {
    }

    private final Map<String, SourceState> sources = new HashMap<>();
    private final Set<String> inputTopics;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Thread thread;
    private volatile boolean closed;

    private static final class SourceState {
        final SourceDeclaration source;
        final SourceHeartbeat heartbeat;
        final Deque<Entry> entries = new ArrayDeque<>();

        SourceState(SourceDeclaration source, SourceHeartbeat heartbeat) {
            this.source = source;
            this.heartbeat = heartbeat;
        }
    }

    public TokenFrontier(String bootstrapServers, Collection<SourceHeartbeat> heartbeats, Collection<SourceDeclaration> declared,
                         Set<String> inputTopics) {
        Map<String, SourceHeartbeat> byName = new HashMap<>();
        heartbeats.forEach(h -> byName.put(h.source().name(), h));
        declared.forEach(s -> sources.put(s.name(), new SourceState(s, byName.get(s.name()))));
        this.inputTopics = Set.copyOf(inputTopics);
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "20");
        this.consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.thread = new Thread(this::run, "idaas-token-frontier");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /**
     * The input ends that cover {@code token}, waiting for a heartbeat (and asking for one) until {@code deadlineNanos}.
     *
     * @throws IllegalArgumentException when the token's source is not declared
     */
    public Optional<Map<TopicPartition, Long>> await(ConsistencyToken token, long deadlineNanos) throws InterruptedException {
        SourceState state = sources.get(token.source());
        if (state == null) {
            throw new IllegalArgumentException("the token is of source '" + token.source() + "', which the view app does not "
                    + "declare" + (sources.isEmpty() ? "; declare the source under 'sources' in the view file" : "; the sources are " + sources.keySet()));
        }
        synchronized (state) {
            while (true) {
                for (Entry e : state.entries) {
                    if (token.isCoveredBy(e.position())) {
                        return Optional.of(e.inputEnds());
                    }
                }
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    return Optional.empty();
                }
                state.heartbeat.request();
                state.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    /** The newest entries of {@code source}, newest first, at most {@code limit}. */
    public List<Entry> newestEntries(String source, int limit) {
        SourceState state = sources.get(source);
        List<Entry> newest = new ArrayList<>();
        if (state != null) {
            synchronized (state) {
                for (java.util.Iterator<Entry> it = state.entries.descendingIterator(); it.hasNext() && newest.size() < limit; ) {
                    newest.add(it.next());
                }
            }
        }
        return newest;
    }

    /** The newest heartbeat position read from the source's topic, if any. */
    public Optional<String> newest(String source) {
        SourceState state = sources.get(source);
        if (state == null) {
            return Optional.empty();
        }
        synchronized (state) {
            return state.entries.isEmpty() ? Optional.empty() : Optional.of(state.entries.getLast().position());
        }
    }

    private void run() {
        Map<String, String> sourceOfTopic = new HashMap<>();
        sources.values().forEach(s -> sourceOfTopic.put(s.source.heartbeatTopic(), s.source.name()));
        List<TopicPartition> inputs = new ArrayList<>();
        try {
            while (!closed) {
                try {
                    if (consumer.assignment().size() < sourceOfTopic.size() || inputs.isEmpty()) {
                        assign(sourceOfTopic, inputs);
                    }
                    if (consumer.assignment().isEmpty()) {
                        continue; // assign() waited; the heartbeat topics do not exist yet
                    }
                    // Per source, the newest heartbeat of the batch: one read of the input ends covers them all.
                    Map<String, String> newest = new HashMap<>();
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                        String position = position(r);
                        if (position != null) {
                            newest.merge(sourceOfTopic.get(r.topic()), position, (a, b) -> a.compareTo(b) >= 0 ? a : b);
                        }
                    }
                    if (!newest.isEmpty()) {
                        Map<TopicPartition, Long> ends = consumer.endOffsets(inputs);
                        newest.forEach((source, position) -> add(sources.get(source), new Entry(position, ends)));
                    }
                } catch (WakeupException e) {
                    throw e;
                } catch (RuntimeException e) {
                    LOG.warn("reading the heartbeat topics failed ({}); retrying in a second", e.toString());
                    sleep(1_000);
                }
            }
        } catch (WakeupException e) {
            if (!closed) {
                LOG.error("the token frontier was woken up unexpectedly; reads with a token will time out", e);
            }
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** Assigns the heartbeat topics that exist (from their end: only heartbeats from now on matter) and lists the inputs. */
    private void assign(Map<String, String> sourceOfTopic, List<TopicPartition> inputs) {
        List<TopicPartition> heartbeat = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String topic : sourceOfTopic.keySet()) {
            List<PartitionInfo> info = consumer.partitionsFor(topic, Duration.ofSeconds(5));
            if (info == null || info.isEmpty()) {
                missing.add(topic);
                continue;
            }
            info.forEach(p -> heartbeat.add(new TopicPartition(topic, p.partition())));
        }
        if (!heartbeat.isEmpty() && !heartbeat.equals(new ArrayList<>(consumer.assignment()))) {
            Set<TopicPartition> before = consumer.assignment();
            consumer.assign(heartbeat);
            List<TopicPartition> added = heartbeat.stream().filter(tp -> !before.contains(tp)).toList();
            consumer.seekToEnd(added);
        }
        if (!missing.isEmpty()) {
            LOG.info("heartbeat topic(s) {} do not exist yet: the source connector creates them with the first heartbeat "
                    + "it captures (it must capture the heartbeat table)", missing);
            sources.values().forEach(s -> s.heartbeat.request());
            sleep(500);
        }
        inputs.clear();
        for (String topic : inputTopics) {
            List<PartitionInfo> info = consumer.partitionsFor(topic, Duration.ofSeconds(5));
            if (info != null) {
                info.forEach(p -> inputs.add(new TopicPartition(topic, p.partition())));
            }
        }
    }

    private static String position(ConsumerRecord<byte[], byte[]> r) {
        if (r.value() == null) {
            return null;
        }
        try {
            JsonNode sortable = JSON.readTree(r.value()).path("position").path("sortable");
            return sortable.isTextual() ? sortable.asText() : null;
        } catch (IOException e) {
            LOG.warn("heartbeat record {}-{}@{} is not DDML JSON; skipped", r.topic(), r.partition(), r.offset());
            return null;
        }
    }

    private static void add(SourceState state, Entry entry) {
        synchronized (state) {
            if (!state.entries.isEmpty() && state.entries.getLast().position().compareTo(entry.position()) >= 0) {
                return; // a replayed or reordered heartbeat adds nothing
            }
            state.entries.addLast(entry);
            while (state.entries.size() > KEPT) {
                state.entries.removeFirst();
            }
            state.notifyAll();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        consumer.wakeup();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
