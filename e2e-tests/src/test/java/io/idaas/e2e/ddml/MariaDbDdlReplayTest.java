package io.idaas.e2e.ddml;

import com.fasterxml.jackson.databind.JsonNode;
import io.idaas.ddml.Column;
import io.idaas.ddml.DdlOp;
import io.idaas.ddml.DdmlEvent;
import io.idaas.ddml.EventKind;
import io.idaas.e2e.ConnectRest;
import io.idaas.e2e.SourceDatabase;
import io.idaas.stack.LocalStack;
import io.idaas.stack.junit.LocalStackExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A MariaDB {@code ALTER TABLE ... ADD COLUMN} read again after the connector restarts from an offset before it (as after
 * a worker killed before it committed its offsets) is emitted as the first time: its {@code ddl.added} names the column.
 * The shipped {@code mariadb-ddml-source}; the offsets rewound with Connect's {@code PATCH /connectors/{name}/offsets}.
 */
@ExtendWith(LocalStackExtension.class)
class MariaDbDdlReplayTest {

    private static final SourceDatabase SOURCE = SourceDatabase.MARIADB;

    @Test
    void anAlterReadAgainAfterARestartStillNamesItsAddedAndDroppedColumns(LocalStack stack) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String table = "replay_" + run;
        String prefix = "replay_" + run;
        String connector = "replay-" + run;
        ConnectRest connect = new ConnectRest(stack.connect().restUrl());
        try (Connection db = SOURCE.open(stack); Statement sql = db.createStatement()) {
            String marker = "marker_" + connector.replace('-', '_');
            sql.execute("CREATE TABLE " + marker + " (id INT PRIMARY KEY)");
            connect.create(SOURCE.connector(stack, SOURCE.ddmlConfig(), connector, prefix));
            connect.awaitRunning(connector, Duration.ofSeconds(60));
            DdlFlowContract.awaitStreaming(SOURCE, stack, db, prefix, marker, connector);
            try (DdmlTopicReader topic = new DdmlTopicReader(stack.kafka().bootstrapServers(), SOURCE.topicOf(stack, prefix, table))) {
                sql.execute("CREATE TABLE " + table + " (id INT PRIMARY KEY, a VARCHAR(20), gone INT)");
                String created = gtidBinlogPos(sql);
                sql.execute("INSERT INTO " + table + " VALUES (1, 'x', 0)");
                topic.readUntil(all -> all.stream().anyMatch(e -> e.kind() == EventKind.DML), Duration.ofSeconds(90));
                // Offsets the worker committed past the CREATE (its GTID among the completed ones), before the ALTER: the
                // connector resumed from them reads the ALTER again, and no create_table before it.
                JsonNode beforeAlter = committedOffsets(connect, connector, o -> reaches(o, created));

                sql.execute("ALTER TABLE " + table + " ADD COLUMN extra INT, DROP COLUMN gone");
                sql.execute("INSERT INTO " + table + " VALUES (2, 'y', 5)");
                DdmlEvent first = alters(topic, 1).get(0);
                assertThat(DdlFlowContract.summary(first)).isEqualTo("ddl:alter_table +extra -gone");

                connect.stop(connector);
                connect.awaitState(connector, "STOPPED", Duration.ofSeconds(60));
                connect.alterOffsets(connector, beforeAlter);
                connect.resume(connector);
                connect.awaitRunning(connector, Duration.ofSeconds(60));

                DdmlEvent again = alters(topic, 2).get(1);
                assertThat(again.ddl().statement()).isEqualTo(first.ddl().statement());
                assertThat(again.schema().columns()).extracting(Column::name).containsExactly("id", "a", "extra");
                assertThat(DdlFlowContract.summary(again)).isEqualTo("ddl:alter_table +extra -gone");
                assertThat(again.ddl()).isEqualTo(first.ddl());
            }
        } finally {
            connect.delete(connector);
        }
    }

    /** The first {@code count} alter_table events on the topic, waiting up to 90 s for them. */
    private static List<DdmlEvent> alters(DdmlTopicReader topic, int count) {
        Predicate<DdmlEvent> alter = e -> e.kind() == EventKind.DDL && e.ddl().op() == DdlOp.ALTER_TABLE;
        List<DdmlEvent> found = topic.readUntil(all -> all.stream().filter(alter).count() >= count, Duration.ofSeconds(90))
                .stream().filter(alter).toList();
        assertThat(found).as("alter_table events on the topic").hasSizeGreaterThanOrEqualTo(count);
        return found;
    }

    /** MariaDB's {@code @@gtid_binlog_pos}: the GTID of the last transaction written (one domain, one server here). */
    private static String gtidBinlogPos(Statement sql) throws Exception {
        try (ResultSet rs = sql.executeQuery("SELECT @@gtid_binlog_pos")) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }

    /** Whether a source offset in {@code offsets} has a {@code gtids} set holding {@code gtid} (same domain and server, sequence at least as high). */
    private static boolean reaches(JsonNode offsets, String gtid) {
        String[] want = gtid.split("-");
        for (JsonNode o : offsets.path("offsets")) {
            for (String g : o.path("offset").path("gtids").asText("").split(",")) {
                String[] have = g.trim().split("-");
                if (have.length == 3 && have[0].equals(want[0]) && have[1].equals(want[1])
                        && Long.parseLong(have[2]) >= Long.parseLong(want[2])) {
                    return true;
                }
            }
        }
        return false;
    }

    /** {@code GET /connectors/{name}/offsets} once it satisfies {@code done} (the worker commits every second). */
    private static JsonNode committedOffsets(ConnectRest connect, String connector, Predicate<JsonNode> done) {
        JsonNode[] last = new JsonNode[1];
        await(connector + "'s committed offsets").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            last[0] = connect.get("/connectors/" + connector + "/offsets");
            return done.test(last[0]);
        });
        return last[0];
    }
}
