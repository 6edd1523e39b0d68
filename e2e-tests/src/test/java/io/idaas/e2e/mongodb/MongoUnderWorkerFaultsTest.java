package io.idaas.e2e.mongodb;

import com.fasterxml.jackson.databind.JsonNode;
import io.idaas.e2e.SourceDatabase;
import io.idaas.e2e.replication.RandomWorkload;
import io.idaas.stack.Component;
import io.idaas.stack.LocalStack;
import io.idaas.stack.PluginPath;
import io.idaas.stack.connect.ConnectWorkerProcess;
import io.idaas.stack.process.Binaries;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
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
    /** The group, and the sinks' consumers, notice a killed worker within seconds, not the defaults' 10 s and 45 s. */
    private static final Map<String, String> WORKER = Map.of(
        "session.timeout.ms", "6000",
        "heartbeat.interval.ms", "1500",
        "scheduled.rebalance.max.delay.ms", "3000",
        "consumer.session.timeout.ms", "6000",
        "consumer.heartbeat.interval.ms", "1500");

    private static LocalStack stack;
    private static ConnectWorkerProcess worker;

    @BeforeAll
    static void startStack() throws Exception {
        Path dataDir = Path.of("target", "idaas-stack-mongo-faults");
        Binaries.deleteRecursively(dataDir);
        stack = LocalStack.builder().dataDir(dataDir).only(Component.KAFKA, Component.MARIADB, Component.MONGO).start();
        worker = worker("mongo-worker-1");
        worker.start();
    }

    @AfterAll
    static void stopStack() {
        if (worker != null) {
            worker.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    private static ConnectWorkerProcess worker(String name) {
        return new ConnectWorkerProcess(name, stack.kafka().bootstrapServers(), PluginPath.locate(), List.of(), 0, WORKER,
            stack.dataDir().resolve("logs"), ConnectWorkerProcess.thisJvmClasspath());
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
            String secondId = "127.0.0.1:" + second.port();
            await("a task moved to " + secondId).atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> workersOfTasks(pipeline, pipeline.sinkName(), pipeline.prefix() + "-src").contains(secondId));

            await("workload at 4,500").atMost(Duration.ofMinutes(3)).until(() -> workload.progress() > 4_500);
            second.kill();
            String firstId = "127.0.0.1:" + worker.port();
            await("every task back on " + firstId).atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> workersOfTasks(pipeline, pipeline.sinkName(), pipeline.prefix() + "-src").equals(Set.of(firstId)));

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

    /** The workers running the connectors' tasks (Connect spreads connectors and tasks over workers apart). */
    private static Set<String> workersOfTasks(MongoPipeline pipeline, String... connectors) {
        Set<String> workers = new HashSet<>();
        for (String connector : connectors) {
            JsonNode status = pipeline.connect().status(connector);
            if (status == null || status.path("tasks").isEmpty()) {
                return Set.of();
            }
            status.path("tasks").forEach(t -> workers.add(t.path("worker_id").asText()));
        }
        return workers;
    }
}
