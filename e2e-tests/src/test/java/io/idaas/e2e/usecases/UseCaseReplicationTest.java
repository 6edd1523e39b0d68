package io.idaas.e2e.usecases;

import io.idaas.e2e.pipeline.Direction;
import io.idaas.e2e.replication.RandomWorkload;
import io.idaas.e2e.replication.Replication;
import io.idaas.stack.LocalStack;
import io.idaas.stack.junit.LocalStackExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The use-case configs of connect-configs run end to end: the source config with the DDML transforms, the use case's
 * idaas JDBC sink config, a seeded random workload (inserts, updates, key updates, deletes, transactions, a truncate,
 * a column added half-way), and at the end the same rows in source and target, compared with plain SQL.
 *
 * <p>No MySQL server runs here. The MySQL cases run the MySQL code path (Debezium's MySQL connector, MySQL
 * Connector/J in the sink with a {@code jdbc:mysql:} URL, the sink's MySQL dialect) against the stack's MariaDB
 * server, which speaks the MySQL protocol; what only a real MySQL server would show is not covered.
 */
@ExtendWith(LocalStackExtension.class)
class UseCaseReplicationTest {

    private static final int CHANGES = 1_200;

    @ParameterizedTest
    @EnumSource(value = Direction.class, names = {"MYSQL_TO_MYSQL", "POSTGRES_TO_MYSQL", "POSTGRES_TO_POSTGRES"})
    void aRandomWorkloadEndsAsTheSameRowsInTheTarget(Direction direction, LocalStack stack) throws Exception {
        try (Replication replication = new Replication(stack, stack.connect().restUrl(), direction, 11, 1, 1)) {
            replication.start();

            RandomWorkload.Stats stats = replication.runWorkload(CHANGES);
            assertThat(stats.truncates()).isEqualTo(1);
            assertThat(stats.ddl()).isEqualTo(1);
            assertThat(stats.keyUpdates()).isPositive();

            replication.awaitSameRows(Duration.ofSeconds(120));
            assertThat(replication.assertSameRowCounts()).as("rows compared").isGreaterThan(100);
            assertThat(replication.rowsWithTheAddedColumn()).as("rows with the column added half-way").isGreaterThan(30);
            replication.assertRunningWithoutDeadLetters();
        }
    }
}
