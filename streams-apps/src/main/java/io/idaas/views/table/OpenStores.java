package io.idaas.views.table;

import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The table views' stores of the partitions this instance runs, as their processors opened them: each
 * {@link TableViewProcessor} adds its partition's store when Kafka Streams starts it (the task runs, its store is
 * restored) and takes it away when Kafka Streams closes it (the task closes or moves).
 *
 * <p>A key lookup reads them directly. Kafka Streams' own query path ({@code KafkaStreams.store}) finds the stores
 * again at every read, through every task of every stream thread, under a lock it shares with its state updater: about
 * a fifth of a lookup's time, measured (benchmarks/README.md). The stores are the ones that path gives, read the same
 * way: a store closed under a read throws {@code InvalidStateStoreException}.
 */
public final class OpenStores {

    private final Map<String, Map<Integer, ReadOnlyKeyValueStore<String, ViewRow>>> stores = new ConcurrentHashMap<>();
    private final io.idaas.views.metrics.ViewFreshness freshness = new io.idaas.views.metrics.ViewFreshness();

    /** The commit time of the newest change each table view applied, which its processors note (for the metrics). */
    public io.idaas.views.metrics.ViewFreshness freshness() {
        return freshness;
    }

    void opened(String store, int partition, ReadOnlyKeyValueStore<String, ViewRow> opened) {
        stores.computeIfAbsent(store, s -> new ConcurrentHashMap<>()).put(partition, opened);
    }

    void closed(String store, int partition, ReadOnlyKeyValueStore<String, ViewRow> closed) {
        Map<Integer, ReadOnlyKeyValueStore<String, ViewRow>> partitions = stores.get(store);
        if (partitions != null) {
            partitions.remove(partition, closed);
        }
    }

    /** The open stores of {@code store}, one per partition this instance runs. */
    public Collection<ReadOnlyKeyValueStore<String, ViewRow>> of(String store) {
        Map<Integer, ReadOnlyKeyValueStore<String, ViewRow>> partitions = stores.get(store);
        return partitions == null ? List.of() : partitions.values();
    }
}
