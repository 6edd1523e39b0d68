package io.idaas.bench.redis;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idaas.bench.pipeline.TopicArrivals;
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
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.JedisPubSub;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;

import static io.idaas.bench.Measures.loadAverage;
import static io.idaas.bench.Measures.percentile;

/**
 * MariaDB to Redis with the shipped configs ({@code mariadb-ddml-source} + {@code mariadb-to-redis}, rendered verbatim
 * but for endpoints, names and the topics each sink reads), on the local stack: source commit to key visible at a
 * steady rate; the drain rate of a backlog queued in the topic while no sink ran; and the ceiling, the same number of
 * rows written with plain pipelined {@code HSET}s by Jedis from one thread. See benchmarks/README.md.
 */
@Command(name = "redis-benchmark", mixinStandardHelpOptions = true, sortOptions = false,
        description = "MariaDB to Redis with the shipped configs: commit-to-visible latency, backlog drain, and the HSET ceiling.")
public final class RedisBenchmark implements Callable<Integer> {

    @Option(names = "--rate", description = "changes per second of the latency run (default: ${DEFAULT-VALUE})")
    double rate = 1000;

    @Option(names = "--seconds", description = "measured seconds of the latency run (default: ${DEFAULT-VALUE})")
    int seconds = 30;

    /** 30 s: with 5, the stack's JVM (Kafka, Connect, Debezium, the sink) was still cold and fell seconds behind. */
    @Option(names = "--warmup-seconds", description = "seconds at the rate before measuring (default: ${DEFAULT-VALUE})")
    int warmupSeconds = 30;

    @Option(names = "--backlog", description = "changes queued in the topic before the backlog sink starts (default: ${DEFAULT-VALUE})")
    int backlog = 100_000;

    @Option(names = "--ceiling-batch", description = "HSETs per pipelined round trip of the ceiling (default: ${DEFAULT-VALUE}, the sink's batch.size default)")
    int ceilingBatch = 500;

    @Option(names = "--data-dir", description = "the local stack's data folder, emptied first (default: ${DEFAULT-VALUE})")
    Path dataDir = Path.of("benchmarks/target/redis-benchmark");

    @Option(names = "--out", description = "the JSON results file (default: ${DEFAULT-VALUE})")
    Path out = Path.of("benchmarks/target/redis-benchmark.json");

    @Option(names = "--timeout-seconds", description = "longest wait for the pipeline to deliver what was sent (default: ${DEFAULT-VALUE})")
    int timeoutSeconds = 900;

    private static final String PREFIX = "rb";
    private final PrintStream log = System.out;
    private LocalStack stack;
    private ConnectClient connect;
    private Admin admin;

