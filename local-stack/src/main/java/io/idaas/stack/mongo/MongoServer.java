package io.idaas.stack.mongo;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.idaas.stack.Component;
import io.idaas.stack.Endpoint;
import io.idaas.stack.StackComponent;
import io.idaas.stack.StackStartException;
import io.idaas.stack.process.Ports;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A server speaking MongoDB's wire protocol in this JVM: {@code de.bwaldvogel:mongo-java-server} on its in-memory
 * backend, listening on 127.0.0.1 only. No MongoDB server can be installed on these machines; the idaas MongoDB sink
 * and its tests reach this one through MongoDB's official driver only, and nothing in the sink depends on it.
 *
 * <p>What it is not: a real MongoDB. It has no multi-document transactions, no replica set (so no change streams on
 * it), keeps TTL indexes without expiring documents, and holds its data in memory only. It reports itself as MongoDB
 * 5.0 (wire version 8).
 *
 * <p>{@link #stop()} and {@link #start()} may be called in turn, for fault tests: a stop closes the port and every
 * client connection, as a server going down does, and a start on the same port serves the data it held before (the
 * data lives as long as this object, in memory). {@link #close()} stops it for good and drops the data. A stack started
 * anew on the same data folder therefore starts with an empty server, on the same port ({@code ports.properties}).
 */
public final class MongoServer implements StackComponent {

    private static final Logger LOG = LoggerFactory.getLogger(MongoServer.class);
    private static final String COMPONENT = Component.MONGO.id();
    private static final String HOST = "127.0.0.1";

    private final int requestedPort;
    private final MemoryBackend data = new IdIndexedBackend();
    /** The backend handed to each listener: {@link MemoryBackend} with a {@code close()} that keeps the data. */
    private final MongoBackend kept = keepingData(data);
    private volatile int port;
    private volatile de.bwaldvogel.mongo.MongoServer listener;
    private volatile boolean closed;

    /** @param port a fixed TCP port, or 0 for a free one (kept for later {@link #start()}s once chosen) */
    public MongoServer(int port) {
        this.requestedPort = port;
    }

    @Override
    public Component kind() {
        return Component.MONGO;
    }

    /** Starts listening; after a {@link #stop()}, again on the same port with the data held before. */
    @Override
    public synchronized void start() {
        if (closed) {
            throw new IllegalStateException("mongo is closed; a closed server does not start again");
        }
        if (listener != null) {
            throw new IllegalStateException("mongo is already started");
        }
        long begin = System.nanoTime();
        int chosen = port != 0 ? port : requestedPort;
        chosen = Ports.choose(COMPONENT, chosen, "--port mongo=N");
        de.bwaldvogel.mongo.MongoServer server = new de.bwaldvogel.mongo.MongoServer(kept);
        try {
            server.bind(HOST, chosen);
        } catch (RuntimeException e) {
            throw new StackStartException(COMPONENT, "cannot listen on " + HOST + ":" + chosen + ": " + e.getMessage(),
                    "free the port, or choose another one with --port mongo=N", e);
        }
        port = chosen;
        listener = server;
        LOG.info("mongo (mongo-java-server, in memory) listening on {} in {} ms", connectionString(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin));
    }

    /**
     * Closes the port and every open client connection, keeping the data, as a server that goes down; {@link #start()}
     * serves it again on the same port. Nothing happens when it is not listening.
     */
    public synchronized void stop() {
        de.bwaldvogel.mongo.MongoServer server = listener;
        if (server == null) {
            return;
        }
        listener = null;
        server.shutdownNow(); // closes clients and event loops, then "closes" the backend: kept, see keepingData
        LOG.info("mongo stopped listening on {}:{} (data kept in memory)", HOST, port);
    }

    /** Whether it listens now. */
    public boolean running() {
        return listener != null;
    }

    /** The address the server listens on: always {@code 127.0.0.1}. */
    public String host() {
        return HOST;
    }

    /** The TCP port, chosen by the first {@link #start()} when 0 was asked for; 0 before. */
    @Override
    public int port() {
        return port;
    }

    /** {@code mongodb://127.0.0.1:PORT}: what the official driver and the sink's {@code mongodb.connection.uri} take. */
    public String connectionString() {
        return "mongodb://" + HOST + ":" + port;
    }

    @Override
    public List<Endpoint> endpoints() {
        return listener == null ? List.of() : List.of(new Endpoint("MongoDB", connectionString()));
    }

    /** Stops for good and drops the data. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stop();
        data.close();
    }

    /** {@code backend}, whose {@code close()} (called by each listener's shutdown) does nothing. */
    private static MongoBackend keepingData(MongoBackend backend) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().equals("close") && method.getParameterCount() == 0) {
                return null;
            }
            try {
                return method.invoke(backend, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (MongoBackend) Proxy.newProxyInstance(MongoBackend.class.getClassLoader(), new Class<?>[]{MongoBackend.class},
                handler);
    }
}
