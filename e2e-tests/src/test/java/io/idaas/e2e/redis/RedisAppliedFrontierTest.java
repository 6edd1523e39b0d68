package io.idaas.e2e.redis;

import io.idaas.connect.redis.RedisSinkTask;
import io.idaas.ddml.DdmlEvent;
import io.idaas.e2e.jdbc.FakeSinkContext;
import io.idaas.stack.LocalStack;
import io.idaas.stack.junit.LocalStackExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.Jedis;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code <prefix>:applied:<source>} says the copy holds every change of the source up to that position, whichever
 * partition carried it. A task reads a source's table topics, its heartbeat topic and the transaction topic as
 * separate partitions, in no order between them: the change of a heartbeat row read before a client's write on the
 * table's topic must not make the copy claim the write (RedisReadYourWritesTest saw that miss once in about 3,000
 * trials before {@code AppliedFrontier}). Real Kafka (the topics' end offsets) and the stack's real Redis; the task is
 * fed hand-made records whose offsets match what Kafka holds.
 */
@ExtendWith(LocalStackExtension.class)
class RedisAppliedFrontierTest {

    @Test
    void aPositionIsAppliedOnlyOnceEveryPartitionOfTheSinksTopicsIsAppliedUpToItsEnd(LocalStack stack) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String orders = "frontier_orders_" + run;
        String heartbeat = "frontier_heartbeat_" + run;
        String prefix = "f" + run;
        // What the source wrote: two changes of orders (positions 3 and 4), then a heartbeat row (position 5).
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers()));
             KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                 ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers()), new StringSerializer(), new StringSerializer())) {
            admin.createTopics(List.of(new NewTopic(orders, 1, (short) 1), new NewTopic(heartbeat, 1, (short) 1))).all().get();
            producer.send(new ProducerRecord<>(orders, "1", "order 1")).get();
            producer.send(new ProducerRecord<>(orders, "2", "order 2")).get();
            producer.send(new ProducerRecord<>(heartbeat, "1", "beat")).get();
        }
        DdmlEvent first = RedisSinkTaskTest.insertAt(orders, 1, "a", 1, 3);
        DdmlEvent second = RedisSinkTaskTest.insertAt(orders, 2, "b", 2, 4);
        DdmlEvent beat = RedisSinkTaskTest.insertAt(heartbeat, 1, "beat", 0, 5);

        RedisSinkTask task = new RedisSinkTask();
        task.initialize(new FakeSinkContext(true));
        task.start(Map.of("name", "sink-" + prefix, "redis.uri", stack.redis().uri(), "redis.prefix", prefix,
            "topics", orders + "," + heartbeat, "applied.kafka.bootstrap.servers", stack.kafka().bootstrapServers()));
        task.open(List.of(new TopicPartition(orders, 0), new TopicPartition(heartbeat, 0)));
        try (Jedis redis = new Jedis(stack.redis().host(), stack.redis().port())) {
            String applied = prefix + ":applied:m";

            // The consumer fetched the heartbeat's partition first: its row is written, the position is not applied.
            task.put(List.of(new SinkRecord(heartbeat, 0, null, null, null, beat, 0)));
            assertThat(task.awaitAppliedPositions(java.time.Duration.ofSeconds(30))).as("the frontier's thread caught up").isTrue();
            assertThat(redis.exists(prefix + ":shop." + heartbeat + ":1")).isTrue();
            assertThat(redis.get(applied)).as("applied before orders' partition caught up").isNull();
            task.put(List.of());
            assertThat(task.awaitAppliedPositions(java.time.Duration.ofSeconds(30))).as("the frontier's thread caught up").isTrue();
            assertThat(redis.get(applied)).as("applied while orders' changes are still unread").isNull();

            // One of the two changes of orders: still not.
            task.put(List.of(new SinkRecord(orders, 0, null, null, null, first, 0)));
            assertThat(task.awaitAppliedPositions(java.time.Duration.ofSeconds(30))).as("the frontier's thread caught up").isTrue();
            assertThat(redis.get(applied)).as("applied with orders' offset 1 of 2").isNull();

            // Every partition at its end: the heartbeat's position is applied, and a client's token of the change at
            // position 4 is covered.
            task.put(List.of(new SinkRecord(orders, 0, null, null, null, second, 1)));
            assertThat(task.awaitAppliedPositions(java.time.Duration.ofSeconds(30))).as("the frontier's thread caught up").isTrue();
            assertThat(redis.get(applied)).isEqualTo(RedisSinkTaskTest.position(5));
            assertThat(redis.hgetAll(prefix + ":shop." + orders + ":2")).containsEntry("name", "b");
        } finally {
            task.stop();
        }
    }
}
