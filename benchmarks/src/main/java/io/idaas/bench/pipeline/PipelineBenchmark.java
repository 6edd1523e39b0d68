package io.idaas.bench.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idaas.bench.sink.ConnectClient;
import io.idaas.bench.sink.SinkBenchmark;
import io.idaas.bench.sink.SourceTable;
import io.idaas.configs.ConnectConfig;
import io.idaas.stack.Component;
import io.idaas.stack.LocalStack;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import static io.idaas.bench.Measures.loadAverage;
import static io.idaas.bench.Measures.percentile;

/**
 * Source commit to target row through a whole pipeline as idaas ships it: the DDML source config and the sink config
 * of {@code connect-configs}, rendered verbatim (only endpoints, credentials and names filled in), on the local stack.
 * It measures what a user of the shipped configs gets, at steady rates, and how long a table created while the
 * pipeline runs takes to reach the target. See benchmarks/README.md.
 */
@Command(name = "pipeline-benchmark", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Source commit to target row with the shipped connect-configs, at steady rates, on the local stack.")
public final class PipelineBenchmark implements Callable<Integer> {

    /** A second of sending is reported when its slowest change took longer than this to reach the target. */
    private static final double LATE_MILLIS = 1_000;


    @Option(names = "--pipelines", split = ",", description = "mariadb-to-postgres, mariadb-to-mariadb, postgres-to-mariadb "
            + "(default: all three)")
    List<String> pipelineNames = List.of("mariadb-to-postgres", "mariadb-to-mariadb", "postgres-to-mariadb");

    @Option(names = "--rates", split = ",", description = "changes per second, one steady-rate run each (default: 200,1000)")
    List<Double> rates = List.of(200.0, 1000.0);

    @Option(names = "--seconds", description = "measured seconds of each run (default: ${DEFAULT-VALUE})")
    int seconds = 30;

    @Option(names = "--warmup-seconds", description = "seconds at the rate before measuring, in each run (default: ${DEFAULT-VALUE})")
    int warmupSeconds = 5;

    @Option(names = "--warmup-round", negatable = true, defaultValue = "true", fallbackValue = "true", description = "first a run at the highest rate, not counted, so the "
            + "first counted one does not meet a cold JVM (default: ${DEFAULT-VALUE})")
    boolean warmupRound = true;

    @Option(names = "--repeats", description = "runs per rate; medians are reported (default: ${DEFAULT-VALUE})")
    int repeats = 3;

    @Option(names = "--new-tables", description = "tables created while the pipeline runs, one at a time, each timed from "
            + "its first row's commit to that row in the target (default: ${DEFAULT-VALUE})")
    int newTables = 3;

    @Option(names = "--configs", description = "a folder of connect-configs JSON files to measure instead of the shipped ones "
            + "(e.g. another version's, for before/after figures); default: the shipped configs on the classpath")
    Path configs;

    @Option(names = "--label", description = "a name for this run in the results (default: ${DEFAULT-VALUE})")
    String label = "shipped";

    @Option(names = "--data-dir", description = "the local stack's data folder, emptied first (default: ${DEFAULT-VALUE})")
    Path dataDir = Path.of("benchmarks/target/pipeline-benchmark");

    @Option(names = "--out", description = "the JSON results file (default: ${DEFAULT-VALUE})")
    Path out = Path.of("benchmarks/target/pipeline-benchmark.json");

    @Option(names = "--timeout-seconds", description = "longest wait for the pipeline to deliver what was sent (default: ${DEFAULT-VALUE})")
    int timeoutSeconds = 600;

    private final PrintStream log = System.out;
    private LocalStack stack;
    private ConnectClient connect;
    private Admin admin;

    public static void main(String[] args) {
        System.exit(new CommandLine(new PipelineBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        List<Pipeline> pipelines = pipelineNames.stream().map(Pipeline::of).toList();
        Results results = new Results();
        Instant started = Instant.now();
        SinkBenchmark.deleteRecursively(dataDir);
        log.printf("starting the local stack in %s; configs: %s%n", dataDir.toAbsolutePath(),
                configs == null ? "shipped (classpath)" : configs.toAbsolutePath());
        try (LocalStack s = LocalStack.builder().dataDir(dataDir)
                .only(Component.KAFKA, Component.CONNECT, Component.MARIADB, Component.POSTGRES).start();
             Admin a = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, s.kafka().bootstrapServers()))) {
            stack = s;
            admin = a;
            connect = new ConnectClient(stack.connect().restUrl());
            results.loadAverageAtStart = loadAverage();
            for (Pipeline p : pipelines) {
                measure(p, results);
            }
            results.loadAverageAtEnd = loadAverage();
        }
        results.wallSeconds = Duration.between(started, Instant.now()).toSeconds();
        results.print(log);
        Files.createDirectories(out.toAbsolutePath().getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), results.json(this));
        log.println("results written to " + out.toAbsolutePath());
        return 0;
    }

    private ConnectConfig config(String name) {
        return configs == null ? ConnectConfig.named(name) : ConnectConfig.inFolder(configs, name);
    }

    /** One pipeline: its tables, its two connectors, the steady-rate runs and the new tables. */
    private void measure(Pipeline p, Results results) throws Exception {
        List<String> tables = new ArrayList<>();
        if (warmupRound) {
            tables.add("pl_warmup");
        }
        for (int r = 1; r <= repeats; r++) {
            for (double rate : rates) {
                tables.add(table(rate, r));
            }
        }
        Map<String, SourceTable> workloads = new LinkedHashMap<>();
        try (LatencyLog target = p.target(stack); Connection source = p.openSource(stack)) {
            long seed = 1;
            for (String table : tables) {
                SourceTable.create(source, table);
                workloads.put(table, SourceTable.open(source, table, seed++));
            }
            String sourceName = "bench-" + p.prefix + "-source";
            String sinkName = "bench-" + p.prefix + "-sink";
            ObjectNode sourceBody = config(p.sourceConfig).render(p.sourceValues(stack, sourceName));
            Map<String, String> sinkValues = p.sinkValues(stack, sinkName, target);
            sinkValues.put("kafka.bootstrap", stack.kafka().bootstrapServers());
            ObjectNode sinkBody = config(p.sinkConfig).render(sinkValues);
            results.configs.put(p.id, Map.of("source", withoutPassword(sourceBody), "sink", withoutPassword(sinkBody)));
            results.measures.put(p.id, target.measures());
            connect.create(sourceBody);
            connect.awaitRunning(sourceName, Duration.ofSeconds(180));
            // The first row of each table makes its topic and its target table (a MariaDB source's snapshot already
            // announced it); the sink starts once every topic exists, so the steady-rate runs do not wait for its
            // subscription to see them (the new-table runs below measure that).
            for (Map.Entry<String, SourceTable> w : workloads.entrySet()) {
                w.getValue().paced(1, 1, System.nanoTime());
            }
            for (String table : tables) {
                await(sourceName, () -> admin.listTopics().names().get().contains(p.topic(stack, table))
                        && endOffset(p.topic(stack, table)) >= 1, "the topic of " + table);
            }
            connect.create(sinkBody);
            connect.awaitRunning(sinkName, Duration.ofSeconds(180));
            for (String table : tables) {
                await(sinkName, () -> target.hasRows(table, 1), "the first row of " + table);
                target.addTrigger(table);
            }
            if (warmupRound) {
                double top = rates.stream().mapToDouble(Double::doubleValue).max().orElse(1000);
                log.printf("[%s] warm-up run at %.0f/s (not counted)%n", p.id, top);
                steady(p, target, sinkName, "pl_warmup", workloads.get("pl_warmup"), top, 0);
            }
            for (int r = 1; r <= repeats; r++) {
                List<Double> order = new ArrayList<>(rates);
                if (r % 2 == 0) {
                    java.util.Collections.reverse(order); // neither rate always runs first
                }
                for (double rate : order) {
                    results.runs.add(steady(p, target, sinkName, table(rate, r), workloads.get(table(rate, r)), rate, r));
                }
            }
            for (int i = 1; i <= newTables; i++) {
                results.newTables.add(newTable(p, target, sinkName, source, "pl_new_" + i, i));
            }
            connect.delete(sinkName);
            connect.delete(sourceName);
            // the next pipeline from the same server must not snapshot this one's tables
            try (java.sql.Statement drop = source.createStatement()) {
                for (String table : tables) {
                    drop.execute("DROP TABLE " + table);
                }
                for (int i = 1; i <= newTables; i++) {
                    drop.execute("DROP TABLE IF EXISTS pl_new_" + i);
                }
            }
        }
    }

    private static String table(double rate, int repeat) {
        return "pl_" + Math.round(rate) + "_r" + repeat;
    }

    /** A steady-rate run: one change per source transaction, paced at {@code rate}, on a table of its own. */
    private Run steady(Pipeline p, LatencyLog target, String sinkName, String table, SourceTable workload, double rate,
                       int repeat) throws Exception {
        long count = Math.round(rate * (warmupSeconds + seconds));
        String topic = p.topic(stack, table);
        long end = endOffset(topic) + count; // one event per change: one change per transaction, no deletes
        long measureFrom = SourceTable.nowMicros() + warmupSeconds * 1_000_000L;
        double achieved;
        double[] inTopic;
        java.util.SortedMap<Long, Double> topicBySecond;
        long lastSent;
        long repeatedInTopic;
        try (TopicArrivals arrivals = TopicArrivals.start(stack.kafka().bootstrapServers(), topic, endOffset(topic), measureFrom)) {
            achieved = workload.paced(count, rate, System.nanoTime());
            lastSent = SourceTable.nowMicros();
            await(sinkName, () -> endOffset(topic) >= end, "the " + count + " events of " + table + " to its topic");
            inTopic = arrivals.stopAndGetMillis(end);
            topicBySecond = arrivals.slowestBySecond();
            repeatedInTopic = arrivals.repeated();
        }
        await(sinkName, () -> target.appliedOffset(sinkName, topic) >= end, "every change of " + table);
        long sourceRows = workload.rowCount();
        long targetRows = target.rowCount(table);
        if (sourceRows != targetRows) {
            throw new IllegalStateException(table + ": the source has " + sourceRows + " rows, the target " + targetRows);
        }
        double[] latencies = target.latenciesMillis(table, measureFrom);
        Run run = new Run(p.id, rate, repeat, latencies.length, achieved, percentile(latencies, 0.5),
                percentile(latencies, 0.99), latencies.length == 0 ? Double.NaN : latencies[latencies.length - 1],
                percentile(inTopic, 0.5), percentile(inTopic, 0.99));
        log.printf("[%s] %.0f/s repeat %d: p50 %.1f ms, p99 %.1f ms, max %.1f ms over %d writes (sent at %.0f/s); "
                        + "in the DDML topic p50 %.1f ms, p99 %.1f ms%n",
                p.id, rate, repeat, run.p50Ms, run.p99Ms, run.maxMs, run.writes, achieved, run.topicP50Ms, run.topicP99Ms);
        log.printf("    slowest: %s (the run's last change was sent %.3f s into it)%n",
                String.join("; ", target.slowest(table, measureFrom, 3)), (lastSent - measureFrom) / 1e6);
        log.printf("    the workload fell %.0f ms behind its schedule at worst (then sent what was due in a burst); "
                + "changes in the DDML topic more than once: %d; changes the sink wrote more than once: %s%n",
                workload.maxLagMillis(), repeatedInTopic, target.repeatedWrites(table, measureFrom));
        // where the time went in the slow seconds: the target's slowest write next to the topic's slowest arrival
        java.util.SortedMap<Long, double[]> late = target.lateSeconds(table, measureFrom, LATE_MILLIS);
        if (!late.isEmpty()) {
            StringBuilder seconds = new StringBuilder();
            late.forEach((second, w) -> seconds.append(String.format(java.util.Locale.ROOT, "%n      +%d s: %d writes, "
                    + "slowest in the target %.0f ms, in the DDML topic %.0f ms", second, (long) w[0], w[1],
                    topicBySecond.getOrDefault(second, Double.NaN))));
            log.printf("    seconds of sending whose slowest change took over %.0f ms (%d; second 0 began at %s):%s%n", LATE_MILLIS,
                late.size(), java.time.Instant.ofEpochSecond(measureFrom / 1_000_000, (measureFrom % 1_000_000) * 1000), seconds);
        }
        return run;
    }

    /** A table created while the pipeline runs: from its first row's commit to that row in the target. */
    private NewTable newTable(Pipeline p, LatencyLog target, String sinkName, Connection source, String table, int n)
            throws Exception {
        SourceTable.create(source, table);
        SourceTable workload = SourceTable.open(source, table, 100 + n);
        long sent = SourceTable.nowMicros();
        workload.paced(1, 1, System.nanoTime());
        await(sinkName, () -> target.hasRows(table, 1), "the first row of the new table " + table);
        double ms = (SourceTable.nowMicros() - sent) / 1000.0;
        log.printf("[%s] new table %s: its first row reached the target %.0f ms after its commit%n", p.id, table, ms);
        return new NewTable(p.id, table, ms);
    }

    private long endOffset(String topic) throws Exception {
        TopicPartition partition = new TopicPartition(topic, 0);
        return admin.listOffsets(Map.of(partition, OffsetSpec.latest())).partitionResult(partition).get().offset();
    }


    private void await(String connector, ConnectClient.Condition condition, String what) throws Exception {
        connect.await(connector, Duration.ofSeconds(timeoutSeconds), 10, condition, what);
    }


    private static JsonNode withoutPassword(ObjectNode body) {
        ObjectNode copy = body.deepCopy();
        ObjectNode config = (ObjectNode) copy.get("config");
        List<String> secret = new ArrayList<>();
        config.fieldNames().forEachRemaining(k -> {
            if (k.endsWith("password")) {
                secret.add(k);
            }
        });
        secret.forEach(k -> config.put(k, "***"));
        return copy;
    }


    /** One steady-rate run. */
    record Run(String pipeline, double rate, int repeat, long writes, double sentPerSecond, double p50Ms, double p99Ms,
               double maxMs, double topicP50Ms, double topicP99Ms) {
    }

    /** One table created while the pipeline ran. */
    record NewTable(String pipeline, String table, double firstRowMs) {
    }

    /** Every run, and the medians per pipeline and rate. */
    static final class Results {
        final List<Run> runs = new ArrayList<>();
        final List<NewTable> newTables = new ArrayList<>();
        final Map<String, Object> configs = new LinkedHashMap<>();
        final Map<String, String> measures = new LinkedHashMap<>();
        String loadAverageAtStart;
        String loadAverageAtEnd;
        long wallSeconds;

        /** Per pipeline and rate: medians of p50, p99, max and the rate achieved. */
        Map<String, Map<String, Double>> medians() {
            Map<String, Map<String, Double>> medians = new LinkedHashMap<>();
            Map<String, List<Run>> groups = runs.stream().collect(Collectors.groupingBy(
                    r -> r.pipeline + " " + Math.round(r.rate) + "/s", LinkedHashMap::new, Collectors.toList()));
            groups.forEach((key, group) -> {
                Map<String, Double> m = new LinkedHashMap<>();
                m.put("sentPerSecond", median(group.stream().map(Run::sentPerSecond).toList()));
                m.put("p50Ms", median(group.stream().map(Run::p50Ms).toList()));
                m.put("p99Ms", median(group.stream().map(Run::p99Ms).toList()));
                m.put("maxMs", median(group.stream().map(Run::maxMs).toList()));
                m.put("topicP50Ms", median(group.stream().map(Run::topicP50Ms).toList()));
                m.put("topicP99Ms", median(group.stream().map(Run::topicP99Ms).toList()));
                m.put("repeats", (double) group.size());
                medians.put(key, m);
            });
            newTables.stream().collect(Collectors.groupingBy(NewTable::pipeline, LinkedHashMap::new, Collectors.toList()))
                    .forEach((pipeline, group) -> medians.put(pipeline + " new table", Map.of(
                            "firstRowMs", median(group.stream().map(NewTable::firstRowMs).toList()),
                            "maxFirstRowMs", group.stream().mapToDouble(NewTable::firstRowMs).max().orElse(Double.NaN),
                            "tables", (double) group.size())));
            return medians;
        }

        static double median(List<Double> values) {
            List<Double> sorted = values.stream().sorted().toList();
            int n = sorted.size();
            return n == 0 ? Double.NaN : n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        }

        void print(PrintStream out) {
            out.println();
            out.printf("%-32s %10s %10s %10s %10s %14s %14s%n", "pipeline, rate", "sent/s", "p50 ms", "p99 ms", "max ms",
                    "topic p50 ms", "topic p99 ms");
            medians().forEach((key, m) -> {
                if (m.containsKey("p50Ms")) {
                    out.printf("%-32s %10.0f %10.1f %10.1f %10.1f %14.1f %14.1f%n", key, m.get("sentPerSecond"), m.get("p50Ms"),
                            m.get("p99Ms"), m.get("maxMs"), m.get("topicP50Ms"), m.get("topicP99Ms"));
                } else {
                    out.printf("%-32s first row in the target: median %.0f ms, max %.0f ms over %.0f tables%n", key,
                            m.get("firstRowMs"), m.get("maxFirstRowMs"), m.get("tables"));
                }
            });
            measures.forEach((pipeline, what) -> out.printf("%s: %s%n", pipeline, what));
            out.printf("(medians of the repeats; load average %s at the start, %s at the end)%n", loadAverageAtStart, loadAverageAtEnd);
        }

        Map<String, Object> json(PipelineBenchmark options) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("label", options.label);
            json.put("finished", Instant.now().toString());
            json.put("wallSeconds", wallSeconds);
            json.put("cpus", Runtime.getRuntime().availableProcessors());
            json.put("loadAverageAtStart", loadAverageAtStart);
            json.put("loadAverageAtEnd", loadAverageAtEnd);
            json.put("options", Map.of("pipelines", options.pipelineNames, "rates", options.rates, "seconds", options.seconds,
                    "warmupSeconds", options.warmupSeconds, "repeats", options.repeats, "newTables", options.newTables,
                    "configs", options.configs == null ? "shipped" : options.configs.toAbsolutePath().toString()));
            json.put("measures", measures);
            json.put("medians", medians());
            json.put("runs", runs);
            json.put("newTables", newTables);
            json.put("renderedConfigs", configs);
            return json;
        }
    }
}
