package io.idaas.e2e.replication;

import com.fasterxml.jackson.databind.node.ObjectNode;
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
 * A table created, then renamed, in MariaDB while a pipeline of the shipped configs runs (mariadb-ddml-source.json,
 * mariadb-to-postgres.json, as they ship) reaches PostgreSQL within {@link #BOUND}. The sink subscribes with {@code topics.regex}; its
 * consumer learns of a new table's topic at its next metadata refresh, which the shipped sink configs make every second
 * ({@code consumer.override.metadata.max.age.ms}). With Kafka's default, 5 minutes, the new table arrived after
 * 301 s, far beyond the bound, so this test fails without that setting.
 */
@ExtendWith(LocalStackExtension.class)
class NewTablePickupTest {

    /** Generous for a loaded machine; a tenth of the 5 minutes the consumer's default metadata age took. */
    static final Duration BOUND = Duration.ofSeconds(30);
    private static final List<String> COLUMNS = List.of("name", "qty");
    /** How often the target is compared while the time to arrive is measured. */
    private static final Duration POLL = Duration.ofMillis(100);

    @Test
    void aTableCreatedAndThenRenamedWhileThePipelineRunsReachesPostgresWithinTheBound(LocalStack stack) throws Exception {
        String first = "nt_first";
        String later = "nt_later";
        String renamed = "nt_renamed";
        // The shipped configs as they ship, in databases of the run's own: tables created later are captured and
        // subscribed to like any other.
        try (ShippedPipeline p = new ShippedPipeline(stack, Direction.MARIADB_TO_POSTGRES, "nt")) {
            p.source("CREATE TABLE " + first + " (id INT PRIMARY KEY, name VARCHAR(40), qty BIGINT)",
                    "INSERT INTO " + first + " VALUES (1, 'before', 1)");
            ObjectNode sink = p.sinkConfig();
            assertThat(sink.get("config").path("consumer.override.metadata.max.age.ms").asText())
                    .as("the shipped sink config's metadata refresh").isEqualTo("1000");
            p.startSource();
            p.awaitTopics(first);
            p.start(sink);
            p.awaitSameRows(Duration.ofSeconds(120), POLL, List.of(first), COLUMNS);

            p.source("CREATE TABLE " + later + " (id INT PRIMARY KEY, name VARCHAR(40), qty BIGINT)",
                    "INSERT INTO " + later + " VALUES (1, 'new', 10), (2, 'table', 20)");
            long created = System.nanoTime();
            p.awaitSameRows(BOUND, POLL, List.of(later), COLUMNS);
            System.out.printf("NewTablePickupTest: a new table reached PostgreSQL %d ms after its rows were committed%n",
                    (System.nanoTime() - created) / 1_000_000);

            p.source("RENAME TABLE " + later + " TO " + renamed,
                    "INSERT INTO " + renamed + " VALUES (3, 'renamed', 30)",
                    "UPDATE " + renamed + " SET qty = 11 WHERE id = 1");
            long renamedAt = System.nanoTime();
            p.awaitSameRows(BOUND, POLL, List.of(renamed), COLUMNS);
            System.out.printf("NewTablePickupTest: a renamed table reached PostgreSQL %d ms after its rows were committed%n",
                    (System.nanoTime() - renamedAt) / 1_000_000);
            try (Connection pg = p.openTarget(); Statement sql = pg.createStatement();
                 var rs = sql.executeQuery("SELECT to_regclass('public." + later + "') IS NULL")) {
                rs.next();
                assertThat(rs.getBoolean(1)).as("the old name is gone from PostgreSQL: the table was renamed").isTrue();
            }
            p.assertRunning();
        }
    }
}
