package io.idaas.stack.connect;

import io.idaas.stack.Component;
import io.idaas.stack.Endpoint;
import io.idaas.stack.StackComponent;
import io.idaas.stack.StackStartException;
import io.idaas.stack.process.ManagedProcess;
import io.idaas.stack.process.Ports;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * A stock Kafka Connect worker in distributed mode run as a separate OS process ({@code java -cp <classpath>
 * io.idaas.stack.connect.ConnectWorkerMain worker.properties}: Kafka's {@code ConnectDistributed} after the JVM's metrics
 * endpoint, {@link #metricsUrl()}), so that it can be killed as a crash would
 * kill it ({@link #kill()}: SIGKILL, no shutdown hook) and started again on the same port ({@link #start()}).
 *
 * <p>It has the properties of {@link ConnectWorker} (same group and internal topics, same plugin path), so workers
 * of both kinds on one Kafka form one Connect cluster, and several of these form a cluster of their own. Its output
 * goes to {@code logDir/<name>.log}.
 *
 * <pre>{@code
 * ConnectWorkerProcess worker = new ConnectWorkerProcess("worker-1", stack.kafka().bootstrapServers(),
 *         PluginPath.locate(), List.of(), 0, Map.of(), dataDir.resolve("logs"), ConnectWorkerProcess.thisJvmClasspath());
 * worker.start();
 * worker.kill();   // SIGKILL
 * worker.start();  // the same REST port again
 * }</pre>
 */
public final class ConnectWorkerProcess implements StackComponent {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectWorkerProcess.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    private final String name;
    private final String bootstrapServers;
    private final Path pluginPath;
    private final List<Path> extraPluginPaths;
    private final Map<String, String> overrides;
    private final Path logDir;
    private final String classpath;
    private int port;
    /** The port of the worker JVM's {@code /metrics}: chosen at the first start, kept afterwards. */
    private int metricsPort;
    private volatile ManagedProcess process;

    /**
     * @param name             names the log file and the properties file ({@code logDir/<name>.log})
     * @param bootstrapServers the Kafka cluster that stores the worker's configs, offsets and statuses
     * @param pluginPath       a folder whose sub-folders are Connect plugins (the unpacked component archive)
     * @param extraPluginPaths more such folders, listed after it in {@code plugin.path}
     * @param port             the REST port, or 0 for a free one (chosen at the first start, kept afterwards)
     * @param overrides        worker properties that replace the defaults
     * @param logDir           where the log and properties files go
     * @param classpath        the worker's classpath: Kafka Connect's runtime and a logging backend, e.g.
     *                         {@link #thisJvmClasspath()}
     */
    public ConnectWorkerProcess(String name, String bootstrapServers, Path pluginPath, List<Path> extraPluginPaths, int port,
                                Map<String, String> overrides, Path logDir, String classpath) {
        this.name = name;
        this.bootstrapServers = bootstrapServers;
        this.pluginPath = pluginPath;
        this.extraPluginPaths = List.copyOf(extraPluginPaths);
        this.port = port;
        this.overrides = Map.copyOf(overrides);
        this.logDir = logDir.toAbsolutePath();
        this.classpath = classpath;
    }

    @Override
    public Component kind() {
        return Component.CONNECT;
    }

    /** Starts the worker (again, after {@link #kill()} or {@link #close()}, on the same port) and waits for its REST API. */
    @Override
    public synchronized void start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("Connect worker " + name + " is already running (process " + process.pid() + ")");
        }
        String id = kind().id();
        ConnectWorker.requirePlugins(pluginPath);
        port = Ports.choose(id, port, "the port of worker " + name);
        metricsPort = Ports.choose(id, metricsPort, "the metrics port of worker " + name);
        Path properties = logDir.resolve(name + ".properties");
        try {
            Files.createDirectories(logDir);
            StringBuilder text = new StringBuilder();
            ConnectWorker.workerProperties(bootstrapServers, pluginPath, extraPluginPaths, port, overrides)
                    .forEach((k, v) -> text.append(k).append('=').append(v.replace("\\", "\\\\")).append('\n'));
            Files.writeString(properties, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StackStartException(id, "cannot write " + properties + ": " + e.getMessage(), "check that " + logDir + " is writable", e);
        }
        long begin = System.nanoTime();
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms64m", "-Xmx768m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-D" + ConnectWorkerMain.METRICS_PORT + "=" + metricsPort,
                "-cp", classpath, ConnectWorkerMain.class.getName(), properties.toString());
        process = ManagedProcess.start(id, command, logDir, logDir.resolve(name + ".log"), Map.of());
        process.awaitReady(this::answers, READY_TIMEOUT);
        LOG.info("Connect worker {} (process {}) ready in {} ms, REST API on {}, log {}", name, process.pid(),
                (System.nanoTime() - begin) / 1_000_000, restUrl(), process.logFile());
    }

    private boolean answers() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(restUrl() + "/connectors"))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Kills the worker with SIGKILL, as a crash would: no graceful stop, no offsets flushed, no group left. */
    public synchronized void kill() {
        ManagedProcess p = process;
        if (p != null) {
            LOG.info("Killing Connect worker {} (process {}) with SIGKILL", name, p.pid());
            p.kill();
            process = null;
        }
    }

    public boolean isAlive() {
        ManagedProcess p = process;
        return p != null && p.isAlive();
    }

    /** The process id, or -1 when it does not run. */
    public long pid() {
        ManagedProcess p = process;
        return p == null ? -1 : p.pid();
    }

    /** The REST API's base URL, e.g. {@code http://127.0.0.1:8083}. */
    public String restUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** The REST port; the {@code worker_id} of this worker in Connect's status answers is {@code 127.0.0.1:<port>}. */
    public int port() {
        return port;
    }

    public String name() {
        return name;
    }

    @Override
    public List<Endpoint> endpoints() {
        return isAlive() ? List.of(new Endpoint("Connect REST (" + name + ")", restUrl()),
                new Endpoint("Connect metrics (" + name + ")", metricsUrl())) : List.of();
    }

    /** The worker JVM's Prometheus endpoint, {@code http://127.0.0.1:<port>/metrics} (the rules of {@link WorkerMetricsEndpoint}). */
    public String metricsUrl() {
        return "http://127.0.0.1:" + metricsPort + "/metrics";
    }

    /** Stops the worker gently (SIGTERM: tasks stop, offsets are committed, the group is left). */
    @Override
    public synchronized void close() {
        ManagedProcess p = process;
        if (p != null) {
            p.stop(Duration.ofSeconds(30));
            process = null;
        }
    }

    /**
     * This JVM's classpath, with a manifest-only jar (as Maven Surefire starts tests with) replaced by the entries
     * of its {@code Class-Path}.
     */
    public static String thisJvmClasspath() {
        Set<String> entries = new LinkedHashSet<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            entries.addAll(manifestClassPath(Path.of(entry)));
            entries.add(entry);
        }
        return String.join(File.pathSeparator, entries);
    }

    private static List<String> manifestClassPath(Path jar) {
        List<String> found = new ArrayList<>();
        if (!Files.isRegularFile(jar) || !jar.toString().endsWith(".jar")) {
            return found;
        }
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            String classPath = manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
            if (classPath == null || file.size() > 5) {
                return found; // not a manifest-only jar
            }
            for (String url : classPath.trim().split("\\s+")) {
                URI uri = jar.toUri().resolve(url);
                found.add(Path.of(uri).toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + jar, e);
        }
        return found;
    }
}
