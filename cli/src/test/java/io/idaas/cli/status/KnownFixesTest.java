package io.idaas.cli.status;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The known-fix table on traces as Connect reports them (messages of the PostgreSQL and MariaDB drivers and of Debezium). */
class KnownFixesTest {

    private static String fix(String trace) {
        return KnownFixes.match(trace).map(KnownFixes.Fix::name).orElse("none");
    }

    @Test
    void matchesTheMessagesOfCommonFailures() {
        assertThat(fix("org.apache.kafka.connect.errors.ConnectException: x\n\tat a.b(C.java:1)\n"
                + "Caused by: org.postgresql.util.PSQLException: FATAL: password authentication failed for user \"idaas\""))
                .isEqualTo("authentication failed");
        assertThat(fix("java.sql.SQLInvalidAuthorizationSpecException: (conn=5) Access denied for user 'idaas'@'localhost' (using password: YES)"))
                .isEqualTo("authentication failed");
        assertThat(fix("org.postgresql.util.PSQLException: FATAL: database \"nowhere\" does not exist")).isEqualTo("database does not exist");
        assertThat(fix("java.sql.SQLSyntaxErrorException: (conn=9) Unknown database 'nowhere'")).isEqualTo("database does not exist");
        assertThat(fix("Caused by: java.net.ConnectException: Connection refused")).isEqualTo("connection refused");
        assertThat(fix("io.debezium.DebeziumException: The MySQL server is not configured to use a ROW binlog_format, which is required "
                + "for this connector to work properly. Change the MySQL configuration to use a binlog_format=ROW and restart the connector."))
                .isEqualTo("binlog not enabled");
        assertThat(fix("org.postgresql.util.PSQLException: ERROR: replication slot \"idaas_pg\" is active for PID 4242"))
                .isEqualTo("replication slot in use");
        assertThat(fix("io.debezium.DebeziumException: Postgres server wal_level property must be 'logical' but is: replica"))
                .isEqualTo("wal_level not logical");
    }

    @Test
    void aTraceOfNoKnownKindGetsNoAdvice() {
        assertThat(KnownFixes.match("java.lang.NullPointerException\n\tat io.idaas.X.y(X.java:3)")).isEqualTo(Optional.empty());
        assertThat(KnownFixes.match(null)).isEmpty();
        assertThat(KnownFixes.match("")).isEmpty();
    }

    @Test
    void theHeadIsTheFirstLinesAndTheRootCause() {
        String trace = "org.apache.kafka.connect.errors.ConnectException: cannot connect\n"
                + "\tat a.B.c(B.java:1)\n\n"
                + "\tat a.B.d(B.java:2)\n"
                + "\tat a.B.e(B.java:3)\n"
                + "Caused by: java.sql.SQLException: middle\n"
                + "\tat x.Y.z(Y.java:9)\n"
                + "Caused by: java.net.ConnectException: Connection refused\n"
                + "\t... 12 more\n";
        assertThat(KnownFixes.head(trace, 3)).containsExactly(
                "org.apache.kafka.connect.errors.ConnectException: cannot connect",
                "  at a.B.c(B.java:1)",
                "  at a.B.d(B.java:2)",
                "Caused by: java.net.ConnectException: Connection refused");
        assertThat(KnownFixes.head("one line only", 3)).containsExactly("one line only");
        assertThat(KnownFixes.head(null, 3)).isEmpty();
    }
}
