package io.idaas.e2e.replication;

import io.idaas.connect.sink.SinkMetrics;
import io.idaas.e2e.pipeline.Direction;
import io.idaas.e2e.pipeline.ShippedPipeline;
import io.idaas.stack.LocalStack;
import io.idaas.stack.StackEndpointsFile;
import io.idaas.stack.junit.LocalStackExtension;
import io.idaas.stack.metrics.PrometheusText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The worker JVM's Prometheus endpoint, scraped with a plain HTTP client and read as the text format: the idaas sink's
 * plugin metrics (also seen as the JMX MBean the worker publishes), Connect's own task metrics and Debezium's snapshot
 * and streaming metrics of a running MariaDB source, each with its labels, named by docker-compose/jmx-exporter.yml
 * (default naming: the exporter drops a trailing {@code _total}, so {@code applied-record-total} is
 * {@code kafka_connect_plugins_applied_record}).
 */
@ExtendWith(LocalStackExtension.class)
class WorkerMetricsEndpointTest {

    @Test
    void sinkConnectAndDebeziumMetricsAreScrapedWithTheirLabels(LocalStack stack) throws Exception {
        String url = stack.connect().metricsUrl();
        assertThat(url).matches("http://127\\.0\\.0\\.1:\\d+/metrics");
        assertThat(StackEndpointsFile.read(stack.dataDir())).get()
            .satisfies(p -> assertThat(p.getProperty(StackEndpointsFile.CONNECT_METRICS)).isEqualTo(url));
        try (ShippedPipeline p = new ShippedPipeline(stack, Direction.MARIADB_TO_POSTGRES, "prom")) {
            p.source("CREATE TABLE m (id INT PRIMARY KEY, note VARCHAR(20))",
                "INSERT INTO m VALUES (1, 'a'), (2, 'b'), (3, 'c')");
            p.startSource();
            p.awaitTopics("m");
            p.startSink();
            p.source("INSERT INTO m VALUES (4, 'd')");
            p.awaitSame(Duration.ofSeconds(90), "m");

            // the MBean the worker publishes for the task's plugin metrics
            assertThat(p.taskMetric("plugins", SinkMetrics.APPLIED_TOTAL)).isGreaterThanOrEqualTo(4.0);

            Map<String, String> sinkTask = Map.of("connector", p.sinkName(), "task", "0");
            PrometheusText.Scrape scrape = await("the sink's applied changes in the scrape").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                .until(() -> PrometheusText.scrape(URI.create(url), Duration.ofSeconds(20)),
                    s -> s.find("kafka_connect_plugins_applied_record", sinkTask).orElseThrow().value() >= 4.0);
            assertThat(scrape.find("kafka_connect_plugins_lag_seconds", sinkTask)).get()
                .satisfies(s -> assertThat(s.value()).isFinite().isGreaterThanOrEqualTo(0.0).isLessThan(600.0));
            assertThat(scrape.find("kafka_connect_plugins_batch_size_max", sinkTask)).get()
                .satisfies(s -> assertThat(s.value()).isGreaterThanOrEqualTo(1.0));
            assertThat(scrape.find("kafka_connect_plugins_retry", sinkTask)).isPresent();
            assertThat(scrape.find("kafka_connect_plugins_dead_letter_record", sinkTask)).get()
                .satisfies(s -> assertThat(s.value()).isZero());
            assertThat(scrape.find("debezium_mariadb_connector_metrics_rowsscanned",
                Map.of("context", "snapshot", "server", p.prefix(), "key", p.sourceDb() + ".m"))).get()
                .satisfies(s -> assertThat(s.value()).isEqualTo(3.0));
            // Connect's own: the sink task's records read, the source task's records polled
            assertThat(scrape.find("kafka_connect_sink_task_metrics_sink_record_read", sinkTask)).get()
                .satisfies(s -> assertThat(s.value()).isGreaterThanOrEqualTo(4.0));
            assertThat(scrape.find("kafka_connect_source_task_metrics_source_record_poll",
                Map.of("connector", p.sourceName(), "task", "0"))).get()
                .satisfies(s -> assertThat(s.value()).isGreaterThanOrEqualTo(4.0));
            // Debezium's: the snapshot completed, the streaming is connected
            String server = p.prefix();
            assertThat(scrape.find("debezium_mariadb_connector_metrics_snapshotcompleted",
                Map.of("context", "snapshot", "server", server))).get()
                .satisfies(s -> assertThat(s.value()).isEqualTo(1.0));
            assertThat(scrape.find("debezium_mariadb_connector_metrics_totaltablecount",
                Map.of("context", "snapshot", "server", server))).get()
                .satisfies(s -> assertThat(s.value()).isGreaterThanOrEqualTo(1.0));
            assertThat(scrape.find("debezium_mariadb_connector_metrics_connected",
                Map.of("context", "streaming", "server", server))).get()
                .satisfies(s -> assertThat(s.value()).isEqualTo(1.0));
        }
    }
}
