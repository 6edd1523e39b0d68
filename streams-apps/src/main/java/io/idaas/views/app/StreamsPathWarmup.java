package io.idaas.views.app;

import io.idaas.ddml.DmlChange;
import io.idaas.ddml.Row;
import io.idaas.views.ViewTopology;
import io.idaas.views.changelog.ChangelogTopics;
import io.idaas.views.declaration.ViewDeclaration;
import io.idaas.views.declaration.ViewDeclarations;
import io.idaas.views.table.OpenStores;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * The warm-up of a table view's whole path as the app runs it, before the app says it is ready: a Kafka Streams instance
 * of the app's own topology (RocksDB stores, {@code exactly_once_v2}, the DDML changelog's producer) over a topic of its
 * own on the app's cluster. Measured by {@code benchmarks} {@code ViewBenchmark}: warmed up on in-memory stores in a
 * {@code TopologyTestDriver} and through bare Kafka clients (until 2026-12-07), a view app still spent its first seconds
 * after ready compiling the real path (the processor over RocksDB stores, the producer's send), and applied those
 * seconds' changes up to 600 ms late at 1,000/s. (A {@code TopologyTestDriver} on RocksDB stores is no option: it
 * commits, so flushes RocksDB, after every record: 20,000 changes took 224 s.)
 *
 * <p>The topic, the instance's application id (so its internal topics' prefix) and its consumer group are all one name,
 * {@code <application id>-warmup-<uuid>} ({@link #name}), which the ACLs of a Kafka Streams app already allow; they are
 * deleted after, with the instance's state folder. {@code events} synthetic changes of 1,000 keys
 * (inserts, updates, deletes) are written, then read by the instance until its committed offset reaches the end. A
 * warm-up that fails is logged and ends; it never stops the app.
 */
final class StreamsPathWarmup {

    private static final Logger LOG = LoggerFactory.getLogger(StreamsPathWarmup.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** The longest the instance may take to read the written changes: the warm-up then ends where it is. */
    private static final Duration PROCESSING_LIMIT = Duration.ofSeconds(90);
    private static final String VIEW = "warmup";

    private StreamsPathWarmup() {
    }

    /**
     * A name for the topic, application id and consumer group of one warm-up of {@code applicationId}: unique, since
     * the app's instances start at once and each deletes its own topics after.
     */
    static String name(String applicationId) {
        return applicationId + "-warmup-" + java.util.UUID.randomUUID();
    }

    /**
     * Runs the warm-up: {@code events} changes through a table view's topology named {@code name} ({@link #name}),
     * its state under {@code stateDir}; {@code clients} are the app's settings (Kafka Streams' and the clients', security
     * for one), over which the warm-up sets its own application id, state folder and processing guarantee.
     *
     * @return how many changes the instance had read when it was closed
     */
    static ViewWarmup.Done run(int events, String bootstrapServers, String name, Path stateDir, Properties clients, BooleanSupplier stop) {
        long start = System.nanoTime();
        if (events <= 0) {
            return new ViewWarmup.Done(0, Duration.ZERO);
        }
        long read = 0;
        Path state = null;
        try (Admin admin = Admin.create(settings(clients, AdminClientConfig.configNames(), bootstrapServers, Map.of()))) {
            try {
                create(admin, name);
                write(events, bootstrapServers, name, clients);
                List<ViewDeclaration> views = ViewDeclarations.parse("views: [{name: " + VIEW + ", kind: table, topic: " + name + "}]", "warm-up");
                ChangelogTopics.create(views, bootstrapServers, name);
                Files.createDirectories(stateDir);
                state = Files.createTempDirectory(stateDir, "warmup-streams-");
                read = process(views, admin, bootstrapServers, name, state, clients, events, stop);
            } finally {
                List<String> topics = admin.listTopics().names().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).stream()
                        .filter(t -> t.startsWith(name)).toList();
                admin.deleteTopics(topics).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                try {
                    // a closed Kafka Streams instance stays a member until its session times out: removed first
                    admin.removeMembersFromConsumerGroup(name, new RemoveMembersFromConsumerGroupOptions()).all()
                            .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (ExecutionException e) {
                    LOG.debug("the warm-up's consumer group {} kept its members: {}", name, e.getCause().toString());
                }
                try {
                    admin.deleteConsumerGroups(List.of(name)).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (ExecutionException e) {
                    LOG.debug("the warm-up's consumer group {} was not deleted: {}", name, e.getCause().toString());
                }
            }
        } catch (ExecutionException e) {
            LOG.info("the warm-up of the views' Kafka Streams path stopped after {} changes ({}); the app goes on", read, e.getCause().toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.info("the warm-up of the views' Kafka Streams path stopped after {} changes ({}); the app goes on", read, e.toString());
        } finally {
            if (state != null) {
                ViewWarmup.deleteQuietly(state);
            }
        }
        return new ViewWarmup.Done((int) read, Duration.ofNanos(System.nanoTime() - start));
    }

    private static void create(Admin admin, String name) throws InterruptedException, ExecutionException, java.util.concurrent.TimeoutException {
        try {
            admin.createTopics(List.of(new NewTopic(name, Optional.of(1), Optional.empty()))).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    /** The synthetic changes, as a source's DDML topic holds them: key {@code {"id":N}}, value the DDML JSON event. */
    private static void write(int events, String bootstrapServers, String name, Properties clients) {
        Properties settings = settings(clients, ProducerConfig.configNames(), bootstrapServers, Map.of(
                ProducerConfig.CLIENT_ID_CONFIG, name + "-writer", ProducerConfig.LINGER_MS_CONFIG, "5",
                ProducerConfig.MAX_BLOCK_MS_CONFIG, String.valueOf(TIMEOUT.toMillis())));
        settings.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        Random random = new Random(3);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(settings, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 1; i <= events; i++) {
                long id = 1 + random.nextInt(1_000);
                DmlChange change = i % 50 == 0 ? DmlChange.delete(Row.of("id", id))
                        : i % 2 == 0 ? DmlChange.update(Row.of("id", id), ViewWarmup.row(id, random))
                        : DmlChange.insert(ViewWarmup.row(id, random));
                producer.send(new ProducerRecord<>(name, 0, ("{\"id\":" + id + "}").getBytes(StandardCharsets.UTF_8), ViewWarmup.event(i, change)));
            }
            producer.flush();
        }
    }

    /** Runs the instance until its committed offset on the topic is {@code events}, or the limit, or a stop. */
    private static long process(List<ViewDeclaration> views, Admin admin, String bootstrapServers, String name, Path state, Properties clients,
                                long events, BooleanSupplier stop) throws Exception {
        Properties props = new Properties();
        props.putAll(clients);
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, name);
        props.put(StreamsConfig.CLIENT_ID_CONFIG, name);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
        props.remove(StreamsConfig.APPLICATION_SERVER_CONFIG);
        props.put(StreamsConfig.consumerPrefix("auto.offset.reset"), "earliest");
        TopicPartition partition = new TopicPartition(name, 0);
        long read = 0;
        try (KafkaStreams streams = new KafkaStreams(ViewTopology.build(views, name, new OpenStores()), props)) {
            streams.start();
            long deadline = System.nanoTime() + PROCESSING_LIMIT.toNanos();
            while (read < events && !stop.getAsBoolean() && System.nanoTime() < deadline
                    && streams.state() != KafkaStreams.State.ERROR && streams.state() != KafkaStreams.State.NOT_RUNNING) {
                Thread.sleep(100);
                OffsetAndMetadata committed = admin.listConsumerGroupOffsets(name).partitionsToOffsetAndMetadata()
                        .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(partition);
                read = committed == null ? 0 : committed.offset();
            }
            streams.close(TIMEOUT); // its state folder is deleted by the caller
        }
        return read;
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
