package io.idaas.stack.kafka;

import io.idaas.stack.Component;
import io.idaas.stack.Endpoint;
import io.idaas.stack.StackComponent;
import io.idaas.stack.StackStartException;
import io.idaas.stack.process.DiskSpace;
import io.idaas.stack.process.Ports;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A single Kafka node in KRaft combined mode (broker and controller), running in this JVM. Its log folder is
 * formatted on first start and kept across restarts, so topics survive {@code idaas up} being run again on the
 * same data folder.
 */
public final class KafkaBroker implements StackComponent {

    private static final Logger log = LoggerFactory.getLogger(KafkaBroker.class);
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    /** The broker's {@code message.max.bytes}: 64 MiB, as the shipped configs' {@code max.request.size}. */
    public static final int MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

    private final Path dataDir;
    private final int requestedPort;
    private final int requestedControllerPort;
    private int port;
    private int controllerPort;
    private KafkaRaftServer server;

    /**
     * @param dataDir the folder that holds the broker's log segments and metadata log
     * @param port    the client port, or 0 for a free one; the controller listens on a free port of its own
     */
    public KafkaBroker(Path dataDir, int port) {
        this(dataDir, port, 0);
    }

    /**
     * @param controllerPort the KRaft controller's port, or 0 for a free one
     */
    public KafkaBroker(Path dataDir, int port, int controllerPort) {
        this.dataDir = dataDir;
        this.requestedPort = port;
        this.requestedControllerPort = controllerPort;
    }

    @Override
    public Component kind() {
        return Component.KAFKA;
    }

    @Override
    public void start() {
        String id = kind().id();
        DiskSpace.require(id, dataDir, 256L * 1024 * 1024);
        port = Ports.choose(id, requestedPort, "--port kafka=N");
        controllerPort = requestedControllerPort != 0 && Ports.isFree(requestedControllerPort) && requestedControllerPort != port
                ? requestedControllerPort : Ports.freePort();
        Path logDir = dataDir.resolve("kraft-combined-logs");
        KafkaConfig config = KafkaConfig.fromProps(brokerProperties(logDir, controllerPort), false);
        format(logDir);
        try {
            server = new KafkaRaftServer(config, Time.SYSTEM);
            server.startup();
        } catch (RuntimeException e) {
            close();
            throw new StackStartException(id, "the broker failed during startup: " + e.getMessage(),
                    "see the log above; if the data folder " + dataDir + " comes from another Kafka version, remove it", e);
        }
        awaitReady(Duration.ofSeconds(60));
        log.info("Kafka broker (KRaft) ready on {}", bootstrapServers());
    }

    private Properties brokerProperties(Path logDir, int controllerPort) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("controller.listener.names", CONTROLLER_LISTENER);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + "," + CONTROLLER_LISTENER + "://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", logDir.toString());
        // One node: every internal topic has one replica.
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "5");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "5");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        p.put("num.partitions", "1");
        p.put("auto.create.topics.enable", "true");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("log.retention.hours", "-1");
        // Records up to 64 MiB: a row change carrying a 16 MiB value before and after, as base64 in DDML JSON, with
        // room (connect-configs/README.md, "Large values"). The shipped source configs' producers and topics use the
        // same limit; topics created without one (auto-created, dead-letter topics) get it from here.
        p.put("message.max.bytes", String.valueOf(MAX_MESSAGE_BYTES));
        return p;
    }

    private void format(Path logDir) {
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return; // formatted by an earlier start: keep its cluster id and topics
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            Files.createDirectories(logDir);
            new Formatter()
                    .setPrintStream(new PrintStream(out, true, StandardCharsets.UTF_8))
                    .setClusterId(Uuid.randomUuid().toString())
                    .setNodeId(1)
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setMetadataLogDirectory(logDir.toString())
                    .addDirectory(logDir.toString())
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                    .run();
        } catch (Exception e) {
            throw new StackStartException(kind().id(), "cannot format the KRaft log folder " + logDir + ": " + e.getMessage()
                    + " " + out.toString(StandardCharsets.UTF_8).trim(),
                    "remove " + logDir + " (it holds another cluster's data), or choose another --data-dir", e);
        }
    }

    private void awaitReady(Duration timeout) {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, String.valueOf(timeout.toMillis())))) {
            // A cluster answers describeCluster once the broker has registered with the controller and unfenced.
            admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            close();
            throw new StackStartException(kind().id(), "the broker did not answer on " + bootstrapServers() + " within "
                    + timeout.toSeconds() + " s: " + e, "see the log above", e);
        }
    }

    /** {@code host:port} for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** The KRaft controller's port (not for clients). */
    public int controllerPort() {
        return controllerPort;
    }

    @Override
    public List<Endpoint> endpoints() {
        return server == null ? List.of() : List.of(new Endpoint("Kafka bootstrap", bootstrapServers()));
    }

    @Override
    public void close() {
        if (server != null) {
            try {
                server.shutdown();
                server.awaitShutdown();
            } catch (RuntimeException e) {
                log.warn("Kafka broker did not shut down cleanly", e);
            }
            server = null;
        }
    }
}
