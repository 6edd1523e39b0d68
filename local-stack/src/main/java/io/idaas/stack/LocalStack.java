package io.idaas.stack;

import io.idaas.stack.connect.ConnectWorker;
import io.idaas.stack.kafka.KafkaBroker;
import io.idaas.stack.mariadb.MariaDbServer;
import io.idaas.stack.mongo.MongoServer;
import io.idaas.stack.postgres.PostgresServer;
import io.idaas.stack.process.Ports;
import io.idaas.stack.process.UnprivilegedUser;
import io.idaas.stack.redis.RedisServer;
import io.idaas.stack.registry.EmbeddedSchemaRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The embedded local stack: a Kafka broker (KRaft), a distributed Connect worker and a schema registry (the
 * Confluent REST API) in this JVM, and real PostgreSQL, MariaDB and Redis servers, plus a server speaking MongoDB's wire
 * protocol in this JVM ({@link MongoServer}, in memory), each started alone or together, on free ports unless fixed ones are
 * asked for. Kafka and the databases start in parallel; Connect starts once Kafka answers. When one part fails,
 * the parts already started are stopped and the failure names the part, the problem and the fix.
 *
 * <pre>{@code
 * try (LocalStack stack = LocalStack.builder().dataDir(dir).only(Component.KAFKA, Component.CONNECT).start()) {
 *     String bootstrap = stack.kafka().bootstrapServers();
 * }
 * }</pre>
 */
