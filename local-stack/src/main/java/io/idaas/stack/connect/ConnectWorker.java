package io.idaas.stack.connect;

import io.idaas.stack.Component;
import io.idaas.stack.Endpoint;
import io.idaas.stack.StackComponent;
import io.idaas.stack.StackStartException;
import io.idaas.stack.process.Ports;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.connect.cli.ConnectDistributed;
import org.apache.kafka.connect.runtime.Connect;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A stock Kafka Connect worker in distributed mode, with its REST API, running in this JVM through Kafka's own
 * entry point ({@link ConnectDistributed}). Its {@code plugin.path} is the unpacked idaas component archive, so
 * the plugins it loads are the ones users install, each isolated in its own class loader.
 */
public final class ConnectWorker implements StackComponent {

    private static final Logger log = LoggerFactory.getLogger(ConnectWorker.class);

    /** The worker's group and internal topics; a second worker with the same group joins this cluster. */
    public static final String GROUP_ID = "idaas-connect";

    private final String bootstrapServers;
    private final Path pluginPath;
    private final List<Path> extraPluginPaths;
    private final int requestedPort;
    private final Map<String, String> overrides;
    private int port;
    private Connect<?> connect;
    private WorkerMetricsEndpoint metrics;

    /**
     * @param bootstrapServers the Kafka cluster that stores the worker's configs, offsets and statuses
     * @param pluginPath       a folder whose sub-folders are Connect plugins (the unpacked component archive)
     * @param extraPluginPaths more such folders, listed after it in {@code plugin.path} (plugins for tests)
     * @param port             the REST port, or 0 for a free one
     * @param overrides        worker properties that replace the defaults (e.g. {@code offset.flush.interval.ms})
     */
    public ConnectWorker(String bootstrapServers, Path pluginPath, List<Path> extraPluginPaths, int port, Map<String, String> overrides) {
        this.bootstrapServers = bootstrapServers;
        this.pluginPath = pluginPath;
        this.extraPluginPaths = List.copyOf(extraPluginPaths);
        this.requestedPort = port;
        this.overrides = Map.copyOf(overrides);
    }

    @Override
    public Component kind() {
        return Component.CONNECT;
    }

    @Override
    public void start() {
        String id = kind().id();
        requirePlugins(pluginPath);
        port = Ports.choose(id, requestedPort, "--port connect=N");
        // Kafka's CLI exits the JVM when the worker fails to start; in this JVM, turn that into an exception.
        Exit.setExitProcedure((code, message) -> {
            throw new StackStartException(id, "the worker stopped with exit code " + code + (message == null ? "" : ": " + message),
                    "see the log above");
        });
        // Its lifecycle belongs to the stack: Kafka's own shutdown hook would stop it a second time, concurrently
        // with the stack's, and can then hang the JVM's exit in Jetty's join.
        Exit.setShutdownHookAdder((name, hook) -> { });
        try {
            connect = new ConnectDistributed().startConnect(workerProperties());
        } catch (StackStartException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new StackStartException(id, "the worker failed during startup: " + e.getMessage(),
                    "check that Kafka answers on " + bootstrapServers, e);
        } finally {
            Exit.resetExitProcedure();
            Exit.resetShutdownHookAdder();
        }
        awaitRestApi(Duration.ofSeconds(120));
        metrics = WorkerMetricsEndpoint.start(Ports.freePort());
        log.info("Kafka Connect worker ready, REST API on {}, metrics on {}, plugin.path {}", restUrl(), metrics.url(),
            workerProperties().get("plugin.path"));
    }

    Map<String, String> workerProperties() {
        return workerProperties(bootstrapServers, pluginPath, extraPluginPaths, port, overrides);
    }

