package io.idaas.stack.postgres;

import io.idaas.stack.Component;
import io.idaas.stack.Endpoint;
import io.idaas.stack.StackStartException;
import io.idaas.stack.process.Ports;
import io.idaas.stack.process.UnprivilegedUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class PostgresServerTest {

    @TempDir
    Path tmp;

    /** JUnit's temporary folder is closed to others (0700); open it so that the server's unprivileged user can reach it. */
    private Path reachableTmp() throws IOException {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        return tmp;
    }

    @Test
    void servesLogicalDecodingAndKeepsDataAcrossRestarts() throws Exception {
        Path data = reachableTmp().resolve("postgres");
        int port;
        List<ProcessHandle> processes = new ArrayList<>();
        Connection held;
        long closing;
        try (PostgresServer pg = new PostgresServer(data, 0)) {
            assertThat(pg.kind()).isEqualTo(Component.POSTGRES);
            assertThat(pg.endpoints()).isEmpty();
            pg.start();
            port = pg.port();
            assertThat(port).isPositive();
            assertThat(pg.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:" + port + "/idaas");
            assertThat(pg.endpoints()).extracting(Endpoint::label).containsExactly("PostgreSQL JDBC");
            assertThat(pg.endpoints().get(0).value()).contains(pg.jdbcUrl()).contains("idaas");

            try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
                 Statement s = c.createStatement()) {
                assertThat(single(s, "SHOW wal_level")).isEqualTo("logical");
                assertThat(single(s, "SELECT current_database()")).isEqualTo("idaas");
                assertThat(single(s, "SELECT slot_name FROM pg_create_logical_replication_slot('t', 'pgoutput')")).isEqualTo("t");
                s.execute("SELECT pg_drop_replication_slot('t')");
                s.execute("CREATE TABLE customers (id int PRIMARY KEY, name text NOT NULL)");
                s.execute("INSERT INTO customers VALUES (1, 'Ada')");
                assertThat(single(s, "SELECT name FROM customers WHERE id = 1")).isEqualTo("Ada");
            }
            assertThatThrownBy(() -> DriverManager.getConnection(pg.jdbcUrl(), pg.user(), "wrong").close())
                    .isInstanceOf(SQLException.class);

            ProcessHandle postmaster = ProcessHandle.of(pg.pid()).orElseThrow();
            processes.add(postmaster);
            postmaster.descendants().forEach(processes::add);
            // A client that stays connected, as Debezium does: close() must not wait for it (no smart shutdown).
            held = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
            closing = System.nanoTime();
        }
        assertThat(Duration.ofNanos(System.nanoTime() - closing)).isLessThan(Duration.ofSeconds(10));
        held.close();
        assertThat(processes).noneMatch(ProcessHandle::isAlive);
        assertThat(Ports.isFree(port)).as("port %d is free after close", port).isTrue();

        try (PostgresServer again = new PostgresServer(data, port)) {
            again.start();
            assertThat(again.port()).isEqualTo(port);
            try (Connection c = DriverManager.getConnection(again.jdbcUrl(), again.user(), again.password());
                 Statement s = c.createStatement()) {
                assertThat(single(s, "SELECT name FROM customers WHERE id = 1")).isEqualTo("Ada");
            }

            // restart(): the same port and data; a client's connection breaks and a new one works.
            Connection before = DriverManager.getConnection(again.jdbcUrl(), again.user(), again.password());
            again.restart();
            assertThat(again.port()).isEqualTo(port);
            assertThatThrownBy(() -> single(before.createStatement(), "SELECT 1")).isInstanceOf(SQLException.class);
            before.close();
            try (Connection c = DriverManager.getConnection(again.jdbcUrl(), again.user(), again.password());
                 Statement s = c.createStatement()) {
                assertThat(single(s, "SELECT name FROM customers WHERE id = 1")).isEqualTo("Ada");
            }
        }
    }

    @Test
    void namesATakenPort() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
             PostgresServer pg = new PostgresServer(reachableTmp().resolve("postgres"), taken.getLocalPort())) {
            assertThatThrownBy(pg::start)
                    .isInstanceOf(StackStartException.class)
                    .hasMessageContaining("postgres")
                    .hasMessageContaining(Integer.toString(taken.getLocalPort()))
                    .hasMessageContaining("--port postgres=");
        }
    }

    @Test
    void refusesADataFolderTheServerUserCannotReach() throws Exception {
        assumeTrue(UnprivilegedUser.runningAsRoot(), "only root drops to another user");
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwx------"));
        try (PostgresServer pg = new PostgresServer(tmp.resolve("postgres"), 0)) {
            assertThatThrownBy(pg::start)
                    .isInstanceOf(StackStartException.class)
                    .hasMessageContaining("cannot reach")
                    .hasMessageContaining("--data-dir");
        }
    }

    private static String single(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).as("a row from %s", sql).isTrue();
            return rs.getString(1);
        }
    }
}
