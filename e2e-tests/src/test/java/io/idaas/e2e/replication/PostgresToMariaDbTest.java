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
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * PostgreSQL to MariaDB through the Connect REST API: the PostgreSQL DDML source (with derived DDL) and the idaas
 * JDBC sink, under the seeded random workload (inserts, updates, key updates, deletes, transactions, a truncate and
 * a column added half-way). At the end both tables hold the same rows, compared with plain SQL.
 */
@ExtendWith(LocalStackExtension.class)
class PostgresToMariaDbTest {

    private static final List<String> COLUMNS = List.of("customer", "amount", "qty", "note", "updated_at", "extra");

    @Test
    void aRandomWorkloadInPostgresEndsAsTheSameRowsInMariaDb(LocalStack stack) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String table = "wl_" + run;
        String prefix = "p2m_" + run;
        RandomWorkload workload = new RandomWorkload(7, table, true);
        try (Connection pg = SourceDatabase.POSTGRES.open(stack); Statement sql = pg.createStatement()) {
            sql.execute(workload.createTable());
            sql.execute("INSERT INTO " + table + " (id, customer) VALUES (0, 'before capture')");
        }
        ObjectNode source = SourceDatabase.POSTGRES.connector(stack, "postgres-ddml-source", "p2m-src-" + run, prefix);
        ((ObjectNode) source.get("config")).put("table.include.list", "public." + table);
        ObjectNode sink = ConnectConfig.named("postgres-to-mariadb").render(Map.of(
                "name", "p2m-sink-" + run,
                "topic.prefix", prefix,
                "mariadb.jdbc.url", stack.mariadb().jdbcUrl(),
                "mariadb.user", stack.mariadb().user(),
                "mariadb.password", stack.mariadb().password()));
        ConnectRest connect = new ConnectRest(stack.connect().restUrl());
        connect.create(source);
        try {
            connect.awaitRunning("p2m-src-" + run, Duration.ofSeconds(60));
            KafkaTopics.awaitTopic(stack, prefix + ".public." + table);
            connect.create(sink);
            connect.awaitRunning("p2m-sink-" + run, Duration.ofSeconds(60));

            RandomWorkload.Stats stats;
            try (Connection pg = SourceDatabase.POSTGRES.open(stack)) {
                stats = workload.run(pg, 1_500);
            }
            assertThat(stats.truncates()).isEqualTo(1);
            assertThat(stats.ddl()).isEqualTo(1);

            RandomWorkload.Stats done = stats;
            await("PostgreSQL and MariaDB hold the same rows").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                    .ignoreExceptionsInstanceOf(java.sql.SQLException.class) // the target table may not exist yet
                    .untilAsserted(() -> {
                        try (Connection pg = SourceDatabase.POSTGRES.open(stack); Connection maria = SourceDatabase.MARIADB.open(stack)) {
                            assertThat(TableComparison.differences(pg, table, maria, table, "id", COLUMNS))
                                    .as("PostgreSQL vs MariaDB after " + done).isEmpty();
                        }
                    });
            try (Connection maria = SourceDatabase.MARIADB.open(stack); Statement sql = maria.createStatement();
                 var rs = sql.executeQuery("SELECT COUNT(*), COUNT(extra) FROM " + table)) {
                rs.next();
                assertThat(rs.getLong(1)).as("rows compared").isGreaterThan(100);
                assertThat(rs.getLong(2)).as("rows with the column added half-way").isGreaterThan(30);
            }
            assertThat(connect.status("p2m-sink-" + run).path("tasks").get(0).path("state").asText()).isEqualTo("RUNNING");
        } finally {
            connect.delete("p2m-sink-" + run);
            connect.delete("p2m-src-" + run);
        }
    }
}
