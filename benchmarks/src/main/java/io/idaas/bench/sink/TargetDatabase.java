package io.idaas.bench.sink;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The PostgreSQL database one sink writes to. A row trigger on each target table logs every row the sink writes, with
 * the source's {@code sent_at} and the time of the sink's commit ({@code clock_timestamp()} in a constraint trigger
 * deferred to the commit, so a row written early in a large batch is not logged before the batch is visible): the
 * latency of a change is the difference, read from the log with no polling of the target tables.
 */
final class TargetDatabase implements AutoCloseable {

    private final Connection connection;
    final String jdbcUrl;

    private TargetDatabase(Connection connection, String jdbcUrl) {
        this.connection = connection;
        this.jdbcUrl = jdbcUrl;
    }

    /** Creates (anew) database {@code name} on the server of {@code serverUrl} and the change log in it. */
    static TargetDatabase create(String serverUrl, String user, String password, String name) throws SQLException {
        try (Connection admin = DriverManager.getConnection(serverUrl, user, password); Statement s = admin.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + name);
        }
        String url = serverUrl.substring(0, serverUrl.lastIndexOf('/') + 1) + name;
        Connection connection = DriverManager.getConnection(url, user, password);
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE TABLE bench_log (tbl TEXT NOT NULL, id BIGINT NOT NULL, sent_at BIGINT NOT NULL, applied_at BIGINT NOT NULL)");
            s.execute("""
                    CREATE FUNCTION bench_log_change() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN
                      INSERT INTO bench_log VALUES (TG_TABLE_NAME, NEW.id, NEW.sent_at,
                        (extract(epoch FROM clock_timestamp()) * 1000000)::bigint);
                      RETURN NULL;
                    END $$""");
        }
        return new TargetDatabase(connection, url);
    }

    boolean tableExists(String table) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            s.setString(1, "public." + table);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** Creates {@code table} with the shape of {@code like}, a table the sink created itself. */
    void createLike(String table, String like) throws SQLException {
        execute("CREATE TABLE " + table + " (LIKE " + like + " INCLUDING ALL)");
    }

    void addTrigger(String table) throws SQLException {
        execute("CREATE CONSTRAINT TRIGGER bench_log_" + table + " AFTER INSERT OR UPDATE ON " + table
                + " DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bench_log_change()");
    }

    long rowCount(String table) throws SQLException {
        return single("SELECT COUNT(*) FROM " + table, null);
    }

    /** Rows written to {@code table} since its trigger was added. */
    long logged(String table) throws SQLException {
        return single("SELECT COUNT(*) FROM bench_log WHERE tbl = ?", table);
    }

    /** p50, p99 and max of (applied_at - sent_at), milliseconds, over the changes of {@code table} sent from {@code fromMicros}. */
    double[] latencyMillis(String table, long fromMicros) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("""
                SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY applied_at - sent_at),
                       percentile_cont(0.99) WITHIN GROUP (ORDER BY applied_at - sent_at),
                       MAX(applied_at - sent_at), COUNT(*)
                FROM bench_log WHERE tbl = ? AND sent_at >= ?""")) {
            s.setString(1, table);
            s.setLong(2, fromMicros);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return new double[] {rs.getDouble(1) / 1000, rs.getDouble(2) / 1000, rs.getDouble(3) / 1000, rs.getLong(4)};
            }
        }
    }

    /** First and last applied_at of {@code table}'s logged changes, microseconds since the epoch. */
    long[] appliedSpan(String table) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT MIN(applied_at), MAX(applied_at) FROM bench_log WHERE tbl = ?")) {
            s.setString(1, table);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return new long[] {rs.getLong(1), rs.getLong(2)};
            }
        }
    }

    private long single(String sql, String parameter) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            if (parameter != null) {
                s.setString(1, parameter);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private void execute(String sql) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
