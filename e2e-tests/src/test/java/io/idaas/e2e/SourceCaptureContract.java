package io.idaas.e2e;

import io.idaas.stack.LocalStack;
import io.idaas.stack.junit.LocalStackExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every source database must do on the local stack: a Debezium source connector registered through the
 * Connect REST API captures each insert, update (also of the primary key) and delete, in commit order, with the
 * row's values before and after, on the table's own topic.
 */
@ExtendWith(LocalStackExtension.class)
abstract class SourceCaptureContract {

    /** The source database under test. */
    abstract SourceDatabase source();

    /** The connect-configs config of its Debezium connector. */
    abstract String config();

    /** Makes updates and deletes carry the whole row before the change (PostgreSQL needs REPLICA IDENTITY FULL). */
    void captureWholeRows(Statement sql, String table) throws SQLException {
    }

    @Test
    void everyInsertUpdateAndDeleteArrivesOnItsTopicInOrderWithItsValues(LocalStack stack) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String table = "customers_" + run;
        String prefix = "e2e_" + run;
        String connector = "e2e-source-" + run;

        try (Connection db = source().open(stack); Statement sql = db.createStatement()) {
            sql.execute("CREATE TABLE " + table + " (id INT PRIMARY KEY, name VARCHAR(100) NOT NULL, email VARCHAR(200), visits INT)");
            captureWholeRows(sql, table);
            // A row that exists before capture starts arrives as a snapshot read; seeing it means streaming is next.
            sql.execute("INSERT INTO " + table + " VALUES (0, 'before capture', NULL, 0)");

            ConnectRest connect = new ConnectRest(stack.connect().restUrl());
            connect.create(source().connector(stack, config(), connector, prefix));
            try (TopicReader topic = new TopicReader(stack.kafka().bootstrapServers(), source().topicOf(stack, prefix, table))) {
                connect.awaitRunning(connector, Duration.ofSeconds(60));
                assertThat(topic.readUntil(events -> !events.isEmpty(), Duration.ofSeconds(90)))
                        .extracting(ChangeEvent::opAndId).containsExactly("r:0");

                db.setAutoCommit(false);
                sql.execute("INSERT INTO " + table + " VALUES (1, 'Ada', 'ada@example.com', 1)");
                sql.execute("INSERT INTO " + table + " VALUES (2, 'Grace', NULL, 2)");
                sql.execute("INSERT INTO " + table + " VALUES (3, 'Edsger', 'ewd@example.com', 3)");
                db.commit();
                sql.execute("UPDATE " + table + " SET name = 'Grace Hopper', email = 'grace@example.com', visits = visits + 40 WHERE id = 2");
                db.commit();
                sql.execute("UPDATE " + table + " SET id = 30 WHERE id = 3");
                db.commit();
                sql.execute("DELETE FROM " + table + " WHERE id = 1");
                db.commit();
                db.setAutoCommit(true);

                List<ChangeEvent> events = topic.readUntil(all -> all.size() >= 10, Duration.ofSeconds(60));

                // Commit order, with the primary-key change as a delete (plus tombstone) then a create.
                assertThat(events).extracting(ChangeEvent::opAndId).containsExactly(
                        "r:0", "c:1", "c:2", "c:3", "u:2", "d:3", "tombstone:3", "c:30", "d:1", "tombstone:1");
                assertThat(events).extracting(ChangeEvent::offset).isSorted();

                ChangeEvent insertAda = events.get(1);
                assertThat(insertAda.before().isNull()).isTrue();
                assertThat(insertAda.after().path("name").asText()).isEqualTo("Ada");
                assertThat(insertAda.after().path("email").asText()).isEqualTo("ada@example.com");
                assertThat(insertAda.after().path("visits").asInt()).isEqualTo(1);
                assertThat(events.get(2).after().path("email").isNull()).as("a NULL stays NULL").isTrue();

                ChangeEvent updateGrace = events.get(4);
                assertThat(updateGrace.before().path("name").asText()).isEqualTo("Grace");
                assertThat(updateGrace.before().path("email").isNull()).isTrue();
                assertThat(updateGrace.after().path("name").asText()).isEqualTo("Grace Hopper");
                assertThat(updateGrace.after().path("email").asText()).isEqualTo("grace@example.com");
                assertThat(updateGrace.after().path("visits").asInt()).isEqualTo(42);

                assertThat(events.get(5).before().path("name").asText()).isEqualTo("Edsger");
                assertThat(events.get(7).after().path("id").asInt()).isEqualTo(30);
                assertThat(events.get(7).after().path("name").asText()).isEqualTo("Edsger");

                ChangeEvent deleteAda = events.get(8);
                assertThat(deleteAda.before().path("name").asText()).isEqualTo("Ada");
                assertThat(deleteAda.after().isNull()).isTrue();

                // Every event names where it came from.
                for (ChangeEvent e : events) {
                    if (!e.isTombstone()) {
                        assertThat(e.value().path("source").path("table").asText().toLowerCase(Locale.ROOT)).isEqualTo(table);
                    }
                }
            } finally {
                connect.delete(connector);
            }
        }
    }
}
