package io.idaas.e2e.jdbc;

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
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * MariaDB to PostgreSQL through Connect's REST API: the MariaDB DDML source (mariadb-ddml-source.json) and the idaas
 * JDBC sink (mariadb-to-postgres.json). Source and target rows are compared with plain SQL.
 */
@ExtendWith(LocalStackExtension.class)
class MariaDbToPostgresTest {

    @Test
    void changesInMariaDbReachPostgres(LocalStack stack) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String table = "orders_" + run;
        String prefix = "m2p_" + run;
        String db = stack.mariadb().database();
        try (Connection maria = mariadb(stack); Statement s = maria.createStatement()) {
            s.execute("CREATE TABLE " + table + " (id INT PRIMARY KEY, name VARCHAR(40), qty BIGINT)");
            s.execute("INSERT INTO " + table + " VALUES (1, 'Ada', 10), (2, 'Bob', 20), (3, 'Cy', 30)");
        }
        ObjectNode source = SourceDatabase.MARIADB.connector(stack, "mariadb-ddml-source", "m2p-src-" + run, prefix);
        ((ObjectNode) source.get("config")).put("table.include.list", db + "." + table);
        ObjectNode sink = ConnectConfig.named("mariadb-to-postgres").render(Map.of(
            "name", "m2p-sink-" + run,
            "topic.prefix", prefix,
            "mariadb.database", db,
            "postgres.jdbc.url", stack.postgres().jdbcUrl(),
            "postgres.user", stack.postgres().user(),
            "postgres.password", stack.postgres().password(),
            "kafka.bootstrap", stack.kafka().bootstrapServers()));
        ((ObjectNode) sink.get("config")).put("topics.regex", KafkaTopics.exactly(prefix + "." + db + "." + table, prefix + ".transaction"));
        ConnectRest connect = new ConnectRest(stack.connect().restUrl());
        connect.create(source);
        try {
            connect.awaitRunning("m2p-src-" + run, Duration.ofSeconds(60));
            KafkaTopics.awaitTopic(stack, prefix + "." + db + "." + table);
            connect.create(sink);
            connect.awaitRunning("m2p-sink-" + run, Duration.ofSeconds(60));
            awaitSameRows(stack, table);

            try (Connection maria = mariadb(stack); Statement s = maria.createStatement()) {
                s.execute("UPDATE " + table + " SET name = 'Ada L', qty = 11 WHERE id = 1");
                s.execute("DELETE FROM " + table + " WHERE id = 2");
                s.execute("INSERT INTO " + table + " VALUES (4, 'Dee', 40)");
                s.execute("UPDATE " + table + " SET id = 30 WHERE id = 3");
                maria.setAutoCommit(false);
                s.execute("INSERT INTO " + table + " VALUES (5, 'Eve', 50)");
                s.execute("UPDATE " + table + " SET qty = qty + 1");
                maria.commit();
            }
            List<String> rows = awaitSameRows(stack, table);
            assertThat(rows).containsExactly("1|Ada L|12", "4|Dee|41", "5|Eve|51", "30|Cy|31");
        } finally {
            connect.delete("m2p-sink-" + run);
            connect.delete("m2p-src-" + run);
        }
    }

    /** Waits until PostgreSQL holds MariaDB's rows of {@code table}, and returns them. */
    private static List<String> awaitSameRows(LocalStack stack, String table) {
        await("PostgreSQL holds MariaDB's rows of " + table).atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                .ignoreExceptionsInstanceOf(SQLException.class) // the target table may not exist yet
                .untilAsserted(() -> {
                    try (Connection maria = mariadb(stack); Connection pg = postgres(stack)) {
                        assertThat(rows(pg, table)).containsExactlyElementsOf(rows(maria, table));
                    }
                });
        try (Connection pg = postgres(stack)) {
            return rows(pg, table);
        } catch (SQLException e) {
            throw new AssertionError("cannot read PostgreSQL's " + table, e);
        }
    }

    private static List<String> rows(Connection c, String table) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id, name, qty FROM " + table + " ORDER BY id")) {
            while (rs.next()) {
                rows.add(rs.getInt(1) + "|" + rs.getString(2) + "|" + rs.getLong(3));
            }
        }
        return rows;
    }

    private static Connection mariadb(LocalStack stack) throws SQLException {
        return SourceDatabase.MARIADB.open(stack);
    }

    private static Connection postgres(LocalStack stack) throws SQLException {
        return SourceDatabase.POSTGRES.open(stack);
    }
}
