package io.idaas.e2e.replication;

import io.idaas.e2e.pipeline.Direction;
import io.idaas.e2e.pipeline.PlainSqlComparison;
import io.idaas.e2e.pipeline.ShippedPipeline;
import io.idaas.e2e.pipeline.Source;
import io.idaas.stack.LocalStack;
import io.idaas.stack.junit.LocalStackExtension;
import io.idaas.verify.Mode;
import io.idaas.verify.Verifier;
import io.idaas.verify.VerifyConfig;
import io.idaas.verify.report.ReportText;
import io.idaas.verify.report.TableReport;
import io.idaas.verify.report.VerifyReport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An outside workload through the shipped configs, both ways: sysbench's {@code oltp_write_only} (see
 * {@link Sysbench}) writes to MariaDB or PostgreSQL at a fixed rate for a fixed time, while the test changes the
 * tables' shape under it (a column added with a default, one NOT NULL with a default, the first renamed, its type
 * widened, another table's hot column {@code k} changed from INT to BIGINT, an index created, a column added and
 * dropped) and writes values of its own into the new column before and after its rename. The DDML source
 * ({@code mariadb-ddml-source} / {@code postgres-ddml-source}) and the idaas JDBC sink ({@code mariadb-to-postgres} /
 * {@code postgres-to-mariadb}) run as {@code connect-configs} ships them, in a database of their own on each server.
 * Once sysbench stops, the target must come to hold exactly the source's data, judged twice: by
 * {@link PlainSqlComparison} (plain SQL, no idaas code) and by the verifier ({@code field} mode). Nothing may go to the
 * dead-letter topic.
 */
@ExtendWith(LocalStackExtension.class)
class SysbenchReplicationTest {

    private static final int TABLES = 2;
    private static final int ROWS = 10_000;
    /** sysbench's run: 40 transactions a second of 4 row changes each, for 60 s, from 2 connections. */
    private static final int SECONDS = 60;
    private static final int RATE = 40;
    private static final int THREADS = 2;
    private static final Duration CATCH_UP = Duration.ofMinutes(3);

    @BeforeAll
    static void sysbenchIsInstalled() {
        Sysbench.requireInstalled();
    }

    /** A shipped direction, and its source's SQL for the shape changes. */
    enum ShapeChanges {
        MARIADB_TO_POSTGRES(Direction.MARIADB_TO_POSTGRES, List.of(
                "ALTER TABLE sbtest1 ADD COLUMN note VARCHAR(32) DEFAULT 'sysbench'",
                "ALTER TABLE sbtest1 ADD COLUMN flag INT NOT NULL DEFAULT 7",
                "UPDATE sbtest1 SET note = CONCAT('row ', id) WHERE id % 10 = 0",
                "ALTER TABLE sbtest1 RENAME COLUMN note TO label",
                "ALTER TABLE sbtest1 MODIFY COLUMN label VARCHAR(64) DEFAULT 'sysbench'",
                "ALTER TABLE sbtest2 MODIFY COLUMN k BIGINT NOT NULL DEFAULT 0",
                "CREATE INDEX label_1 ON sbtest1 (label)",
                "UPDATE sbtest1 SET label = CONCAT('renamed ', id) WHERE id % 10 = 5",
                "ALTER TABLE sbtest2 ADD COLUMN scratch INT DEFAULT 1",
                "ALTER TABLE sbtest2 DROP COLUMN scratch")),
        POSTGRES_TO_MARIADB(Direction.POSTGRES_TO_MARIADB, List.of(
                "ALTER TABLE sbtest1 ADD COLUMN note varchar(32) DEFAULT 'sysbench'",
                "ALTER TABLE sbtest1 ADD COLUMN flag integer NOT NULL DEFAULT 7",
                "UPDATE sbtest1 SET note = 'row ' || id WHERE id % 10 = 0",
                "ALTER TABLE sbtest1 RENAME COLUMN note TO label",
                "ALTER TABLE sbtest1 ALTER COLUMN label TYPE varchar(64)",
                "ALTER TABLE sbtest2 ALTER COLUMN k TYPE bigint",
                "CREATE INDEX label_1 ON sbtest1 (label)",
                "UPDATE sbtest1 SET label = 'renamed ' || id WHERE id % 10 = 5",
                "ALTER TABLE sbtest2 ADD COLUMN scratch integer DEFAULT 1",
                "ALTER TABLE sbtest2 DROP COLUMN scratch"));

        final Direction direction;
        final List<String> changes;

