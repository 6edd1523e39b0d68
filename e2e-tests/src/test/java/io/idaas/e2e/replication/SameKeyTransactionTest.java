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
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One MariaDB transaction that changes the same keys several times, in statements whose rows come in a different
 * order: Debezium gives every event of it the transaction's binlog position and a {@code row} counted per statement,
 * so only the transaction order tells which change is last. The target must end with the last one.
 */
@ExtendWith(LocalStackExtension.class)
class SameKeyTransactionTest {

    private static final List<String> COLUMNS = List.of("name", "qty");

    @Test
    void theLastChangeOfAKeyInATransactionWins(LocalStack stack) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String table = "samekey_" + run;
        String prefix = "samekey_" + run;
        String db = stack.mariadb().database();
        try (Connection maria = SourceDatabase.MARIADB.open(stack); Statement s = maria.createStatement()) {
            s.execute("CREATE TABLE " + table + " (id INT PRIMARY KEY, name VARCHAR(40), qty INT)");
        }
        ObjectNode source = SourceDatabase.MARIADB.connector(stack, "mariadb-ddml-source", "samekey-src-" + run, prefix);
        ((ObjectNode) source.get("config")).put("table.include.list", db + "." + table);
        ObjectNode sink = ConnectConfig.named("mariadb-to-postgres").render(Map.of(
                "name", "samekey-sink-" + run, "topic.prefix", prefix, "mariadb.database", db,
                "postgres.jdbc.url", stack.postgres().jdbcUrl(), "postgres.user", stack.postgres().user(),
                "postgres.password", stack.postgres().password()));
        ((ObjectNode) sink.get("config")).put("topics.regex", KafkaTopics.exactly(prefix + "." + db + "." + table, prefix + ".transaction"));
        ConnectRest connect = new ConnectRest(stack.connect().restUrl());
        connect.create(source);
        try {
            connect.awaitRunning("samekey-src-" + run, Duration.ofSeconds(60));
            try (Connection maria = SourceDatabase.MARIADB.open(stack); Statement s = maria.createStatement()) {
                s.execute("INSERT INTO " + table + " VALUES (100, 'marker', 0)");
            }
            KafkaTopics.awaitTopic(stack, prefix + "." + db + "." + table);
            connect.create(sink);
            connect.awaitRunning("samekey-sink-" + run, Duration.ofSeconds(60));

            try (Connection maria = SourceDatabase.MARIADB.open(stack); Statement s = maria.createStatement()) {
                maria.setAutoCommit(false);
                s.execute("INSERT INTO " + table + " VALUES (1, 'a', 1), (2, 'b', 2), (3, 'c', 3)");
                s.execute("UPDATE " + table + " SET name = 'c2', qty = 30 WHERE id = 3");
                s.execute("UPDATE " + table + " SET name = 'a2', qty = 10 WHERE id = 1");
                s.execute("DELETE FROM " + table + " WHERE id = 2");
                s.execute("INSERT INTO " + table + " VALUES (2, 'b again', 20)");
                s.execute("UPDATE " + table + " SET qty = qty + 1 WHERE id IN (2, 3)");
                s.execute("DELETE FROM " + table + " WHERE id = 100");
                maria.commit();
            }
            await("PostgreSQL holds the transaction's last state of every key").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500)).ignoreExceptionsInstanceOf(SQLException.class)
                    .untilAsserted(() -> {
                        try (Connection maria = SourceDatabase.MARIADB.open(stack);
                             Connection pg = DriverManager.getConnection(stack.postgres().jdbcUrl(), stack.postgres().user(), stack.postgres().password())) {
                            assertThat(TableComparison.differences(maria, table, pg, table, "id", COLUMNS)).isEmpty();
                        }
                    });
            try (Connection pg = DriverManager.getConnection(stack.postgres().jdbcUrl(), stack.postgres().user(), stack.postgres().password());
                 Statement s = pg.createStatement(); var rs = s.executeQuery("SELECT id, name, qty FROM " + table + " ORDER BY id")) {
                StringBuilder rows = new StringBuilder();
                while (rs.next()) {
                    rows.append(rs.getInt(1)).append('|').append(rs.getString(2)).append('|').append(rs.getInt(3)).append(' ');
                }
                assertThat(rows.toString().trim()).isEqualTo("1|a2|10 2|b again|21 3|c2|31");
            }
        } finally {
            connect.delete("samekey-sink-" + run);
            connect.delete("samekey-src-" + run);
        }
    }
}
