package io.idaas.e2e.replication;

import io.idaas.e2e.LogCapture;
import io.idaas.e2e.pipeline.DeadLetters.DeadLetter;
import io.idaas.e2e.pipeline.Direction;
import io.idaas.e2e.pipeline.ShippedPipeline;
import io.idaas.stack.LocalStack;
import io.idaas.stack.junit.LocalStackExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A change the target refuses, with the shipped config ({@code errors.tolerance=all} and a dead-letter topic), is
 * visible while the task stays RUNNING: in the dead-letter topic with its reason, in the sink task's metric
 * {@code dead-letter-record-total}, in Connect's own {@code task-error-metrics}, and in an ERROR log line that counts it.
 * A DDL statement the target refuses is one such change: it no longer stops the task, and the rows after it apply.
 */
@ExtendWith(LocalStackExtension.class)
class DeadLetterVisibilityTest {

    @Test
    void refusedRowsAndDdlAreCountedInMetricsAndLogsAndThePipelineGoesOn(LocalStack stack) throws Exception {
        try (ShippedPipeline p = new ShippedPipeline(stack, Direction.MARIADB_TO_POSTGRES, "dlq")) {
            String t = "dlq";
            p.source("CREATE TABLE " + t + " (id INT PRIMARY KEY, code VARCHAR(10), note VARCHAR(20))",
                "INSERT INTO " + t + " VALUES (1, 'ok', 'a'), (2, 'ok', 'b')");
            // The target differs from the source where its user made it so: a shorter code, and a row of its own.
            p.target("CREATE TABLE " + t + " (id integer PRIMARY KEY, code varchar(3), note varchar(20), "
                    + "_idaas_position varchar(128) COLLATE \"C\")",
                "INSERT INTO " + t + " (id, code, note) VALUES (999, 'own', NULL)");
            p.startSource();
            p.awaitTopics(t);
            p.startSink();
            await("rows 1 and 2 in the target").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                .ignoreExceptions().until(() -> rows(p, t, 1) + rows(p, t, 2) == 2);

            try (LogCapture log = new LogCapture("io.idaas.connect.jdbc.JdbcSinkTask")) {
                p.source("INSERT INTO " + t + " VALUES (3, 'too long', 'c')",
                    // NOT NULL: the target's own row 999 has no note, so PostgreSQL refuses the change
                    "ALTER TABLE " + t + " MODIFY COLUMN note VARCHAR(20) NOT NULL",
                    "INSERT INTO " + t + " VALUES (4, 'ok', 'd')");

                await("row 4 in the target").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                    .failFast("a task FAILED", p::assertNoTaskFailed)
                    .until(() -> rows(p, t, 4) == 1);
                await("two dead-lettered records").atMost(Duration.ofSeconds(30)).until(() -> p.deadLetters().count() == 2);
                p.assertRunning();
                assertThat(rows(p, t, 3)).as("the refused row").isZero();

                assertThat(p.taskMetric("plugins", "dead-letter-record-total")).isEqualTo(2.0);
                assertThat(p.taskMetric("task-error-metrics", "total-record-failures")).isEqualTo(2.0);
                assertThat(p.taskMetric("task-error-metrics", "deadletterqueue-produce-requests")).isEqualTo(2.0);
                assertThat(log.lines()).filteredOn(l -> l.contains("dead-lettered by this task")).hasSize(2)
                    .satisfiesExactly(
                        l -> assertThat(l).startsWith("ERROR ").contains("(1 record(s) dead-lettered by this task since it started)")
                            .contains("value too long"),
                        l -> assertThat(l).startsWith("ERROR ").contains("(2 record(s) dead-lettered by this task since it started)")
                            .contains("cannot change table").contains("SET NOT NULL"));
            }
            assertThat(p.deadLetters().read().stream().map(DeadLetter::reason)).satisfiesExactly(
                r -> assertThat(r).contains("value too long for type character varying(3)"),
                r -> assertThat(r).contains("cannot change table").contains("contains null values")
                    .contains("apply an equivalent change by hand"));
        }
    }

    private static long rows(ShippedPipeline p, String table, int id) throws Exception {
        try (var target = p.openTarget(); var st = target.createStatement();
             var rs = st.executeQuery("SELECT COUNT(*) FROM " + table + " WHERE id = " + id)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