public final class LocalStack implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalStack.class);

    private final Map<Component, StackComponent> parts;
    private final Path dataDir;
    private final StackLock lock;
    private Duration startupTime = Duration.ZERO;

    private LocalStack(Map<Component, StackComponent> parts, Path dataDir, StackLock lock) {
        this.parts = parts;
        this.dataDir = dataDir;
        this.lock = lock;
    }

    public static Builder builder() {
        return new Builder();
    }

    public KafkaBroker kafka() {
        return part(Component.KAFKA, KafkaBroker.class);
    }

    public ConnectWorker connect() {
        return part(Component.CONNECT, ConnectWorker.class);
    }

    public PostgresServer postgres() {
        return part(Component.POSTGRES, PostgresServer.class);
    }

    public MariaDbServer mariadb() {
        return part(Component.MARIADB, MariaDbServer.class);
    }

    public RedisServer redis() {
        return part(Component.REDIS, RedisServer.class);
    }

    /** The in-process server speaking MongoDB's wire protocol; {@code mongo().connectionString()} for clients. */
    public MongoServer mongo() {
        return part(Component.MONGO, MongoServer.class);
    }

    /** The schema registry, speaking the Confluent Schema Registry REST API. */
    public EmbeddedSchemaRegistry registry() {
        return part(Component.REGISTRY, EmbeddedSchemaRegistry.class);
    }

    public Set<Component> components() {
        return parts.isEmpty() ? EnumSet.noneOf(Component.class) : EnumSet.copyOf(parts.keySet());
    }

    /** Every endpoint of every running part, in start order. */
    public List<Endpoint> endpoints() {
        List<Endpoint> all = new ArrayList<>();
        parts.values().forEach(p -> all.addAll(p.endpoints()));
        return all;
    }

    /** How long {@link Builder#start()} took, from the first part to the last one ready. */
    public Duration startupTime() {
        return startupTime;
    }

    private <T> T part(Component component, Class<T> type) {
        StackComponent part = parts.get(component);
        if (part == null) {
            throw new IllegalStateException(component.id() + " is not part of this stack (it runs " + Component.ids(components())
                    + "): start it with --only " + component.id() + " or without --only");
        }
        return type.cast(part);
    }

    /** The folder under which the parts keep their data; it also holds {@link StackEndpointsFile}. */
    public Path dataDir() {
        return dataDir;
    }

    /** Stops every part, last started first. */
    @Override
    public void close() {
        StackEndpointsFile.remove(dataDir);
        List<StackComponent> reversed = new ArrayList<>(parts.values());
        java.util.Collections.reverse(reversed);
        for (StackComponent part : reversed) {
            try {
                part.close();
            } catch (RuntimeException e) {
                log.warn("{} did not stop cleanly", part.kind().id(), e);
            }
        }
        parts.clear();
        lock.close();
    }

    /** Chooses the parts, their ports and folders. */
    public static final class Builder {
        private Path dataDir = Path.of(".idaas", "data");
        private EnumSet<Component> only = EnumSet.allOf(Component.class);
        private final Map<Component, Integer> ports = new EnumMap<>(Component.class);
        private Path pluginPath = PluginPath.locate();
        private final List<Path> extraPluginPaths = new ArrayList<>();
        private final Map<String, String> connectOverrides = new java.util.HashMap<>();
        private boolean clean;

        private Builder() {
        }

        /** The folder under which each part keeps its data (kafka/, postgres/, mariadb/, redis/, registry/, logs/; mongo keeps its in memory). */
        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        /**
         * Empties the data folder before starting, for a fresh stack: under the folder's lock (refused while another
         * stack runs on it), the servers an earlier run left running there (its JVM killed) are stopped first, whichever
         * parts this stack starts, so that none keeps writing into, or listening for, a folder that is gone.
         */
        public Builder clean(boolean clean) {
            this.clean = clean;
            return this;
        }

        /** Starts only these parts, plus the ones they need (connect brings kafka). */
        public Builder only(Set<Component> components) {
            this.only = Component.withRequirements(components);
            return this;
        }

        public Builder only(Component first, Component... rest) {
            return only(EnumSet.of(first, rest));
        }

        /**
         * A fixed port for a part; 0 picks a free one. For Kafka it is the client port. A part given none listens on the
         * port it had when a stack last ran on this data folder ({@link KeptPorts}: the connectors stored in Kafka name
         * it), else on a free one.
         */
        public Builder port(Component component, int port) {
            ports.put(component, port);
            return this;
        }

        /** The Connect worker's plugin.path; by default the unpacked bundle under connect-plugins/target. */
        public Builder pluginPath(Path pluginPath) {
            this.pluginPath = pluginPath;
            return this;
        }

        /**
         * One more folder of Connect plugins, listed in {@code plugin.path} after the bundle; for plugins that only
         * tests need, such as Kafka's own {@code FileStreamSinkConnector}. May be called more than once.
         */
        public Builder extraPluginPath(Path folder) {
            extraPluginPaths.add(folder);
            return this;
        }

        /** A Connect worker property that replaces the local stack's default. */
        public Builder connectProperty(String key, String value) {
            connectOverrides.put(key, value);
            return this;
        }

        /**
         * Starts the chosen parts and returns once all of them answer. Only one stack runs on a data folder at a time
         * ({@link StackLock}); servers that an earlier one left running there (its JVM killed) are stopped first.
         */
        public LocalStack start() {
            long begin = System.nanoTime();
            Path root = dataDir.toAbsolutePath();
            StackLock lock = StackLock.acquire(root);
            KeptPorts kept;
            try {
                if (clean) {
                    PostgresServer.stopLeftover(postgresDataDir(root));
                    MariaDbServer.stopLeftover(root.resolve("mariadb"));
                    RedisServer.stopLeftover(root.resolve("redis"));
                    StackLock.emptyFolder(root);
                }
                kept = KeptPorts.read(root);
            } catch (RuntimeException e) {
                lock.close();
                throw e;
            }
            Map<Component, StackComponent> parts = new EnumMap<>(Component.class);
            if (only.contains(Component.KAFKA)) {
                parts.put(Component.KAFKA, new KafkaBroker(root.resolve("kafka"), port(Component.KAFKA, kept),
                        kept.get(KeptPorts.KAFKA_CONTROLLER).orElse(0)));
            }
            if (only.contains(Component.POSTGRES)) {
                parts.put(Component.POSTGRES, new PostgresServer(postgresDataDir(root), port(Component.POSTGRES, kept)));
            }
            if (only.contains(Component.MARIADB)) {
                parts.put(Component.MARIADB, new MariaDbServer(root.resolve("mariadb"), port(Component.MARIADB, kept)));
            }
            if (only.contains(Component.REDIS)) {
                parts.put(Component.REDIS, new RedisServer(root.resolve("redis"), port(Component.REDIS, kept)));
            }
            if (only.contains(Component.MONGO)) {
                parts.put(Component.MONGO, new MongoServer(port(Component.MONGO, kept)));
            }
            if (only.contains(Component.REGISTRY)) {
                parts.put(Component.REGISTRY, new EmbeddedSchemaRegistry(root.resolve("registry"), port(Component.REGISTRY, kept)));
            }
            LocalStack stack = new LocalStack(parts, root, lock);
            ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, parts.size()), r -> {
                Thread t = new Thread(r, "idaas-stack-start");
                t.setDaemon(true);
                return t;
            });
            try {
                List<CompletableFuture<Void>> starts = new ArrayList<>();
                parts.values().forEach(p -> starts.add(CompletableFuture.runAsync(p::start, pool)));
                await(starts);
                if (only.contains(Component.CONNECT)) {
                    ConnectWorker worker = new ConnectWorker(stack.kafka().bootstrapServers(), pluginPath,
                            extraPluginPaths, port(Component.CONNECT, kept), connectOverrides);
                    parts.put(Component.CONNECT, worker);
                    worker.start();
                }
            } catch (RuntimeException e) {
                stack.close();
                throw e;
            } finally {
                pool.shutdownNow();
            }
            stack.startupTime = Duration.ofNanos(System.nanoTime() - begin);
            Map<String, Integer> used = new java.util.TreeMap<>();
            parts.forEach((component, part) -> used.put(component.id(), part.port()));
            if (parts.get(Component.KAFKA) instanceof KafkaBroker kafka) {
                used.put(KeptPorts.KAFKA_CONTROLLER, kafka.controllerPort());
            }
            KeptPorts.write(root, used);
            StackEndpointsFile.write(root, stack.endpoints());
            log.info("Local stack ({}) started in {} ms", Component.ids(stack.components()), stack.startupTime.toMillis());
            return stack;
        }

        /** The port asked for; else the one kept for this data folder (said to {@link Ports}, for its message); else 0. */
        private int port(Component component, KeptPorts kept) {
            if (ports.containsKey(component)) {
                return ports.get(component);
            }
            return kept.get(component.id()).map(port -> {
                Ports.kept(port, "the port " + component.id() + " had when a stack last ran on this data folder, kept in "
                        + KeptPorts.FILE_NAME + " because the connectors stored in Kafka name it");
                return port;
            }).orElse(0);
        }

        /**
         * PostgreSQL refuses to run as root, so under root it runs as an unprivileged user, who must be able to
         * reach its data folder. When the chosen data folder lies under a folder closed to others (such as
         * /root), its PostgreSQL data moves to the temporary folder instead.
         */
        private static Path postgresDataDir(Path root) {
            Path wanted = root.resolve("postgres");
            if (!UnprivilegedUser.runningAsRoot() || UnprivilegedUser.reachableByOthers(wanted)) {
                return wanted;
            }
            Path moved = Path.of(System.getProperty("java.io.tmpdir"), "idaas-root", "postgres-" + Integer.toHexString(root.hashCode()));
            log.info("PostgreSQL runs as an unprivileged user who cannot reach {}; its data goes to {}", wanted, moved);
            return moved;
        }

        private static void await(List<CompletableFuture<Void>> starts) {
            RuntimeException first = null;
            for (CompletableFuture<Void> start : starts) {
                try {
                    start.join();
                } catch (CompletionException e) {
                    RuntimeException cause = e.getCause() instanceof RuntimeException r ? r : e;
                    if (first == null) {
                        first = cause;
                    } else {
                        first.addSuppressed(cause);
                    }
                }
            }
            if (first != null) {
                throw first;
            }
        }
    }
}
