package io.idaas.e2e.mongodb;

import io.idaas.e2e.SourceDatabase;
import io.idaas.e2e.replication.RandomWorkload;
import io.idaas.e2e.FaultsStack;
import io.idaas.stack.Component;
import io.idaas.stack.LocalStack;
import io.idaas.stack.connect.ConnectWorkerProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * MariaDB to MongoDB through the shipped configs while Connect workers die: the worker killed with SIGKILL mid-stream
 * and started again, then a second worker joining (tasks spread over both) and killed. MongoDB ends with exactly the
 * source's rows (plain SQL against the official driver, {@link MongoCopy}), every document's position its key's last
 * event in the topic (none older), nothing dead-lettered, and the applied position of the source present.
 *
 * <p>Workers are separate processes ({@link ConnectWorkerProcess}) on a stack of this class's own (Kafka, MariaDB and
 * mongo in this JVM, data in {@code target/idaas-stack-mongo-faults}), in the surefire execution {@code faults}.
 */
@Tag("faults")
class MongoUnderWorkerFaultsTest {

    private static final int CHANGES = 6_000;

    private static FaultsStack faults;
    private static LocalStack stack;
    private static ConnectWorkerProcess worker;

    @BeforeAll
    static void startStack() throws Exception {
        faults = FaultsStack.start("idaas-stack-mongo-faults", "mongo-worker-1", Component.KAFKA, Component.MARIADB, Component.MONGO);
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
    void workersKilledWithSigkillAndASecondWorkerJoiningLeaveMongoDbEqualToTheSource() throws Exception {
        ConnectWorkerProcess second = worker("mongo-worker-2");
        try (MongoPipeline pipeline = new MongoPipeline(stack, worker.restUrl(), SourceDatabase.MARIADB, 20_261_206L, 2, 4);
             MongoClient client = MongoClients.create(stack.mongo().connectionString())) {
            MongoDatabase target = client.getDatabase(pipeline.database());
            pipeline.start(stack.mongo().connectionString(), Map.of("tasks.max", "2"));
            RandomWorkload workload = pipeline.workload();
            CompletableFuture<RandomWorkload.Stats> run = pipeline.runInBackground(CHANGES);

            await("workload at 1,500").atMost(Duration.ofMinutes(3)).until(() -> workload.progress() > 1_500);
            worker.kill();
            assertThat(worker.isAlive()).isFalse();
            worker.start();

            await("workload at 3,000").atMost(Duration.ofMinutes(3)).until(() -> workload.progress() > 3_000);
            second.start();
            String secondId = FaultsStack.idOf(second);
            await("a task moved to " + secondId).atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> FaultsStack.workersOfTasks(pipeline.connect(), pipeline.sinkName(), pipeline.prefix() + "-src").contains(secondId));

            await("workload at 4,500").atMost(Duration.ofMinutes(3)).until(() -> workload.progress() > 4_500);
            second.kill();
            String firstId = FaultsStack.idOf(worker);
            await("every task back on " + firstId).atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> FaultsStack.workersOfTasks(pipeline.connect(), pipeline.sinkName(), pipeline.prefix() + "-src").equals(Set.of(firstId)));

            assertThat(run.get().changes()).isGreaterThanOrEqualTo(CHANGES);
            pipeline.awaitSameRows(target, Duration.ofSeconds(300));
            assertThat(pipeline.sourceRows()).as("rows compared").isGreaterThan(500);
            assertThat(pipeline.stalePositions(target)).as("rows whose position is not their last event's").isEmpty();
            await("the source's applied position").atMost(Duration.ofSeconds(60))
                .until(() -> target.getCollection("_idaas_applied").find(Filters.eq("_id", pipeline.prefix())).first() != null);
            assertThat(pipeline.deadLetters()).as("dead-lettered records").isEmpty();
        } finally {
            second.kill();
        }
    }

}
