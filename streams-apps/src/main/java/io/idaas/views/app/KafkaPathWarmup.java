package io.idaas.views.app;

import io.idaas.ddml.DmlChange;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The warm-up of the Kafka clients' path a view's changes take, on the app's own cluster, before the app says it is
 * ready: the synthetic warm-up ({@link ViewWarmup}) runs the view's code but no Kafka client, and a fresh view app
 * applied its first seconds of changes late while the JIT compiler met the clients' code (a stream thread commits
 * about ten times a second: flush, offsets in the transaction, commit).
 *
 * <p>So the app runs that cycle on a topic of its own, {@code <application id>-warmup-<uuid>} (1 partition; created, then
 * deleted with its consumer group): {@code transactions} exactly-once transactions of {@link #RECORDS_PER_TRANSACTION}
 * synthetic DDML changes each, written by a transactional producer ({@code transactional.id}
 * {@code <application id>-warmup-<uuid>}), their offsets committed in the transaction as Kafka Streams does, and read back by a
 * {@code read_committed} consumer. The names share the application id's prefix, which the ACLs of a Kafka Streams
 * app already allow. A warm-up that fails is logged and ends; it never stops the app.
 */
final class KafkaPathWarmup {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaPathWarmup.class);
    static final int RECORDS_PER_TRANSACTION = 20;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private KafkaPathWarmup() {
    }

    /**
     * A name for the topic, transactional id and consumer group of one warm-up of {@code applicationId}: unique, since
     * the app's instances start at once and each deletes its own topic after.
     */
    static String name(String applicationId) {
        return applicationId + "-warmup-" + java.util.UUID.randomUUID();
    }

    /**
     * Runs the warm-up on topic {@code name} ({@link #name}; also its transactional id and consumer group);
     * {@code clients} are the app's settings, of which each client takes its own keys (security, for one).
     */
    static ViewWarmup.Done run(int transactions, String bootstrapServers, String name, Properties clients, BooleanSupplier stop) {
        long start = System.nanoTime();
        int done = 0;
        if (transactions <= 0) {
            return new ViewWarmup.Done(0, Duration.ZERO);
        }
        TopicPartition partition = new TopicPartition(name, 0);
        try (Admin admin = Admin.create(settings(clients, AdminClientConfig.configNames(), bootstrapServers, Map.of()))) {
            try {
                create(admin, name);
                done = cycle(transactions, bootstrapServers, name, partition, clients, stop);
            } finally {
                admin.deleteTopics(List.of(name)).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                admin.deleteConsumerGroups(List.of(name)).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (ExecutionException e) {
            LOG.info("the warm-up of the Kafka clients stopped after {} transactions ({}); the app goes on", done, e.getCause().toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.info("the warm-up of the Kafka clients stopped after {} transactions ({}); the app goes on", done, e.toString());
        }
        return new ViewWarmup.Done(done, Duration.ofNanos(System.nanoTime() - start));
    }

    private static void create(Admin admin, String name) throws InterruptedException, ExecutionException, java.util.concurrent.TimeoutException {
        try {
            admin.createTopics(List.of(new NewTopic(name, Optional.of(1), Optional.empty()))).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e; // a leftover of an earlier start is reused, then deleted
            }
        }
    }

    private static int cycle(int transactions, String bootstrapServers, String name, TopicPartition partition, Properties clients,
                             BooleanSupplier stop) {
        Properties producerSettings = settings(clients, ProducerConfig.configNames(), bootstrapServers, Map.of(
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, name, ProducerConfig.CLIENT_ID_CONFIG, name + "-producer",
                ProducerConfig.MAX_BLOCK_MS_CONFIG, String.valueOf(TIMEOUT.toMillis())));
        Properties consumerSettings = settings(clients, ConsumerConfig.configNames(), bootstrapServers, Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, name, ConsumerConfig.CLIENT_ID_CONFIG, name + "-consumer",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"));
        int done = 0;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerSettings, new ByteArraySerializer(), new ByteArraySerializer());
             KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerSettings, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(Set.of(partition));
            producer.initTransactions();
            Random random = new Random(2);
            long read = 0;
            for (int t = 0; t < transactions && !stop.getAsBoolean(); t++) {
                producer.beginTransaction();
                for (int r = 0; r < RECORDS_PER_TRANSACTION; r++) {
                    long id = 1 + random.nextInt(1_000);
                    long i = (long) t * RECORDS_PER_TRANSACTION + r + 1;
                    byte[] key = ("{\"id\":" + id + "}").getBytes(StandardCharsets.UTF_8);
                    producer.send(new ProducerRecord<>(name, 0, key, ViewWarmup.event(i, DmlChange.insert(ViewWarmup.row(id, random)))));
                }
                producer.flush();
                for (var record : consumer.poll(Duration.ofMillis(5))) {
                    read = record.offset() + 1;
                }
                producer.sendOffsetsToTransaction(Map.of(partition, new OffsetAndMetadata(read)), consumer.groupMetadata());
                producer.commitTransaction();
                done++;
            }
        }
        return done;
    }

    /** The app's settings this client knows, with the bootstrap servers and {@code own} over them. */
    private static Properties settings(Properties clients, Set<String> known, String bootstrapServers, Map<String, String> own) {
        Properties p = new Properties();
        clients.stringPropertyNames().stream().filter(known::contains).forEach(k -> p.put(k, clients.getProperty(k)));
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.putAll(own);
        return p;
    }
}
