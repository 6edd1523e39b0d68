package io.idaas.verify;

import io.idaas.stack.JdbcServer;
import io.idaas.stack.LocalStack;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;

/** The local stack's MariaDB and PostgreSQL as the verifier's tests use them: connections, and configs between them. */
final class StackDatabases {

    private StackDatabases() {
    }

    static Connection connect(JdbcServer server) throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password());
    }

    /** A config from {@code source} to {@code target} for {@code table} (same name on both), without re-check delay. */
    static VerifyConfig.Builder config(JdbcServer source, JdbcServer target, String table) {
        return VerifyConfig.builder()
                .source(source.jdbcUrl(), source.user(), source.password())
                .target(target.jdbcUrl(), target.user(), target.password())
                .table(table)
                .recheck(1, Duration.ZERO);
    }

    static JdbcServer mariadb(LocalStack stack) {
        return stack.mariadb();
    }

    static JdbcServer postgres(LocalStack stack) {
        return stack.postgres();
    }
}
