package io.idaas.views.consistency;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The client helper: right after a commit, a client turns its own connection's view of the source position into a
 * token, and then reads a view with {@code at_least=<token>} (or through {@link ViewClient}), to see its own write.
 *
 * <pre>
 * connection.commit();
 * ConsistencyToken token = ConsistencyTokens.current(connection, "shop");
 * </pre>
 */
public final class ConsistencyTokens {

    private ConsistencyTokens() {
    }

    /**
     * The source's current position, as a token of the source the view app declares as {@code source}: PostgreSQL's
     * {@code pg_current_wal_insert_lsn()}, MariaDB's and MySQL's binary log status. Take it after the commit whose effect
     * the client wants to read; it then covers that commit.
     */
    public static ConsistencyToken current(Connection connection, String source) throws SQLException {
        return new ConsistencyToken(source, SourceSystem.of(connection).currentPosition(connection));
    }
}
