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

/**
 * Columns renamed on a PostgreSQL source reach the target as renames, so the rows written before a rename keep their
 * values there (PostgreSQL's log carries no DDL: the DDML source derives it, SPEC.md section 7.3). Shipped configs
 * ({@code postgres-ddml-source} and the direction's sink), judged by plain SQL ({@link PlainSqlComparison}: every column
 * and every value of every row). Three tables, three ways the source's catalog can stand to the change being read:
 * <ol>
 *   <li>in step: each change is replicated before the next one (a rename; a second rename; a rename and a new column
 *       taking the old name; a rename with a type change);</li>
 *   <li>behind: the source connector is paused while renames, a new column with an old name, a rename twice, a rename
 *       with a type change and a rename followed by a drop happen, each followed by an update, so the catalog read
 *       when the connector resumes is later than most of the changes it reads;</li>
 *   <li>across a restart: the source connector is stopped, a column renamed, the connector resumed (its task starts
 *       again from the stored offsets).</li>
 * </ol>
 */
@ExtendWith(LocalStackExtension.class)
class PostgresColumnRenameTest {

    private static final int ROWS = 100;
    private static final Duration CATCH_UP = Duration.ofSeconds(120);
    private static final List<String> TABLES = List.of("ren_0", "ren_1", "ren_2");

    @ParameterizedTest
    @EnumSource(value = Direction.class, names = {"POSTGRES_TO_MARIADB", "POSTGRES_TO_POSTGRES"})
    void rowsWrittenBeforeARenameKeepTheirValuesInTheTarget(Direction direction, LocalStack stack) throws Exception {
        try (ShippedPipeline p = new ShippedPipeline(stack, direction, "ren")) {
            for (String t : TABLES) {
                p.source("CREATE TABLE " + t + " (id int PRIMARY KEY, a text, c int, n varchar(20), p int)",
                    "INSERT INTO " + t + " (id, a, c, n, p) VALUES " + IntStream.rangeClosed(1, ROWS)
                        .mapToObj(i -> "(" + i + ", 'a" + i + "', " + i + ", 'n" + i + "', " + (i * 10) + ")")
                        .collect(Collectors.joining(", ")));
            }
            p.startSource();
            p.awaitTopics(TABLES.toArray(String[]::new));
            p.startSink();
            p.awaitSame(CATCH_UP, TABLES.toArray(String[]::new));

            // 1. in step
            String t0 = TABLES.get(0);
            p.source("ALTER TABLE " + t0 + " RENAME COLUMN a TO b", "UPDATE " + t0 + " SET b = 'z' WHERE id = 2");
            p.awaitSame(CATCH_UP, t0);
            p.source("ALTER TABLE " + t0 + " RENAME COLUMN b TO b2", "UPDATE " + t0 + " SET b2 = 'z2' WHERE id = 3");
            p.awaitSame(CATCH_UP, t0);
            p.source("ALTER TABLE " + t0 + " RENAME COLUMN c TO c2", "ALTER TABLE " + t0 + " ADD COLUMN c int DEFAULT 5",
                "UPDATE " + t0 + " SET c = 6 WHERE id = 4");
            p.awaitSame(CATCH_UP, t0);
            p.source("ALTER TABLE " + t0 + " RENAME COLUMN n TO m", "ALTER TABLE " + t0 + " ALTER COLUMN m TYPE varchar(40)",
                "UPDATE " + t0 + " SET m = 'a longer value than twenty' WHERE id = 5");
            p.awaitSame(CATCH_UP, t0);
            assertThat(columns(p, t0)).containsExactly("id", "b2", "c2", "m", "p", "c");

            // 2. behind: the connector reads these changes after all of them happened
            String t1 = TABLES.get(1);
            p.connect().pause(p.sourceName());
            p.connect().awaitState(p.sourceName(), "PAUSED", Duration.ofSeconds(60));
            p.source("ALTER TABLE " + t1 + " RENAME COLUMN a TO b", "UPDATE " + t1 + " SET b = 'z' WHERE id = 2",
                "ALTER TABLE " + t1 + " ADD COLUMN a text DEFAULT 'new'", "UPDATE " + t1 + " SET a = 'again' WHERE id = 3",
                "ALTER TABLE " + t1 + " RENAME COLUMN c TO d", "UPDATE " + t1 + " SET d = -4 WHERE id = 4",
                "ALTER TABLE " + t1 + " RENAME COLUMN d TO e", "UPDATE " + t1 + " SET e = -5 WHERE id = 5",
                "ALTER TABLE " + t1 + " RENAME COLUMN n TO m", "ALTER TABLE " + t1 + " ALTER COLUMN m TYPE varchar(40)",
                "UPDATE " + t1 + " SET m = 'a longer value than twenty' WHERE id = 6",
                "ALTER TABLE " + t1 + " RENAME COLUMN p TO q", "UPDATE " + t1 + " SET q = -7 WHERE id = 7",
                "ALTER TABLE " + t1 + " DROP COLUMN q", "UPDATE " + t1 + " SET b = 'after the drop' WHERE id = 8");
            p.connect().resume(p.sourceName());
            p.connect().awaitRunning(p.sourceName(), Duration.ofSeconds(60));
            p.awaitSame(CATCH_UP, t1);
            assertThat(columns(p, t1)).containsExactly("id", "b", "e", "m", "a");

            // 3. across a restart of the source's task
            String t2 = TABLES.get(2);
            p.connect().stop(p.sourceName());
            p.connect().awaitState(p.sourceName(), "STOPPED", Duration.ofSeconds(60));
            p.source("ALTER TABLE " + t2 + " RENAME COLUMN a TO b", "UPDATE " + t2 + " SET b = 'z' WHERE id = 2");
            p.connect().resume(p.sourceName());
            p.connect().awaitRunning(p.sourceName(), Duration.ofSeconds(90));
            p.awaitSame(CATCH_UP, t2);
            assertThat(columns(p, t2)).containsExactly("id", "b", "c", "n", "p");

            for (String t : TABLES) {
                assertThat(p.differences(t)).as("%s after all changes", t).isEmpty();
            }
            p.assertRunning();
            assertThat(p.deadLetters().count()).as("records in the dead-letter topic").isZero();
        }
    }

    /** The target table's columns in their order (the sink's own bookkeeping columns left out). */
    private static List<String> columns(ShippedPipeline p, String table) throws SQLException {
        try (Connection target = p.openTarget()) {
            return List.copyOf(PlainSqlComparison.columns(target, p.targetSchema(), table).keySet());
        }
    }
}
