package io.idaas.ddml.consistency;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The client helper: right after a commit, a client turns its own connection's view of the source position into a
 * token, then reads a view with it ({@code at_least=<token>}, or the views' {@code ViewClient}) or waits for a sink's
 * copy to reach it (for Redis: {@code RedisTokenWaiter}), to see its own write.
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
     * The source's current position, as a token named {@code source}: PostgreSQL's {@code pg_current_wal_insert_lsn()},
     * MariaDB's and MySQL's binary log status. Take it after the commit whose effect the client wants to read; it then
     * covers that commit.
     *
     * @param source the name the token carries: the DDML {@code source.name} of the connector that captures this
     *               database (its {@code topic.prefix}) for a sink's copy, or the name a view app declares the source
     *               under (SPEC.md §3.4)
     */
    public static ConsistencyToken current(Connection connection, String source) throws SQLException {
        return new ConsistencyToken(source, SourceLog.of(connection).currentPosition(connection));
    }
}
