package io.idaas.views.app;

import io.idaas.views.ViewTopology;
import io.idaas.views.consistency.Consistency;
import io.idaas.views.declaration.ViewDeclaration;
import io.idaas.views.table.OpenStores;
import io.idaas.views.table.ViewKeys;
import io.idaas.views.table.ViewRow;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.LagInfo;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import java.util.ArrayList;
import java.util.Collection;
import java.util.PriorityQueue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Reads the views this instance holds: rows by key, pages of rows, and what each view reflects. */
public final class ViewService {

    /** A page of rows in key order, and the key to start the next page at ({@code null} at the end). */
    public record Page(List<Map.Entry<String, ViewRow>> rows, String next) {
    }

    private final KafkaStreams streams;
    private final HostInfo self;
    private final Map<String, ViewDeclaration> views = new LinkedHashMap<>();
    /**
     * Each view's store over all its partitions here, kept: Kafka Streams' composite store finds the partitions' stores
     * at each read (and throws {@link InvalidStateStoreException} while they move), so one object serves every read.
     */
    private final Map<String, ReadOnlyKeyValueStore<String, ViewRow>> viewStores = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Per view, whether this instance was the only one holding its store when asked, while Kafka Streams was RUNNING:
     * then every key's owner is this instance, with no lookup of the key's metadata (a synchronized method of Kafka
     * Streams, taken by every request thread). Emptied at every change of Kafka Streams' state: partitions move only
     * in a rebalance, which leaves RUNNING first.
     */
    private final Map<String, Placement> placements = new java.util.concurrent.ConcurrentHashMap<>();
    private final OpenStores openStores;
    /** The app's {@code application.id}: its consumer group, for those who measure its lag; null when not told. */
    private final String applicationId;
    private final io.idaas.views.metrics.ViewMetrics metrics;
    /** Per view without a declared key, the key columns read from a row it holds. */
    private final Map<String, List<String>> keyColumns = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Where a view's store was, while Kafka Streams was RUNNING: whether this instance was its only holder, and how
     * many partitions of the view's topic it ran then.
     */
    private record Placement(boolean sole, int partitions) {
    }

    private final Consistency consistency;
    private volatile boolean warmedUp;

    /** {@code self} is this instance's {@code application.server}: the host and port of its HTTP API. */
    public ViewService(KafkaStreams streams, HostInfo self, List<ViewDeclaration> declarations) {
        this(streams, self, declarations, null, new OpenStores());
    }

    /**
     * With consistency tokens for the declared sources ({@code null}: none declared), and the registry of the table
     * views' open stores the topology fills ({@code ViewTopology.build(.., openStores)}), which key lookups read while
     * this instance holds all of a view's partitions.
     */
    public ViewService(KafkaStreams streams, HostInfo self, List<ViewDeclaration> declarations, Consistency consistency,
                       OpenStores openStores) {
        this(streams, self, declarations, consistency, openStores, null);
    }

    /** As above, with the app's {@code application.id} ({@link #applicationId()}). */
    public ViewService(KafkaStreams streams, HostInfo self, List<ViewDeclaration> declarations, Consistency consistency,
                       OpenStores openStores, String applicationId) {
        this.applicationId = applicationId;
        this.openStores = openStores;
        this.metrics = new io.idaas.views.metrics.ViewMetrics(streams, openStores.freshness(), declarations);
        this.streams = streams;
        this.self = self;
        this.consistency = consistency;
        declarations.forEach(v -> views.put(v.name(), v));
        // Kafka Streams takes one state listener, before it starts: this service's (ViewApp starts it after this).
        streams.setStateListener((now, before) -> placements.clear());
    }

    /** Consistency tokens, when the view file declares sources. */
    /** The app's {@code application.id} (its consumer group), or null. */
    public String applicationId() {
        return applicationId;
    }

    /** The app's metrics, for {@code GET /metrics}. */
    public io.idaas.views.metrics.ViewMetrics metrics() {
        return metrics;
    }

    public Optional<Consistency> consistency() {
        return Optional.ofNullable(consistency);
    }

    public Collection<ViewDeclaration> views() {
        return views.values();
    }

