package io.idaas.bench.mongodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import io.idaas.bench.sink.ConnectClient;
import io.idaas.bench.sink.SinkBenchmark;
import io.idaas.bench.sink.SourceTable;
import io.idaas.configs.ConnectConfig;
import io.idaas.stack.Component;
import io.idaas.stack.JdbcServer;
import io.idaas.stack.LocalStack;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonValue;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import static io.idaas.bench.Measures.loadAverage;
import static io.idaas.bench.Measures.percentile;

/**
 * PostgreSQL to MongoDB on the local stack (Kafka, Connect, PostgreSQL, mongo): idaas's MongoDB sink with the shipped
 * configs ({@code postgres-ddml-source} + {@code postgres-to-mongodb}, rendered as a user gets them but for endpoints,
 * names, the database and the topics each sink reads) next to MongoDB's own Kafka sink connector
 * ({@code org.mongodb.kafka:mongo-kafka-connect}, its Debezium PostgreSQL CDC handler) behind Debezium's PostgreSQL
 * connector ({@code postgres-source}), on the same tables and the same changes, in the same run: source commit to
 * document visible at a steady rate, and the drain rate of a backlog queued in the topics while no sink ran. See
 * benchmarks/README.md.
 */
@Command(name = "mongo-benchmark", mixinStandardHelpOptions = true, sortOptions = false,
        description = "PostgreSQL to MongoDB: idaas's MongoDB sink (shipped configs) next to MongoDB's Kafka sink connector, on the local stack.")
public final class MongoBenchmark implements Callable<Integer> {

    @Option(names = "--rate", description = "changes per second of the latency runs (default: ${DEFAULT-VALUE})")
    double rate = 1000;

    @Option(names = "--seconds", description = "measured seconds of each latency run (default: ${DEFAULT-VALUE})")
    int seconds = 30;

    @Option(names = "--warmup-seconds", description = "seconds at the rate before measuring, in each latency run (default: ${DEFAULT-VALUE})")
    int warmupSeconds = 30;

    @Option(names = "--backlog", description = "changes queued in the topics before a sink starts, for the drain runs; 0 skips them (default: ${DEFAULT-VALUE})")
    int backlog = 50_000;

    @Option(names = "--repeats", description = "times each measurement is made, the sinks' order alternating; medians are reported (default: ${DEFAULT-VALUE})")
    int repeats = 3;

    @Option(names = "--sinks", split = ",", description = "sinks to measure: idaas, mongodb (default: both)")
    List<String> sinkNames = List.of("idaas", "mongodb");

    @Option(names = "--poll-millis", description = "how often the reader looks for the changes it waits for (default: ${DEFAULT-VALUE})")
    int pollMillis = 5;

    @Option(names = "--data-dir", description = "the local stack's data folder, emptied first (default: ${DEFAULT-VALUE})")
    Path dataDir = Path.of("benchmarks/target/mongo-benchmark");

    @Option(names = "--bench-plugins", description = "the folder holding the peer's plugin folder mongo-kafka-connect (default: ${DEFAULT-VALUE})")
    Path benchPlugins = Path.of("benchmarks/target/bench-plugins");

    @Option(names = "--out", description = "the JSON results file (default: ${DEFAULT-VALUE})")
    Path out = Path.of("benchmarks/target/mongo-benchmark.json");

    @Option(names = "--timeout-seconds", description = "longest wait for a sink to apply what it was given (default: ${DEFAULT-VALUE})")
    int timeoutSeconds = 900;

    static final String PEER_CLASS = "com.mongodb.kafka.connect.MongoSinkConnector";
    static final String PEER_HANDLER = "com.mongodb.kafka.connect.sink.cdc.debezium.rdbms.postgres.PostgresHandler";
    static final String IDAAS_CLASS = "io.idaas.connect.mongodb.MongoSinkConnector";
    /** Topic prefixes: the DDML source's (idaas) and plain Debezium's (the peer). */
    private static final String DDML_PREFIX = "mbi";
    private static final String DEBEZIUM_PREFIX = "mbp";

    private final PrintStream log = System.out;
    private LocalStack stack;
    private ConnectClient connect;
    private Admin admin;
    private MongoClient mongo;
    private Connection pg;
    private int idaasBatchSize;

