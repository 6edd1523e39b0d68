package io.idaas.bench.sink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;

/**
 * End to end: MariaDB, Debezium's MariaDB source connector, Kafka, a JDBC sink, PostgreSQL, on the local stack, for
 * idaas's JDBC sink (with ToDdml as its transform) and Debezium's JDBC sink on the same machine in the same run.
 * See benchmarks/README.md for what each figure means.
 */
@Command(name = "sink-benchmark", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Source commit to row visible in PostgreSQL, idaas's JDBC sink next to Debezium's, on the local stack.")
public final class SinkBenchmark implements Callable<Integer> {

    @Option(names = "--rate", description = "changes per second of the steady-rate phase (default: ${DEFAULT-VALUE})")
    double rate = 1000;

    @Option(names = "--seconds", description = "measured seconds of the steady-rate phase (default: ${DEFAULT-VALUE})")
    int seconds = 60;

    @Option(names = "--warmup-seconds", description = "seconds at the steady rate before measuring (default: ${DEFAULT-VALUE})")
    int warmupSeconds = 5;

    @Option(names = "--warmup-round", negatable = true, description = "first a steady-rate round of each sink, not counted, "
            + "so the first counted one does not meet a cold JVM (default: ${DEFAULT-VALUE})")
    boolean warmupRound = true;

    @Option(names = "--backlog", description = "changes written before a sink starts, for the drain phase; 0 skips it (default: ${DEFAULT-VALUE})")
    int backlog = 200_000;

    @Option(names = "--repeats", description = "times each measurement is made; medians are reported (default: ${DEFAULT-VALUE})")
    int repeats = 3;

    @Option(names = "--batch-size", description = "batch.size of both sinks, and their consumer's max.poll.records (default: ${DEFAULT-VALUE})")
    int batchSize = 1000;

    @Option(names = "--sinks", split = ",", description = "sinks to measure: idaas (Debezium's topics, ToDdml at the "
            + "sink), debezium (its JDBC sink on the same topics), ddml (the shipped DDML source and sink), idaas-unpipelined "
            + "(idaas with write.pipelined=false) (default: idaas, debezium, ddml)")
    List<String> sinkNames = List.of("idaas", "debezium", "ddml");

    @Option(names = "--data-dir", description = "the local stack's data folder, emptied first (default: ${DEFAULT-VALUE})")
    Path dataDir = Path.of("benchmarks/target/sink-benchmark");

    @Option(names = "--bench-plugins", description = "the folder holding Debezium's JDBC sink plugin (default: ${DEFAULT-VALUE})")
    Path benchPlugins = Path.of("benchmarks/target/bench-plugins");

    @Option(names = "--out", description = "the JSON results file (default: ${DEFAULT-VALUE})")
    Path out = Path.of("benchmarks/target/sink-benchmark.json");

    @Option(names = "--timeout-seconds", description = "longest wait for a sink to apply what it was given (default: ${DEFAULT-VALUE})")
    int timeoutSeconds = 900;

    private final PrintStream log = System.out;
    private final List<Sink> sinks = new ArrayList<>();
    private LocalStack stack;
    private ConnectClient connect;
    private Admin admin;
    private Connection maria;
    private String prefix;
    private final Map<Sink, TargetDatabase> targets = new EnumMap<>(Sink.class);

    public static void main(String[] args) {
        System.exit(new CommandLine(new SinkBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        for (String name : sinkNames) {
            sinks.add(Stream.of(Sink.values()).filter(s -> s.id.equals(name.trim().toLowerCase(Locale.ROOT))).findFirst()
                    .orElseThrow(() -> new CommandLine.ParameterException(new CommandLine(this),
                            "--sinks: unknown sink '" + name + "'; choose from idaas, debezium, ddml, idaas-unpipelined")));
        }
        if (sinks.contains(Sink.DEBEZIUM) && !Files.isDirectory(benchPlugins.resolve("debezium-connector-jdbc"))) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--bench-plugins: no debezium-connector-jdbc folder in "
                    + benchPlugins.toAbsolutePath() + ". Fix: run ./mvnw -DskipTests package -pl benchmarks -am from the checkout's root");
        }
        Results results = run();
        results.print(log);
        Files.createDirectories(out.toAbsolutePath().getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), results.json(this));
        log.println("results written to " + out.toAbsolutePath());
        return 0;
    }

    /** Starts the stack, makes every measurement, and stops the stack. */
    Results run() throws Exception {
        deleteRecursively(dataDir);
        Instant started = Instant.now();
        log.printf("starting the local stack in %s%n", dataDir.toAbsolutePath());
        LocalStack.Builder builder = LocalStack.builder().dataDir(dataDir)
                .only(Component.KAFKA, Component.CONNECT, Component.MARIADB, Component.POSTGRES);
        if (Files.isDirectory(benchPlugins)) {
            builder.extraPluginPath(benchPlugins.toAbsolutePath());
        }
        try (LocalStack s = builder.start()) {
            stack = s;
            connect = new ConnectClient(stack.connect().restUrl());
            checkPlugins();
            admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers()));
            maria = DriverManager.getConnection(stack.mariadb().jdbcUrl(), stack.mariadb().user(), stack.mariadb().password());
            for (Sink sink : sinks) {
                targets.put(sink, TargetDatabase.create(stack.postgres().jdbcUrl(), stack.postgres().user(), stack.postgres().password(), sink.database()));
            }
            prefix = "bench";
            // Every table exists before the source connector starts: its snapshot then knows them all, and no table is
            // created while it changes from snapshot to streaming (a race Debezium fails on).
            int first = warmupRound ? 0 : 1;
            for (int r = first; r <= repeats; r++) {
                for (Sink sink : sinks) {
                    SourceTable.create(maria, latencyTable(r, sink));
                }
                if (r == 0) {
                    continue;
                }
                SourceTable.create(maria, "tp_r" + r);
            }
            startSource("mariadb-source", "bench-source", "bench", "4242");
            if (sinks.contains(Sink.IDAAS_DDML)) {
                startSource("mariadb-ddml-source", "bench-ddml-source", Sink.IDAAS_DDML.topicPrefix(), "4243");
            }
            Results results = new Results();
            if (warmupRound) {
                for (Sink sink : sinks) {
                    latency(0, sink); // not counted: Kafka, Connect, the converters and both sinks get compiled
                }
            }
            for (int r = 1; r <= repeats; r++) {
                // Alternate which sink goes first, so neither always meets a colder JVM.
                List<Sink> order = new ArrayList<>(sinks);
                if (r % 2 == 0) {
                    order.sort(Comparator.reverseOrder());
                }
                for (Sink sink : order) {
                    results.latency.add(latency(r, sink));
                }
                if (backlog > 0) {
                    results.drain.addAll(drain(r, order));
                }
            }
            results.wallSeconds = Duration.between(started, Instant.now()).toSeconds();
            return results;
        } finally {
            for (TargetDatabase target : targets.values()) {
                target.close();
            }
            if (maria != null) {
                maria.close();
            }
            if (admin != null) {
                admin.close();
            }
        }
    }

    private void checkPlugins() {
        JsonNode plugins = connect.get("/connector-plugins");
        for (Sink sink : sinks) {
            boolean listed = false;
            for (JsonNode plugin : plugins) {
                listed |= plugin.path("class").asText().equals(sink.connectorClass);
            }
            if (!listed) {
                throw new IllegalStateException("the Connect worker does not list " + sink.connectorClass + " in /connector-plugins. "
                        + "Fix: run ./mvnw -DskipTests package -pl benchmarks -am from the checkout's root, and run the benchmark there");
            }
        }
    }

    /**
     * Debezium's MariaDB connector for every table named lat_* or tp_*: {@code mariadb-source} writes plain Debezium
     * envelopes, {@code mariadb-ddml-source} DDML.
     */
    private void startSource(String config, String name, String topicPrefix, String serverId) throws InterruptedException {
        String db = stack.mariadb().database();
        Map<String, String> values = new HashMap<>(Map.of(
                "name", name,
                "mariadb.host", stack.mariadb().host(),
                "mariadb.port", String.valueOf(stack.mariadb().port()),
                "mariadb.user", stack.mariadb().user(),
                "mariadb.password", stack.mariadb().password(),
                "mariadb.database", db,
                "mariadb.server.id", serverId,
                "topic.prefix", topicPrefix,
                "kafka.bootstrap", stack.kafka().bootstrapServers()));
        ObjectNode source = ConnectConfig.named(config).render(values);
        // poll.interval.ms is the shipped 10 ms (Debezium's 500 ms default made each change wait up to half a second
        // before any sink saw it), for both sinks alike.
        ((ObjectNode) source.get("config")).put("table.include.list", db + "\\.(lat|tp)_.*");
        connect.create(source);
        connect.awaitRunning(name, Duration.ofSeconds(120));
    }

    /** Steady rate: a paced workload on a table of its own while only {@code sink} reads it. */
    private LatencyRun latency(int repeat, Sink sink) throws Exception {
        String table = latencyTable(repeat, sink);
        TargetDatabase target = targets.get(sink);
        SourceTable source = SourceTable.open(maria, table, 1000L * repeat); // the same changes for each sink
        source.paced(1, rate, System.nanoTime()); // the first row: the sink creates its table from it
        awaitTopic(sink, table, source.changes());
        String connector = "lat-" + repeat + "-" + sink.id;
        connect.create(sink.connector(connector, topic(sink, table), target.jdbcUrl, stack.postgres().user(), stack.postgres().password(), batchSize,
                stack.kafka().bootstrapServers()));
        try {
            connect.awaitRunning(connector, Duration.ofSeconds(120));
            await(connector, () -> target.tableExists(table) && target.rowCount(table) == 1, "the first row of " + table);
            target.addTrigger(table);

            long count = (long) (rate * (warmupSeconds + seconds));
            long start = System.nanoTime();
            long measureFrom = SourceTable.nowMicros() + warmupSeconds * 1_000_000L;
            log.printf("[%d] %s: steady rate, %d changes at %.0f/s (%d s warm-up) into %s%n", repeat, sink.id, count, rate, warmupSeconds, table);
            double achieved = source.paced(count, rate, start);
            long sentAll = System.nanoTime();
            // every change in the topic first: a source behind its database would let the sink look done too early
            awaitTopic(sink, table, source.changes());
            await(connector, () -> consumedAll(connector, sink, table), count + " changes of " + table);
            double catchUp = (System.nanoTime() - sentAll) / 1e6;
            checkSameRows(source, target, table, count);
            double[] latency = target.latencyMillis(table, measureFrom);
            LatencyRun run = new LatencyRun(sink.id, repeat, (long) latency[3], achieved, latency[0], latency[1], latency[2], catchUp);
            log.printf("[%d] %s: p50 %.1f ms, p99 %.1f ms, max %.1f ms over %d changes (sent at %.0f/s)%n",
                    repeat, sink.id, run.p50Ms, run.p99Ms, run.maxMs, run.changes, achieved);
            return run;
        } finally {
            connect.delete(connector);
        }
    }

    /** Throughput: a backlog written with no sink reading, then drained by each sink alone from the same topic. */
    private List<DrainRun> drain(int repeat, List<Sink> order) throws Exception {
        String table = "tp_r" + repeat;
        SourceTable source = SourceTable.open(maria, table, 7000L + repeat);
        log.printf("[%d] backlog: writing %d changes into %s%n", repeat, backlog, table);
        source.backlog(backlog, 1000);
        for (Sink sink : order) {
            awaitTopic(sink, table, source.changes());
        }
        List<DrainRun> runs = new ArrayList<>();
        for (Sink sink : order) {
            TargetDatabase target = targets.get(sink);
            // The table exactly as this sink created it in the steady-rate phase, with the logging trigger.
            target.createLike(table, latencyTable(repeat, sink));
            target.addTrigger(table);
            String connector = "tp-" + repeat + "-" + sink.id;
            long created = System.nanoTime();
            connect.create(sink.connector(connector, topic(sink, table), target.jdbcUrl, stack.postgres().user(), stack.postgres().password(), batchSize,
                stack.kafka().bootstrapServers()));
            try {
                await(connector, () -> consumedAll(connector, sink, table), backlog + " changes of " + table);
                double wall = (System.nanoTime() - created) / 1e9;
                checkSameRows(source, target, table, backlog);
                long[] span = target.appliedSpan(table);
                double drainSeconds = (span[1] - span[0]) / 1e6;
                DrainRun run = new DrainRun(sink.id, repeat, backlog, (backlog - 1) / drainSeconds, drainSeconds, wall);
                log.printf("[%d] %s: drained %d changes at %.0f changes/s (%.1f s from first to last row; %.1f s from connector creation)%n",
                        repeat, sink.id, backlog, run.changesPerSecond, drainSeconds, wall);
                runs.add(run);
            } finally {
                connect.delete(connector);
            }
        }
        return runs;
    }

    private static String latencyTable(int repeat, Sink sink) {
        return "lat_r" + repeat + "_" + sink.id.replace('-', '_');
    }

    private String topic(Sink sink, String table) {
        return sink.topicPrefix() + "." + stack.mariadb().database() + "." + table;
    }

    /**
     * Whether the sink's consumer group has committed every record of the table's topic (Connect commits what the
     * sink reports done). A sink may apply fewer writes than changes: idaas's writes only the newest change of a key
     * within one multi-row statement, so the number of logged writes cannot tell when it is done.
     */
    private boolean consumedAll(String connector, Sink sink, String table) throws Exception {
        TopicPartition partition = new TopicPartition(topic(sink, table), 0);
        long end = admin.listOffsets(Map.of(partition, org.apache.kafka.clients.admin.OffsetSpec.latest()))
                .partitionResult(partition).get().offset();
        org.apache.kafka.clients.consumer.OffsetAndMetadata committed = admin.listConsumerGroupOffsets("connect-" + connector)
                .partitionsToOffsetAndMetadata().get().get(partition);
        return committed != null && committed.offset() >= end;
    }

    /**
     * The correctness guard: as many rows in the target as in the source, and no more logged writes than changes
     * (fewer when the sink wrote only the newest of several changes of a key in one statement; said in the log).
     */
    private void checkSameRows(SourceTable source, TargetDatabase target, String table, long changes) throws Exception {
        long sourceRows = source.rowCount();
        long targetRows = target.rowCount(table);
        long logged = target.logged(table);
        if (sourceRows != targetRows || logged > changes) {
            throw new IllegalStateException(table + ": MariaDB has " + sourceRows + " rows, PostgreSQL " + targetRows
                    + "; " + changes + " changes sent, " + logged + " rows written by the sink");
        }
        if (logged < changes) {
            log.printf("  %s: %d of %d changes were superseded by a newer change of their key in the same statement%n",
                    table, changes - logged, changes);
        }
    }

    /** Waits until the source connector has written {@code events} events to {@code table}'s topic. */
    private void awaitTopic(Sink sink, String table, long events) throws Exception {
        TopicPartition partition = new TopicPartition(topic(sink, table), 0);
        long deadline = System.nanoTime() + Duration.ofSeconds(timeoutSeconds).toNanos();
        long end = -1;
        while (System.nanoTime() < deadline) {
            connect.checkNotFailed(sink == Sink.IDAAS_DDML ? "bench-ddml-source" : "bench-source");
            try {
                end = admin.listOffsets(Map.of(partition, OffsetSpec.latest())).partitionResult(partition).get().offset();
                if (end >= events) {
                    return;
                }
            } catch (ExecutionException e) {
                // the topic does not exist yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("topic " + partition.topic() + " holds " + end + " events, not " + events
                + ", after " + timeoutSeconds + " s: the MariaDB source connector is behind or stopped");
    }


    private void await(String connector, ConnectClient.Condition condition, String what) throws Exception {
        connect.await(connector, Duration.ofSeconds(timeoutSeconds), 50, condition, what);
    }

    /** Deletes {@code dir} and everything in it; nothing when it does not exist. */
    public static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** One steady-rate measurement: latency in milliseconds, and how long the sink took to catch up after the last change. */
    record LatencyRun(String sink, int repeat, long changes, double sentPerSecond, double p50Ms, double p99Ms, double maxMs,
                      double catchUpMs) {
    }

    /** One drain measurement: changes per second from the first row written to the last. */
    record DrainRun(String sink, int repeat, long changes, double changesPerSecond, double drainSeconds, double wallSeconds) {
    }

    /** Every measurement of a run, its medians per sink, and the idaas/Debezium ratios. */
    static final class Results {
        final List<LatencyRun> latency = new ArrayList<>();
        final List<DrainRun> drain = new ArrayList<>();
        long wallSeconds;

        Map<String, Map<String, Double>> medians() {
            Map<String, Map<String, Double>> medians = new LinkedHashMap<>();
            for (String sink : Stream.concat(latency.stream().map(LatencyRun::sink), drain.stream().map(DrainRun::sink)).distinct().toList()) {
                Map<String, Double> m = new LinkedHashMap<>();
                List<LatencyRun> l = latency.stream().filter(x -> x.sink.equals(sink)).toList();
                List<DrainRun> d = drain.stream().filter(x -> x.sink.equals(sink)).toList();
                if (!l.isEmpty()) {
                    m.put("sentPerSecond", median(l.stream().map(LatencyRun::sentPerSecond).toList()));
                    m.put("p50Ms", median(l.stream().map(LatencyRun::p50Ms).toList()));
                    m.put("p99Ms", median(l.stream().map(LatencyRun::p99Ms).toList()));
                    m.put("maxMs", median(l.stream().map(LatencyRun::maxMs).toList()));
                }
                if (!d.isEmpty()) {
                    m.put("drainChangesPerSecond", median(d.stream().map(DrainRun::changesPerSecond).toList()));
                }
                medians.put(sink, m);
            }
            return medians;
        }

        static double median(List<Double> values) {
            List<Double> sorted = values.stream().sorted().toList();
            int n = sorted.size();
            return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        }

        void print(PrintStream out) {
            Map<String, Map<String, Double>> medians = medians();
            out.println();
            out.printf("%-10s %10s %10s %10s %10s %14s%n", "sink", "sent/s", "p50 ms", "p99 ms", "max ms", "drain ch/s");
            medians.forEach((sink, m) -> out.printf("%-10s %10.0f %10.1f %10.1f %10.1f %14.0f%n", sink,
                    m.getOrDefault("sentPerSecond", Double.NaN), m.getOrDefault("p50Ms", Double.NaN),
                    m.getOrDefault("p99Ms", Double.NaN), m.getOrDefault("maxMs", Double.NaN),
                    m.getOrDefault("drainChangesPerSecond", Double.NaN)));
            Map<String, Double> debezium = medians.get("debezium");
            for (String ours : List.of("idaas", "ddml")) {
                Map<String, Double> idaas = medians.get(ours);
                if (idaas == null || debezium == null) {
                    continue;
                }
                if (idaas.containsKey("p99Ms") && debezium.containsKey("p99Ms")) {
                    out.printf("p99 latency, %s/debezium: %.2f%n", ours, idaas.get("p99Ms") / debezium.get("p99Ms"));
                }
                if (idaas.containsKey("drainChangesPerSecond") && debezium.containsKey("drainChangesPerSecond")) {
                    out.printf("drain throughput, %s/debezium: %.2f%n", ours,
                            idaas.get("drainChangesPerSecond") / debezium.get("drainChangesPerSecond"));
                }
            }
            out.println("(medians of " + latency.stream().map(LatencyRun::repeat).distinct().count() + " repeats)");
        }

        Map<String, Object> json(SinkBenchmark options) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("finished", Instant.now().toString());
            json.put("wallSeconds", wallSeconds);
            json.put("cpus", Runtime.getRuntime().availableProcessors());
            json.put("options", Map.of("rate", options.rate, "seconds", options.seconds, "warmupSeconds", options.warmupSeconds,
                    "backlog", options.backlog, "repeats", options.repeats, "batchSize", options.batchSize));
            json.put("medians", medians());
            Map<String, Map<String, Double>> medians = medians();
            if (medians.containsKey("idaas") && medians.containsKey("debezium")) {
                json.put("idaasOverDebeziumDrainThroughput",
                        medians.get("idaas").get("drainChangesPerSecond") / medians.get("debezium").get("drainChangesPerSecond"));
            }
            if (medians.containsKey("ddml") && medians.containsKey("debezium")) {
                json.put("ddmlOverDebeziumDrainThroughput",
                        medians.get("ddml").get("drainChangesPerSecond") / medians.get("debezium").get("drainChangesPerSecond"));
            }
            json.put("latencyRuns", latency);
            json.put("drainRuns", drain);
            return json;
        }
    }
}