    public Optional<ViewDeclaration> view(String name) {
        return Optional.ofNullable(views.get(name));
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    /** Ready to serve: Kafka Streams is RUNNING and the app has finished its warm-up ({@link #warmedUp()}). */
    public boolean ready() {
        return warmedUp && streams.state() == KafkaStreams.State.RUNNING;
    }

    /** Whether the app has finished its warm-up. */
    public boolean isWarmedUp() {
        return warmedUp;
    }

    /** Marks the warm-up done (the app calls it once). */
    public void warmedUp() {
        warmedUp = true;
    }

    /** Alive: Kafka Streams has not failed or stopped (it may still be starting or rebalancing). */
    public boolean healthy() {
        KafkaStreams.State state = streams.state();
        return state != KafkaStreams.State.ERROR && state != KafkaStreams.State.PENDING_ERROR
                && state != KafkaStreams.State.NOT_RUNNING && state != KafkaStreams.State.PENDING_SHUTDOWN;
    }

    /** The row of {@code key} if this instance holds it and it is in the view. */
    public Optional<ViewRow> get(String view, String key) {
        ViewRow row;
        try {
            Collection<ReadOnlyKeyValueStore<String, ViewRow>> open = openStoresOfEveryPartition(view);
            if (open != null) {
                row = null;
                for (ReadOnlyKeyValueStore<String, ViewRow> store : open) {
                    row = store.get(key);
                    if (row != null) {
                        break;
                    }
                }
            } else {
                row = viewStores.computeIfAbsent(view, this::store).get(key);
            }
        } catch (InvalidStateStoreException e) {
            throw unavailable(view, e);
        }
        return row != null && row.inView() ? Optional.of(row) : Optional.empty();
    }

    /**
     * Up to {@code limit} rows in the keys' natural order ({@link ViewKeys#NATURAL}: numbers as numbers, strings by
     * text, column by column) from {@code from} (inclusive, {@code null} for the first), whose key text starts with
     * {@code prefix} ({@code null} for any).
     */
    public Page page(String view, String from, String prefix, int limit) {
        return page(view, from, null, prefix, limit);
    }

    /**
     * As {@link #page(String, String, String, int)}, and only keys before {@code to} (exclusive; {@code null}: no end).
     * The stores keep keys in the order of their bytes ({@code {"id":10}} before {@code {"id":2}}), so a page reads every
     * row of this instance's partitions (those under {@code prefix} only, a range of the bytes) and keeps the first
     * {@code limit + 1} in natural order: the rule is the same on every page, so {@code next} (the first key left out)
     * starts the next page exactly where this one ended.
     */
    public Page page(String view, String from, String to, String prefix, int limit) {
        ViewKeys.Sortable lower = from == null ? null : ViewKeys.sortable(from);
        ViewKeys.Sortable upper = to == null ? null : ViewKeys.sortable(to);
        // The first limit + 1 keys in natural order: the largest on top, dropped when a smaller one comes.
        PriorityQueue<Map.Entry<ViewKeys.Sortable, ViewRow>> kept =
                new PriorityQueue<>(limit + 2, Map.Entry.<ViewKeys.Sortable, ViewRow>comparingByKey(ViewKeys.NATURAL).reversed());
        for (int partition : lag(view).keySet()) {
            ReadOnlyKeyValueStore<String, ViewRow> store = partitionStore(view, partition);
            if (store == null) {
                continue; // a standby replica here: the active one answers
            }
            try (KeyValueIterator<String, ViewRow> it = prefix == null ? store.all() : store.prefixScan(prefix, new StringSerializer())) {
                while (it.hasNext()) {
                    KeyValue<String, ViewRow> kv = it.next();
                    if (!kv.value.inView()) {
                        continue;
                    }
                    ViewKeys.Sortable key = ViewKeys.sortable(kv.key);
                    if (lower != null && ViewKeys.NATURAL.compare(key, lower) < 0
                            || upper != null && ViewKeys.NATURAL.compare(key, upper) >= 0) {
                        continue;
                    }
                    if (kept.size() <= limit) {
                        kept.add(Map.entry(key, kv.value));
                    } else if (ViewKeys.NATURAL.compare(key, kept.peek().getKey()) < 0) {
                        kept.poll();
                        kept.add(Map.entry(key, kv.value));
                    }
                }
            }
        }
        List<Map.Entry<ViewKeys.Sortable, ViewRow>> sorted = new ArrayList<>(kept);
        sorted.sort(Map.Entry.comparingByKey(ViewKeys.NATURAL));
        String next = sorted.size() > limit ? sorted.remove(limit).getKey().text() : null;
        List<Map.Entry<String, ViewRow>> rows = new ArrayList<>(sorted.size());
        sorted.forEach(e -> rows.add(Map.entry(e.getKey().text(), e.getValue())));
        return new Page(rows, next);
    }

    /**
     * The view's key columns in key order: the declared {@code key}, else the columns of a key this instance holds
     * (empty when it holds none yet).
     */
    public List<String> keyColumns(String view) {
        ViewDeclaration v = views.get(view);
        if (!v.key().isEmpty()) {
            return v.key();
        }
        List<String> seen = keyColumns.get(view);
        if (seen != null) {
            return seen;
        }
        for (int partition : lag(view).keySet()) {
            ReadOnlyKeyValueStore<String, ViewRow> store = partitionStore(view, partition);
            if (store == null) {
                continue;
            }
            try (KeyValueIterator<String, ViewRow> it = store.all()) {
                if (it.hasNext()) {
                    seen = List.copyOf(ViewKeys.columns(it.next().key).keySet());
                    keyColumns.put(view, seen);
                    return seen;
                }
            }
        }
        return List.of();
    }

    /** Per input partition this instance holds, the newest source position the view applied. */
    public Map<Integer, String> positions(String view) {
        if (view(view).map(v -> v.kind() != io.idaas.views.declaration.ViewKind.TABLE).orElse(true)) {
            return Map.of(); // join views: their position is each row's (Kafka Streams keeps no per-partition one)
        }
        ReadOnlyKeyValueStore<Integer, String> store = store(ViewTopology.positionsStoreName(view), view, null);
        Map<Integer, String> positions = new TreeMap<>();
        try (KeyValueIterator<Integer, String> it = store.all()) {
            it.forEachRemaining(kv -> positions.put(kv.key, kv.value));
        }
        return positions;
    }

    /** Per partition of the view's store this instance holds, how many changelog records it is behind. */
    public Map<Integer, Long> lag(String view) {
        Map<Integer, Long> lag = new TreeMap<>();
        Map<Integer, LagInfo> info = streams.allLocalStorePartitionLags().getOrDefault(ViewTopology.storeName(view), Map.of());
        info.forEach((p, l) -> lag.put(p, l.offsetLag()));
        return lag;
    }

    /**
     * The instance (host:port of its HTTP API) whose active task holds {@code key}, found as Kafka's default
     * partitioner placed the key's bytes; empty when this instance holds it.
     */
    public Optional<String> owner(String view, String key) {
        Placement placement = placement(view);
        if (placement != null && placement.sole()) {
            return Optional.empty();
        }
        KeyQueryMetadata m = streams.queryMetadataForKey(ViewTopology.storeName(view), key, new StringSerializer());
        if (m == null || m.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
            throw new ViewUnavailableException("view '" + view + "' has no instance for key " + key + " now (Kafka Streams is "
                    + streams.state() + "; partitions may be moving after a rebalance); retry in a moment", null);
        }
        return m.activeHost().equals(self) ? Optional.empty() : Optional.of(m.activeHost().host() + ":" + m.activeHost().port());
    }

    /** The view's placement while Kafka Streams is RUNNING; {@code null} in any other state. */
    private Placement placement(String view) {
        if (streams.state() != KafkaStreams.State.RUNNING) {
            return null;
        }
        Placement placement = placements.get(view);
        if (placement == null) {
            Collection<StreamsMetadata> holders = streams.streamsMetadataForStore(ViewTopology.storeName(view));
            boolean sole = holders.size() == 1 && holders.iterator().next().hostInfo().equals(self);
            String topic = views.get(view).topic();
            int partitions = sole ? (int) holders.iterator().next().topicPartitions().stream().filter(p -> p.topic().equals(topic)).count() : 0;
            placement = new Placement(sole, partitions);
            if (streams.state() == KafkaStreams.State.RUNNING) {
                placements.put(view, placement); // a state change since would have emptied the map, so re-check: rare
            }
        }
        return placement;
    }

    /**
     * A table view's open stores ({@link OpenStores}) when this instance is the view's only holder and every
     * partition's processor has opened its store; else {@code null}: Kafka Streams' query path finds them.
     */
    private Collection<ReadOnlyKeyValueStore<String, ViewRow>> openStoresOfEveryPartition(String view) {
        if (views.get(view).kind() != io.idaas.views.declaration.ViewKind.TABLE) {
            return null;
        }
        Placement placement = placement(view);
        if (placement == null || !placement.sole() || placement.partitions() == 0) {
            return null;
        }
        Collection<ReadOnlyKeyValueStore<String, ViewRow>> open = openStores.of(ViewTopology.storeName(view));
        return open.size() == placement.partitions() ? open : null;
    }

    /** The other instances (host:port of their HTTP API) that hold partitions of the view's store. */
    public List<String> otherInstances(String view) {
        List<String> hosts = new ArrayList<>();
        for (StreamsMetadata m : streams.streamsMetadataForStore(ViewTopology.storeName(view))) {
            if (!m.hostInfo().equals(self)) {
                hosts.add(m.hostInfo().host() + ":" + m.hostInfo().port());
            }
        }
        return hosts;
    }

    private ReadOnlyKeyValueStore<String, ViewRow> store(String view) {
        return store(ViewTopology.storeName(view), view, null);
    }

    /** The active store of one partition, or {@code null} when this instance holds it only as a standby. */
    private ReadOnlyKeyValueStore<String, ViewRow> partitionStore(String view, int partition) {
        try {
            return store(ViewTopology.storeName(view), view, partition);
        } catch (ViewUnavailableException e) {
            return null;
        }
    }

    private <K, V> ReadOnlyKeyValueStore<K, V> store(String storeName, String view, Integer partition) {
        try {
            StoreQueryParameters<ReadOnlyKeyValueStore<K, V>> query = StoreQueryParameters.fromNameAndType(storeName,
                    QueryableStoreTypes.<K, V>keyValueStore());
            return streams.store(partition == null ? query : query.withPartition(partition));
        } catch (InvalidStateStoreException e) {
            throw unavailable(view, e);
        }
    }

    private ViewUnavailableException unavailable(String view, InvalidStateStoreException e) {
        return new ViewUnavailableException("view '" + view + "' cannot be read on this instance now (Kafka Streams is "
                + streams.state() + "; its partitions may be moving after a rebalance): " + e.getMessage()
                + "; retry in a moment", e);
    }
}
