package io.idaas.bench.pipeline;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The target database of a pipeline under measurement, and a log in it of every row the sink writes: the row's
 * {@code sent_at} (set by the source workload just before its commit, microseconds) and when the sink wrote it.
 *
 * <ul>
 *   <li>PostgreSQL: a constraint trigger deferred to the commit ({@code DEFERRABLE INITIALLY DEFERRED}) logs
 *   {@code clock_timestamp()} when the sink's transaction commits: the row is visible from then on.</li>
 *   <li>MariaDB has no deferred triggers: an {@code AFTER INSERT} and an {@code AFTER UPDATE} trigger log
 *   {@code SYSDATE(6)} when the row is written, a little before the sink's commit makes it visible (the rest of that
 *   {@code put()}'s statements, then the commit).</li>
 * </ul>
 */
abstract class LatencyLog implements AutoCloseable {

    final String jdbcUrl;
    private final Connection connection;

    private LatencyLog(String jdbcUrl, Connection connection) {
        this.jdbcUrl = jdbcUrl;
        this.connection = connection;
    }

    /** What the log's latency measures, for the report. */
    abstract String measures();

    abstract void addTrigger(String table) throws SQLException;

    /** PostgreSQL: database {@code name} created anew on the server of {@code serverUrl}, with the log. */
    static LatencyLog postgres(String serverUrl, String user, String password, String name) throws SQLException {
        try (Connection admin = DriverManager.getConnection(serverUrl, user, password); Statement s = admin.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + name);
        }
        String url = serverUrl.substring(0, serverUrl.lastIndexOf('/') + 1) + name;
        Connection c = DriverManager.getConnection(url, user, password);
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE bench_log (tbl TEXT NOT NULL, id BIGINT NOT NULL, sent_at BIGINT NOT NULL, applied_at BIGINT NOT NULL)");
            s.execute("""
                    CREATE FUNCTION bench_log_change() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN
                      INSERT INTO bench_log VALUES (TG_TABLE_NAME, NEW.id, NEW.sent_at,
                        (extract(epoch FROM clock_timestamp()) * 1000000)::bigint);
                      RETURN NULL;
                    END $$""");
        }
        return new LatencyLog(url, c) {
            @Override
            String measures() {
                return "source commit to the sink's commit in PostgreSQL (a constraint trigger deferred to the commit)";
            }

            @Override
            void addTrigger(String table) throws SQLException {
                execute("CREATE CONSTRAINT TRIGGER bench_log_" + table + " AFTER INSERT OR UPDATE ON " + table
                        + " DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bench_log_change()");
            }
        };
    }

    /** MariaDB: database {@code name} created anew on the server of {@code serverUrl}, with the log. */
    static LatencyLog mariadb(String serverUrl, String user, String password, String name) throws SQLException {
        try (Connection admin = DriverManager.getConnection(serverUrl, user, password); Statement s = admin.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name);
            s.execute("CREATE DATABASE " + name);
        }
        String url = serverUrl.substring(0, serverUrl.lastIndexOf('/') + 1) + name;
        Connection c = DriverManager.getConnection(url, user, password);
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE bench_log (tbl VARCHAR(64) NOT NULL, id BIGINT NOT NULL, sent_at BIGINT NOT NULL, "
                    + "applied_at BIGINT NOT NULL) ENGINE=InnoDB");
        }
        return new LatencyLog(url, c) {
            @Override
            String measures() {
                return "source commit to the row written in MariaDB (an AFTER INSERT/UPDATE trigger, before the sink's commit)";
            }

            @Override
            void addTrigger(String table) throws SQLException {
                for (String event : List.of("INSERT", "UPDATE")) {
                    execute("CREATE TRIGGER bench_log_" + table + "_" + event.toLowerCase(java.util.Locale.ROOT) + " AFTER " + event
                            + " ON " + table + " FOR EACH ROW INSERT INTO bench_log VALUES ('" + table + "', NEW.id, NEW.sent_at, "
                            + "CAST(UNIX_TIMESTAMP(SYSDATE(6)) * 1000000 AS SIGNED))");
                }
            }
        };
    }

    boolean hasRows(String table, long rows) {
        try {
            return single("SELECT COUNT(*) FROM " + table, null) >= rows;
        } catch (SQLException e) {
            return false; // not created yet
        }
    }

    long rowCount(String table) throws SQLException {
        return single("SELECT COUNT(*) FROM " + table, null);
    }

    /** Rows the sink wrote to {@code table} since its trigger was added. */
    long logged(String table) throws SQLException {
        return single("SELECT COUNT(*) FROM bench_log WHERE tbl = ?", table);
    }

    /** The next offset of {@code topic}'s partition 0 that the sink {@code connector} has committed in the target. */
    long appliedOffset(String connector, String topic) {
        try (PreparedStatement s = connection.prepareStatement(
                "SELECT next_offset FROM idaas_sink_offsets WHERE connector = ? AND topic = ? AND kafka_partition = 0")) {
            s.setString(1, connector);
            s.setString(2, topic);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getLong(1) : -1;
            }
        } catch (SQLException e) {
            return -1; // the offsets table is not there yet
        }
    }

    /** Latency in milliseconds of every logged write to {@code table} of a change sent from {@code fromMicros}, sorted. */
    double[] latenciesMillis(String table, long fromMicros) throws SQLException {
        List<Double> out = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement(
                "SELECT applied_at - sent_at FROM bench_log WHERE tbl = ? AND sent_at >= ?")) {
            s.setString(1, table);
            s.setLong(2, fromMicros);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1) / 1000.0);
                }
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    }

    /** The {@code n} slowest writes of {@code table} from {@code fromMicros}: "id@+seconds into the run: ms". */
    List<String> slowest(String table, long fromMicros, int n) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement("SELECT id, sent_at, applied_at - sent_at FROM bench_log "
                + "WHERE tbl = ? AND sent_at >= ? ORDER BY applied_at - sent_at DESC LIMIT " + n)) {
            s.setString(1, table);
            s.setLong(2, fromMicros);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(String.format(java.util.Locale.ROOT, "id %d sent %.3f s into the run: %.1f ms", rs.getLong(1),
                            (rs.getLong(2) - fromMicros) / 1e6, rs.getLong(3) / 1000.0));
                }
            }
        }
        return out;
    }

    /**
     * Changes of {@code table} sent from {@code fromMicros} that the sink wrote more than once (a replay of what the
     * target had: the position guard lets an equal position through): how many changes, how many writes in all, and
     * per second of the write (from {@code fromMicros}) the repeated writes, for the report.
     */
    String repeatedWrites(String table, long fromMicros) throws SQLException {
        long changes = 0;
        long writes = 0;
        try (PreparedStatement s = connection.prepareStatement("SELECT COUNT(*), COALESCE(SUM(n), 0) FROM (SELECT "
                + "COUNT(*) AS n FROM bench_log WHERE tbl = ? AND sent_at >= ? GROUP BY id, sent_at HAVING COUNT(*) > 1) d")) {
            s.setString(1, table);
            s.setLong(2, fromMicros);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                changes = rs.getLong(1);
                writes = rs.getLong(2);
            }
        }
        if (changes == 0) {
            return "none";
        }
        StringBuilder bySecond = new StringBuilder();
        try (PreparedStatement s = connection.prepareStatement("SELECT FLOOR((l.applied_at - ?) / 1000000) AS sec, COUNT(*), "
                + "MIN(l.applied_at - l.sent_at), MAX(l.applied_at - l.sent_at) FROM bench_log l JOIN (SELECT id, sent_at, "
                + "MIN(applied_at) AS first FROM bench_log WHERE tbl = ? AND sent_at >= ? GROUP BY id, sent_at "
                + "HAVING COUNT(*) > 1) d ON l.id = d.id AND l.sent_at = d.sent_at AND l.applied_at > d.first "
                + "WHERE l.tbl = ? GROUP BY sec ORDER BY sec")) {
            s.setLong(1, fromMicros);
            s.setString(2, table);
            s.setLong(3, fromMicros);
            s.setString(4, table);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    bySecond.append(String.format(java.util.Locale.ROOT, "%n      written again at +%d s: %d (sent %.0f to %.0f ms before)",
                            rs.getLong(1), rs.getLong(2), rs.getLong(3) / 1000.0, rs.getLong(4) / 1000.0));
                }
            }
        }
        return changes + " changes written " + writes + " times" + bySecond;
    }

    /**
     * Per second of sending (from {@code fromMicros}) whose slowest write of {@code table} took more than
     * {@code overMillis}: the second, its writes and that slowest latency in milliseconds.
     */
    java.util.SortedMap<Long, double[]> lateSeconds(String table, long fromMicros, double overMillis) throws SQLException {
        java.util.SortedMap<Long, double[]> out = new java.util.TreeMap<>();
        try (PreparedStatement s = connection.prepareStatement("SELECT sec, COUNT(*), MAX(lat) FROM (SELECT "
                + "FLOOR((sent_at - ?) / 1000000) AS sec, applied_at - sent_at AS lat FROM bench_log WHERE tbl = ? "
                + "AND sent_at >= ?) w GROUP BY sec HAVING MAX(lat) > ?")) {
            s.setLong(1, fromMicros);
            s.setString(2, table);
            s.setLong(3, fromMicros);
            s.setLong(4, Math.round(overMillis * 1000));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getLong(1), new double[] {rs.getLong(2), rs.getLong(3) / 1000.0});
                }
            }
        }
        return out;
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

    void execute(String sql) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
