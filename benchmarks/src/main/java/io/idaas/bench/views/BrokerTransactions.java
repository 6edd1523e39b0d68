package io.idaas.bench.views;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * What a running cluster serving exactly-once apps does anyway, on the benchmark's fresh broker: transactions of 100
 * records to a scratch topic, each with offsets sent to the transaction, ten a second (as Kafka Streams commits under
 * {@code exactly_once_v2} with {@code commit.interval.ms} 100), so the broker's transaction and offset-commit paths are
 * warm before the view app starts. Without it, the view app's first commits (about 50 ms each against about 5 ms
 * later, JFR of the app) measured the broker's cold start as much as the app's.
 */
final class BrokerTransactions implements AutoCloseable {

    private static final String TOPIC = "view-bench-broker-warmup";
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Exception failure;
    private long transactions;

    BrokerTransactions(String bootstrapServers) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get();
        }
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "view-bench-broker-warmup"), new ByteArraySerializer(), new ByteArraySerializer());
        thread = new Thread(() -> run(producer), "broker-transactions");
        thread.start();
    }

    private void run(KafkaProducer<byte[], byte[]> producer) {
        try (producer) {
            producer.initTransactions();
            byte[] value = "{\"warm\":true}".getBytes(StandardCharsets.UTF_8);
            long offset = 0;
            while (running) {
                long next = System.nanoTime() + 100_000_000L;
                producer.beginTransaction();
                for (int i = 0; i < 100; i++) {
                    producer.send(new ProducerRecord<>(TOPIC, value));
                }
                offset += 100;
                producer.sendOffsetsToTransaction(Map.of(new TopicPartition(TOPIC, 0), new OffsetAndMetadata(offset)),
                        new ConsumerGroupMetadata("view-bench-broker-warmup"));
                producer.commitTransaction();
                transactions++;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
            }
        } catch (Exception e) {
            failure = e;
        }
    }

    /** Stops; returns the transactions committed. */
    long stop() throws Exception {
        running = false;
        thread.join();
        if (failure != null) {
            throw new IllegalStateException("the broker's transaction warm-up failed: " + failure, failure);
        }
        return transactions;
    }

    @Override
    public void close() throws Exception {
        if (running) {
            stop();
        }
    }
}
