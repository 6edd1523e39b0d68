package io.idaas.connect.sink;

import io.idaas.ddml.Column;
import io.idaas.ddml.DdmlEvent;
import io.idaas.ddml.DmlChange;
import io.idaas.ddml.Position;
import io.idaas.ddml.Row;
import io.idaas.ddml.SortablePosition;
import io.idaas.ddml.Source;
import io.idaas.ddml.SourceSystem;
import io.idaas.ddml.TableSchema;
import io.idaas.ddml.Timing;
import io.idaas.ddml.types.PortableType;
import org.apache.kafka.common.metrics.KafkaMetric;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.internals.PluginMetricsImpl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The sink metrics as the worker publishes them: a real PluginMetrics over Kafka's Metrics, read back by name. */
class SinkMetricsTest {

    private final Metrics metrics = new Metrics();
    private final AtomicLong nowMs = new AtomicLong(1_700_000_100_000L);

    @AfterEach
    void close() {
        metrics.close();
    }

    @Test
    void appliedChangesBatchSizesLagAndRetriesAreReadBack() {
        SinkMetrics sink = SinkMetrics.register(plugin(), false, nowMs::get);
        assertThat(value(SinkMetrics.LAG_SECONDS)).isNaN();

        AppliedChanges first = new AppliedChanges();
        first.add(event(0, 1_700_000_000_000_000L));
        first.add(event(1, 1_700_000_090_000_000L)); // the newest commit
        sink.applied(first);
        assertThat(first.count()).isZero(); // forgotten once counted
        AppliedChanges second = new AppliedChanges();
        second.add(event(3, 1_700_000_050_000_000L)); // older than the newest applied: the lag stays
        sink.applied(second);
        sink.applied(new AppliedChanges()); // no change: no write counted
        sink.retried();
        sink.retried();

        assertThat(value(SinkMetrics.APPLIED_TOTAL)).isEqualTo(3.0);
        assertThat(value(SinkMetrics.APPLIED_RATE)).isPositive();
        assertThat(value(SinkMetrics.BATCH_SIZE_AVG)).isEqualTo(1.5);
        assertThat(value(SinkMetrics.BATCH_SIZE_MAX)).isEqualTo(2.0);
        assertThat(value(SinkMetrics.LAG_SECONDS)).isEqualTo(10.0);
        nowMs.addAndGet(2_500);
        assertThat(value(SinkMetrics.LAG_SECONDS)).isEqualTo(12.5);
        assertThat(value(SinkMetrics.RETRY_TOTAL)).isEqualTo(2.0);
        assertThat(value(SinkMetrics.DEAD_LETTER_TOTAL)).isZero();
        assertThat(sink.appliedChanges()).isEqualTo(3);
        assertThat(sink.retries()).isEqualTo(2);
        // the Redis and MongoDB sinks have no SQL tables
        assertThat(metrics.metrics().keySet()).noneMatch(n -> n.name().equals(SinkMetrics.UNGUARDED_TABLES));
    }

    @Test
    void theJdbcSinkAlsoPublishesItsTableMetrics() {
        SinkMetrics sink = SinkMetrics.register(plugin());
        sink.unguarded("a");
        sink.backfillDiffered();
        sink.deadLettered();
        assertThat(value(SinkMetrics.UNGUARDED_TABLES)).isEqualTo(1.0);
        assertThat(value(SinkMetrics.BACKFILL_DIFFERENCES_TOTAL)).isEqualTo(1.0);
        assertThat(value(SinkMetrics.DEAD_LETTER_TOTAL)).isEqualTo(1.0);
        assertThat(metrics.metrics().keySet()).filteredOn(n -> n.name().equals(SinkMetrics.APPLIED_TOTAL))
            .singleElement().satisfies(n -> assertThat(n.tags()).containsEntry("connector", "c").containsEntry("task", "0"));
    }

    @Test
    void aSinkThatCountsOnlyDeadLettersPublishesOnlyThem() {
        SinkMetrics.registerDeadLetters(plugin()).deadLettered();
        assertThat(metrics.metrics().keySet()).extracting(org.apache.kafka.common.MetricName::name)
            .filteredOn(n -> !n.equals("count")) // Kafka's own metric of the registry
            .containsExactlyInAnyOrder(SinkMetrics.DEAD_LETTER_TOTAL, SinkMetrics.DEAD_LETTER_RATE);
        assertThat(value(SinkMetrics.DEAD_LETTER_TOTAL)).isEqualTo(1.0);
    }

    @Test
    void withoutPluginMetricsTheCountsAreKept() {
        SinkMetrics sink = SinkMetrics.register(null);
        AppliedChanges batch = new AppliedChanges();
        batch.add(event(0, 1L));
        sink.applied(batch);
        sink.retried();
        assertThat(sink.appliedChanges()).isEqualTo(1);
        assertThat(sink.retries()).isEqualTo(1);
        assertThat(sink.lagSeconds()).isPositive();
    }

    private PluginMetricsImpl plugin() {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("connector", "c");
        tags.put("task", "0");
        return new PluginMetricsImpl(metrics, tags);
    }

    private double value(String name) {
        KafkaMetric metric = metrics.metrics().entrySet().stream().filter(e -> e.getKey().name().equals(name))
            .map(Map.Entry::getValue).findFirst().orElseThrow(() -> new AssertionError("no metric " + name));
        return ((Number) metric.metricValue()).doubleValue();
    }

    private static DdmlEvent event(long offset, long commitUs) {
        TableSchema schema = TableSchema.of(List.of(Column.builder("id", PortableType.INT32).nullable(false).build()),
            List.of("id"));
        return DdmlEvent.builder().source(Source.of(SourceSystem.MARIADB, "m", "db", null, "t"))
            .position(Position.of(SortablePosition.of(SortablePosition.mysql("bin.000001", 4 + offset),
                SortablePosition.Phase.CHANGE, 0), Map.of()))
            .time(Timing.of(commitUs, commitUs + 1, commitUs + 2)).schema(schema).dml(DmlChange.insert(Row.of("id", 1)))
            .build();
    }
}
