package io.idaas.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One table of every benchmark's figures and its ratio against its peer, read from the JSON files the benchmarks write
 * in {@code benchmarks/target} ({@code bin/idaas-bench} runs them, then this). A benchmark that has not run is left out
 * with a note; a figure a file lacks is shown as {@code -}.
 */
public final class BenchSummary {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One line of the table. */
    record Line(String benchmark, String measure, String idaas, String peer, String ratio, String aim) {
    }

    private final Path dir;
    private final List<Line> lines = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    BenchSummary(Path dir) {
        this.dir = dir;
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "benchmarks/target");
        BenchSummary summary = new BenchSummary(dir);
        summary.read();
        System.out.print(summary.table());
    }

    void read() throws IOException {
        jmh(read("jmh-ddml-pipeline.json"));
        sink(read("sink-benchmark.json"));
        pipeline(read("pipeline-benchmark.json"));
        redis(read("redis-benchmark.json"));
        mongo(read("mongo-benchmark.json"));
        verify(read("verify-benchmark.json"));
        views(read("view-benchmark.json"));
    }

    private JsonNode read(String file) throws IOException {
        Path path = dir.resolve(file);
        if (!Files.exists(path)) {
            notes.add(file + ": not found (that benchmark has not run)");
            return null;
        }
        return JSON.readTree(path.toFile());
    }

    private void jmh(JsonNode results) {
        if (results == null) {
            return;
        }
        pair(results, "DDML path, events/s (JMH)", "write JSON: ToDdml + DdmlConverter vs ExtractNewRecordState + JsonConverter",
            "idaasToDdmlJson", "peerExtractNewRecordStateJsonConverter", ">= 1.5");
        pair(results, "DDML path, events/s (JMH)", "write Avro: ToDdml + DdmlConverter vs ExtractNewRecordState + JsonConverter",
            "idaasToDdmlAvro", "peerExtractNewRecordStateJsonConverter", ">= 1.5");
        pair(results, "DDML path, events/s (JMH)", "read: DdmlConverter vs JsonConverter (flattened rows)",
            "idaasReadDdmlJson", "peerReadJsonConverter", "");
        pair(results, "DDML path, events/s (JMH)", "read Debezium's envelope: SchemaCachingJsonConverter vs JsonConverter",
            "idaasReadDebeziumEnvelopeSchemaCaching", "peerReadDebeziumEnvelopeJsonConverter", "");
    }

    private void pair(JsonNode results, String benchmark, String measure, String idaas, String peer, String aim) {
        Double a = jmhScore(results, idaas);
        Double b = jmhScore(results, peer);
        if (a == null && b == null) {
            return;
        }
        lines.add(new Line(benchmark, measure, number(a), number(b), ratio(a, b), aim));
    }

    private static Double jmhScore(JsonNode results, String method) {
        for (JsonNode r : results) {
            if (r.path("benchmark").asText().endsWith("." + method)) {
                return r.path("primaryMetric").path("score").asDouble();
            }
        }
        return null;
    }

    private void sink(JsonNode json) {
        if (json == null) {
            return;
        }
        JsonNode peer = json.path("medians").path("debezium");
        String p99 = "p99 ms at " + number(json.path("options"), "rate") + "/s";
        drainAndP99("JDBC sink, Debezium topics MariaDB -> PostgreSQL (SinkBenchmark) vs Debezium JDBC sink", p99,
            json.path("medians").path("idaas"), peer, ">= 2", "< 1");
        JsonNode ddml = json.path("medians").path("ddml");
        if (!ddml.isMissingNode()) {
            drainAndP99("JDBC sink as each one's docs set it up: shipped DDML source + sink vs Debezium's", p99, ddml, peer,
                "", "");
        }
    }

    /** A drain line and a p99 line of a sink next to its peer's medians. */
    private void drainAndP99(String name, String p99Measure, JsonNode ours, JsonNode peer, String drainAim, String p99Aim) {
        lines.add(new Line(name, "drain, changes/s", number(ours, "drainChangesPerSecond"),
            number(peer, "drainChangesPerSecond"), ratio(ours, peer, "drainChangesPerSecond"), drainAim));
        lines.add(new Line(name, p99Measure, number(ours, "p99Ms"), number(peer, "p99Ms"), ratio(ours, peer, "p99Ms"),
            p99Aim));
    }

    private void pipeline(JsonNode json) {
        if (json == null) {
            return;
        }
        json.path("medians").properties().stream().filter(e -> e.getValue().path("p99Ms").isNumber())
            .forEach(e -> lines.add(new Line("shipped configs end to end (PipelineBenchmark)",
                e.getKey() + ": p50 / p99 ms (sent/s " + number(e.getValue(), "sentPerSecond") + ")",
                number(e.getValue(), "p50Ms") + " / " + number(e.getValue(), "p99Ms"), "", "",
                "p99 < 1,000 (250 at 1,000/s)")));
    }

    private void redis(JsonNode json) {
        if (json == null) {
            return;
        }
        String name = "MariaDB -> Redis (RedisBenchmark) vs pipelined HSETs";
        lines.add(new Line(name, "p50 / p99 ms", number(json.path("latency"), "p50Ms") + " / "
            + number(json.path("latency"), "p99Ms"), "", "", ""));
        lines.add(new Line(name, "drain, changes/s vs ceiling rows/s", number(json.path("backlog"), "changesPerSecond"),
            number(json.path("ceiling"), "rowsPerSecond"), number(json, "drainToCeiling"), ""));
    }

    private void mongo(JsonNode json) {
        if (json == null) {
            return;
        }
        drainAndP99("PostgreSQL -> MongoDB (MongoBenchmark) vs MongoDB's Kafka sink", "p99 ms",
            json.path("medians").path("idaas"), json.path("medians").path("mongodb"), ">= 2", "< 1");
    }

    private void verify(JsonNode json) {
        if (json == null) {
            return;
        }
        double slower = Math.max(json.path("scan_mariadb_seconds").asDouble(Double.NaN),
            json.path("scan_postgres_seconds").asDouble(Double.NaN));
        lines.add(new Line("verifier, equal tables of " + json.path("rows").asText("?") + " rows (VerifyBenchmark)",
            "seconds, vs the slower database's own scan", number(json, "verify_equal_seconds"), number(slower),
            ratio(json.path("verify_equal_seconds").isNumber() ? json.path("verify_equal_seconds").asDouble() : null,
                Double.isNaN(slower) ? null : slower), "<= 2"));
        lines.add(new Line("verifier, each side (VerifyBenchmark)", "checksum seconds (all connections) vs own scan, MariaDB",
            number(json, "verify_equal_mariadb_checksum_seconds"), number(json, "scan_mariadb_seconds"), "", ""));
        lines.add(new Line("verifier, each side (VerifyBenchmark)", "checksum seconds (all connections) vs own scan, PostgreSQL",
            number(json, "verify_equal_postgres_checksum_seconds"), number(json, "scan_postgres_seconds"), "", ""));
    }

    private void views(JsonNode json) {
        if (json == null) {
            return;
        }
        JsonNode lookups = json.path("lookups");
        String name = "views (ViewBenchmark) vs MariaDB primary-key lookups";
        lines.add(new Line(name, "lookup p99 ms", number(lookups.path("view"), "p99Ms"),
            number(lookups.path("database"), "p99Ms"), ratio(lookups.path("view"), lookups.path("database"), "p99Ms"),
            "< 5 ms"));
        lines.add(new Line(name, "lookups/s", number(lookups.path("view"), "requestsPerSecond"),
            number(lookups.path("database"), "requestsPerSecond"), number(lookups, "viewOverDatabaseRequestsPerSecond"), ""));
        lines.add(new Line(name, "time to ready after start, ms", number(json, "timeToReadyMs"), "", "", ""));
        lines.add(new Line(name, "freshness p99 ms, applied in the view",
            number(json.path("freshness").path("appliedMs"), "p99"), "", "", "< 300 ms"));
    }

    String table() {
        StringBuilder out = new StringBuilder();
        String[] header = {"benchmark", "measure", "idaas", "peer", "idaas / peer", "aim"};
        int[] width = new int[header.length];
        List<String[]> rows = new ArrayList<>();
        rows.add(header);
        for (Line l : lines) {
            rows.add(new String[] {l.benchmark(), l.measure(), l.idaas(), l.peer(), l.ratio(), l.aim()});
        }
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        for (int r = 0; r < rows.size(); r++) {
            out.append('|');
            for (int i = 0; i < header.length; i++) {
                out.append(' ').append(String.format(Locale.ROOT, "%-" + width[i] + "s", rows.get(r)[i])).append(" |");
            }
            out.append('\n');
            if (r == 0) {
                out.append('|');
                for (int w : width) {
                    out.append(' ').append("-".repeat(w)).append(" |");
                }
                out.append('\n');
            }
        }
        notes.forEach(n -> out.append("- ").append(n).append('\n'));
        return out.toString();
    }

    List<Line> lines() {
        return lines;
    }

    private static String number(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isNumber() ? number(v.asDouble()) : "-";
    }

    private static String number(Double v) {
        if (v == null || v.isNaN()) {
            return "-";
        }
        return Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String ratio(JsonNode a, JsonNode b, String field) {
        return ratio(a.path(field).isNumber() ? a.path(field).asDouble() : null,
            b.path(field).isNumber() ? b.path(field).asDouble() : null);
    }

    private static String ratio(Double a, Double b) {
        if (a == null || b == null || b == 0) {
            return "-";
        }
        return String.format(Locale.ROOT, "%.2f", a / b);
    }
}
