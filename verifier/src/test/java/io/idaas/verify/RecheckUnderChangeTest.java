package io.idaas.verify;

import io.idaas.stack.LocalStack;
import io.idaas.stack.junit.LocalStackExtension;
import io.idaas.verify.report.TableReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rows that differ only because the target is behind are read again before they are reported: a target that catches
 * up between the first comparison and a re-check verifies equal; one that never catches up is reported.
 */
@ExtendWith(LocalStackExtension.class)
class RecheckUnderChangeTest {

    @Test
    void aTargetThatCatchesUpDuringTheRechecksIsEqual(LocalStack stack) throws Exception {
        try (Connection maria = StackDatabases.connect(stack.mariadb()); Connection pg = StackDatabases.connect(stack.postgres())) {
            create(maria);
            create(pg);
            try (Statement s = maria.createStatement()) { // the source moved on; the target has not applied it yet
                s.execute("UPDATE lagging SET label = 'new' WHERE id = 3");
                s.execute("INSERT INTO lagging VALUES (11, 'new row')");
            }
            AtomicBoolean caughtUp = new AtomicBoolean();
            Verifier verifier = new Verifier(StackDatabases.config(stack.mariadb(), stack.postgres(), "lagging")
                    .recheck(3, Duration.ofMillis(100)).build())
                    .progress((table, phase, done, total, fetched) -> {
                        if (phase.equals("recheck") && caughtUp.compareAndSet(false, true)) {
                            catchUp(pg); // the sink applies the changes while the verifier waits to re-check
                        }
                    });
            TableReport report = verifier.run().tables().get(0);
            assertThat(caughtUp).isTrue();
            assertThat(report.differences()).isEmpty();
            assertThat(report.equal()).isTrue();
            assertThat(verifier.stats().get("lagging").rechecks()).isGreaterThanOrEqualTo(2);

            try (Statement s = maria.createStatement()) {
                s.execute("UPDATE lagging SET label = 'never applied' WHERE id = 5");
            }
            TableReport behind = new Verifier(StackDatabases.config(stack.mariadb(), stack.postgres(), "lagging")
                    .recheck(2, Duration.ofMillis(50)).build()).run().tables().get(0);
            assertThat(behind.differences()).extracting(d -> d.kind() + " " + d.key().get("id")).containsExactly("DIFFERENT 5");
        }
    }

    private static void catchUp(Connection pg) {
        try (Statement s = pg.createStatement()) {
            s.execute("UPDATE lagging SET label = 'new' WHERE id = 3");
            s.execute("INSERT INTO lagging VALUES (11, 'new row')");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void create(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS lagging");
            s.execute("CREATE TABLE lagging (id INT PRIMARY KEY, label VARCHAR(20))");
            s.execute("INSERT INTO lagging VALUES (1, 'a'), (2, 'b'), (3, 'c'), (4, 'd'), (5, 'e')");
        }
    }
}
