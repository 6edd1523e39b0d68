package io.idaas.e2e.replication;

import io.idaas.e2e.ConnectRest;
import io.idaas.e2e.pipeline.Direction;
import io.idaas.e2e.FaultsStack;
import io.idaas.stack.Component;
import io.idaas.stack.LocalStack;
import io.idaas.stack.connect.ConnectWorkerProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * MariaDB to PostgreSQL under the seeded random workload while something breaks: the Connect worker killed with
 * SIGKILL and restarted, a second worker joining (tasks move) and then killed, the target database restarted (also
 * MariaDB as the target of PostgreSQL), and the
 * topics replayed from the start by a new sink and by the same sink once its offsets are reset. Each time the target
 * ends with exactly the source's rows: nothing lost, nothing duplicated, no row older than the source (every column
 * of every row equal), compared with plain SQL.
 *
 * <p>These tests stop and kill parts of their stack, so they run on a stack of their own (Kafka, PostgreSQL and
 * MariaDB in this JVM, data in {@code target/idaas-stack-faults}) with Connect workers as separate processes
 * ({@link ConnectWorkerProcess}), in the surefire execution {@code faults} (tag {@code faults}), so they never share a
 * JVM with the stack of the other test classes.
 */
@Tag("faults")
class ReplicationUnderFaultsTest {

    private static final int CHANGES = 6_000;
    private static final Direction DIRECTION = Direction.MARIADB_TO_POSTGRES;

    private static FaultsStack faults;
    private static LocalStack stack;
    private static ConnectWorkerProcess worker;

    @BeforeAll
    static void startStack() throws Exception {
        faults = FaultsStack.start("idaas-stack-faults", "worker-1", Component.KAFKA, Component.POSTGRES, Component.MARIADB);
        stack = faults.stack();
        worker = faults.worker();
    }

    @AfterAll
    static void stopStack() {
        if (faults != null) {
            faults.close();
        }
    }

    private static ConnectWorkerProcess worker(String name) {
        return faults.worker(name);
    }

    @Test
    void theConnectWorkerKilledAndRestartedMidStreamLosesAndDuplicatesNothing() throws Exception {
        try (Replication replication = new Replication(stack, worker.restUrl(), DIRECTION, 1, 2, 6)) {
            String sink = replication.pipeline().sinkName();
            replication.start();
            CompletableFuture<RandomWorkload.Stats> workload = replication.runInBackground(CHANGES);
            awaitApplied(replication, sink, CHANGES / 6);
            worker.kill();
            assertThat(worker.isAlive()).isFalse();
            worker.start();
            workload.join();
            awaitCaughtUp(replication);
        }
    }

