package io.idaas.connect.jdbc;

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
import io.idaas.connect.sink.SinkMetrics;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.common.metrics.internals.PluginMetricsImpl;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTaskContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A target that cannot be reached is retried with backoff (counted in retry-total), then fails the task naming max.retries. */
class JdbcSinkTaskRetryTest {

    @ParameterizedTest
    @ValueSource(strings = {"jdbc:postgresql://127.0.0.1:1/none", "jdbc:mariadb://127.0.0.1:1/none"})
    void anUnreachableTargetIsRetriedThenFails(String url) {
        List<Long> timeouts = new ArrayList<>();
        Metrics metrics = new Metrics();
        JdbcSinkTask task = new JdbcSinkTask();
        task.initialize(new Context(timeouts, new PluginMetricsImpl(metrics, Map.of("connector", "retry", "task", "0"))));
        task.start(Map.of("name", "retry", "connection.url", url, "max.retries", "2", "retry.backoff.ms", "7"));
        TableSchema schema = TableSchema.of(List.of(Column.builder("id", PortableType.INT32).nullable(false).build()), List.of("id"));
        DdmlEvent event = DdmlEvent.builder().source(Source.of(SourceSystem.MARIADB, "m", "db", null, "t"))
            .position(Position.of(SortablePosition.of(SortablePosition.mysql("bin.000001", 4), SortablePosition.Phase.CHANGE, 0), Map.of()))
            .time(Timing.of(1L, 2L, 3L)).schema(schema).dml(DmlChange.insert(Row.of("id", 1))).build();
        List<SinkRecord> records = List.of(new SinkRecord("t", 0, null, null, null, event, 0));

        // Connect kills a task that throws from open(), retriable or not: the stored offsets are read at put() instead.
        task.open(List.of(new TopicPartition("t", 0)));
        assertThatThrownBy(() -> task.put(records)).isInstanceOf(RetriableException.class);
        assertThatThrownBy(() -> task.put(records)).isInstanceOf(RetriableException.class);
        assertThatThrownBy(() -> task.put(records)).isInstanceOf(ConnectException.class)
            .isNotInstanceOf(RetriableException.class).hasMessageContaining("max.retries=2");
        assertThat(timeouts).containsExactly(7L, 7L);
        assertThat(metrics.metrics().entrySet()).filteredOn(e -> e.getKey().name().equals(SinkMetrics.RETRY_TOTAL))
            .singleElement().satisfies(e -> assertThat(e.getValue().metricValue()).isEqualTo(2.0));
        task.stop();
        metrics.close();
    }

    private record Context(List<Long> timeouts, PluginMetrics pluginMetrics) implements SinkTaskContext {
        @Override
        public Map<String, String> configs() {
            return Map.of();
        }

        @Override
        public void offset(Map<TopicPartition, Long> offsets) {
        }

        @Override
        public void offset(TopicPartition tp, long offset) {
        }

        @Override
        public void timeout(long timeoutMs) {
            timeouts.add(timeoutMs);
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

    }
}
