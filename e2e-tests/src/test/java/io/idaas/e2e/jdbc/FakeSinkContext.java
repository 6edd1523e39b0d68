package io.idaas.e2e.jdbc;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTaskContext;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** A SinkTaskContext that records seeks and reported records, for driving a sink task without a worker. */
public final class FakeSinkContext implements SinkTaskContext {

    public final Map<TopicPartition, Long> seeks = new HashMap<>();
    public final List<SinkRecord> reported = new ArrayList<>();
    public final List<Throwable> reasons = new ArrayList<>();
    private final boolean withReporter;
    private org.apache.kafka.common.metrics.PluginMetrics pluginMetrics;

    public FakeSinkContext(boolean withReporter) {
        this.withReporter = withReporter;
    }

    @Override
    public Map<String, String> configs() {
        return Map.of();
    }

    @Override
    public void offset(Map<TopicPartition, Long> offsets) {
        seeks.putAll(offsets);
    }

    @Override
    public void offset(TopicPartition tp, long offset) {
        seeks.put(tp, offset);
    }

    @Override
    public void timeout(long timeoutMs) {
    }

    @Override
    public Set<TopicPartition> assignment() {
        return Set.of();
    }

    @Override
    public void pause(TopicPartition... partitions) {
    }

    @Override
    public void resume(TopicPartition... partitions) {
    }

    @Override
    public void requestCommit() {
    }

    /** This context with the worker's metrics registry for the task (none by default). */
    public FakeSinkContext withPluginMetrics(org.apache.kafka.common.metrics.PluginMetrics metrics) {
        pluginMetrics = metrics;
        return this;
    }

    @Override
    public org.apache.kafka.common.metrics.PluginMetrics pluginMetrics() {
        return pluginMetrics;
    }

    @Override
    public ErrantRecordReporter errantRecordReporter() {
        if (!withReporter) {
            return null;
        }
        return (record, error) -> {
            reported.add(record);
            reasons.add(error);
            return CompletableFuture.completedFuture(null);
        };
    }
}