    public static void main(String[] args) {
        System.exit(new CommandLine(new RedisBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Map<String, Object> results = new LinkedHashMap<>();
        Instant started = Instant.now();
        SinkBenchmark.deleteRecursively(dataDir);
        log.printf("starting the local stack in %s%n", dataDir.toAbsolutePath());
        try (LocalStack s = LocalStack.builder().dataDir(dataDir)
                .only(Component.KAFKA, Component.CONNECT, Component.MARIADB, Component.REDIS).start();
             Admin a = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, s.kafka().bootstrapServers()));
             RedisClient redis = RedisClient.create(s.redis().host(), s.redis().port())) {
            stack = s;
            admin = a;
            connect = new ConnectClient(stack.connect().restUrl());
            results.put("loadAverageAtStart", loadAverage());
            JdbcServer m = stack.mariadb();
            try (Connection source = DriverManager.getConnection(m.jdbcUrl(), m.user(), m.password())) {
                SourceTable.create(source, "rb_latency");
                SourceTable.create(source, "rb_backlog");
                SourceTable latency = SourceTable.open(source, "rb_latency", 1);
                SourceTable queued = SourceTable.open(source, "rb_backlog", 2);
                String sourceName = "bench-redis-source";
                connect.create(ConnectConfig.named("mariadb-ddml-source").render(sourceValues(sourceName)));
                connect.awaitRunning(sourceName, Duration.ofSeconds(180));
                latency.paced(1, 1, System.nanoTime());
                queued.paced(1, 1, System.nanoTime());
                await(sourceName, () -> endOffset(topic("rb_latency")) >= 1 && endOffset(topic("rb_backlog")) >= 1, "the tables' topics");

                results.put("latency", latency(redis, latency));
                results.put("backlog", backlog(redis, queued));
                results.put("ceiling", ceiling(redis, source));
            }
            results.put("loadAverageAtEnd", loadAverage());
        }
        @SuppressWarnings("unchecked") double drain = (double) ((Map<String, Object>) results.get("backlog")).get("changesPerSecond");
        @SuppressWarnings("unchecked") double ceiling = (double) ((Map<String, Object>) results.get("ceiling")).get("rowsPerSecond");
        results.put("drainToCeiling", drain / ceiling);
        results.put("wallSeconds", Duration.between(started, Instant.now()).toSeconds());
        results.put("cpus", Runtime.getRuntime().availableProcessors());
        results.put("options", Map.of("rate", rate, "seconds", seconds, "warmupSeconds", warmupSeconds, "backlog", backlog,
                "ceilingBatch", ceilingBatch));
        log.println();
        log.printf("latency at %.0f changes/s: %s%n", rate, results.get("latency"));
        log.printf("backlog drain: %s%n", results.get("backlog"));
        log.printf("ceiling (pipelined HSET, one thread): %s%n", results.get("ceiling"));
        log.printf("drain / ceiling: %.2f; load average %s at the start, %s at the end%n", drain / ceiling,
                results.get("loadAverageAtStart"), results.get("loadAverageAtEnd"));
        Files.createDirectories(out.toAbsolutePath().getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), results);
        log.println("results written to " + out.toAbsolutePath());
        return 0;
    }

    /**
     * Source commit to key visible at the steady rate: a keyspace-notification subscriber reads each written key's
     * {@code sent_at} (set just before the source commit) as soon as Redis announces the write.
     */
    private Map<String, Object> latency(RedisClient redis, SourceTable workload) throws Exception {
        String redisPrefix = "lat";
        String sink = "bench-redis-latency-sink";
        String topic = topic("rb_latency");
        String rowPrefix = redisPrefix + ":" + stack.mariadb().database() + ".rb_latency:";
        redis.configSet("notify-keyspace-events", "Kh");
        long measureFrom = SourceTable.nowMicros() + warmupSeconds * 1_000_000L;
        Map<String, Long> seen = new ConcurrentHashMap<>();
        List<Double> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
        JedisPubSub listener = new JedisPubSub() {
            @Override
            public void onPMessage(String pattern, String channel, String message) {
                String key = channel.substring(channel.indexOf(':') + 1);
                String sentAt = redis.hget(key, "sent_at");
                long now = SourceTable.nowMicros();
                if (sentAt != null) {
                    long sent = Long.parseLong(sentAt);
                    if (sent >= measureFrom && seen.put(key + "@" + sent, sent) == null) {
                        latencies.add((now - sent) / 1000.0);
                    }
                }
            }
        };
        Thread subscriber = new Thread(() -> {
            try (Jedis j = new Jedis(stack.redis().host(), stack.redis().port())) {
                j.psubscribe(listener, "__keyspace@0__:" + rowPrefix + "*");
            }
        }, "redis-keyspace-subscriber");
        subscriber.setDaemon(true);
        subscriber.start();
        connect.create(sinkConfig(sink, redisPrefix, "rb_latency"));
        connect.awaitRunning(sink, Duration.ofSeconds(180));
        await(sink, () -> applied(redis, redisPrefix, sink, topic) > 0, "the first row of rb_latency");
        long count = Math.round(rate * (warmupSeconds + seconds));
        long measuredChanges = Math.round(rate * seconds);
        long before = endOffset(topic);
        double achieved;
        double[] inTopic;
        long end;
        try (TopicArrivals arrivals = TopicArrivals.start(stack.kafka().bootstrapServers(), topic, before, measureFrom)) {
            achieved = workload.paced(count, rate, System.nanoTime());
            end = endOffsetAfter(sink, topic, before + count);
            inTopic = arrivals.stopAndGetMillis(end);
        }
        await(sink, () -> applied(redis, redisPrefix, sink, topic) >= end, "every change of rb_latency");
        Thread.sleep(200); // the last notifications
        listener.punsubscribe();
        subscriber.join(5_000);
        connect.delete(sink);
        double[] sorted = latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("sentPerSecond", achieved);
        r.put("changesMeasured", measuredChanges);
        r.put("samples", sorted.length);
        r.put("p50Ms", percentile(sorted, 0.5));
        r.put("p99Ms", percentile(sorted, 0.99));
        r.put("maxMs", sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1]);
        // the capture's share: source commit to the DDML record in the topic (Debezium, ToDdml, Kafka)
        r.put("topicP50Ms", percentile(inTopic, 0.5));
        r.put("topicP99Ms", percentile(inTopic, 0.99));
        return r;
    }

    /** N changes queued in the topic with no sink reading it, then a sink started: changes applied per second. */
    private Map<String, Object> backlog(RedisClient redis, SourceTable workload) throws Exception {
        String redisPrefix = "bl";
        String sink = "bench-redis-backlog-sink";
        String topic = topic("rb_backlog");
        long queueStart = System.nanoTime();
        long before = endOffset(topic);
        workload.paced(backlog, 1_000_000, System.nanoTime()); // as fast as MariaDB takes them, one change a transaction
        long end = endOffsetAfter("bench-redis-source", topic, before + backlog);
        double queueSeconds = (System.nanoTime() - queueStart) / 1e9;
        long created = System.nanoTime();
        connect.create(sinkConfig(sink, redisPrefix, "rb_backlog"));
        long firstAt = 0;
        long firstOffset = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(timeoutSeconds).toNanos();
        long offset;
        while ((offset = applied(redis, redisPrefix, sink, topic)) < end) {
            if (firstAt == 0 && offset > 0) {
                firstAt = System.nanoTime();
                firstOffset = offset;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the backlog sink applied " + offset + " of " + end + " records in " + timeoutSeconds + " s");
            }
            Thread.sleep(5);
        }
        long done = System.nanoTime();
        if (firstAt == 0) {
            firstAt = done;
            firstOffset = offset;
        }
        long sourceRows = workload.rowCount();
        long copyRows = redis.scard(redisPrefix + ":keys:" + stack.mariadb().database() + ".rb_backlog");
        connect.delete(sink);
        if (sourceRows != copyRows) {
            throw new IllegalStateException("rb_backlog: the source has " + sourceRows + " rows, Redis " + copyRows);
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("changes", backlog);
        r.put("rows", sourceRows);
        r.put("queuedInSeconds", queueSeconds);
        r.put("secondsFromCreateToFirstBatch", (firstAt - created) / 1e9);
        r.put("secondsFromFirstBatchToEnd", (done - firstAt) / 1e9);
        r.put("changesPerSecond", (end - firstOffset) / Math.max(1e-9, (done - firstAt) / 1e9));
        r.put("changesPerSecondIncludingStart", (end - before) / ((done - created) / 1e9));
        return r;
    }

    /** The backlog's rows written with plain pipelined HSETs by one thread, as many writes as the backlog's changes. */
    private Map<String, Object> ceiling(RedisClient redis, Connection source) throws Exception {
        List<Map<String, String>> rows = new ArrayList<>();
        try (Statement s = source.createStatement(); ResultSet r = s.executeQuery("SELECT * FROM rb_backlog")) {
            ResultSetMetaData md = r.getMetaData();
            while (r.next()) {
                Map<String, String> row = new HashMap<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    if (r.getString(i) != null) {
                        row.put(md.getColumnName(i), r.getString(i));
                    }
                }
                row.put("_ddml.sortable", "0000000001:00000000000000012345/2/0000000000");
                row.put("_ddml.fingerprint", "0123456789abcdef");
                rows.add(row);
            }
        }
        String keyPrefix = "ceil:" + stack.mariadb().database() + ".rb_backlog:";
        long start = System.nanoTime();
        for (int from = 0; from < backlog; from += ceilingBatch) {
            try (AbstractPipeline p = redis.pipelined()) {
                for (int i = from; i < Math.min(backlog, from + ceilingBatch); i++) {
                    Map<String, String> row = rows.get(i % rows.size());
                    p.hset(keyPrefix + row.get("id"), row);
                }
                p.sync();
            }
        }
        double secondsTaken = (System.nanoTime() - start) / 1e9;
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("writes", backlog);
        r.put("seconds", secondsTaken);
        r.put("rowsPerSecond", backlog / secondsTaken);
        return r;
    }

    /** The sink's next offset for the topic's partition 0, from {@code <prefix>:offsets:<connector>} (0: none yet). */
    private static long applied(RedisClient redis, String redisPrefix, String sink, String topic) {
        String next = redis.hget(redisPrefix + ":offsets:" + sink, topic + "/0");
        return next == null ? 0 : Long.parseLong(next);
    }

    /** Waits until the topic's end offset is at least {@code atLeast} and holds still, and returns it. */
    private long endOffsetAfter(String connector, String topic, long atLeast) throws Exception {
        long[] end = {0};
        await(connector, () -> (end[0] = endOffset(topic)) >= atLeast, "offset " + atLeast + " in " + topic);
        // the end may still grow by the last transaction's events: wait until it holds still
        long previous = -1;
        while (previous != end[0]) {
            previous = end[0];
            Thread.sleep(500);
            end[0] = endOffset(topic);
        }
        return end[0];
    }

    private ObjectNode sinkConfig(String name, String redisPrefix, String table) {
        String db = stack.mariadb().database();
        Map<String, String> values = new HashMap<>();
        values.put("name", name);
        values.put("topic.prefix", PREFIX);
        values.put("mariadb.database", db);
        values.put("redis.uri", stack.redis().uri());
        values.put("redis.host", stack.redis().host());
        values.put("redis.port", String.valueOf(stack.redis().port()));
        values.put("redis.prefix", redisPrefix);
        values.put("kafka.bootstrap", stack.kafka().bootstrapServers());
        ObjectNode body = ConnectConfig.named("mariadb-to-redis").render(values);
        ObjectNode config = (ObjectNode) body.get("config");
        config.put("redis.prefix", redisPrefix);
        config.put("topics.regex", PREFIX + "\\." + db + "\\." + table); // the shipped regex narrowed to the table
        return body;
    }

    private Map<String, String> sourceValues(String name) {
        JdbcServer m = stack.mariadb();
        Map<String, String> values = new HashMap<>();
        values.put("name", name);
        values.put("mariadb.host", m.host());
        values.put("mariadb.port", String.valueOf(m.port()));
        values.put("mariadb.user", m.user());
        values.put("mariadb.password", m.password());
        values.put("mariadb.database", m.database());
        values.put("mariadb.server.id", "4244");
        values.put("topic.prefix", PREFIX);
        values.put("kafka.bootstrap", stack.kafka().bootstrapServers());
        return values;
    }

    private String topic(String table) {
        return PREFIX + "." + stack.mariadb().database() + "." + table;
    }

    /** The end offset of the topic's partition 0; -1 while the topic does not exist. */
    private long endOffset(String topic) throws Exception {
        if (!admin.listTopics().names().get().contains(topic)) {
            return -1;
        }
        TopicPartition partition = new TopicPartition(topic, 0);
        return admin.listOffsets(Map.of(partition, OffsetSpec.latest())).partitionResult(partition).get().offset();
    }


    private void await(String connector, ConnectClient.Condition condition, String what) throws Exception {
        connect.await(connector, Duration.ofSeconds(timeoutSeconds), 10, condition, what);
    }


}
