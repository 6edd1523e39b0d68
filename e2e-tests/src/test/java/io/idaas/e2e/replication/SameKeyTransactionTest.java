package io.idaas.e2e.replication;

import io.idaas.e2e.pipeline.Direction;
import io.idaas.e2e.pipeline.ShippedPipeline;
import io.idaas.stack.LocalStack;
import io.idaas.stack.junit.LocalStackExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

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
        String table = "samekey";
        try (ShippedPipeline p = new ShippedPipeline(stack, Direction.MARIADB_TO_POSTGRES, "samekey")) {
            p.source("CREATE TABLE " + table + " (id INT PRIMARY KEY, name VARCHAR(40), qty INT)");
            p.startSource();
            p.source("INSERT INTO " + table + " VALUES (100, 'marker', 0)");
            p.awaitTopics(table);
            p.startSink();

            try (Connection maria = p.openSource(); Statement s = maria.createStatement()) {
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
            p.awaitSameRows(Duration.ofSeconds(60), Duration.ofMillis(500), List.of(table), COLUMNS);
            try (Connection pg = p.openTarget(); Statement s = pg.createStatement();
                 var rs = s.executeQuery("SELECT id, name, qty FROM " + table + " ORDER BY id")) {
                StringBuilder rows = new StringBuilder();
                while (rs.next()) {
                    rows.append(rs.getInt(1)).append('|').append(rs.getString(2)).append('|').append(rs.getInt(3)).append(' ');
                }
                assertThat(rows.toString().trim()).isEqualTo("1|a2|10 2|b again|21 3|c2|31");
            }
        }
    }
}
