package io.idaas.views.consistency;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Writes heartbeats to one source database: an upsert of this app's row in the heartbeat table, every heartbeat
 * interval and at once when a reader waits for a token. The source connector captures the row's changes like any
 * other; their positions move the views' token frontier when the views' own tables are quiet (see
 * {@link TokenFrontier}). Also reads the source's current position for {@code GET /token}.
 */
public final class SourceHeartbeat implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SourceHeartbeat.class);

    private final SourceDeclaration source;
    private final String rowId;
    private final Thread thread;
    private final Object lock = new Object();
    private final Object connectionLock = new Object();
    private boolean requested;
    private volatile boolean closed;
    private Connection connection;

    /** {@code rowId} names this app's heartbeat row (the application id). */
    public SourceHeartbeat(SourceDeclaration source, String rowId) {
        this.source = source;
        this.rowId = rowId;
        this.thread = new Thread(this::run, "idaas-heartbeat-" + source.name());
        this.thread.setDaemon(true);
    }

    /** Creates the heartbeat table when missing and starts beating. */
    public void start() throws SQLException {
        synchronized (connectionLock) {
            Connection c = connection();
            try (Statement s = c.createStatement()) {
                s.execute(source.system().createHeartbeatTable(source.heartbeatTable()));
            }
        }
        thread.start();
    }

    /** Asks for a heartbeat now (requests that arrive while one is written are served by the next). */
    public void request() {
        synchronized (lock) {
            requested = true;
            lock.notifyAll();
        }
    }

    /** The source's current position, as a token. */
    public ConsistencyToken token() throws SQLException {
        // A connection of its own, so that a slow heartbeat write does not hold token reads back.
        try (Connection c = DriverManager.getConnection(source.jdbcUrl(), source.user(), source.password())) {
            return new ConsistencyToken(source.name(), source.system().currentPosition(c));
        }
    }

    public SourceDeclaration source() {
        return source;
    }

    private void run() {
        while (!closed) {
            synchronized (lock) {
                if (!requested) {
                    try {
                        lock.wait(source.heartbeatInterval().toMillis());
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                requested = false;
            }
            if (closed) {
                return;
            }
            try {
                beat();
            } catch (SQLException e) {
                LOG.warn("heartbeat to source '{}' failed ({}); tokens of this source wait until it succeeds, retrying",
                        source.name(), e.getMessage());
                closeConnection();
                synchronized (lock) {
                    try {
                        lock.wait(Math.min(5_000, source.heartbeatInterval().toMillis())); // close() interrupts it
                    } catch (InterruptedException ie) {
                        return;
                    }
                }
            }
        }
    }

    private void beat() throws SQLException {
        synchronized (connectionLock) {
            try (PreparedStatement upsert = connection().prepareStatement(source.system().beat(source.heartbeatTable()))) {
                upsert.setString(1, rowId);
                upsert.executeUpdate();
            }
        }
    }

    private Connection connection() throws SQLException {
        if (connection == null || connection.isClosed()) {
            connection = DriverManager.getConnection(source.jdbcUrl(), source.user(), source.password());
            connection.setAutoCommit(true);
        }
        return connection;
    }

    private void closeConnection() {
        synchronized (connectionLock) {
            try {
                if (connection != null) {
                    connection.close();
                }
            } catch (SQLException ignored) {
                // closing a broken connection
            }
            connection = null;
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        closeConnection();
    }
}