    /** The two sinks: what they read, where they write, how a row's document is found. */
    enum Sink {
        IDAAS("idaas", DDML_PREFIX), MONGODB("mongodb", DEBEZIUM_PREFIX);

        final String id;
        final String prefix;

        Sink(String id, String prefix) {
            this.id = id;
            this.prefix = prefix;
        }

        String database() {
            return "bench_" + id;
        }

        /** The {@code _id} of a row's document: the key value (idaas), the key document {@code {id: ...}} (the peer's handler). */
        BsonValue id(long key) {
            return this == IDAAS ? new BsonInt64(key) : new BsonDocument("id", new BsonInt64(key));
        }
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new MongoBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        List<Sink> sinks = new ArrayList<>();
        for (String name : sinkNames) {
            sinks.add(Stream.of(Sink.values()).filter(s -> s.id.equals(name.trim().toLowerCase(Locale.ROOT))).findFirst()
                    .orElseThrow(() -> new CommandLine.ParameterException(new CommandLine(this),
                            "--sinks: unknown sink '" + name + "'; choose from idaas, mongodb")));
        }
        if (sinks.contains(Sink.MONGODB)) {
            preparePeerPlugin();
        }
        Map<String, Object> results = new LinkedHashMap<>();
        Instant started = Instant.now();
        SinkBenchmark.deleteRecursively(dataDir);
        log.printf("starting the local stack in %s%n", dataDir.toAbsolutePath());
        LocalStack.Builder builder = LocalStack.builder().dataDir(dataDir)
                .only(Component.KAFKA, Component.CONNECT, Component.POSTGRES, Component.MONGO);
        if (Files.isDirectory(benchPlugins)) {
            builder.extraPluginPath(benchPlugins.toAbsolutePath());
        }
        List<Map<String, Object>> latencyRuns = new ArrayList<>();
        List<Map<String, Object>> drainRuns = new ArrayList<>();
        try (LocalStack s = builder.start();
             Admin a = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, s.kafka().bootstrapServers()));
             MongoClient m = MongoClients.create(s.mongo().connectionString())) {
            stack = s;
            admin = a;
            mongo = m;
            connect = new ConnectClient(stack.connect().restUrl());
            checkPlugins(sinks);
            results.put("loadAverageAtStart", loadAverage());
            JdbcServer p = stack.postgres();
            pg = DriverManager.getConnection(p.jdbcUrl(), p.user(), p.password());
            // Every table exists before the sources start: both snapshots see them all.
            for (int r = 0; r <= repeats; r++) {
                for (Sink sink : sinks) {
                    SourceTable.create(pg, latencyTable(r, sink));
                }
                if (r > 0 && backlog > 0) {
                    SourceTable.create(pg, "mb_tp_r" + r);
                }
            }
            startSources(sinks);
            for (Sink sink : sinks) {
                latency(0, sink); // not counted: Kafka, Connect, the converters and both sinks get compiled
            }
            for (int r = 1; r <= repeats; r++) {
                List<Sink> order = new ArrayList<>(sinks);
                if (r % 2 == 0) {
                    Collections.reverse(order);
                }
                for (Sink sink : order) {
                    latencyRuns.add(latency(r, sink));
                }
                if (backlog > 0) {
                    drainRuns.addAll(drain(r, order));
                }
            }
            results.put("loadAverageAtEnd", loadAverage());
        } finally {
            if (pg != null) {
                pg.close();
            }
        }
        results.put("wallSeconds", Duration.between(started, Instant.now()).toSeconds());
        results.put("cpus", Runtime.getRuntime().availableProcessors());
        results.put("options", Map.of("rate", rate, "seconds", seconds, "warmupSeconds", warmupSeconds, "backlog", backlog,
                "repeats", repeats, "pollMillis", pollMillis, "idaasBatchSize", idaasBatchSize));
        Map<String, Map<String, Double>> medians = medians(sinks, latencyRuns, drainRuns);
        results.put("medians", medians);
        Map<String, Double> idaas = medians.get("idaas");
        Map<String, Double> peer = medians.get("mongodb");
        if (idaas != null && peer != null) {
            if (idaas.containsKey("drainChangesPerSecond")) {
                results.put("idaasOverMongodbDrain", idaas.get("drainChangesPerSecond") / peer.get("drainChangesPerSecond"));
            }
            results.put("idaasOverMongodbP99", idaas.get("p99Ms") / peer.get("p99Ms"));
        }
        results.put("latencyRuns", latencyRuns);
        results.put("drainRuns", drainRuns);
        log.println();
        log.printf("%-10s %10s %10s %10s %10s %14s%n", "sink", "sent/s", "p50 ms", "p99 ms", "max ms", "drain ch/s");
        medians.forEach((sink, x) -> log.printf("%-10s %10.0f %10.1f %10.1f %10.1f %14.0f%n", sink,
                x.getOrDefault("sentPerSecond", Double.NaN), x.getOrDefault("p50Ms", Double.NaN), x.getOrDefault("p99Ms", Double.NaN),
                x.getOrDefault("maxMs", Double.NaN), x.getOrDefault("drainChangesPerSecond", Double.NaN)));
        if (results.containsKey("idaasOverMongodbP99")) {
            log.printf("p99 latency, idaas/mongodb: %.2f%n", (double) results.get("idaasOverMongodbP99"));
        }
        if (results.containsKey("idaasOverMongodbDrain")) {
            log.printf("drain throughput, idaas/mongodb: %.2f%n", (double) results.get("idaasOverMongodbDrain"));
        }
        log.printf("(medians of %d repeats; load average %s at the start, %s at the end)%n", repeats,
                results.get("loadAverageAtStart"), results.get("loadAverageAtEnd"));
        Files.createDirectories(out.toAbsolutePath().getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), results);
        log.println("results written to " + out.toAbsolutePath());
        return 0;
    }

    /**
     * The peer's plugin folder, which the build fills with its jar: MongoDB's jar names no connector in
     * {@code META-INF/services}, and the stack's worker finds plugins only there ({@code plugin.discovery=service_load}),
     * so a jar holding that one file is added next to it.
     */
    private void preparePeerPlugin() throws IOException {
        Path folder = benchPlugins.resolve("mongo-kafka-connect");
        boolean hasJar;
        try (Stream<Path> files = Files.isDirectory(folder) ? Files.list(folder) : Stream.empty()) {
            hasJar = files.anyMatch(f -> f.getFileName().toString().startsWith("mongo-kafka-connect-"));
        }
        if (!hasJar) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--bench-plugins: no mongo-kafka-connect jar in "
                    + folder.toAbsolutePath() + ". Fix: run ./mvnw -DskipTests package -pl benchmarks -am from the checkout's root");
        }
        Path services = folder.resolve("idaas-bench-service-files.jar");
        if (!Files.exists(services)) {
            Manifest manifest = new Manifest();
            manifest.getMainAttributes().putValue("Manifest-Version", "1.0");
            try (OutputStream file = Files.newOutputStream(services); JarOutputStream jar = new JarOutputStream(file, manifest)) {
                jar.putNextEntry(new JarEntry("META-INF/services/org.apache.kafka.connect.sink.SinkConnector"));
                jar.write((PEER_CLASS + "\n").getBytes(StandardCharsets.UTF_8));
                jar.closeEntry();
            }
        }
    }

    private void checkPlugins(List<Sink> sinks) {
        JsonNode plugins = connect.get("/connector-plugins");
        for (Sink sink : sinks) {
            String cls = sink == Sink.IDAAS ? IDAAS_CLASS : PEER_CLASS;
            boolean listed = false;
            for (JsonNode plugin : plugins) {
                listed |= plugin.path("class").asText().equals(cls);
            }
            if (!listed) {
                throw new IllegalStateException("the Connect worker does not list " + cls + " in /connector-plugins. "
                        + "Fix: run ./mvnw -DskipTests package -pl benchmarks -am from the checkout's root, and run the benchmark there");
            }
        }
    }

    /** The DDML source (idaas's input) and plain Debezium (the peer's), each with its own slot, on the same database. */
    private void startSources(List<Sink> sinks) throws Exception {
        for (Sink sink : sinks) {
            JdbcServer p = stack.postgres();
            String name = "bench-source-" + sink.id;
            Map<String, String> values = new HashMap<>();
            values.put("name", name);
            values.put("postgres.host", p.host());
            values.put("postgres.port", String.valueOf(p.port()));
            values.put("postgres.user", p.user());
            values.put("postgres.password", p.password());
            values.put("postgres.database", p.database());
            values.put("slot.name", "bench_" + sink.id);
            values.put("topic.prefix", sink.prefix);
            values.put("kafka.bootstrap", stack.kafka().bootstrapServers());
            connect.create(ConnectConfig.named(sink == Sink.IDAAS ? "postgres-ddml-source" : "postgres-source").render(values));
            connect.awaitRunning(name, Duration.ofSeconds(180));
        }
    }

    /**
     * Steady rate: a paced workload on a table of its own while only {@code sink} reads its topic; each change sent
     * after the warm-up is looked for in MongoDB by {@code _id} until its document holds that change's {@code sent_at}
     * (latency: that moment less {@code sent_at}), or a later one (superseded: no sample).
     */
    private Map<String, Object> latency(int repeat, Sink sink) throws Exception {
        String table = latencyTable(repeat, sink);
        SourceTable source = SourceTable.open(pg, table, 1000L * repeat); // the same changes for each sink
        MongoCollection<BsonDocument> collection = mongo.getDatabase(sink.database()).getCollection(table, BsonDocument.class);
        String connector = "lat-" + repeat + "-" + sink.id;
        source.paced(1, rate, System.nanoTime());
        connect.create(sinkConfig(connector, sink, table));
        try {
            connect.awaitRunning(connector, Duration.ofSeconds(180));
            await(connector, () -> collection.find(Filters.eq("_id", sink.id(1))).first() != null, "the first row of " + table);
            long count = Math.round(rate * (warmupSeconds + seconds));
            long measureFrom = SourceTable.nowMicros() + warmupSeconds * 1_000_000L;
            Waiter waiter = new Waiter(collection, sink, measureFrom);
            source.onChange(waiter::sent);
            log.printf("[%d] %s: steady rate, %d changes at %.0f/s (%d s warm-up) into %s%n", repeat, sink.id, count, rate, warmupSeconds, table);
            Thread poller = new Thread(waiter, "mongo-latency-" + sink.id);
            poller.setDaemon(true);
            poller.start();
            double achieved = source.paced(count, rate, System.nanoTime());
            source.onChange(null);
            waiter.sendingDone = true;
            long deadline = System.nanoTime() + Duration.ofSeconds(timeoutSeconds).toNanos();
            while (poller.isAlive()) {
                connect.checkNotFailed(connector);
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(connector + ": " + waiter.pending.size() + " changes not visible after " + timeoutSeconds + " s");
                }
                poller.join(500);
            }
            checkSameRows(source, collection, table);
            double[] sorted = waiter.samples.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("sink", sink.id);
            r.put("repeat", repeat);
            r.put("sentPerSecond", achieved);
            r.put("samples", sorted.length);
            r.put("superseded", waiter.superseded);
            r.put("p50Ms", percentile(sorted, 0.5));
            r.put("p99Ms", percentile(sorted, 0.99));
            r.put("maxMs", sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1]);
            log.printf("[%d] %s: p50 %.1f ms, p99 %.1f ms, max %.1f ms over %d changes (%d superseded before seen; sent at %.0f/s)%n",
                    repeat, sink.id, r.get("p50Ms"), r.get("p99Ms"), r.get("maxMs"), sorted.length, waiter.superseded, achieved);
            return r;
        } finally {
            connect.delete(connector);
        }
    }

    /**
     * Throughput: a backlog written with no sink reading (both sources capture it into their topics), then drained by
     * each sink alone: changes per second from its first document to the backlog's last change visible.
     */
    private List<Map<String, Object>> drain(int repeat, List<Sink> order) throws Exception {
        String table = "mb_tp_r" + repeat;
        SourceTable source = SourceTable.open(pg, table, 7000L + repeat);
        long[] last = new long[2];
        source.onChange((key, sentAt) -> {
            last[0] = key;
            last[1] = sentAt;
        });
        log.printf("[%d] backlog: writing %d changes into %s%n", repeat, backlog, table);
        source.backlog(backlog, 1000);
        source.onChange(null);
        for (Sink sink : order) {
            awaitTopic(sink, table, backlog);
        }
        List<Map<String, Object>> runs = new ArrayList<>();
        for (Sink sink : order) {
            MongoCollection<BsonDocument> collection = mongo.getDatabase(sink.database()).getCollection(table, BsonDocument.class);
            String connector = "tp-" + repeat + "-" + sink.id;
            long created = System.nanoTime();
            connect.create(sinkConfig(connector, sink, table));
            try {
                long first = 0;
                long deadline = created + Duration.ofSeconds(timeoutSeconds).toNanos();
                long lastStatus = 0;
                BsonValue lastId = sink.id(last[0]);
                while (true) {
                    if (first == 0 && collection.find().limit(1).first() != null) {
                        first = System.nanoTime();
                    }
                    BsonDocument d = collection.find(Filters.eq("_id", lastId)).projection(Projections.include("sent_at")).first();
                    if (d != null && d.getNumber("sent_at").longValue() >= last[1]) {
                        break;
                    }
                    if (System.nanoTime() - lastStatus > 2_000_000_000L) {
                        connect.checkNotFailed(connector);
                        lastStatus = System.nanoTime();
                    }
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException(connector + " did not apply the backlog of " + table + " within " + timeoutSeconds + " s");
                    }
                    Thread.sleep(pollMillis);
                }
                long done = System.nanoTime();
                first = first == 0 ? done : first;
                checkSameRows(source, collection, table);
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("sink", sink.id);
                r.put("repeat", repeat);
                r.put("changes", backlog);
                r.put("rows", source.rowCount());
                r.put("secondsFromCreateToFirstDocument", (first - created) / 1e9);
                r.put("secondsFromFirstDocumentToEnd", (done - first) / 1e9);
                r.put("changesPerSecond", backlog / Math.max(1e-9, (done - first) / 1e9));
                r.put("changesPerSecondIncludingStart", backlog / ((done - created) / 1e9));
                log.printf("[%d] %s: drained %d changes at %.0f changes/s (%.1f s from the first document to the last change; %.1f s from connector creation)%n",
                        repeat, sink.id, backlog, r.get("changesPerSecond"), (done - first) / 1e9, (done - created) / 1e9);
                runs.add(r);
            } finally {
                connect.delete(connector);
            }
        }
        return runs;
    }

    /** The sink's config reading {@code table}'s topic. */
    private ObjectNode sinkConfig(String name, Sink sink, String table) {
        String topic = sink.prefix + ".public." + table;
        if (sink == Sink.IDAAS) {
            Map<String, String> values = new HashMap<>();
            values.put("name", name);
            values.put("topic.prefix", sink.prefix);
            values.put("mongodb.uri", stack.mongo().connectionString());
            values.put("mongodb.database", sink.database());
            values.put("kafka.bootstrap", stack.kafka().bootstrapServers());
            ObjectNode body = ConnectConfig.named("postgres-to-mongodb").render(values);
            ObjectNode config = (ObjectNode) body.get("config");
            config.put("topics.regex", topic.replace(".", "\\.")); // the shipped regex narrowed to the table
            idaasBatchSize = Integer.parseInt(config.path("batch.size").asText("500"));
            return body;
        }
        ObjectMapper json = new ObjectMapper();
        ObjectNode config = json.createObjectNode()
                .put("connector.class", PEER_CLASS)
                .put("tasks.max", "1")
                .put("topics", topic)
                .put("connection.uri", stack.mongo().connectionString())
                .put("database", sink.database())
                .put("collection", table)
                .put("change.data.capture.handler", PEER_HANDLER)
                .put("key.converter", "org.apache.kafka.connect.json.JsonConverter")
                .put("key.converter.schemas.enable", "true")
                .put("value.converter", "org.apache.kafka.connect.json.JsonConverter")
                .put("value.converter.schemas.enable", "true")
                .put("consumer.override.auto.offset.reset", "earliest")
                // as many records a poll as idaas's shipped batch.size takes a batch
                .put("consumer.override.max.poll.records", String.valueOf(idaasBatchSize == 0 ? 500 : idaasBatchSize));
        ObjectNode body = json.createObjectNode().put("name", name);
        body.set("config", config);
        return body;
    }

    /** The changes a latency run waits to see, and the samples. */
    private final class Waiter implements Runnable {
        private final MongoCollection<BsonDocument> collection;
        private final Sink sink;
        private final long measureFrom;
        final ConcurrentLinkedQueue<long[]> incoming = new ConcurrentLinkedQueue<>();
        final List<long[]> pending = new ArrayList<>();
        final List<Double> samples = new ArrayList<>();
        long superseded;
        volatile boolean sendingDone;

        Waiter(MongoCollection<BsonDocument> collection, Sink sink, long measureFrom) {
            this.collection = collection;
            this.sink = sink;
            this.measureFrom = measureFrom;
        }

        void sent(long key, long sentAt) {
            if (sentAt >= measureFrom) {
                incoming.add(new long[] {key, sentAt});
            }
        }

        @Override
        public void run() {
            try {
                while (!(sendingDone && incoming.isEmpty() && pending.isEmpty())) {
                    long[] next;
                    while ((next = incoming.poll()) != null) {
                        pending.add(next);
                    }
                    if (!pending.isEmpty()) {
                        List<long[]> batch = pending.subList(0, Math.min(pending.size(), 1000));
                        List<BsonValue> ids = batch.stream().map(c -> sink.id(c[0])).distinct().toList();
                        Map<BsonValue, Long> seen = new HashMap<>();
                        for (BsonDocument d : collection.find(Filters.in("_id", ids)).projection(Projections.include("sent_at"))) {
                            seen.put(d.get("_id"), d.getNumber("sent_at").longValue());
                        }
                        long now = SourceTable.nowMicros();
                        List<long[]> resolved = new ArrayList<>();
                        for (long[] c : batch) {
                            Long at = seen.get(sink.id(c[0]));
                            if (at != null && at == c[1]) {
                                samples.add((now - c[1]) / 1000.0);
                                resolved.add(c);
                            } else if (at != null && at > c[1]) {
                                superseded++;
                                resolved.add(c);
                            }
                        }
                        pending.removeAll(resolved);
                    }
                    Thread.sleep(pollMillis);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void checkSameRows(SourceTable source, MongoCollection<BsonDocument> collection, String table) throws Exception {
        long sourceRows = source.rowCount();
        long documents = collection.countDocuments();
        if (sourceRows != documents) {
            throw new IllegalStateException(table + ": PostgreSQL has " + sourceRows + " rows, MongoDB " + documents + " documents");
        }
    }

    /** Waits until {@code sink}'s source has written at least {@code events} events to the table's topic. */
    private void awaitTopic(Sink sink, String table, long events) throws Exception {
        TopicPartition partition = new TopicPartition(sink.prefix + ".public." + table, 0);
        long deadline = System.nanoTime() + Duration.ofSeconds(timeoutSeconds).toNanos();
        long end = -1;
        while (System.nanoTime() < deadline) {
            connect.checkNotFailed("bench-source-" + sink.id);
            if (admin.listTopics().names().get().contains(partition.topic())) {
                end = admin.listOffsets(Map.of(partition, OffsetSpec.latest())).partitionResult(partition).get().offset();
                if (end >= events) {
                    return;
                }
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("topic " + partition.topic() + " holds " + end + " events, not " + events + ", after " + timeoutSeconds + " s");
    }


    private void await(String connector, ConnectClient.Condition condition, String what) throws Exception {
        connect.await(connector, Duration.ofSeconds(timeoutSeconds), 20, condition, what);
    }

    private static String latencyTable(int repeat, Sink sink) {
        return "mb_lat_r" + repeat + "_" + sink.id;
    }

    static Map<String, Map<String, Double>> medians(List<Sink> sinks, List<Map<String, Object>> latency, List<Map<String, Object>> drain) {
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        for (Sink sink : sinks) {
            Map<String, Double> m = new LinkedHashMap<>();
            for (String key : List.of("sentPerSecond", "p50Ms", "p99Ms", "maxMs")) {
                List<Double> values = latency.stream().filter(r -> r.get("sink").equals(sink.id)).map(r -> (Double) r.get(key)).toList();
                if (!values.isEmpty()) {
                    m.put(key, median(values));
                }
            }
            List<Double> d = drain.stream().filter(r -> r.get("sink").equals(sink.id)).map(r -> (Double) r.get("changesPerSecond")).toList();
            if (!d.isEmpty()) {
                m.put("drainChangesPerSecond", median(d));
            }
            out.put(sink.id, m);
        }
        return out;
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }


}
