package io.idaas.e2e.jdbc;

import io.idaas.stack.postgres.PostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** The JDBC sink task on a real PostgreSQL server. */
class PostgresJdbcSinkTaskTest extends JdbcSinkTaskContract {

    @TempDir
    static Path tmp;
    private static PostgresServer server;

    @BeforeAll
    static void start() throws Exception {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        server = new PostgresServer(tmp.resolve("pg"), 0);
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
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
