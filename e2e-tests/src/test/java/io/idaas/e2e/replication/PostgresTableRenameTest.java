package io.idaas.e2e.replication;

import io.idaas.e2e.pipeline.Direction;
import io.idaas.e2e.pipeline.PlainSqlComparison;
import io.idaas.e2e.pipeline.ShippedPipeline;
import io.idaas.stack.LocalStack;
import io.idaas.stack.junit.LocalStackExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tables renamed on a PostgreSQL source ({@code ALTER TABLE t RENAME TO u}) reach the target as renames: the rows
 * written before the rename are in the target's {@code u}, and the target's {@code t} is gone (PostgreSQL's log carries
 * no DDL: the DDML source derives a {@code rename_table} from the table's oid, SPEC.md section 7.3). Shipped configs
 * ({@code postgres-ddml-source} and the direction's sink, as they ship: the source captures every table of the run's
 * database and the sink's {@code topics.regex} reads the new names' topics), judged by plain SQL
 * ({@link PlainSqlComparison}: every column and every value of every row). Three tables, three ways the source's
 * catalog can stand to the changes being read:
 * <ol>
 *   <li>in step: a rename, replicated before the next change; then a new table under the old name;</li>
 *   <li>behind: the source connector is paused while the table gets an update, is renamed twice, has a column renamed
 *       and one added, and gets another update, so the catalog read when the connector resumes is later than all of
 *       it;</li>
 *   <li>across a restart: the source connector is stopped, the table renamed and updated, the connector resumed (its
 *       task starts again from the stored offsets).</li>
 * </ol>
 * Without the derived rename, each new name arrives as a new table holding only its rows changed after the rename, and
 * the old name's table stays in the target: every comparison below then fails.
 */
@ExtendWith(LocalStackExtension.class)
class PostgresTableRenameTest {

    private static final int ROWS = 100;
    private static final Duration CATCH_UP = Duration.ofSeconds(120);
    private static final List<String> TABLES = List.of("tren_0", "tren_1", "tren_2");

    @ParameterizedTest
    @EnumSource(value = Direction.class, names = {"POSTGRES_TO_MARIADB", "POSTGRES_TO_POSTGRES"})
    void rowsWrittenBeforeATableRenameAreInTheRenamedTargetTable(Direction direction, LocalStack stack) throws Exception {
        try (ShippedPipeline p = new ShippedPipeline(stack, direction, "tren")) {
            String t0 = TABLES.get(0);
            String t1 = TABLES.get(1);
            String t2 = TABLES.get(2);
            String u0 = t0 + "_r";
            String u1 = t1 + "_r";
            String u2 = t2 + "_r";
            for (String t : TABLES) {
                p.source("CREATE TABLE " + t + " (id int PRIMARY KEY, a text, c int)",
                    "INSERT INTO " + t + " (id, a, c) VALUES " + IntStream.rangeClosed(1, ROWS)
                        .mapToObj(i -> "(" + i + ", 'a" + i + "', " + i + ")").collect(Collectors.joining(", ")));
            }
            p.startSource();
            p.awaitTopics(TABLES.toArray(String[]::new));
            p.startSink(); // the shipped sink sees the renamed tables' new topics within a second
            p.awaitSame(CATCH_UP, TABLES.toArray(String[]::new));

            // 1. in step, then a new table under the old name
            p.source("ALTER TABLE " + t0 + " RENAME TO " + u0, "UPDATE " + u0 + " SET a = 'z' WHERE id = 2");
            p.awaitSame(CATCH_UP, u0);
            awaitGone(p, t0);
            p.source("CREATE TABLE " + t0 + " (id int PRIMARY KEY, x text)", "INSERT INTO " + t0 + " VALUES (1, 'new')");
            p.awaitSame(CATCH_UP, t0);
            assertThat(p.differences(u0)).as("%s after a new %s", u0, t0).isEmpty();

            // 2. behind: the connector reads these changes after all of them happened
            p.connect().pause(p.sourceName());
            p.connect().awaitState(p.sourceName(), "PAUSED", Duration.ofSeconds(60));
            p.source("UPDATE " + t1 + " SET a = 'before the rename' WHERE id = 1",
                "ALTER TABLE " + t1 + " RENAME TO " + t1 + "_x", "ALTER TABLE " + t1 + "_x RENAME TO " + u1,
                "ALTER TABLE " + u1 + " RENAME COLUMN a TO b", "ALTER TABLE " + u1 + " ADD COLUMN d int DEFAULT 7",
                "UPDATE " + u1 + " SET b = 'after the rename' WHERE id = 3");
            p.connect().resume(p.sourceName());
            p.connect().awaitRunning(p.sourceName(), Duration.ofSeconds(60));
            p.awaitSame(CATCH_UP, u1);
            awaitGone(p, t1);
            assertThat(columns(p, u1)).containsExactly("id", "b", "c", "d");

            // 3. across a restart of the source's task
            p.connect().stop(p.sourceName());
            p.connect().awaitState(p.sourceName(), "STOPPED", Duration.ofSeconds(60));
            p.source("ALTER TABLE " + t2 + " RENAME TO " + u2, "UPDATE " + u2 + " SET a = 'z' WHERE id = 4");
            p.connect().resume(p.sourceName());
            p.connect().awaitRunning(p.sourceName(), Duration.ofSeconds(90));
            p.awaitSame(CATCH_UP, u2);
            awaitGone(p, t2);

            for (String t : List.of(t0, u0, u1, u2)) {
                assertThat(p.differences(t)).as("%s after all changes", t).isEmpty();
            }
            p.assertRunning();
            assertThat(p.deadLetters().count()).as("records in the dead-letter topic").isZero();
        }
    }

    /** Waits until the target has no table {@code table} (renamed away), by plain SQL. */
    private static void awaitGone(ShippedPipeline p, String table) {
        await(table + " gone from the target").atMost(CATCH_UP).pollInterval(Duration.ofSeconds(1))
            .ignoreExceptionsInstanceOf(SQLException.class)
            .untilAsserted(() -> assertThat(columns(p, table)).as("%s: the old name's table in the target", table).isEmpty());
    }

    /** The target table's columns in their order (the sink's own bookkeeping columns left out); empty when none. */
    private static List<String> columns(ShippedPipeline p, String table) throws SQLException {
        try (Connection target = p.openTarget()) {
            return List.copyOf(PlainSqlComparison.columns(target, p.targetSchema(), table).keySet());
        }
    }
}