        ShapeChanges(Direction direction, List<String> changes) {
            this.direction = direction;
            this.changes = changes;
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ShapeChanges.class)
    void sysbenchWritesWithShapeChangesMidStreamArriveExactly(ShapeChanges shapeChanges, LocalStack stack) throws Exception {
        Direction direction = shapeChanges.direction;
        List<String> tables = IntStream.rangeClosed(1, TABLES).mapToObj(t -> "sbtest" + t).toList();
        long started = System.nanoTime();
        Sysbench.Run sysbenchRun = null;
        try (ShippedPipeline pipeline = new ShippedPipeline(stack, direction, "sb")) {
            Sysbench sysbench = new Sysbench(pipeline.sourceServer(), direction.source == Source.MARIADB, pipeline.sourceDb(),
                    Path.of("target", "sysbench"));
            sysbench.prepare(TABLES, ROWS);
            long prepared = System.nanoTime();
            pipeline.startSource();
            pipeline.awaitTopics(tables.toArray(String[]::new));
            pipeline.startSink();

            sysbenchRun = sysbench.run(TABLES, ROWS, SECONDS, RATE, THREADS);
            try (Connection source = pipeline.openSource()) {
                List<String> changes = shapeChanges.changes;
                for (int i = 0; i < changes.size(); i++) {
                    // spread over the run, from 10% to 85% of its time, each once sysbench reports having got there
                    int second = SECONDS / 10 + (SECONDS * 3 / 4) * i / (changes.size() - 1);
                    Sysbench.Run workload = sysbenchRun;
                    await("sysbench at second " + second + " for: " + changes.get(i)).atMost(Duration.ofSeconds(SECONDS * 3L))
                            .pollInterval(Duration.ofMillis(200))
                            .failFast("sysbench ended early", () -> !workload.isAlive())
                            .until(() -> workload.secondsDone() >= second);
                    execute(source, changes.get(i));
                }
            }
            Sysbench.Result result = sysbenchRun.await(Duration.ofSeconds(SECONDS * 3L));
            long ran = System.nanoTime();
            assertThat(result.transactions()).as("sysbench transactions").isGreaterThan((long) RATE * SECONDS / 2);

            // 1. plain SQL, no idaas code: waits until the target holds the source's data (it catches up)
            pipeline.awaitSame(CATCH_UP, tables.toArray(String[]::new));
            long caughtUp = System.nanoTime();

            // 2. the verifier, field by field
            VerifyConfig.Builder config = VerifyConfig.builder()
                    .source(pipeline.sourceUrl(), pipeline.sourceServer().user(), pipeline.sourceServer().password())
                    .target(pipeline.targetUrl(), pipeline.targetServer().user(), pipeline.targetServer().password())
                    .mode(Mode.FIELD).recheck(2, Duration.ofSeconds(2));
            tables.forEach(config::table);
            VerifyReport report = new Verifier(config.build()).run();
            String text = ReportText.write(report);
            for (TableReport table : report.tables()) {
                assertThat(table.differences()).as("%s: the verifier's differences:%n%s", direction, text).isEmpty();
                assertThat(table.onlyInSource()).as("%s: columns only in the source", table.sourceTable()).isEmpty();
                assertThat(table.onlyInTarget()).as("%s: columns only in the target", table.sourceTable()).isEmpty();
                // sysbench deletes and re-inserts the same id: each table keeps its rows
                assertThat(table.sourceRows()).as("rows of " + table.sourceTable()).isEqualTo(ROWS);
            }
            assertThat(report.equal()).as("%s: the verifier's verdict:%n%s", direction, text).isTrue();
            long verified = System.nanoTime();

            // the shape changes reached the target as such
            try (Connection target = pipeline.openTarget()) {
                Map<String, PlainSqlComparison.ColumnInfo> sbtest1 = PlainSqlComparison.columns(target, pipeline.targetSchema(), "sbtest1");
                Map<String, PlainSqlComparison.ColumnInfo> sbtest2 = PlainSqlComparison.columns(target, pipeline.targetSchema(), "sbtest2");
                assertThat(sbtest1).containsKeys("label", "flag").doesNotContainKey("note");
                assertThat(sbtest1.get("label").maxLength()).as("sbtest1.label's length in the target").isEqualTo(64L);
                assertThat(sbtest2.get("k").dataType()).as("sbtest2.k's type in the target").isEqualTo("bigint");
                assertThat(sbtest2).doesNotContainKey("scratch");
            }
            pipeline.assertRunning();
            assertThat(pipeline.deadLetters().read()).as("records in the dead-letter topic").isEmpty();

            System.out.printf(Locale.ROOT, "%s: sysbench %d transactions (%d ignored errors) in %d s at %d/s; prepare %.1f s, "
                            + "connectors and run %.1f s, catch-up %.1f s, verify %.1f s, total %.1f s%n",
                    direction, result.transactions(), result.ignoredErrors(), SECONDS, RATE, seconds(started, prepared),
                    seconds(prepared, ran), seconds(ran, caughtUp), seconds(caughtUp, verified), seconds(started, verified));
        } finally {
            if (sysbenchRun != null) {
                sysbenchRun.stop();
            }
        }
    }

    /** Runs a statement of the test's own; a deadlock with sysbench's transactions (either may lose) is retried. */
    private static void execute(Connection db, String sql) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try (Statement s = db.createStatement()) {
                s.execute(sql);
                return;
            } catch (SQLException e) {
                boolean deadlock = "40001".equals(e.getSQLState()) || "40P01".equals(e.getSQLState());
                if (!deadlock || attempt == 5) {
                    throw e;
                }
            }
        }
    }

    private static double seconds(long from, long to) {
        return (to - from) / 1e9;
    }
}
