package io.idaas.stack.registry;

import com.sun.net.httpserver.HttpServer;
import io.idaas.stack.Component;
import io.idaas.stack.Endpoint;
import io.idaas.stack.StackComponent;
import io.idaas.stack.StackStartException;
import io.idaas.stack.process.DiskSpace;
import io.idaas.stack.process.Ports;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A schema registry speaking the Confluent Schema Registry REST API for Avro schemas, served by the JDK's
 * {@code com.sun.net.httpserver} on 127.0.0.1: subjects and versions, registry-wide ids (the same schema has the
 * same id under every subject), compatibility levels checked with Avro's own {@code SchemaCompatibility}, global
 * and per-subject config, soft and permanent deletes, and Confluent's error bodies and codes.
 *
 * <p>Its state is one JSON file, {@code dataDir/schemas.json}, replaced atomically on every change, so a restart
 * on the same folder keeps subjects, versions, ids and levels. Not supported: JSON Schema and Protobuf, schema
 * references, modes (READONLY/IMPORT), contexts, and several instances sharing one state.
 */
public final class EmbeddedSchemaRegistry implements StackComponent {

    /** The file that holds the registry's state, in its data folder. */
    public static final String STATE_FILE = "schemas.json";

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedSchemaRegistry.class);
    private static final String COMPONENT = Component.REGISTRY.id();
    private static final String HOST = "127.0.0.1";
    private static final long REQUIRED_DISK = 10L * 1024 * 1024;
    private static final int THREADS = 4;

    private final Path dataDir;
    private final int requestedPort;
    private volatile int port;
    private volatile HttpServer server;
    private volatile ExecutorService executor;

    /**
     * @param dataDir the folder for the state file; created when missing
     * @param port    a fixed TCP port, or 0 for a free one
     */
    public EmbeddedSchemaRegistry(Path dataDir, int port) {
        this.dataDir = dataDir.toAbsolutePath().normalize();
        this.requestedPort = port;
    }

    @Override
    public Component kind() {
        return Component.REGISTRY;
    }

    @Override
    public void start() {
        if (server != null) {
            throw new IllegalStateException("the schema registry is already started");
        }
        long begin = System.nanoTime();
        int chosen = Ports.choose(COMPONENT, requestedPort, "--port registry=N");
        DiskSpace.require(COMPONENT, dataDir, REQUIRED_DISK);
        RegistryStateFile file = new RegistryStateFile(dataDir.resolve(STATE_FILE));
        SchemaStore store;
        try {
            store = new SchemaStore(file);
        } catch (IOException e) {
            throw new StackStartException(COMPONENT, "cannot read its state file " + file.path() + ": " + e.getMessage(),
                    "move that file away to start with an empty registry (its subjects and ids are lost), or start with --clean", e);
        }
        HttpServer http;
        try {
            http = HttpServer.create(new InetSocketAddress(HOST, chosen), 50);
        } catch (BindException e) {
            throw new StackStartException(COMPONENT, "port " + chosen + " is taken by another process",
                    "stop the process that listens on it, or choose another port with --port registry=N, or 0 for a free one", e);
        } catch (IOException e) {
            throw new StackStartException(COMPONENT, "cannot listen on " + HOST + ":" + chosen + ": " + e, "choose another port with --port registry=N", e);
        }
        AtomicInteger threads = new AtomicInteger();
        executor = Executors.newFixedThreadPool(THREADS, r -> {
            Thread t = new Thread(r, "idaas-registry-http-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        http.createContext("/", new RegistryHttpHandler(store));
        http.setExecutor(executor);
        http.start();
        port = http.getAddress().getPort();
        server = http;
        LOG.info("schema registry started on {} in {} ms; state in {}", url(), (System.nanoTime() - begin) / 1_000_000, file.path());
    }

    /** The address the registry listens on: always {@code 127.0.0.1}. */
    public String host() {
        return HOST;
    }

    /** The TCP port, chosen by {@link #start()} when 0 was asked for; 0 before start. */
    public int port() {
        return port;
    }

    /** {@code http://127.0.0.1:PORT}, the URL clients of the Confluent API are given. */
    public String url() {
        return "http://" + HOST + ":" + port();
    }

    /** The folder that holds the state file. */
    public Path dataDir() {
        return dataDir;
    }

    @Override
    public List<Endpoint> endpoints() {
        return server == null ? List.of() : List.of(new Endpoint("Schema Registry", url()));
    }

    /** Stops serving; every change is already on disk. */
    @Override
    public void close() {
        HttpServer s = server;
        if (s != null) {
            server = null;
            s.stop(0);
        }
        ExecutorService e = executor;
        if (e != null) {
            executor = null;
            e.shutdownNow();
        }
    }
}
