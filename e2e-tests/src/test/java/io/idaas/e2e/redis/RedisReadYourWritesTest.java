package io.idaas.e2e.redis;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idaas.client.redis.RedisTokenWaiter;
import io.idaas.ddml.consistency.ConsistencyToken;
import io.idaas.ddml.consistency.ConsistencyTokens;
import io.idaas.ddml.consistency.HeartbeatWriter;
import io.idaas.ddml.consistency.SourceLog;
import io.idaas.e2e.ConnectRest;
import io.idaas.e2e.KafkaTopics;
import io.idaas.e2e.SourceDatabase;
import io.idaas.stack.JdbcServer;
import io.idaas.stack.LocalStack;
import io.idaas.stack.junit.LocalStackExtension;
import io.idaas.verify.Verifier;
import io.idaas.verify.VerifyConfig;
import io.idaas.verify.report.FieldDifference;
import io.idaas.verify.report.ReportText;
import io.idaas.verify.report.RowDifference;
import io.idaas.verify.report.VerifyReport;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import redis.clients.jedis.RedisClient;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Read-your-writes through the Redis copy, on real sources with the shipped configs ({@code <db>-ddml-source} and
 * {@code <db>-to-redis}): client threads each write a row, take a consistency token from their own connection right
 * after the commit ({@code ConsistencyTokens}, named by the DDML {@code source.name}, the connector's topic prefix),
 * wait with {@link RedisTokenWaiter} (asking the source for heartbeats while the copy is behind), then read the row's
 * hash with a plain Redis client: every read must see its write. Reads before waiting are counted as stale or fresh;
 * the waits' p50/p99 are printed. Then the verifier compares the copy with the source table: equal; and, with a field
 * changed by hand in Redis, different at exactly that field.
 */
@ExtendWith(LocalStackExtension.class)
class RedisReadYourWritesTest {

    private static final int THREADS = 8;

    @ParameterizedTest(name = "{0}: {1} trials")
    @CsvSource({"MARIADB, 1000", "POSTGRES, 400"})
    void everyReadAfterTheTokenSeesItsWrite(SourceDatabase db, int trials, LocalStack stack) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String table = "rr_" + run;
        String heartbeats = "idaas_heartbeat";
        String prefix = "rr_" + run;
        String redisPrefix = "rr" + run;
        String source = prefix + "-src";
        String sink = prefix + "-sink";
        JdbcServer server = db.server(stack);
        SourceLog log = db == SourceDatabase.POSTGRES ? SourceLog.POSTGRESQL : SourceLog.MARIADB;
        try (Connection c = db.open(stack); Statement sql = c.createStatement()) {
            sql.execute("CREATE TABLE " + table + " (id INT PRIMARY KEY, writer INT NOT NULL, v VARCHAR(40) NOT NULL)");
            // Before the connector starts, so that its snapshot knows the table.
            sql.execute(log.createHeartbeatTable(heartbeats));
            sql.execute("INSERT INTO " + table + " VALUES (0, 0, 'first')");
            // A heartbeat row, so that the snapshot gives the heartbeat table its topic (PostgreSQL writes none for an
            // empty table).
            try (PreparedStatement beat = c.prepareStatement(log.beat(heartbeats))) {
                beat.setString(1, "ryw-" + run);
                beat.executeUpdate();
            }
        }
        ObjectNode sourceConfig = db.connector(stack, db.ddmlConfig(), source, prefix);
        ((ObjectNode) sourceConfig.get("config")).put("table.include.list",
                db.qualified(stack, table) + "," + db.qualified(stack, heartbeats));
        ConnectRest connect = new ConnectRest(stack.connect().restUrl());
        connect.create(sourceConfig);
        String tableId = db == SourceDatabase.POSTGRES ? server.database() + ".public." + table : server.database() + "." + table;
        try (RedisClient redis = RedisClient.create(stack.redis().host(), stack.redis().port());
             HeartbeatWriter heartbeat = new HeartbeatWriter(log, server.jdbcUrl(), server.user(), server.password(), heartbeats,
                     "ryw-" + run, null, null).start()) {
            connect.awaitRunning(source, Duration.ofSeconds(90));
            KafkaTopics.awaitTopic(stack, db.topicOf(stack, prefix, table));
            KafkaTopics.awaitTopic(stack, db.topicOf(stack, prefix, heartbeats));
            connect.create(RedisSinks.config(stack, db, sink, prefix, redisPrefix));
            connect.awaitRunning(sink, Duration.ofSeconds(90));
            String first = redisPrefix + ":" + tableId + ":0";
            await("the first row is in Redis").atMost(Duration.ofSeconds(90)).until(() -> "first".equals(redis.hget(first, "v")));

            RedisTokenWaiter waiter = RedisTokenWaiter.builder(redis).prefix(redisPrefix).heartbeat(heartbeat).build();
            AtomicInteger stale = new AtomicInteger();
            List<Long> waits = Collections.synchronizedList(new ArrayList<>());
            List<String> missed = Collections.synchronizedList(new ArrayList<>());
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 1; t <= THREADS; t++) {
                int writer = t;
                done.add(pool.submit(() -> {
                    try (Connection c = db.open(stack); PreparedStatement upsert = c.prepareStatement(upsert(db, table))) {
                        for (int i = 0; i < trials / THREADS; i++) {
                            int id = writer * 100_000 + i % 50; // inserts first, then updates of the same rows
                            String value = "w" + writer + "-" + i;
                            upsert.setInt(1, id);
                            upsert.setInt(2, writer);
                            upsert.setString(3, value);
                            upsert.executeUpdate();
                            ConsistencyToken token = ConsistencyTokens.current(c, prefix);
                            String key = redisPrefix + ":" + tableId + ":" + id;
                            if (!value.equals(redis.hget(key, "v"))) {
                                stale.incrementAndGet();
                            }
                            long start = System.nanoTime();
                            assertThat(waiter.await(token, Duration.ofSeconds(30)))
                                    .as("the copy reaches %s (applied: %s)", token, waiter.applied(token)).isTrue();
                            waits.add((System.nanoTime() - start) / 1_000);
                            String read = redis.hget(key, "v");
                            if (!value.equals(read)) {
                                // what the copy said it had applied, and whether the row came later: a miss is reported, not hidden
                                missed.add("row " + id + " read '" + read + "' instead of '" + value + "' after " + token
                                        + " (applied then: " + waiter.applied(token) + ")");
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            pool.shutdown();
            int made = THREADS * (trials / THREADS);
            List<String> late = new ArrayList<>();
            for (String miss : missed) {
                String id = miss.substring(4, miss.indexOf(' ', 4));
                String value = miss.substring(miss.indexOf("instead of '") + 12, miss.indexOf("' after"));
                boolean arrived = waitFor(() -> value.equals(redis.hget(redisPrefix + ":" + tableId + ":" + id, "v")));
                late.add(miss + (arrived ? "; the row arrived later" : "; the row never arrived"));
            }
            List<Long> sorted = waits.stream().sorted().toList();
            System.out.printf("redis read-your-writes on %s: %d trials, %d reads after the token missed their write; before "
                            + "waiting %d (%.1f%%) reads were stale; the waits took p50 %.1f ms, p99 %.1f ms, max %.1f ms "
                            + "(%d heartbeats written)%n", db, made, late.size(), stale.get(), 100.0 * stale.get() / made,
                    sorted.get(sorted.size() / 2) / 1000.0, sorted.get(sorted.size() * 99 / 100) / 1000.0,
                    sorted.get(sorted.size() - 1) / 1000.0, heartbeat.written());
            assertThat(waits).hasSize(made);
            assertThat(late).as("reads after the copy covered their token that did not see their write, of %d", made).isEmpty();

            // The verifier against the copy the sink wrote, then with a field changed by hand.
            String sourceTable = db == SourceDatabase.POSTGRES ? "public." + table : table;
            VerifyConfig config = VerifyConfig.builder().source(server.jdbcUrl(), server.user(), server.password())
                    .target(stack.redis().uri(), null, null).redisPrefix(redisPrefix).table(sourceTable)
                    .recheck(10, Duration.ofSeconds(1)).build();
            VerifyReport equal = new Verifier(config).run();
            assertThat(equal.equal()).as(ReportText.write(equal)).isTrue();
            assertThat(equal.tables().get(0).sourceRows()).isEqualTo(1 + THREADS * Math.min(50, trials / THREADS));
            redis.hset(redisPrefix + ":" + tableId + ":100001", "v", "changed by hand");
            VerifyReport changed = new Verifier(config).run();
            assertThat(changed.tables().get(0).differences()).as(ReportText.write(changed)).singleElement().satisfies(d -> {
                assertThat(d.kind()).isEqualTo(RowDifference.Kind.DIFFERENT);
                assertThat(d.key()).containsEntry("id", "100001");
                assertThat(d.fields()).singleElement().extracting(FieldDifference::column, FieldDifference::target)
                        .containsExactly("v", "changed by hand");
            });
        } finally {
            connect.delete(sink);
            connect.delete(source);
            db.release(stack, prefix);
        }
    }

    /** Whether the condition holds within 10 s. */
    private static boolean waitFor(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.call()) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    private static String upsert(SourceDatabase db, String table) {
        return db == SourceDatabase.POSTGRES
                ? "INSERT INTO " + table + " (id, writer, v) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET v = EXCLUDED.v"
                : "INSERT INTO " + table + " (id, writer, v) VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE v = VALUES(v)";
    }
}
