package io.idaas.e2e.replication;

import io.idaas.e2e.pipeline.Direction;
import io.idaas.e2e.pipeline.ShippedPipeline;
import io.idaas.stack.LocalStack;
import io.idaas.stack.junit.LocalStackExtension;
import io.idaas.verify.Mode;
import io.idaas.verify.Verifier;
import io.idaas.verify.VerifyConfig;
import io.idaas.verify.report.FieldDifference;
import io.idaas.verify.report.ReportText;
import io.idaas.verify.report.RowDifference;
import io.idaas.verify.report.TableReport;
import io.idaas.verify.report.VerifyReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 10, item 11: PostgreSQL intervals copied into MariaDB by the shipped pipeline ({@code postgres-ddml-source},
 * whose {@code interval.handling.mode=string} writes ISO 8601 text, and {@code postgres-to-mariadb}) verify equal to
 * their source, in the snapshot and in the log; an interval changed in the copy is still reported.
 */
@ExtendWith(LocalStackExtension.class)
class IntervalCopyVerifyTest {

    /** Intervals as PostgreSQL reads them: the issue's, negative parts, fractional seconds, years and months, mixed signs. */
    private static final List<String> INTERVALS = List.of("1 day 02:03:04", "1 year 2 mons 3 days 04:05:06.789",
            "-1 years -2 mons -3 days -04:05:06.5", "1 mon -1 days +100:00:00.000001", "1 day -01:30:00", "-0.5 seconds", "0",
            "178000000 years", "00:00:00.000001");

    @Test
    void intervalsCopiedByThePipelineVerifyEqualAndAChangedOneIsReported(LocalStack stack) throws Exception {
        try (ShippedPipeline pipeline = new ShippedPipeline(stack, Direction.POSTGRES_TO_MARIADB, "iv")) {
            try (Connection source = pipeline.openSource(); Statement s = source.createStatement()) {
                s.execute("CREATE TABLE intervals (id int PRIMARY KEY, iv interval)");
                insert(source, 0); // read by the snapshot
            }
            pipeline.startSource();
            pipeline.awaitTopics("intervals");
            pipeline.startSink();
            try (Connection source = pipeline.openSource(); Statement s = source.createStatement()) {
                insert(source, 100); // read from the log
                s.execute("INSERT INTO intervals VALUES (999, NULL)"); // the last change: once it is there, all are
            }
            await("the copy has every row").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
                    .failFast("a task FAILED", pipeline::assertNoTaskFailed)
                    .ignoreExceptionsInstanceOf(SQLException.class)
                    .until(() -> count(pipeline) == 2L * INTERVALS.size() + 1);
            assertThat(pipeline.deadLetters().read()).as("dead letters").isEmpty();
            try (Connection target = pipeline.openTarget(); Statement s = target.createStatement();
                 ResultSet rs = s.executeQuery("SELECT iv FROM intervals WHERE id = 1")) {
                rs.next();
                assertThat(rs.getString(1)).as("interval '1 day 02:03:04' in the copy").isEqualTo("P0Y0M1DT2H3M4S");
            }

            VerifyConfig config = VerifyConfig.builder()
                    .source(pipeline.sourceUrl(), pipeline.sourceServer().user(), pipeline.sourceServer().password())
                    .target(pipeline.targetUrl(), pipeline.targetServer().user(), pipeline.targetServer().password())
                    .table("intervals").mode(Mode.FIELD).build();
            VerifyReport report = new Verifier(config).run();
            assertThat(report.tables().get(0).differences()).as(ReportText.write(report)).isEmpty();
            assertThat(report.equal()).isTrue();

            // one month is not 30 days: a copy that says so is reported
            try (Connection target = pipeline.openTarget(); Statement s = target.createStatement()) {
                s.execute("UPDATE intervals SET iv = 'P0Y0M30DT0H0M0S' WHERE id = 102");
            }
            TableReport damaged = new Verifier(config).run().tables().get(0);
            assertThat(damaged.differences()).extracting(RowDifference::fields).containsExactly(
                    List.of(new FieldDifference("iv", "P1Y2M3DT4H5M6.789S", "P0Y0M30DT0H0M0S")));
        }
    }

    private static void insert(Connection source, int firstId) throws SQLException {
        try (PreparedStatement ps = source.prepareStatement("INSERT INTO intervals VALUES (?, ?::interval)")) {
            for (int i = 0; i < INTERVALS.size(); i++) {
                ps.setInt(1, firstId + i + 1);
                ps.setString(2, INTERVALS.get(i));
                ps.executeUpdate();
            }
        }
    }

    private static long count(ShippedPipeline pipeline) throws SQLException {
        try (Connection target = pipeline.openTarget(); Statement s = target.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM intervals")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
