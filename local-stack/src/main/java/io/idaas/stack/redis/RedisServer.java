package io.idaas.stack.redis;

import io.idaas.stack.Component;
import io.idaas.stack.Endpoint;
import io.idaas.stack.StackComponent;
import io.idaas.stack.StackStartException;
import io.idaas.stack.process.Binaries;
import io.idaas.stack.process.DiskSpace;
import io.idaas.stack.process.Leftovers;
import io.idaas.stack.process.ManagedProcess;
import io.idaas.stack.process.Ports;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real Redis server, run from the {@code redis-server} binary that {@code com.github.codemonstur:embedded-redis}
 * ships (Redis 6.2), listening on 127.0.0.1 only.
 *
 * <p>Data lives in {@code dataDir} as an append-only file (AOF, flushed every second; no RDB snapshots), so a restart
 * on the same folder keeps it, as the stack's PostgreSQL does. The server's output goes to
 * {@code dataDir/../logs/redis.log}. Redis runs as the current user, root included.
 */
public final class RedisServer implements StackComponent {

    /** The resource in {@code embedded-redis} that holds the Linux x86-64 server. */
    static final String BINARY_RESOURCE = "redis-server-6.2.6-v5-linux-amd64";
    /** The cache folder's name; holds the artifact's version so that a new version is extracted afresh. */
    static final String BINARY_NAME = "redis-embedded-1.4.3-linux-amd64";

    private static final Logger LOG = LoggerFactory.getLogger(RedisServer.class);
    private static final String COMPONENT = Component.REDIS.id();
    private static final String HOST = "127.0.0.1";
    private static final long REQUIRED_DISK = 50L * 1024 * 1024;
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

    private final Path dataDir;
    private final int requestedPort;
    private volatile int port;
    private volatile ManagedProcess process;

    /**
     * @param dataDir the folder for Redis's append-only file; created when missing
     * @param port    a fixed TCP port, or 0 for a free one
     */
    public RedisServer(Path dataDir, int port) {
        this.dataDir = dataDir.toAbsolutePath().normalize();
        this.requestedPort = port;
    }

    @Override
    public Component kind() {
        return Component.REDIS;
    }

    @Override
    public void start() {
        if (process != null) {
            throw new IllegalStateException("redis is already started");
        }
        long begin = System.nanoTime();
        // A server that an earlier run left running (its JVM killed) holds the data and the port: stop it first.
        stopLeftover(dataDir);
        int chosen = Ports.choose(COMPONENT, requestedPort, "--port redis=N");
        DiskSpace.require(COMPONENT, dataDir, REQUIRED_DISK);
        Path logFile = dataDir.resolveSibling("logs").resolve("redis.log");
        Path binary = extractBinary();
        long extracted = System.nanoTime();

        List<String> command = List.of(binary.toString(),
                "--bind", HOST,
                "--port", Integer.toString(chosen),
                "--dir", dataDir.toString(),
                "--daemonize", "no", // and logs to standard output, which goes to the log file
                "--pidfile", pidFile().toString(), // written even when not daemonized, when asked for; see Leftovers
                "--appendonly", "yes",
                "--appendfsync", "everysec",
                "--save", "");
        port = chosen;
        process = ManagedProcess.start(COMPONENT, command, dataDir, logFile, Map.of());
        process.awaitReady(this::answersPing, READY_TIMEOUT);
        LOG.info("redis started on {} in {} ms (binary {} ms); data in {}, log in {}", uri(),
                millis(begin, System.nanoTime()), millis(begin, extracted), dataDir, logFile);
    }

    /** Stops a server that an earlier run left running on {@code dataDir} (its JVM killed); see {@link Leftovers}. */
    public static void stopLeftover(Path dataDir) {
        Leftovers.stop(COMPONENT, dataDir.resolve("redis.pid"), "redis-server", "Redis", "TERM");
    }

    private static Path extractBinary() {
        try {
            return Binaries.extractExecutable(BINARY_NAME, BINARY_RESOURCE, "redis-server");
        } catch (IllegalStateException e) {
            throw new StackStartException(COMPONENT, "its binary is missing: " + e.getMessage(),
                    "make sure com.github.codemonstur:embedded-redis is on the classpath", e);
        } catch (UncheckedIOException e) {
            throw new StackStartException(COMPONENT, "cannot extract its binary: " + e.getMessage(),
                    "free some disk space, or set -Didaas.binaries.dir to a writable folder", e);
        }
    }

    private boolean answersPing() {
        try {
            return "+PONG".equals(send("PING", true));
        } catch (IOException e) {
            return false;
        }
    }

    /** Sends one command as a RESP array and returns the first line of the reply (or null when not waiting for one). */
    private String send(String command, boolean readReply) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, port), 1000);
            socket.setSoTimeout(2000);
            StringBuilder resp = new StringBuilder();
            String[] words = command.split(" ");
            resp.append('*').append(words.length).append("\r\n");
            for (String word : words) {
                resp.append('$').append(word.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(word).append("\r\n");
            }
            OutputStream out = socket.getOutputStream();
            out.write(resp.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            return readReply ? readLine(socket.getInputStream()) : null;
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    private Path pidFile() {
        return dataDir.resolve("redis.pid"); // as stopLeftover reads it
    }

    /** The address the server listens on: always {@code 127.0.0.1}. */
    public String host() {
        return HOST;
    }

    /** The TCP port, chosen by {@link #start()} when 0 was asked for; 0 before start. */
    public int port() {
        return port;
    }

    /** {@code redis://127.0.0.1:PORT}. */
    public String uri() {
        return "redis://" + HOST + ":" + port;
    }

    /** The server's process id, or -1 when not running. */
    long pid() {
        ManagedProcess p = process;
        return p == null ? -1 : p.pid();
    }

    @Override
    public List<Endpoint> endpoints() {
        return process == null ? List.of() : List.of(new Endpoint("Redis", uri()));
    }

    /**
     * Stops the server with {@code SHUTDOWN NOSAVE} (the append-only file is still flushed), then, should it linger,
     * with {@link ManagedProcess#stop} (SIGTERM).
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
                send("SHUTDOWN NOSAVE", false);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (p.isAlive() && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
            } catch (IOException e) {
                LOG.warn("cannot send SHUTDOWN to redis ({}); stopping it with SIGTERM", e.toString());
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