    /**
     * The properties of a local-stack worker: group {@link #GROUP_ID} and its internal topics, JSON converters, the
     * REST API on 127.0.0.1:{@code port}, the given plugin folders, then {@code overrides}. A worker run as a
     * separate process ({@link ConnectWorkerProcess}) gets the same ones, so both can join one cluster.
     */
    static Map<String, String> workerProperties(String bootstrapServers, Path pluginPath, List<Path> extraPluginPaths,
                                                int port, Map<String, String> overrides) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("bootstrap.servers", bootstrapServers);
        p.put("group.id", GROUP_ID);
        p.put("config.storage.topic", GROUP_ID + "-configs");
        p.put("offset.storage.topic", GROUP_ID + "-offsets");
        p.put("status.storage.topic", GROUP_ID + "-status");
        p.put("config.storage.replication.factor", "1");
        p.put("offset.storage.replication.factor", "1");
        p.put("status.storage.replication.factor", "1");
        p.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        p.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        p.put("listeners", "http://127.0.0.1:" + port);
        p.put("rest.advertised.host.name", "127.0.0.1");
        p.put("rest.advertised.port", String.valueOf(port));
        p.put("plugin.path", Stream.concat(Stream.of(pluginPath), extraPluginPaths.stream())
                .map(path -> path.toAbsolutePath().toString()).collect(Collectors.joining(",")));
        // Plugins declare themselves in META-INF/services, so Connect need not scan every class of the classpath.
        p.put("plugin.discovery", "service_load");
        p.put("connector.client.config.override.policy", "All");
        // Commit source offsets every second, so that a restarted worker replays little.
        p.put("offset.flush.interval.ms", "1000");
        // A worker that left comes back quickly on one machine: give its tasks away after 10 s, not 5 min.
        p.put("scheduled.rebalance.max.delay.ms", "10000");
        // Secrets stay out of connector configs: ${env:VAR} and ${file:/path:key} are resolved by the worker when a
        // task starts (and by the validate endpoint); GET /connectors/{name}/config still shows the reference.
        p.put("config.providers", "env,file");
        p.put("config.providers.env.class", "org.apache.kafka.common.config.provider.EnvVarConfigProvider");
        p.put("config.providers.file.class", "org.apache.kafka.common.config.provider.FileConfigProvider");
        p.putAll(overrides);
        return p;
    }

    /** Fails with the fix when {@code pluginPath} holds no plugin folder. */
    static void requirePlugins(Path pluginPath) {
        boolean hasPlugins;
        try (Stream<Path> entries = Files.isDirectory(pluginPath) ? Files.list(pluginPath) : Stream.empty()) {
            hasPlugins = entries.anyMatch(Files::isDirectory);
        } catch (IOException e) {
            hasPlugins = false;
        }
        if (!hasPlugins) {
            throw new StackStartException(Component.CONNECT.id(), "its plugin path " + pluginPath + " holds no plugins",
                    "build the plugin bundle with ./mvnw -DskipTests package -pl connect-plugins -am, or pass --plugin-path");
        }
    }

    private void awaitRestApi(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(restUrl() + "/connectors")).timeout(Duration.ofSeconds(10)).GET().build();
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
                last = "HTTP " + response.statusCode() + " " + response.body();
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        close();
        throw new StackStartException(kind().id(), "the REST API on " + restUrl() + " did not become ready within "
                + timeout.toSeconds() + " s (last: " + last + ")", "see the log above; check that Kafka answers on " + bootstrapServers);
    }

    /** The REST API's base URL, e.g. {@code http://127.0.0.1:8083}, without a trailing slash. */
    public String restUrl() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public Path pluginPath() {
        return pluginPath;
    }

    @Override
    public List<Endpoint> endpoints() {
        if (connect == null) {
            return List.of();
        }
        return metrics == null ? List.of(new Endpoint("Connect REST", restUrl()))
            : List.of(new Endpoint("Connect REST", restUrl()), new Endpoint("Connect metrics", metrics.url()));
    }

    /** The worker JVM's Prometheus endpoint ({@code http://127.0.0.1:<port>/metrics}), once started. */
    public String metricsUrl() {
        return metrics == null ? null : metrics.url();
    }

    /** How long {@link #close} waits for the worker to stop before it goes on without it. */
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    /**
     * Stops the worker, waiting at most {@link #STOP_TIMEOUT}. On SIGTERM the JVM runs Jetty's own shutdown hook
     * (Connect's REST server asks Jetty to stop at shutdown) at the same time as the stack's; Jetty's then stops the
     * REST server under Connect, whose {@code RestServer.stop()} can wait forever in {@code Server.join()} (seen once
     * when SIGTERM came one second after the stack was up). The process is exiting then: going on is what is needed.
     */
    @Override
    public void close() {
        if (metrics != null) {
            metrics.close();
            metrics = null;
        }
        if (connect != null) {
            Connect<?> stopping = connect;
            Thread stopper = new Thread(() -> {
                try {
                    stopping.stop();
                    stopping.awaitStop();
                } catch (RuntimeException e) {
                    log.warn("Connect worker did not stop cleanly", e);
                }
            }, "idaas-connect-stop");
            stopper.setDaemon(true);
            stopper.start();
            try {
                stopper.join(STOP_TIMEOUT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (stopper.isAlive()) {
                log.warn("Connect worker did not stop within {} s; going on without waiting for it", STOP_TIMEOUT.toSeconds());
            }
            connect = null;
        }
    }
}
