package io.idaas.bench.views;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idaas.bench.sink.ConnectClient;
import io.idaas.bench.sink.SinkBenchmark;
import io.idaas.bench.sink.SourceTable;
import io.idaas.configs.ConnectConfig;
import io.idaas.stack.Component;
import io.idaas.stack.LocalStack;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;

/**
 * A table view of a MariaDB table on the local stack (Debezium's MariaDB connector with ToDdml, then the view app):
 * how fresh the view is at a steady rate of source changes, and how fast its key lookups are next to the same
 * lookups on the source database's primary key, both driven by wrk. See benchmarks/README.md.
 */
@Command(name = "view-benchmark", mixinStandardHelpOptions = true, sortOptions = false,
        description = "View freshness (source commit to the view) at a steady rate, and key lookups: the view app against the source database, with wrk.")
public final class ViewBenchmark implements Callable<Integer> {

    @Option(names = "--rate", description = "source changes per second (default: ${DEFAULT-VALUE})")
    double rate = 1000;

    @Option(names = "--seconds", description = "measured seconds at the steady rate (default: ${DEFAULT-VALUE})")
    int seconds = 60;

    @Option(names = "--warmup-seconds", description = "seconds at the steady rate before measuring; 0 measures from the first "
            + "change after the view app is ready (default: ${DEFAULT-VALUE})")
    int warmupSeconds = 0;

    @Option(names = "--source-warmup-seconds", description = "seconds at the steady rate into another table of the same "
            + "source connector before the view app starts, so that Connect, Debezium and ToDdml are warm and the view app "
            + "alone starts cold (default: ${DEFAULT-VALUE})")
    int sourceWarmupSeconds = 20;

    @Option(names = "--view-app-checkout", description = "the checkout whose built command line (cli/target) runs the view "
            + "app, for before/after figures with another version's app (default: the current directory)")
    Path viewAppCheckout = Path.of("");

    @Option(names = "--view-warmup-events", description = "the view app's --warmup-events (default: the app's own)")
    Integer viewWarmupEvents;

    @Option(names = "--view-java-options", description = "JVM options of the view app's own JVM, as IDAAS_JAVA_OPTS gives "
            + "bin/idaas, space-separated, e.g. -XX:StartFlightRecording=filename=view.jfr (default: none)")
    String viewJavaOptions = "";

    @Option(names = "--commit-interval-ms", description = "the view app's commit.interval.ms (--streams-config): how often its "
            + "exactly-once transaction commits, so how soon a reader of the changelog sees a change (default: the app's own)")
    Integer commitIntervalMs;

    @Option(names = "--wrk-threads", description = "wrk threads, both targets (default: ${DEFAULT-VALUE})")
    int wrkThreads = 2;

    @Option(names = "--wrk-connections", description = "wrk connections, both targets (default: ${DEFAULT-VALUE})")
    int wrkConnections = 16;

    @Option(names = "--wrk-seconds", description = "seconds of each wrk run (default: ${DEFAULT-VALUE})")
    int wrkSeconds = 30;

    @Option(names = "--lookup-threads", description = "threads of the database lookup endpoint and JDBC connections in its pool; "
            + "the view app's HTTP API has 8 (default: ${DEFAULT-VALUE})")
    int lookupThreads = 8;

    @Option(names = "--data-dir", description = "the local stack's data folder, emptied first (default: ${DEFAULT-VALUE})")
    Path dataDir = Path.of("benchmarks/target/view-benchmark");

    @Option(names = "--out", description = "the JSON results file (default: ${DEFAULT-VALUE})")
    Path out = Path.of("benchmarks/target/view-benchmark.json");

    @Option(names = "--timeout-seconds", description = "longest wait for the view to catch up (default: ${DEFAULT-VALUE})")
    int timeoutSeconds = 300;

    private static final String TABLE = "vb_rows";
    private static final String WARMUP_TABLE = "vb_source_warmup";
    private static final String VIEW = "rows";
    private final PrintStream log = System.out;

