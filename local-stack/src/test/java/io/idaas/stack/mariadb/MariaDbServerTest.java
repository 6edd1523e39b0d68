package io.idaas.stack.mariadb;

import io.idaas.stack.Component;
import io.idaas.stack.StackStartException;
import io.idaas.stack.process.Ports;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MariaDbServerTest {

    @TempDir
    static Path tmp;

    private static Path dataDir;
    private static MariaDbServer server;

    @BeforeAll
    static void start() {
        dataDir = tmp.resolve("mariadb");
        server = new MariaDbServer(dataDir, 0);
        server.start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    @Order(1)
    void binaryLogIsSetUpForChangeDataCapture() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT @@log_bin, @@binlog_format, @@binlog_row_image, @@gtid_strict_mode,"
                     + " @@gtid_domain_id, @@server_id, @@log_slave_updates, @@character_set_server, @@time_zone")) {
            assertThat(r.next()).isTrue();
            assertThat(r.getInt(1)).isEqualTo(1);
            assertThat(r.getString(2)).isEqualTo("ROW");
            assertThat(r.getString(3)).isEqualTo("FULL");
            assertThat(r.getInt(4)).isEqualTo(1);
            assertThat(r.getInt(5)).isZero();
            assertThat(r.getInt(6)).isEqualTo(1);
            assertThat(r.getInt(7)).isEqualTo(1);
            assertThat(r.getString(8)).isEqualTo("utf8mb4");
            assertThat(r.getString(9)).isEqualTo("+00:00");
        }
    }

    @Test
    @Order(2)
    void insertAdvancesTheGtidPositionAndTheBinaryLog() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE gtid_probe (id INT PRIMARY KEY)");
            String gtidBefore = single(s, "SELECT @@gtid_binlog_pos");
            long binlogBefore = binaryLogBytes(s);

            s.execute("INSERT INTO gtid_probe VALUES (1)");

            assertThat(single(s, "SELECT @@gtid_binlog_pos")).startsWith("0-1-").isNotEqualTo(gtidBefore);
            assertThat(binaryLogBytes(s)).isGreaterThan(binlogBefore);
        }
    }

    @Test
    @Order(3)
    void unicodeRoundTrips() throws SQLException {
        String text = "Grüße, 你好, emoji 😀🚀";
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE unicode_probe (id INT PRIMARY KEY, text VARCHAR(100))");
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO unicode_probe VALUES (?, ?)")) {
                insert.setInt(1, 1);
                insert.setString(2, text);
                insert.executeUpdate();
            }
            assertThat(single(s, "SELECT text FROM unicode_probe WHERE id = 1")).isEqualTo(text);
            assertThat(single(s, "SELECT COLLATION_NAME FROM information_schema.COLUMNS"
                    + " WHERE TABLE_SCHEMA = 'idaas' AND TABLE_NAME = 'unicode_probe' AND COLUMN_NAME = 'text'")).isEqualTo("utf8mb4_unicode_ci");
        }
    }

    @Test
    @Order(4)
    void idaasHasWhatDebeziumNeeds() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            assertThat(single(s, "SHOW GRANTS")).contains("ALL PRIVILEGES ON *.*").contains("WITH GRANT OPTION");
            try (ResultSet r = s.executeQuery("SHOW BINLOG STATUS")) { // needs BINLOG MONITOR
                assertThat(r.next()).isTrue();
                assertThat(r.getString("File")).startsWith("mysql-bin.");
            }
            assertThat(single(s, "SELECT COUNT(*) FROM mysql.user WHERE user = ''")).isEqualTo("0");
        }
    }

    @Test
    @Order(5)
    void mariadbDumpFromTheBinaryDirectoryWorks() throws Exception {
        Path dump = server.binaryDir().resolve("bin/mariadb-dump");
        Path out = tmp.resolve("dump.sql");
        Process p = new ProcessBuilder(dump.toString(), "--no-defaults", "-h", server.host(), "-P", String.valueOf(server.port()),
                "-u", server.user(), "-p" + server.password(), server.database())
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String text = Files.readString(out, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(text).isZero();
        assertThat(text).contains("CREATE TABLE `unicode_probe`").contains("😀🚀");
    }

    @Test
    @Order(6)
    void describesItself() {
        assertThat(server.kind()).isEqualTo(Component.MARIADB);
        assertThat(server.jdbcUrl()).isEqualTo("jdbc:mariadb://127.0.0.1:" + server.port() + "/idaas");
        assertThat(server.endpoints()).singleElement().satisfies(e -> {
            assertThat(e.label()).isEqualTo("MariaDB JDBC");
            assertThat(e.value()).contains(server.jdbcUrl()).contains("idaas");
        });
    }

    @Test
    @Order(7)
    void theServerLogShowsNoErrors() throws Exception {
        String log = Files.readString(dataDir.resolve("mariadb.log"), StandardCharsets.UTF_8);
        assertThat(log).contains("ready for connections").doesNotContain("[ERROR]");
    }

    @Test
    @Order(10)
    void closeStopsTheServerAndARestartKeepsTheData() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE kept (id INT PRIMARY KEY, name VARCHAR(20))");
            s.execute("INSERT INTO kept VALUES (1, 'still here 🎉')");
        }
        long pid = server.pid();
        int port = server.port();
        assertThat(pid).isPositive();

        server.close();

        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(Ports.isFree(port)).isTrue();
        assertThat(server.endpoints()).isEmpty();

        server = new MariaDbServer(dataDir, 0);
        server.start();
        try (Connection c = connect(); Statement s = c.createStatement()) {
            assertThat(single(s, "SELECT name FROM kept WHERE id = 1")).isEqualTo("still here 🎉");
            assertThat(single(s, "SELECT COUNT(*) FROM gtid_probe")).isEqualTo("1");
        }
        String log = Files.readString(dataDir.resolve("mariadb.log"), StandardCharsets.UTF_8);
        String restart = log.substring(log.lastIndexOf("Starting MariaDB"));
        assertThat(restart).doesNotContain("[ERROR]").doesNotContain("ignored in --skip-name-resolve mode");

        // restart(): the same port and data, another process.
        int chosen = server.port();
        long before = server.pid();
        server.restart();
        assertThat(server.port()).isEqualTo(chosen);
        assertThat(server.pid()).isPositive().isNotEqualTo(before);
        try (Connection c = connect(); Statement s = c.createStatement()) {
            assertThat(single(s, "SELECT name FROM kept WHERE id = 1")).isEqualTo("still here 🎉");
        }
    }

    @Test
    @Order(11)
    void aSecondServerOnTheSameDataIsRefused() {
        MariaDbServer second = new MariaDbServer(dataDir, 0);
        assertThatThrownBy(second::start)
                .isInstanceOf(StackStartException.class)
                .hasMessageContaining("another MariaDB server (process " + server.pid() + ")");
        second.close();
        assertThat(server.pid()).isPositive();
    }

    @Test
    @Order(12)
    void aKilledServerLeavesNothingThatBlocksTheNextStart() throws Exception {
        long pid = server.pid();
        ProcessHandle killed = ProcessHandle.of(pid).orElseThrow();
        killed.destroyForcibly();
        killed.onExit().get(30, TimeUnit.SECONDS);
        assertThat(dataDir.resolve("mariadbd.pid")).exists();
        assertThat(dataDir.resolve("mariadb.sock")).exists();
        server.close();

        server = new MariaDbServer(dataDir, 0);
        server.start();
        try (Connection c = connect(); Statement s = c.createStatement()) {
            assertThat(single(s, "SELECT name FROM kept WHERE id = 1")).isEqualTo("still here 🎉");
        }
    }

    @Test
    @Order(20)
    void aTakenPortIsNamedInTheError() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            MariaDbServer other = new MariaDbServer(tmp.resolve("other"), port);
            assertThatThrownBy(other::start)
                    .isInstanceOf(StackStartException.class)
                    .hasMessageContaining("mariadb")
                    .hasMessageContaining("port " + port);
            other.close();
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password());
    }

    private static String single(Statement s, String sql) throws SQLException {
        try (ResultSet r = s.executeQuery(sql)) {
            assertThat(r.next()).as(sql).isTrue();
            return r.getString(1);
        }
    }

    /** The total size of the binary logs, from SHOW BINARY LOGS. */
    private static long binaryLogBytes(Statement s) throws SQLException {
        List<Long> sizes = new ArrayList<>();
        try (ResultSet r = s.executeQuery("SHOW BINARY LOGS")) {
            while (r.next()) {
                sizes.add(r.getLong("File_size"));
            }
        }
        assertThat(sizes).isNotEmpty();
        return sizes.stream().mapToLong(Long::longValue).sum();
    }
}
