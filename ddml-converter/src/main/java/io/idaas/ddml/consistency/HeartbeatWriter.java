package io.idaas.ddml.consistency;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Writes heartbeats to one source database, from a thread of its own: an upsert of one row of the heartbeat table
 * ({@link SourceLog#beat}), every {@code interval} and at once when {@link #request()} asks for one. The source connector
 * captures the row's changes like any other table's; a heartbeat written after a token was taken is a change whose
 * position covers the token, so a consumer that applies it has applied everything up to the token even when the
 * tables it copies are quiet. Requests that arrive while a heartbeat is being written are served by the next one (the
 * one being written may have started before the token was taken).
 */
public final class HeartbeatWriter implements AutoCloseable {

    private final SourceLog log;
    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final String table;
    private final String rowId;
    private final Duration interval;
    private final Consumer<SQLException> onFailure;
    private final Thread thread;
    private final Object lock = new Object();
    private final Object connectionLock = new Object();
    private boolean requested;
    private long written;
    private volatile SQLException lastFailure;
    private volatile boolean closed;
    private Connection connection;

    /**
     * @param log       the source's system
     * @param jdbcUrl   the source database, as its JDBC driver reads it
     * @param user      a user that may write the heartbeat table (and create it)
     * @param password  its password
     * @param table     the heartbeat table; the source connector must capture it
     * @param rowId     this writer's row (an application or instance name)
     * @param interval  heartbeats without requests; null: only on request
     * @param onFailure told of each failed write (the writer retries); may be null
     */
    public HeartbeatWriter(SourceLog log, String jdbcUrl, String user, String password, String table, String rowId,
                           Duration interval, Consumer<SQLException> onFailure) {
        this.log = Objects.requireNonNull(log, "log");
        this.jdbcUrl = Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        this.user = user;
        this.password = password;
        this.table = Objects.requireNonNull(table, "table");
        this.rowId = Objects.requireNonNull(rowId, "rowId");
        this.interval = interval;
        this.onFailure = onFailure == null ? e -> { } : onFailure;
        this.thread = new Thread(this::run, "idaas-heartbeat-" + rowId);
        this.thread.setDaemon(true);
    }

    /** Creates the heartbeat table when missing and starts the writer's thread. */
    public HeartbeatWriter start() throws SQLException {
        synchronized (connectionLock) {
            try (Statement s = connection().createStatement()) {
                s.execute(log.createHeartbeatTable(table));
            }
        }
        thread.start();
        return this;
    }

    /** Asks for a heartbeat now. */
    public void request() {
        synchronized (lock) {
            requested = true;
            lock.notifyAll();
        }
    }

    /** Heartbeats written so far. */
    public long written() {
        synchronized (lock) {
            return written;
        }
    }

    /** The last write's failure, or null when the last write succeeded (or none was tried). */
    public SQLException lastFailure() {
        return lastFailure;
    }

    public SourceLog log() {
        return log;
    }

    private void run() {
        while (!closed) {
            synchronized (lock) {
                if (!requested) {
                    try {
                        lock.wait(interval == null ? 0 : interval.toMillis());
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (!requested && interval == null) {
                    continue;
                }
                requested = false;
            }
            if (closed) {
                return;
            }
            try {
                beat();
                lastFailure = null;
                synchronized (lock) {
                    written++;
                }
            } catch (SQLException e) {
                lastFailure = e;
                onFailure.accept(e);
                closeConnection();
                synchronized (lock) {
                    requested = true; // the write that failed is still owed
                    try {
                        lock.wait(interval == null ? 1_000 : Math.min(5_000, interval.toMillis())); // close() interrupts it
                    } catch (InterruptedException ie) {
                        return;
                    }
                }
            }
        }
    }

    private void beat() throws SQLException {
        synchronized (connectionLock) {
            try (PreparedStatement upsert = connection().prepareStatement(log.beat(table))) {
                upsert.setString(1, rowId);
                upsert.executeUpdate();
            }
        }
    }

    private Connection connection() throws SQLException {
        if (connection == null || connection.isClosed()) {
            connection = user == null ? DriverManager.getConnection(jdbcUrl) : DriverManager.getConnection(jdbcUrl, user, password);
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
