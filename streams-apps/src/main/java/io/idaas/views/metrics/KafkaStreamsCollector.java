package io.idaas.views.metrics;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.PrometheusNaming;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The metrics of one KafkaStreams instance ({@link KafkaStreams#metrics()}: its threads, tasks, stores and its Kafka
 * clients) as Prometheus metrics, read at each scrape: {@code kafka_streams_<group>_<name>} with the metric's tags as
 * labels, dashes as underscores, e.g. {@code kafka_streams_stream_thread_metrics_process_rate{thread_id="..."}}. Kafka's
 * cumulative {@code -total} metrics are counters ({@code ..._total}), every other numeric one a gauge; non-numeric
 * ones (versions, ids) are left out. Only this instance's metrics: not the other clients of the JVM.
 */
final class KafkaStreamsCollector implements MultiCollector {

    static final String PREFIX = "kafka_streams_";

    private final Supplier<Map<MetricName, ? extends Metric>> metrics;

    KafkaStreamsCollector(KafkaStreams streams) {
        this.metrics = streams::metrics;
    }

    @Override
    public MetricSnapshots collect() {
        Map<String, List<Map.Entry<Labels, Double>>> byName = new TreeMap<>();
        for (Map.Entry<MetricName, ? extends Metric> e : metrics.get().entrySet()) {
            if (!(e.getValue().metricValue() instanceof Number n)) {
                continue;
            }
            MetricName m = e.getKey();
            String name = PrometheusNaming.sanitizeMetricName(PREFIX + m.group().replace('-', '_') + "_" + m.name().replace('-', '_'));
            List<String> names = new ArrayList<>();
            List<String> values = new ArrayList<>();
            new TreeMap<>(m.tags()).forEach((k, v) -> {
                names.add(PrometheusNaming.sanitizeLabelName(k.replace('-', '_')));
                values.add(v);
            });
            boolean counter = m.name().endsWith("-total");
            byName.computeIfAbsent((counter ? "c:" : "g:") + name, k -> new ArrayList<>())
                .add(Map.entry(Labels.of(names, values), n.doubleValue()));
        }
        List<MetricSnapshot> snapshots = new ArrayList<>();
        byName.forEach((key, points) -> {
            String name = key.substring(2);
            Set<Labels> seen = new HashSet<>();
            if (key.startsWith("c:")) {
                CounterSnapshot.Builder b = CounterSnapshot.builder().name(name).help("Kafka Streams' metric, as KafkaStreams.metrics() reports it.");
                points.stream().filter(p -> seen.add(p.getKey())).forEach(p -> b.dataPoint(
                    CounterSnapshot.CounterDataPointSnapshot.builder().labels(p.getKey()).value(Math.max(0, p.getValue())).build()));
                snapshots.add(b.build());
            } else {
                GaugeSnapshot.Builder b = GaugeSnapshot.builder().name(name).help("Kafka Streams' metric, as KafkaStreams.metrics() reports it.");
                points.stream().filter(p -> seen.add(p.getKey())).forEach(p -> b.dataPoint(
                    GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(p.getKey()).value(p.getValue()).build()));
                snapshots.add(b.build());
            }
        });
        // a gauge and a counter of one name (after sanitizing) cannot both be exposed: keep the first
        Set<String> names = new HashSet<>();
        return new MetricSnapshots(snapshots.stream().filter(s -> names.add(s.getMetadata().getPrometheusName())).toList());
    }
}
