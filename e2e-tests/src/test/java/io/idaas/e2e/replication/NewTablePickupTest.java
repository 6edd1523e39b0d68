package io.idaas.e2e.replication;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idaas.configs.ConnectConfig;
import io.idaas.e2e.ConnectRest;
import io.idaas.e2e.KafkaTopics;
import io.idaas.e2e.SourceDatabase;
import io.idaas.stack.LocalStack;
import io.idaas.stack.junit.LocalStackExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A table created, then renamed, in MariaDB while a pipeline of the shipped configs runs (mariadb-ddml-source.json,
 * mariadb-to-postgres.json) reaches PostgreSQL within {@link #BOUND}. The sink subscribes with {@code topics.regex}; its
 * consumer learns of a new table's topic at its next metadata refresh, which the shipped sink configs make every second
 * ({@code consumer.override.metadata.max.age.ms}). With Kafka's default, 5 minutes, the new table arrived after
 * 301 s, far beyond the bound, so this test fails without that setting.
 */
@ExtendWith(LocalStackExtension.class)
class NewTablePickupTest {

    /** Generous for a loaded machine; a tenth of the 5 minutes the consumer's default metadata age took. */
    static final Duration BOUND = Duration.ofSeconds(30);
    private static final List<String> COLUMNS = List.of("name", "qty");

    @Test
    void aTableCreatedAndThenRenamedWhileThePipelineRunsReachesPostgresWithinTheBound(LocalStack stack) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String db = stack.mariadb().database();
        String prefix = "nt_" + run;
        String first = "nt_" + run + "_first";
        String later = "nt_" + run + "_later";
        String renamed = "nt_" + run + "_renamed";
        String source = "nt-src-" + run;
        String sink = "nt-sink-" + run;
        try (Connection maria = SourceDatabase.MARIADB.open(stack); Statement sql = maria.createStatement()) {
            sql.execute("CREATE TABLE " + first + " (id INT PRIMARY KEY, name VARCHAR(40), qty BIGINT)");
            sql.execute("INSERT INTO " + first + " VALUES (1, 'before', 1)");
        }
        // The shipped configs, narrowed to this run's tables (the shared database holds other tests' tables), and still
        // by patterns: tables of this run created later are captured and subscribed to like any other.
        ObjectNode sourceBody = SourceDatabase.MARIADB.connector(stack, "mariadb-ddml-source", source, prefix);
        ((ObjectNode) sourceBody.get("config")).put("table.include.list", db + "\\.nt_" + run + "_.*");
        ObjectNode sinkBody = ConnectConfig.named("mariadb-to-postgres").render(Map.of("name", sink, "topic.prefix", prefix,
                "mariadb.database", db, "postgres.jdbc.url", stack.postgres().jdbcUrl(),
                "postgres.user", stack.postgres().user(), "postgres.password", stack.postgres().password()));
        assertThat(sinkBody.get("config").path("consumer.override.metadata.max.age.ms").asText())
                .as("the shipped sink config's metadata refresh").isEqualTo("1000");
        ((ObjectNode) sinkBody.get("config")).put("topics.regex",
                prefix + "\\." + db + "\\.nt_" + run + "_.*|" + prefix + "\\.transaction");
        ConnectRest connect = new ConnectRest(stack.connect().restUrl());
        connect.create(sourceBody);
        try {
            connect.awaitRunning(source, Duration.ofSeconds(90));
            KafkaTopics.awaitTopic(stack, prefix + "." + db + "." + first);
            connect.create(sinkBody);
            connect.awaitRunning(sink, Duration.ofSeconds(90));
            awaitSameRows(stack, first, first, Duration.ofSeconds(120));

            try (Connection maria = SourceDatabase.MARIADB.open(stack); Statement sql = maria.createStatement()) {
                sql.execute("CREATE TABLE " + later + " (id INT PRIMARY KEY, name VARCHAR(40), qty BIGINT)");
                sql.execute("INSERT INTO " + later + " VALUES (1, 'new', 10), (2, 'table', 20)");
            }
            long created = System.nanoTime();
            awaitSameRows(stack, later, later, BOUND);
            System.out.printf("NewTablePickupTest: a new table reached PostgreSQL %d ms after its rows were committed%n",
                    (System.nanoTime() - created) / 1_000_000);

            try (Connection maria = SourceDatabase.MARIADB.open(stack); Statement sql = maria.createStatement()) {
                sql.execute("RENAME TABLE " + later + " TO " + renamed);
                sql.execute("INSERT INTO " + renamed + " VALUES (3, 'renamed', 30)");
                sql.execute("UPDATE " + renamed + " SET qty = 11 WHERE id = 1");
            }
            long renamedAt = System.nanoTime();
            awaitSameRows(stack, renamed, renamed, BOUND);
            System.out.printf("NewTablePickupTest: a renamed table reached PostgreSQL %d ms after its rows were committed%n",
                    (System.nanoTime() - renamedAt) / 1_000_000);
            try (Connection pg = SourceDatabase.POSTGRES.open(stack); Statement sql = pg.createStatement();
                 var rs = sql.executeQuery("SELECT to_regclass('public." + later + "') IS NULL")) {
                rs.next();
                assertThat(rs.getBoolean(1)).as("the old name is gone from PostgreSQL: the table was renamed").isTrue();
            }
            assertThat(connect.status(sink).path("tasks").get(0).path("state").asText()).isEqualTo("RUNNING");
        } finally {
            connect.delete(sink);
            connect.delete(source);
        }
    }

    /** Waits up to {@code timeout} until PostgreSQL's {@code target} holds MariaDB's rows of {@code table}, compared with plain SQL. */
    private static void awaitSameRows(LocalStack stack, String table, String target, Duration timeout) {
        await("PostgreSQL's " + target + " holds MariaDB's rows of " + table).atMost(timeout).pollInterval(Duration.ofMillis(100))
                .ignoreExceptionsInstanceOf(SQLException.class) // the target table does not exist yet
                .untilAsserted(() -> {
                    try (Connection maria = SourceDatabase.MARIADB.open(stack); Connection pg = SourceDatabase.POSTGRES.open(stack)) {
                        List<String> differences = TableComparison.differences(maria, table, pg, target, "id", COLUMNS);
                        assertThat(differences).isEmpty();
                        try (Statement sql = pg.createStatement(); var rs = sql.executeQuery("SELECT COUNT(*) FROM " + target)) {
                            rs.next();
                            assertThat(rs.getLong(1)).isPositive();
                        }
                    }
                });
    }
}
