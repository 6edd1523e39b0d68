package io.idaas.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.idaas.stack.Component;
import io.idaas.stack.LocalStack;
import io.idaas.stack.PluginPath;
import io.idaas.stack.connect.ConnectWorkerProcess;
import io.idaas.stack.process.Binaries;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A stack of its own for tests that stop and kill its parts (the surefire execution {@code faults}): the servers named
 * in this JVM, data in {@code target/<name>}, and Connect workers as separate processes that a test can kill with
 * SIGKILL ({@link ConnectWorkerProcess}), tuned so that the group and the sinks' consumers notice a killed worker within
 * seconds, not the defaults' 10 s and 45 s.
 */
public final class FaultsStack implements AutoCloseable {

    /** Worker settings: a killed worker leaves the group in about 6 s, and its tasks move within 3 s after. */
    public static final Map<String, String> QUICK_FAILOVER = Map.of(
        "session.timeout.ms", "6000",
        "heartbeat.interval.ms", "1500",
        "scheduled.rebalance.max.delay.ms", "3000",
        "consumer.session.timeout.ms", "6000",
        "consumer.heartbeat.interval.ms", "1500");

    private final LocalStack stack;
    private final ConnectWorkerProcess firstWorker;

    private FaultsStack(LocalStack stack, ConnectWorkerProcess firstWorker) {
        this.stack = stack;
        this.firstWorker = firstWorker;
    }

    /** Starts the servers (Kafka among them) afresh in {@code target/<dataDirName>}, then a first worker. */
    public static FaultsStack start(String dataDirName, String firstWorkerName, Component... components) throws Exception {
        Path dataDir = Path.of("target", dataDirName);
        Binaries.deleteRecursively(dataDir);
        LocalStack stack = LocalStack.builder().dataDir(dataDir).only(Set.of(components)).start();
        FaultsStack faults = new FaultsStack(stack, null);
        ConnectWorkerProcess first = faults.worker(firstWorkerName);
        try {
            first.start();
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
        return new FaultsStack(stack, first);
    }

    public LocalStack stack() {
        return stack;
    }

    /** The worker started with the stack. */
    public ConnectWorkerProcess worker() {
        return firstWorker;
    }

    /** Another worker of the same cluster, not started yet. */
    public ConnectWorkerProcess worker(String name) {
        return new ConnectWorkerProcess(name, stack.kafka().bootstrapServers(), PluginPath.locate(), List.of(), 0,
            QUICK_FAILOVER, stack.dataDir().resolve("logs"), ConnectWorkerProcess.thisJvmClasspath());
    }

    /** The REST id of a worker ({@code 127.0.0.1:<port>}), as task statuses name it. */
    public static String idOf(ConnectWorkerProcess worker) {
        return "127.0.0.1:" + worker.port();
    }

    /** The workers that run the tasks of these connectors, e.g. {@code 127.0.0.1:8083}; empty when one has no task. */
    public static Set<String> workersOfTasks(ConnectRest connect, String... connectors) {
        Set<String> workers = new HashSet<>();
        for (String connector : connectors) {
            JsonNode status = connect.status(connector);
            if (status == null || status.path("tasks").isEmpty()) {
                return Set.of();
            }
            status.path("tasks").forEach(t -> workers.add(t.path("worker_id").asText()));
        }
        return workers;
    }

    @Override
    public void close() {
        if (firstWorker != null) {
            firstWorker.close();
        }
        stack.close();
    }
}
