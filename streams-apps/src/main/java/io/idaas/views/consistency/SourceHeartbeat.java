package io.idaas.views.consistency;

import io.idaas.ddml.consistency.ConsistencyToken;
import io.idaas.ddml.consistency.HeartbeatWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * Writes heartbeats to one source database for the view app (through ddml-converter's {@link HeartbeatWriter}): an
 * upsert of this app's row in the heartbeat table, every heartbeat interval and at once when a reader waits for a token.
 * The source connector captures the row's changes like any other; their positions move the views' token frontier when
 * the views' own tables are quiet (see {@link TokenFrontier}). Also reads the source's current position for
 * {@code GET /token}.
 */
public final class SourceHeartbeat implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SourceHeartbeat.class);

    private final SourceDeclaration source;
    private final HeartbeatWriter writer;

    /** {@code rowId} names this app's heartbeat row (the application id). */
    public SourceHeartbeat(SourceDeclaration source, String rowId) {
        this.source = source;
        this.writer = new HeartbeatWriter(source.system(), source.jdbcUrl(), source.user(), source.password(),
                source.heartbeatTable(), rowId, source.heartbeatInterval(),
                e -> LOG.warn("heartbeat to source '{}' failed ({}); tokens of this source wait until it succeeds, retrying",
                        source.name(), e.getMessage()));
    }

    /** Creates the heartbeat table when missing and starts beating. */
    public void start() throws SQLException {
        writer.start();
    }

    /** Asks for a heartbeat now (requests that arrive while one is written are served by the next). */
    public void request() {
        writer.request();
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

    @Override
    public void close() {
        writer.close();
    }
}
