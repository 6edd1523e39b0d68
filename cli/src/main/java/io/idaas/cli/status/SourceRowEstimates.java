package io.idaas.cli.status;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The source database's own estimate of a table's rows, asked with the source connector's connection settings
 * ({@code database.hostname}, {@code database.port}, {@code database.user}, {@code database.password}): MariaDB/MySQL
 * {@code information_schema.TABLES.TABLE_ROWS} (InnoDB's estimate), PostgreSQL {@code pg_class.reltuples} (as of the
 * last ANALYZE or VACUUM, unknown before). An estimate, not a count: a snapshot never waits for a {@code COUNT(*)}.
 * Empty when the source cannot be reached from here or its password is not in the config (a config provider's
 * placeholder): the snapshot then shows rows done without a total.
 */
public final class SourceRowEstimates {

    private SourceRowEstimates() {
    }

    /** Table names as Debezium's {@code RowsScanned} gives them: {@code db.table} (MariaDB/MySQL), {@code schema.table}. */
    public static Map<String, Long> of(Map<String, String> config, List<String> tables) {
        // idaas's DDML source names the Debezium connector it runs in ddml.delegate.connector.class
        String cls = (config.getOrDefault("connector.class", "") + " " + config.getOrDefault("ddml.delegate.connector.class", ""))
            .toLowerCase(java.util.Locale.ROOT);
        String host = config.get("database.hostname");
        String port = config.get("database.port");
        String password = config.getOrDefault("database.password", "");
        if (host == null || password.startsWith("${")) {
            return Map.of();
        }
        String url;
        String sql;
        if (cls.contains("postgres")) {
            url = "jdbc:postgresql://" + host + ":" + (port == null ? "5432" : port) + "/" + config.getOrDefault("database.dbname", "postgres");
            sql = "SELECT c.reltuples::bigint FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE n.nspname = ? AND c.relname = ?";
        } else if (cls.contains("mysql") || cls.contains("mariadb")) {
            url = "jdbc:mariadb://" + host + ":" + (port == null ? "3306" : port) + "/";
            sql = "SELECT TABLE_ROWS FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?";
        } else {
            return Map.of();
        }
        Properties props = new Properties();
        props.setProperty("user", config.getOrDefault("database.user", ""));
        props.setProperty("password", password);
        props.setProperty("connectTimeout", cls.contains("postgres") ? "5" : "5000");
        Map<String, Long> found = new HashMap<>();
        DriverManager.setLoginTimeout(5);
        try (Connection c = DriverManager.getConnection(url, props); PreparedStatement st = c.prepareStatement(sql)) {
            for (String table : tables) {
                int dot = table.lastIndexOf('.');
                if (dot < 0) {
                    continue;
                }
                st.setString(1, table.substring(0, dot));
                st.setString(2, table.substring(dot + 1));
                try (ResultSet rs = st.executeQuery()) {
                    if (rs.next()) {
                        long rows = rs.getLong(1);
                        if (!rs.wasNull() && rows > 0) { // 0 or -1: never analyzed, unknown
                            found.put(table, rows);
                        }
                    }
                }
            }
        } catch (SQLException e) {
            return found; // the source is not reachable from here: rows done without totals
        }
        return found;
    }
}
