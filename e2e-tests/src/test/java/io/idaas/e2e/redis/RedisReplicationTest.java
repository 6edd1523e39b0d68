package io.idaas.e2e.redis;

import io.idaas.e2e.SourceDatabase;
import io.idaas.e2e.replication.RandomWorkload;
import io.idaas.stack.LocalStack;
import io.idaas.stack.junit.LocalStackExtension;
import io.idaas.stack.redis.RedisServer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import redis.clients.jedis.Jedis;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * MariaDB and PostgreSQL to Redis through the shipped configs ({@code mariadb-to-redis}, {@code postgres-to-redis}),
 * registered over Connect's REST API, under the seeded random workload (key updates, deletes, a truncate and a column
 * added per table), and under faults: Redis restarted mid-stream, the sink stopped and resumed, deleted and created
 * again, two tasks, and a full replay from offset 0 into the same Redis. Redis is judged by {@link RedisCopy} (plain
 * SQL against plain Jedis), and every row's {@code _ddml.sortable} against its key's last event in the topic.
 */
@ExtendWith(LocalStackExtension.class)
class RedisReplicationTest {

    static final int CHANGES = 20_000;
    static final int TABLES = 3;
    static final int TRANSACTION_SIZE = 8;

    @ParameterizedTest
    @EnumSource(value = SourceDatabase.class, names = {"MARIADB", "POSTGRES"})
    void twentyThousandChangesEndAsTheSameRowsInRedis(SourceDatabase source, LocalStack stack) throws Exception {
        try (RedisPipeline pipeline = new RedisPipeline(stack, source, 20_261_206L, TABLES, TRANSACTION_SIZE);
             Jedis redis = new Jedis(stack.redis().host(), stack.redis().port())) {
            pipeline.start(stack.redis().uri(), Map.of());
            long begin = System.nanoTime();
            RandomWorkload.Stats stats = pipeline.runInBackground(CHANGES).get();
            long written = System.nanoTime();
            assertThat(stats.changes()).isGreaterThanOrEqualTo(CHANGES);
            assertThat(stats.truncates()).isEqualTo(TABLES);
            assertThat(stats.ddl()).isEqualTo(TABLES);
            assertThat(stats.keyUpdates()).isGreaterThan(500);
            assertThat(stats.deletes()).isGreaterThan(2_000);

            pipeline.awaitSameRows(redis, Duration.ofSeconds(300));
            long caughtUp = System.nanoTime();
            assertThat(pipeline.sourceRows()).as("rows compared").isGreaterThan(1_000);
            assertThat(pipeline.stalePositions(redis)).as("rows whose position is not their last event's").isEmpty();
            // raised on the sink's frontier thread, a moment after the rows
            org.awaitility.Awaitility.await("the source's applied position").atMost(Duration.ofSeconds(30))
                .until(() -> redis.get(pipeline.prefix() + ":applied:" + pipeline.prefix()) != null);
            assertThat(pipeline.deadLetters()).as("dead-lettered records").isEmpty();
            System.out.printf("%s to Redis: %s; workload %d ms, Redis caught up %d ms later%n", source, stats,
                (written - begin) / 1_000_000, (caughtUp - written) / 1_000_000);
        }
    }

    @Test
    void redisRestartedTheSinkRestartedAndRecreatedAndAFullReplayEndEqual(LocalStack stack, @TempDir Path dir)
        throws Exception {
        RedisServer own = new RedisServer(dir.resolve("redis"), 0);
        own.start();
        int port = own.port();
        try (RedisPipeline pipeline = new RedisPipeline(stack, SourceDatabase.MARIADB, 20_261_207L, TABLES, 4)) {
            pipeline.start(own.uri(), Map.of("tasks.max", "2"));
            RandomWorkload workload = pipeline.workload();
            CompletableFuture<RandomWorkload.Stats> run = pipeline.runInBackground(6_000);

            await("workload at 1,500").atMost(Duration.ofMinutes(3)).until(() -> workload.progress() > 1_500);
            own.close(); // Redis down, then back on the same data and port
            own = new RedisServer(dir.resolve("redis"), port);
            own.start();

            await("workload at 3,000").atMost(Duration.ofMinutes(3)).until(() -> workload.progress() > 3_000);
            pipeline.connect().stop(pipeline.sinkName());
            pipeline.connect().awaitState(pipeline.sinkName(), "STOPPED", Duration.ofSeconds(60));
            pipeline.connect().resume(pipeline.sinkName());

            await("workload at 4,500").atMost(Duration.ofMinutes(3)).until(() -> workload.progress() > 4_500);
            pipeline.deleteSink();
            pipeline.createSink(Map.of("tasks.max", "2"));

            RandomWorkload.Stats stats = run.get();
            assertThat(stats.changes()).isGreaterThanOrEqualTo(6_000);
            try (Jedis redis = new Jedis(own.host(), own.port())) {
                pipeline.awaitSameRows(redis, Duration.ofSeconds(300));
                assertThat(pipeline.stalePositions(redis)).isEmpty();

                // a full replay from offset 0 into the same Redis: the sink's offsets and the consumer group's reset
                String offsetsKey = pipeline.prefix() + ":offsets:" + pipeline.sinkName();
                pipeline.connect().stop(pipeline.sinkName());
                pipeline.connect().awaitState(pipeline.sinkName(), "STOPPED", Duration.ofSeconds(60));
                pipeline.connect().resetOffsets(pipeline.sinkName());
                redis.del(offsetsKey);
                pipeline.connect().resume(pipeline.sinkName());
                Map<String, Long> ends = endOffsets(stack, pipeline);
                await("the sink replayed every topic to its end").atMost(Duration.ofMinutes(5))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> {
                        Map<String, String> stored = redis.hgetAll(offsetsKey);
                        return ends.entrySet().stream().allMatch(e -> stored.containsKey(e.getKey())
                            && Long.parseLong(stored.get(e.getKey())) >= e.getValue());
                    });
                pipeline.awaitSameRows(redis, Duration.ofSeconds(60));
                assertThat(pipeline.stalePositions(redis)).as("rows whose position is not their last event's").isEmpty();
            }
            assertThat(pipeline.deadLetters()).isEmpty();
        } finally {
            own.close();
        }
    }

    /** The end offset of each table topic, as {@code <topic>/<partition>}. */
    private static Map<String, Long> endOffsets(LocalStack stack, RedisPipeline pipeline) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers(),
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()))) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String table : pipeline.tables()) {
                consumer.partitionsFor(pipeline.topic(table))
                    .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            }
            Map<String, Long> out = new java.util.HashMap<>();
            consumer.endOffsets(partitions).forEach((tp, end) -> out.put(tp.topic() + "/" + tp.partition(), end));
            return out;
        }
    }
}
