package io.idaas.cli.status;

import io.idaas.stack.metrics.PrometheusText;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Reads a Debezium source's snapshot metrics from a scrape of the worker's Prometheus endpoint, as the JMX exporter
 * names them with {@code docker-compose/jmx-exporter.yml} (default naming, lower case):
 * {@code debezium_<connector>_connector_metrics_<attribute>{context="snapshot",server="<topic.prefix>"}}, e.g.
 * {@code debezium_mariadb_connector_metrics_snapshotrunning}; {@code RowsScanned} (a map of table to rows) as
 * {@value #ROWS_SCANNED} with the table in the label {@value #TABLE_LABEL}.
 */
public final class SnapshotMetrics {

    static final String PREFIX = "debezium_";
    static final String INFIX = "_connector_metrics_";
    static final String ROWS_SCANNED = "rowsscanned";
    static final String TABLE_LABEL = "key";

    private SnapshotMetrics() {
    }

    /**
     * The snapshot of the source whose {@code topic.prefix} is {@code server}; empty when the worker publishes none (a
     * connector that is not Debezium's, or whose task runs on another worker).
     *
     * @param totals the source's row estimate per table name, null entries where unknown
     */
    public static Optional<SnapshotProgress> read(PrometheusText.Scrape scrape, String server, Function<List<String>, Map<String, Long>> totals) {
        Map<String, String> labels = Map.of("context", "snapshot", "server", server);
        Map<String, Double> values = new TreeMap<>();
        Map<String, Long> rows = new TreeMap<>();
        for (PrometheusText.Sample s : scrape.samples()) {
            if (!s.name().startsWith(PREFIX) || !s.has(labels)) {
                continue;
            }
            int at = s.name().indexOf(INFIX);
            if (at < 0) {
                continue;
            }
            String attribute = s.name().substring(at + INFIX.length());
            if (attribute.startsWith(ROWS_SCANNED) && s.labels().containsKey(TABLE_LABEL)) {
                rows.put(s.labels().get(TABLE_LABEL), (long) s.value());
            } else {
                values.put(attribute, s.value());
            }
        }
        if (!values.containsKey("snapshotrunning")) {
            return Optional.empty();
        }
        Map<String, Long> estimates = rows.isEmpty() ? Map.of() : totals.apply(List.copyOf(rows.keySet()));
        List<SnapshotProgress.Table> tables = rows.entrySet().stream().map(e -> {
            Long total = estimates.get(e.getKey());
            return new SnapshotProgress.Table(e.getKey(), e.getValue(), total == null ? null : Math.max(total, e.getValue()));
        }).toList();
        return Optional.of(new SnapshotProgress(flag(values, "snapshotrunning"), flag(values, "snapshotcompleted"),
            flag(values, "snapshotaborted"), (int) number(values, "totaltablecount"), (int) number(values, "remainingtablecount"),
            number(values, "snapshotdurationinseconds"), tables));
    }

    private static boolean flag(Map<String, Double> values, String name) {
        return values.getOrDefault(name, 0.0) == 1.0;
    }

    private static long number(Map<String, Double> values, String name) {
        Double v = values.get(name);
        return v == null || v.isNaN() ? 0 : v.longValue();
    }
}
