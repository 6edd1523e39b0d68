package io.idaas.e2e.configs;

import io.idaas.e2e.pipeline.Direction;
import io.idaas.e2e.pipeline.ShippedPipeline;
import io.idaas.stack.LocalStack;
import io.idaas.stack.junit.LocalStackExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dashboard's metric names (docker-compose/README.md, "Metric names") on a live scrape: a Connect worker JVM with
 * the compose stack's JMX exporter agent and rules ({@link AgentConnectWorker}, a Connect cluster of its own on the
 * shared stack's Kafka) runs a MariaDB source with the JDBC sink into PostgreSQL, a PostgreSQL source and Debezium's
 * MySQL connector (on the stack's MariaDB server), each over a one-row table; every listed name but {@code up}
 * (Prometheus' own) must be in the agent's answer, and the {@code kafka_connect_plugins_*} family must have a series.
 * The last scrape is kept in target/compose-metrics/scrape.txt. About 20 s on the shared stack, most of it the worker
 * JVM's start.
 */
@ExtendWith(LocalStackExtension.class)
class ComposeMetricNamesLiveTest {

    @Test
    void everyDocumentedMetricIsOnTheAgentsScrapeOfARunningPipeline(LocalStack stack) throws Exception {
        Set<String> expected = new TreeSet<>(ComposeMonitoringTest.documentedMetricNames());
        expected.remove("up");
        Set<String> families = new TreeSet<>();
        expected.removeIf(name -> name.endsWith("*") && families.add(name.substring(0, name.length() - 1)));
        String group = "idaas-compose-metrics-" + UUID.randomUUID().toString().substring(0, 8);
        try (AgentConnectWorker worker = AgentConnectWorker.start(stack.kafka().bootstrapServers(), stack.connect().pluginPath(),
                group, Path.of("target", "compose-metrics"));
             ShippedPipeline mariadb = new ShippedPipeline(stack, worker.restUrl(), Direction.MARIADB_TO_POSTGRES, "cmm");
             ShippedPipeline postgres = new ShippedPipeline(stack, worker.restUrl(), Direction.POSTGRES_TO_MARIADB, "cmp");
             ShippedPipeline mysql = new ShippedPipeline(stack, worker.restUrl(), Direction.MYSQL_TO_MYSQL, "cmy")) {
            for (ShippedPipeline pipeline : new ShippedPipeline[] {mariadb, postgres, mysql}) {
                try (Connection c = pipeline.openSource(); Statement sql = c.createStatement()) {
                    sql.execute("CREATE TABLE orders (id INT PRIMARY KEY, customer VARCHAR(40))");
                    sql.execute("INSERT INTO orders VALUES (1, 'Ada')");
                }
                pipeline.startSource();
            }
            mariadb.startSink();
            AtomicReference<Set<String>> scraped = new AtomicReference<>(Set.of());
            await("the dashboard's metrics on " + worker.metricsUrl() + " (worker log " + worker.log() + ")")
                .atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2))
                .failFast("a connector stopped", () -> mariadb.assertRunning())
                .untilAsserted(() -> {
                    scraped.set(PrometheusText.metricNames(worker.scrape()));
                    assertThat(scraped.get()).as("the agent's metric names").containsAll(expected);
                    for (String family : families) {
                        assertThat(scraped.get()).as(family + "* series").anyMatch(n -> n.startsWith(family));
                    }
                });
            String scrape = worker.scrape();
            Files.writeString(Path.of("target", "compose-metrics", "scrape.txt"), scrape); // for a look at every name
            // The exporter 1.x drops a trailing _total from untyped names: the sinks' dead-letter-record-total is not _total.
            assertThat(PrometheusText.metricNames(scrape)).contains("kafka_connect_plugins_dead_letter_record")
                .doesNotContain("kafka_connect_plugins_dead_letter_record_total");
        }
    }
}
