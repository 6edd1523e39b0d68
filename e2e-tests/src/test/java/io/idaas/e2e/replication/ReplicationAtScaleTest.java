package io.idaas.e2e.replication;

import io.idaas.e2e.pipeline.Direction;
import io.idaas.stack.LocalStack;
import io.idaas.stack.junit.LocalStackExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each pair of connect-configs (MariaDB to PostgreSQL, MariaDB to MariaDB, PostgreSQL to MariaDB) through the
 * Connect REST API under the seeded random workload at scale: {@value #CHANGES} row changes over {@value #TABLES}
 * tables, in transactions of {@value #TRANSACTION_SIZE} statements on average, with key updates, deletes, a truncate
 * and a column added per table while the pipeline runs. At the end the target holds exactly the source's rows
 * (compared with plain SQL, not the sink's code), as many of them, the sink still runs and no record went to the
 * dead-letter topic.
 */
@ExtendWith(LocalStackExtension.class)
class ReplicationAtScaleTest {

    static final int CHANGES = 20_000;
    static final int TABLES = 3;
    static final int TRANSACTION_SIZE = 8;

    @ParameterizedTest
    @EnumSource(value = Direction.class, names = {"MARIADB_TO_POSTGRES", "MARIADB_TO_MARIADB", "POSTGRES_TO_MARIADB"})
    void tensOfThousandsOfChangesEndAsTheSameRows(Direction direction, LocalStack stack) throws Exception {
        try (Replication replication = new Replication(stack, stack.connect().restUrl(), direction, 20_261_125L, TABLES, TRANSACTION_SIZE)) {
            replication.start();

            long begin = System.nanoTime();
            RandomWorkload.Stats stats = replication.runWorkload(CHANGES);
            long written = System.nanoTime();
            assertThat(stats.changes()).isGreaterThanOrEqualTo(CHANGES);
            assertThat(stats.truncates()).isEqualTo(TABLES);
            assertThat(stats.ddl()).isEqualTo(TABLES);
            assertThat(stats.keyUpdates()).isGreaterThan(500);
            assertThat(stats.deletes()).isGreaterThan(2_000);
            assertThat(stats.transactions()).isGreaterThan(CHANGES / TRANSACTION_SIZE / 2);

            replication.awaitSameRows(Duration.ofSeconds(180));
            long caughtUp = System.nanoTime();
            assertThat(replication.assertSameRowCounts()).as("rows compared").isGreaterThan(1_000);
            assertThat(replication.rowsWithTheAddedColumn()).as("rows with the column added part-way").isGreaterThan(500);
            replication.assertRunningWithoutDeadLetters();
            System.out.printf("%s: %s; workload %d ms, target caught up %d ms later%n", direction, stats,
                    (written - begin) / 1_000_000, (caughtUp - written) / 1_000_000);
        }
    }
}
