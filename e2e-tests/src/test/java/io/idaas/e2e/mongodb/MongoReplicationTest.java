package io.idaas.e2e.mongodb;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.idaas.e2e.SourceDatabase;
import io.idaas.e2e.replication.RandomWorkload;
import io.idaas.stack.LocalStack;
import io.idaas.stack.junit.LocalStackExtension;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * MariaDB and PostgreSQL to MongoDB through the shipped configs ({@code mariadb-to-mongodb}, {@code postgres-to-mongodb}),
 * registered over Connect's REST API, under the seeded random workload (key updates, deletes, a truncate and a column
 * added per table), and under faults: the stack's mongo stopped and started mid-stream, the sink stopped and resumed,
 * deleted and created again with two tasks, and a full replay from offset 0 into the same database. MongoDB is judged
 * by {@link MongoCopy} (plain SQL against the official driver), and every document's {@code _ddml.sortable} against its
 * key's last event in the topic.
 */
@ExtendWith(LocalStackExtension.class)
class MongoReplicationTest {

    static final int CHANGES = 20_000;
    static final int TABLES = 3;
    static final int TRANSACTION_SIZE = 8;

    @ParameterizedTest
    @EnumSource(value = SourceDatabase.class, names = {"MARIADB", "POSTGRES"})
    void twentyThousandChangesEndAsTheSameRowsInMongoDb(SourceDatabase source, LocalStack stack) throws Exception {
        try (MongoPipeline pipeline = new MongoPipeline(stack, source, 20_261_206L, TABLES, TRANSACTION_SIZE);
             MongoClient client = MongoClients.create(stack.mongo().connectionString())) {
            MongoDatabase target = client.getDatabase(pipeline.database());
            pipeline.start(stack.mongo().connectionString(), Map.of());
            long begin = System.nanoTime();
            RandomWorkload.Stats stats = pipeline.runInBackground(CHANGES).get();
            long written = System.nanoTime();
            assertThat(stats.changes()).isGreaterThanOrEqualTo(CHANGES);
            assertThat(stats.truncates()).isEqualTo(TABLES);
            assertThat(stats.ddl()).isEqualTo(TABLES);
            assertThat(stats.keyUpdates()).isGreaterThan(500);
            assertThat(stats.deletes()).isGreaterThan(2_000);

            pipeline.awaitSameRows(target, Duration.ofSeconds(300));
            long caughtUp = System.nanoTime();
            assertThat(pipeline.sourceRows()).as("rows compared").isGreaterThan(1_000);
            assertThat(pipeline.stalePositions(target)).as("documents whose position is not their last event's").isEmpty();
            await("the source's applied position").atMost(Duration.ofSeconds(60))
                .until(() -> target.getCollection("_idaas_applied").find(Filters.eq("_id", pipeline.prefix())).first() != null);
            assertThat(pipeline.deadLetters()).as("dead-lettered records").isEmpty();
            System.out.printf("%s to MongoDB: %s; workload %d ms, MongoDB caught up %d ms later%n", source, stats,
                (written - begin) / 1_000_000, (caughtUp - written) / 1_000_000);
        }
    }

    @Test
    void mongoStoppedTheSinkRestartedAndRecreatedAndAFullReplayEndEqual(LocalStack stack) throws Exception {
        try (MongoPipeline pipeline = new MongoPipeline(stack, SourceDatabase.MARIADB, 20_261_207L, TABLES, 4);
             MongoClient client = MongoClients.create(stack.mongo().connectionString())) {
            MongoDatabase target = client.getDatabase(pipeline.database());
            pipeline.start(stack.mongo().connectionString(), Map.of("tasks.max", "2", "retry.backoff.ms", "1000"));
            RandomWorkload workload = pipeline.workload();
            CompletableFuture<RandomWorkload.Stats> run = pipeline.runInBackground(6_000);

            await("workload at 1,500").atMost(Duration.ofMinutes(3)).until(() -> workload.progress() > 1_500);
            stack.mongo().stop(); // MongoDB down for a while, then back on the same port with its data
            await("workload at 2,000").atMost(Duration.ofMinutes(3)).until(() -> workload.progress() > 2_000);
            stack.mongo().start();

            await("workload at 3,000").atMost(Duration.ofMinutes(3)).until(() -> workload.progress() > 3_000);
            pipeline.connect().stop(pipeline.sinkName());
            pipeline.connect().awaitState(pipeline.sinkName(), "STOPPED", Duration.ofSeconds(60));
            pipeline.connect().resume(pipeline.sinkName());

            await("workload at 4,500").atMost(Duration.ofMinutes(3)).until(() -> workload.progress() > 4_500);
            pipeline.deleteSink();
            pipeline.createSink(Map.of("tasks.max", "2"));

            RandomWorkload.Stats stats = run.get();
            assertThat(stats.changes()).isGreaterThanOrEqualTo(6_000);
            pipeline.awaitSameRows(target, Duration.ofSeconds(300));
            assertThat(pipeline.stalePositions(target)).isEmpty();

            // a full replay from offset 0 into the same database: the sink's offsets and the consumer group's reset
            pipeline.connect().stop(pipeline.sinkName());
            pipeline.connect().awaitState(pipeline.sinkName(), "STOPPED", Duration.ofSeconds(60));
            pipeline.connect().resetOffsets(pipeline.sinkName());
            target.getCollection("_idaas_offsets").deleteMany(new Document());
            pipeline.connect().resume(pipeline.sinkName());
            Map<String, Long> ends = endOffsets(stack, pipeline);
            await("the sink replayed every topic to its end").atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    Map<String, Long> stored = new HashMap<>();
                    for (Document d : target.getCollection("_idaas_offsets").find()) {
                        String id = d.getString("_id");
                        stored.put(id.substring(id.indexOf('/') + 1), d.getLong("offset"));
                    }
                    return ends.entrySet().stream().allMatch(e -> stored.getOrDefault(e.getKey(), -1L) >= e.getValue());
                });
            pipeline.awaitSameRows(target, Duration.ofSeconds(60));
            assertThat(pipeline.stalePositions(target)).as("documents whose position is not their last event's").isEmpty();
            assertThat(pipeline.deadLetters()).isEmpty();
        } finally {
            if (!stack.mongo().running()) {
                stack.mongo().start();
            }
        }
    }

    /** The end offset of each table topic, as {@code <topic>/<partition>}. */
    private static Map<String, Long> endOffsets(LocalStack stack, MongoPipeline pipeline) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers(),
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()))) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String table : pipeline.tables()) {
                consumer.partitionsFor(pipeline.topic(table))
                    .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            }
            Map<String, Long> out = new HashMap<>();
            consumer.endOffsets(partitions).forEach((tp, end) -> out.put(tp.topic() + "/" + tp.partition(), end));
            return out;
        }
    }
}