    public static void main(String[] args) {
        System.exit(new CommandLine(new ViewBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Wrk.requireInstalled();
        SinkBenchmark.deleteRecursively(dataDir);
        Map<String, Object> results = new LinkedHashMap<>();
        Map<String, Object> options = new LinkedHashMap<>();
        options.putAll(Map.of("rate", rate, "seconds", seconds, "warmupSeconds", warmupSeconds, "sourceWarmupSeconds", sourceWarmupSeconds,
                "viewJavaOptions", viewJavaOptions, "viewAppCheckout", viewAppCheckout.toAbsolutePath().toString(), "wrkThreads", wrkThreads, "wrkConnections", wrkConnections, "wrkSeconds", wrkSeconds,
                "lookupThreads", lookupThreads));
        options.put("commitIntervalMs", commitIntervalMs == null ? "the app's" : commitIntervalMs);
        options.put("viewWarmupEvents", viewWarmupEvents == null ? "the app's" : viewWarmupEvents);
        results.put("options", options);
        results.put("cpus", Runtime.getRuntime().availableProcessors());
        results.put("loadAverageAtStart", Files.readString(Path.of("/proc/loadavg")).trim());
        log.printf("starting the local stack in %s%n", dataDir.toAbsolutePath());
        try (LocalStack stack = LocalStack.builder().dataDir(dataDir).only(Component.KAFKA, Component.CONNECT, Component.MARIADB).start();
             Connection maria = DriverManager.getConnection(stack.mariadb().jdbcUrl(), stack.mariadb().user(), stack.mariadb().password())) {
            SourceTable.create(maria, TABLE);
            SourceTable.create(maria, WARMUP_TABLE);
            SourceTable source = SourceTable.open(maria, TABLE, 42);
            source.paced(1, rate, System.nanoTime()); // the topic exists once the snapshot read this row
            SourceTable warm = SourceTable.open(maria, WARMUP_TABLE, 7);
            warm.paced(1, rate, System.nanoTime());
            String topic = startSource(stack);
            warmUpSource(stack, warm);
            try (ViewAppChild app = startView(stack, topic, results);
                 TopicLatency input = new TopicLatency(stack.kafka().bootstrapServers(), topic);
                 TopicLatency changelog = new TopicLatency(stack.kafka().bootstrapServers(), "view-bench.view." + VIEW)) {
                results.put("freshness", freshness(source, input, changelog));
                results.put("lookups", lookups(stack, app, source.rowCount()));
            }
        }
        results.put("loadAverageAtEnd", Files.readString(Path.of("/proc/loadavg")).trim());
        log.printf("load average at start %s, at end %s%n", results.get("loadAverageAtStart"), results.get("loadAverageAtEnd"));
        Files.createDirectories(out.toAbsolutePath().getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), results);
        log.println("results written to " + out.toAbsolutePath());
        return 0;
    }

    /** Debezium's MariaDB connector with ToDdml (connect-configs mariadb-ddml-source), for the one table. */
    private static String startSource(LocalStack stack) throws InterruptedException {
        String db = stack.mariadb().database();
        Map<String, String> values = new HashMap<>(Map.of("name", "view-bench-source", "mariadb.host", stack.mariadb().host(),
                "mariadb.port", String.valueOf(stack.mariadb().port()), "mariadb.user", stack.mariadb().user(),
                "mariadb.password", stack.mariadb().password(), "mariadb.database", db, "mariadb.server.id", "4343",
                "topic.prefix", "vbench", "kafka.bootstrap", stack.kafka().bootstrapServers()));
        ObjectNode connector = ConnectConfig.named("mariadb-ddml-source").render(values);
        // As in SinkBenchmark: Debezium's 500 ms default sleeps that long whenever its queue is empty.
        ((ObjectNode) connector.get("config")).put("table.include.list", db + "." + TABLE + "," + db + "." + WARMUP_TABLE); // poll.interval.ms 10, as shipped
        ConnectClient connect = new ConnectClient(stack.connect().restUrl());
        connect.create(connector);
        connect.awaitRunning("view-bench-source", Duration.ofSeconds(120));
        return "vbench." + db + "." + TABLE;
    }

    /**
     * {@code --source-warmup-seconds} at the rate into another table of the same connector, until its topic has them
     * all, and meanwhile ten transactions a second on the broker ({@link BrokerTransactions}): the source side
     * (Connect, Debezium, ToDdml) and the broker are warm before the view app starts.
     */
    private void warmUpSource(LocalStack stack, SourceTable warm) throws Exception {
        if (sourceWarmupSeconds <= 0) {
            return;
        }
        String warmTopic = "vbench." + stack.mariadb().database() + "." + WARMUP_TABLE;
        awaitTopic(stack, warmTopic);
        long count = (long) (rate * sourceWarmupSeconds);
        log.printf("source warm-up: %d changes at %.0f/s into %s%n", count, rate, WARMUP_TABLE);
        try (TopicLatency topic = new TopicLatency(stack.kafka().bootstrapServers(), warmTopic);
             BrokerTransactions transactions = new BrokerTransactions(stack.kafka().bootstrapServers())) {
            warm.paced(count, rate, System.nanoTime());
            log.printf("source warm-up: the broker also served %d transactions with offsets (as an exactly-once app's commits)%n",
                    transactions.stop());
            long sentUntil = SourceTable.nowMicros();
            awaitCondition(() -> topic.received() >= count + 1, count + " DDML events of the source warm-up");
            double[] last = topic.latencies(sentUntil - 5_000_000L, Long.MAX_VALUE)[1];
            log.printf("source warm-up: in the DDML topic over its last 5 s p50 %.1f / p99 %.1f ms%n", percentile(last, 50), percentile(last, 99));
        }
    }

    /** {@code idaas views} in its own JVM, over a file declaring the one view; waits for its {@code /ready}. */
    private void awaitTopic(LocalStack stack, String topic) throws InterruptedException {
        awaitCondition(() -> {
            try (var admin = org.apache.kafka.clients.admin.Admin.create(Map.of("bootstrap.servers", stack.kafka().bootstrapServers()))) {
                return admin.listTopics().names().get().contains(topic);
            } catch (Exception e) {
                return false;
            }
        }, "the topic " + topic);
    }

    private ViewAppChild startView(LocalStack stack, String topic, Map<String, Object> results) throws Exception {
        awaitTopic(stack, topic);
        Path file = dataDir.resolve("views.yaml");
        Files.writeString(file, "views: [{name: " + VIEW + ", kind: table, topic: " + topic + "}]\n");
        Map<String, String> streamsConfig = new LinkedHashMap<>();
        if (commitIntervalMs != null) {
            streamsConfig.put("commit.interval.ms", String.valueOf(commitIntervalMs));
        }
        List<String> javaOptions = viewJavaOptions.isBlank() ? List.of() : List.of(viewJavaOptions.trim().split("\\s+"));
        Path appLog = dataDir.resolve("view-app.log");
        ViewAppChild app = ViewAppChild.start(viewAppCheckout.toAbsolutePath(), file, stack.kafka().bootstrapServers(), "view-bench",
                dataDir.resolve("view-state"), javaOptions, streamsConfig,
                viewWarmupEvents == null ? List.of() : List.of("--warmup-events", String.valueOf(viewWarmupEvents)), appLog);
        try {
            double readyMs = app.awaitReady(VIEW, Duration.ofSeconds(timeoutSeconds));
            log.printf("the view app (pid %d, its own JVM, log %s) was ready %.0f ms after its start%n", app.pid(), appLog, readyMs);
            results.put("timeToReadyMs", readyMs);
            return app;
        } catch (RuntimeException | InterruptedException e) {
            app.close();
            throw e;
        }
    }

    /** A paced workload (half inserts, half updates); per change, source commit to the view and to its changelog's reader. */
    private Map<String, Object> freshness(SourceTable source, TopicLatency input, TopicLatency changelog) throws Exception {
        long count = (long) (rate * (warmupSeconds + seconds));
        long start = SourceTable.nowMicros();
        long measureFrom = start + warmupSeconds * 1_000_000L;
        log.printf("freshness: %d changes at %.0f/s (%d s warm-up)%n", count, rate, warmupSeconds);
        double achieved = source.paced(count, rate, System.nanoTime());
        long expected = source.changes(); // each change changes its row's document: one changelog event each
        awaitCondition(() -> changelog.received() >= expected, expected + " changelog events");
        awaitCondition(() -> input.received() >= expected, expected + " DDML events");
        double[][] latencies = changelog.latenciesSince(measureFrom);
        double[] inTopic = input.latenciesSince(measureFrom)[1];
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("sentPerSecond", achieved);
        result.put("measuredChanges", latencies[0].length);
        result.put("inDdmlTopicMs", percentiles(inTopic));
        result.put("appliedMs", percentiles(latencies[0]));
        // The view's own share: from the event's arrival in the DDML topic (as a reader saw it) to the view's change.
        double[] viewShare = changelog.stampedAfter(input, measureFrom);
        result.put("viewShareMs", percentiles(viewShare));
        result.put("deliveredMs", percentiles(latencies[1]));
        // p99 per 5 s of sending: a latency that grows through the run means the view does not keep up.
        Map<String, Double> appliedP99By5s = new LinkedHashMap<>();
        for (long from = start; from < start + (warmupSeconds + seconds) * 1_000_000L; from += 5_000_000L) {
            appliedP99By5s.put((from - start) / 1_000_000 + "s", percentile(changelog.latencies(from, from + 5_000_000L)[0], 99));
        }
        result.put("appliedP99By5s", appliedP99By5s);
        log.printf("in the DDML topic (Debezium + ToDdml): p50 %.1f / p99 %.1f / max %.1f ms; the view's share p50 %.1f / p99 %.1f ms; "
                        + "view p99 per 5 s: %s%n", percentile(inTopic, 50), percentile(inTopic, 99), percentile(inTopic, 100),
                percentile(viewShare, 50), percentile(viewShare, 99), appliedP99By5s);
        log.printf("freshness over %d changes (sent at %.0f/s): applied in the view p50 %.1f / p99 %.1f / max %.1f ms; "
                        + "read from the changelog p50 %.1f / p99 %.1f / max %.1f ms%n", latencies[0].length, achieved,
                percentile(latencies[0], 50), percentile(latencies[0], 99), percentile(latencies[0], 100),
                percentile(latencies[1], 50), percentile(latencies[1], 99), percentile(latencies[1], 100));
        return result;
    }

    /** wrk against the view's key lookups, then against the same lookups on MariaDB, same settings. */
    private Map<String, Object> lookups(LocalStack stack, ViewAppChild app, long keys) throws Exception {
        Wrk wrk = new Wrk(dataDir, wrkThreads, wrkConnections, wrkSeconds);
        log.printf("lookups: %d keys, wrk -t%d -c%d -d%ds each%n", keys, wrkThreads, wrkConnections, wrkSeconds);
        Wrk.Result view = wrk.run("view app GET /views/" + VIEW + "/key?id=N", app.port(), "/views/" + VIEW + "/key?id=", keys);
        Wrk.Result database;
        try (KeyLookupServer server = new KeyLookupServer(stack.mariadb().jdbcUrl(), stack.mariadb().user(), stack.mariadb().password(),
                TABLE, lookupThreads)) {
            database = wrk.run("MariaDB SELECT by primary key behind GET /key?id=N", server.port(), "/key?id=", keys);
        }
        for (Wrk.Result r : new Wrk.Result[]{view, database}) {
            log.printf("%-55s %10.0f req/s  p50 %.2f ms  p99 %.2f ms  (%d requests, %d not 2xx%s)%n", r.target(), r.requestsPerSecond(),
                    r.p50Ms(), r.p99Ms(), r.requests(), r.non2xx(), r.socketErrors() == null ? "" : ", socket errors " + r.socketErrors());
        }
        log.printf("view / database: %.2fx requests per second, p99 %.2fx%n", view.requestsPerSecond() / database.requestsPerSecond(),
                view.p99Ms() / database.p99Ms());
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("keys", keys);
        result.put("view", view);
        result.put("database", database);
        result.put("viewOverDatabaseRequestsPerSecond", view.requestsPerSecond() / database.requestsPerSecond());
        return result;
    }

    private static Map<String, Double> percentiles(double[] values) {
        Map<String, Double> p = new LinkedHashMap<>();
        p.put("p50", percentile(values, 50));
        p.put("p99", percentile(values, 99));
        p.put("max", percentile(values, 100));
        return p;
    }

    /** The nearest-rank percentile. */
    static double percentile(double[] values, double percentile) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percentile / 100 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private void awaitCondition(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(timeoutSeconds).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("waited " + timeoutSeconds + " s for " + what);
            }
            Thread.sleep(50);
        }
    }
}
