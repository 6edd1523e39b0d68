package io.idaas.e2e.jdbc;

import io.idaas.stack.mariadb.MariaDbServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** The JDBC sink task on a real MariaDB server. */
class MariaDbJdbcSinkTaskTest extends JdbcSinkTaskContract {

    @TempDir
    static Path tmp;
    private static MariaDbServer server;

    @BeforeAll
    static void start() throws Exception {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        server = new MariaDbServer(tmp.resolve("mariadb"), 0);
        server.start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Override
    String url() {
        return server.jdbcUrl();
    }

    @Override
    String user() {
        return server.user();
    }

    @Override
    String password() {
        return server.password();
    }

    @Override
    String q(String identifier) {
        return '`' + identifier.replace("`", "``") + '`';
    }
}
