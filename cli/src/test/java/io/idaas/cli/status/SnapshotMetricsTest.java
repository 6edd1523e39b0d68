package io.idaas.cli.status;

import io.idaas.stack.metrics.PrometheusText;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Debezium's snapshot metrics, as the JMX exporter names them, read into progress and shown. */
class SnapshotMetricsTest {

    /** As the worker's endpoint serves them (names and labels copied from a scrape of a MariaDB source). */
    static final String SCRAPE = """
        # TYPE debezium_mariadb_connector_metrics_snapshotrunning untyped
        debezium_mariadb_connector_metrics_snapshotrunning{context="snapshot",server="p"} 1.0
        debezium_mariadb_connector_metrics_snapshotcompleted{context="snapshot",server="p"} 0.0
        debezium_mariadb_connector_metrics_snapshotaborted{context="snapshot",server="p"} 0.0
        debezium_mariadb_connector_metrics_totaltablecount{context="snapshot",server="p"} 3.0
        debezium_mariadb_connector_metrics_remainingtablecount{context="snapshot",server="p"} 2.0
        debezium_mariadb_connector_metrics_snapshotdurationinseconds{context="snapshot",server="p"} 10.0
        debezium_mariadb_connector_metrics_rowsscanned{context="snapshot",key="shop.a",server="p"} 30000.0
        debezium_mariadb_connector_metrics_rowsscanned{context="snapshot",key="shop.b",server="p"} 10000.0
        debezium_mariadb_connector_metrics_rowsscanned{context="snapshot",key="shop.x",server="other"} 5.0
        debezium_mariadb_connector_metrics_connected{context="streaming",server="p"} 0.0
        """;

    @Test
    void readsRowsPerTableRateAndTimeLeftWithTheSourcesEstimates() {
        PrometheusText.Scrape scrape = PrometheusText.parse(SCRAPE);
        SnapshotProgress p = SnapshotMetrics.read(scrape, "p", tables -> {
            assertThat(tables).containsExactly("shop.a", "shop.b");
            return Map.of("shop.a", 30000L, "shop.b", 50000L);
        }).orElseThrow();
        assertThat(p.state()).isEqualTo("running");
        assertThat(p.tablesTotal()).isEqualTo(3);
        assertThat(p.tablesRemaining()).isEqualTo(2);
        assertThat(p.rowsDone()).isEqualTo(40000);
        assertThat(p.rowsPerSecond()).isEqualTo(4000.0);
        assertThat(p.secondsLeft()).isEqualTo(10L); // 40,000 rows left of the tables known, at 4,000 rows/s
        assertThat(SnapshotMetrics.read(scrape, "none", t -> Map.of())).isEmpty();

        StatusReport report = new StatusReport("http://c:8083", Instant.EPOCH, List.of(new StatusReport.Connector(
            new ConnectorStatus("src", "source", "RUNNING", "w", null, List.of(), Map.of("topic.prefix", "p")), null, null, p)),
            null, "http://c:9404/metrics", null);
        StringWriter out = new StringWriter();
        TableRenderer.render(report, new PrintWriter(out), true);
        assertThat(out.toString())
            .contains("Snapshot of src: running, 1 of 3 tables done, 10 s, 4000 rows/s, about 10 s left")
            .contains("  shop.a  30000 of ~30000 rows  [####################] 100%")
            .contains("  shop.b  10000 of ~50000 rows  [####----------------] 20%");
        assertThat(JsonRenderer.toJson(report).path("connectors").get(0).path("snapshot").path("tables").get(1)
            .path("rows_total_estimate").asLong()).isEqualTo(50000);
    }

    @Test
    void withoutTotalsThereIsNoTimeLeftAndNoBar() {
        SnapshotProgress p = SnapshotMetrics.read(PrometheusText.parse(SCRAPE), "p", t -> Map.of()).orElseThrow();
        assertThat(p.secondsLeft()).isNull();
        assertThat(p.tables()).allSatisfy(t -> assertThat(t.rowsTotal()).isNull());
        StatusReport report = new StatusReport("http://c:8083", Instant.EPOCH, List.of(new StatusReport.Connector(
            new ConnectorStatus("src", "source", "RUNNING", "w", null, List.of(), Map.of()), null, null, p)), null, null, null);
        StringWriter out = new StringWriter();
        TableRenderer.render(report, new PrintWriter(out), true);
        assertThat(out.toString()).contains("  shop.a  30000 rows (total unknown)").doesNotContain("[#");
    }
}
