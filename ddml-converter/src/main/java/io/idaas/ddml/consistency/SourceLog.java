package io.idaas.ddml.consistency;

import java.math.BigInteger;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * What idaas needs to know of a source database's log to give consistency tokens (SPEC.md §3.4): how to read its
 * current position, and how to write a heartbeat row, a change committed after a token that, once captured and applied,
 * proves a consumer has applied everything before the token ({@link ConsistencyToken#isCoveredBy}).
 */
public enum SourceLog {

    /** MariaDB and MySQL: binlog file and position. */
    MARIADB("mariadb") {
        @Override
        public String currentPosition(Connection c) throws SQLException {
            try (Statement s = c.createStatement(); ResultSet r = binlogStatus(s)) {
                if (!r.next()) {
                    throw new SQLException("the server reports no binary log status; enable the binary log (log_bin), "
                            + "which change capture needs too");
                }
                String file = r.getString(1);
                String seq = file.substring(file.lastIndexOf('.') + 1);
                return String.format(Locale.ROOT, "%010d:%020d", Long.parseLong(seq), r.getLong(2)) + LOG_PHASE;
            }
        }

        private ResultSet binlogStatus(Statement s) throws SQLException {
            try {
                return s.executeQuery("SHOW MASTER STATUS");
            } catch (SQLException e) {
                return s.executeQuery("SHOW BINARY LOG STATUS"); // MySQL 8.4 and later
            }
        }

        @Override
        public String beat(String table) {
            return "INSERT INTO " + table + " (id, beat, at) VALUES (?, 1, NOW(3)) "
                    + "ON DUPLICATE KEY UPDATE beat = beat + 1, at = NOW(3)";
        }
    },

    /** PostgreSQL: the WAL position (LSN). */
    POSTGRESQL("postgresql") {
        @Override
        public String currentPosition(Connection c) throws SQLException {
            try (Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT pg_current_wal_insert_lsn()::text")) {
                r.next();
                String lsn = hex16(r.getString(1));
                return lsn + ":" + lsn + LOG_PHASE;
            }
        }

        @Override
        public String beat(String table) {
            return "INSERT INTO " + table + " AS h (id, beat, at) VALUES (?, 1, now()) "
                    + "ON CONFLICT (id) DO UPDATE SET beat = h.beat + 1, at = now()";
        }
    };

    static final String LOG_PHASE = "/2/0000000000";

    private final String id;

    SourceLog(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** {@code mariadb}, {@code mysql} or {@code postgresql}. */
    public static SourceLog of(String id) {
        return switch (id == null ? "" : id.toLowerCase(Locale.ROOT)) {
            case "mariadb", "mysql" -> MARIADB;
            case "postgresql", "postgres" -> POSTGRESQL;
            default -> throw new IllegalArgumentException("system '" + id + "' gives no consistency tokens; use mariadb, "
                    + "mysql or postgresql");
        };
    }

    /** The system of a JDBC connection, from its driver's product name. */
    public static SourceLog of(Connection c) throws SQLException {
        String product = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        if (product.contains("postgres")) {
            return POSTGRESQL;
        }
        if (product.contains("mariadb") || product.contains("mysql")) {
            return MARIADB;
        }
        throw new SQLException("consistency tokens are not supported for " + product + "; use MariaDB, MySQL or PostgreSQL");
    }

    /** The database's current log position as a DDML sortable position (SPEC.md §3.4). */
    public abstract String currentPosition(Connection c) throws SQLException;

    /**
     * The heartbeat table, in SQL both systems read alike. A heartbeat writer creates it when missing; create it before
     * the source connector starts (a MariaDB/MySQL snapshot must know it), and let the connector capture it.
     */
    public String createHeartbeatTable(String table) {
        return "CREATE TABLE IF NOT EXISTS " + table + " (id VARCHAR(200) PRIMARY KEY, beat BIGINT NOT NULL, "
                + "at TIMESTAMP(3) NOT NULL)";
    }

    /** An upsert of the heartbeat row, its id the one parameter. */
    public abstract String beat(String table);

    /** An LSN {@code X/Y} as 16 lowercase hex digits of {@code X * 2^32 + Y}. */
    static String hex16(String lsn) {
        int slash = lsn.indexOf('/');
        BigInteger value = new BigInteger(lsn.substring(0, slash), 16).shiftLeft(32).add(new BigInteger(lsn.substring(slash + 1), 16));
        return String.format(Locale.ROOT, "%016x", value);
    }
}