    @Test
    void aSecondWorkerJoiningThenKilledMovesTasksAndLosesNothing() throws Exception {
        ConnectWorkerProcess second = worker("worker-2");
        try (Replication replication = new Replication(stack, worker.restUrl(), DIRECTION, 2, 2, 6)) {
            replication.startSource();
            String sink = replication.pipeline().sinkName();
            replication.startSink(sink, Map.of("tasks.max", "2")); // tasks enough for two workers

            CompletableFuture<RandomWorkload.Stats> workload = replication.runInBackground(CHANGES / 2);
            awaitProgress(replication, CHANGES / 6);
            second.start();
            String secondId = FaultsStack.idOf(second);
            await("a task moved to " + secondId).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> FaultsStack.workersOfTasks(replication.pipeline().connect(), sink, replication.pipeline().sourceName()).contains(secondId));
            workload.join();

            long applied = replication.appliedBy(sink);
            workload = replication.runInBackground(CHANGES / 2);
            awaitApplied(replication, sink, applied + CHANGES / 6);
            second.kill();
            String firstId = FaultsStack.idOf(worker);
            await("every task back on " + firstId).atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                    .until(() -> FaultsStack.workersOfTasks(replication.pipeline().connect(), sink, replication.pipeline().sourceName()).equals(Set.of(firstId)));
            replication.pipeline().connect().awaitRunning(sink, Duration.ofSeconds(60));
            workload.join();
            awaitCaughtUp(replication);
        } finally {
            second.kill();
        }
    }

    /** PostgreSQL as the target of MariaDB, then MariaDB as the target of PostgreSQL: each dialect's errors are retried. */
    @ParameterizedTest
    @EnumSource(value = Direction.class, names = {"MARIADB_TO_POSTGRES", "POSTGRES_TO_MARIADB"})
    void theTargetDatabaseRestartedMidStreamIsRetriedUntilItAnswers(Direction direction) throws Exception {
        try (Replication replication = new Replication(stack, worker.restUrl(), direction, 3, 2, 6)) {
            replication.startSource();
            // Quick but real retries: a restart takes a few seconds, 30 tries a second apart outlast it.
            String sink = replication.pipeline().sinkName();
            replication.startSink(sink, Map.of("max.retries", "30", "retry.backoff.ms", "1000"));

            CompletableFuture<RandomWorkload.Stats> workload = replication.runInBackground(CHANGES);
            awaitApplied(replication, sink, CHANGES / 6);
            if (direction == Direction.MARIADB_TO_POSTGRES) {
                stack.postgres().restart();
            } else {
                stack.mariadb().restart();
            }
            workload.join();
            awaitCaughtUp(replication);
        }
    }

    @Test
    void theTopicsReplayedFromTheStartEndAsTheSameRows() throws Exception {
        try (Replication replication = new Replication(stack, worker.restUrl(), DIRECTION, 4, 2, 6)) {
            String first = replication.pipeline().sinkName();
            replication.start();
            replication.runWorkload(CHANGES / 2);
            replication.awaitSameRows(Duration.ofSeconds(120));

            // A new sink (no offsets of its own, none in Connect) over the same topics into the same target, while the
            // workload goes on: it replays everything from the first record, over rows already there.
            replication.pipeline().delete(first);
            String second = replication.pipeline().prefix() + "-replay";
            replication.startSink(second, Map.of());
            CompletableFuture<RandomWorkload.Stats> workload = replication.runInBackground(CHANGES / 2);
            workload.join();
            awaitCaughtUp(replication);
            assertThat(storedOffsets(replication, second)).as("offsets the replaying sink keeps in the target").isNotEmpty();

            // The same sink replays once both its offsets (Connect's and the target's) are gone: to see it, the
            // target's rows are deleted first, and come back.
            ConnectRest connect = replication.pipeline().connect();
            connect.stop(second);
            await("the sink stopped").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                    .until(() -> "STOPPED".equals(connect.status(second).path("connector").path("state").asText()));
            connect.resetOffsets(second);
            try (Connection pg = replication.pipeline().openTarget(); Statement sql = pg.createStatement()) {
                for (String table : replication.workload().tables()) {
                    sql.execute("DELETE FROM " + table);
                }
                try (PreparedStatement st = pg.prepareStatement("DELETE FROM idaas_sink_offsets WHERE connector = ?")) {
                    st.setString(1, second);
                    assertThat(st.executeUpdate()).as("offset rows of " + second).isGreaterThanOrEqualTo(2);
                }
            }
            connect.resume(second);
            awaitCaughtUp(replication);
        }
    }

    private static void awaitProgress(Replication replication, int changes) {
        await("the workload made " + changes + " changes").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(50))
                .until(() -> replication.workload().progress() >= changes);
    }

    /** Waits until the sink has applied {@code records} records (so a fault hits it while it writes). */
    private static void awaitApplied(Replication replication, String sink, long records) {
        await(sink + " applied " + records + " records").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100))
                .ignoreExceptionsInstanceOf(java.sql.SQLException.class) // the offsets table may not exist yet
                .until(() -> replication.appliedBy(sink) >= records);
    }

    /** Same rows, same counts, every sink task running, nothing in the dead-letter topic. */
    private static void awaitCaughtUp(Replication replication) throws Exception {
        replication.awaitSameRows(Duration.ofSeconds(180));
        assertThat(replication.assertSameRowCounts()).as("rows compared").isGreaterThan(200);
        assertThat(replication.rowsWithTheAddedColumn()).as("rows with the column added part-way").isGreaterThan(50);
        replication.assertRunningWithoutDeadLetters();
    }


    private static Map<String, Long> storedOffsets(Replication replication, String connector) throws Exception {
        Map<String, Long> offsets = new java.util.HashMap<>();
        try (Connection pg = replication.pipeline().openTarget();
             PreparedStatement st = pg.prepareStatement("SELECT topic, next_offset FROM idaas_sink_offsets WHERE connector = ?")) {
            st.setString(1, connector);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    offsets.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return offsets;
    }
}
