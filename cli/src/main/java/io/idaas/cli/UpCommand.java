package io.idaas.cli;

import io.idaas.cli.demo.ShopDemo;
import io.idaas.stack.Component;
import io.idaas.stack.Endpoint;
import io.idaas.stack.LocalStack;
import io.idaas.stack.PluginPath;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code idaas up}: starts the local stack, prints its endpoints and runs until Ctrl-C. */
@Command(name = "up",
        header = "Starts the local stack (Kafka, Connect, the databases, a registry) and a demo replication with a view.",
        description = {"Starts the local stack: a Kafka broker (KRaft), a Connect worker with the idaas plugins and a schema registry",
                "(the Confluent REST API) in this JVM, real PostgreSQL, MariaDB and Redis servers, and a server speaking MongoDB's wire protocol (in memory). Prints every endpoint and runs until Ctrl-C."},
        mixinStandardHelpOptions = true)
final class UpCommand implements Callable<Integer> {

    /** The ports --standard-ports asks for: each server's usual one. */
    static final Map<Component, Integer> STANDARD_PORTS = Map.of(Component.KAFKA, 9092, Component.CONNECT, 8083,
            Component.POSTGRES, 5432, Component.MARIADB, 3306, Component.REDIS, 6379, Component.MONGO, 27017, Component.REGISTRY, 8081);

    @Spec
    CommandSpec spec;

    @Option(names = "--only", split = ",", paramLabel = "PART",
            description = "Start only these parts (kafka, connect, postgres, mariadb, redis, mongo, registry), plus what they need: connect brings kafka.")
    List<String> only = List.of();

    @Option(names = "--port", paramLabel = "PART=PORT",
            description = "A fixed port for a part, e.g. --port kafka=9092 --port connect=8083; 0 or absent picks a free port.")
    Map<String, Integer> ports = new LinkedHashMap<>();

    @Option(names = "--standard-ports", description = "Use each server's usual port: kafka 9092, connect 8083, postgres 5432, mariadb 3306, redis 6379, mongo 27017, registry 8081.")
    boolean standardPorts;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = ".idaas/data",
            description = {"Where the servers keep their data, kept across runs (default: ${DEFAULT-VALUE}).",
                    "A later run on the same folder listens on the same ports (kept in DIR/ports.properties: connectors stored in "
                            + "Kafka name them), and stops servers a killed run left running there."})
    Path dataDir;

    @Option(names = "--clean", description = "Empty the data folder first, for a fresh stack (servers a killed run left running on it are stopped first).")
    boolean clean;

    @Option(names = "--no-demo", description = "Start only the stack, without the demo shop (MariaDB -> Kafka -> PostgreSQL, views, workload).")
    boolean noDemo;

    @Option(names = "--views-port", paramLabel = "PORT", defaultValue = "8090",
            description = "The demo views' HTTP port (default: ${DEFAULT-VALUE}; a free one when it is taken; 0 for any free one).")
    int viewsPort;

    @Option(names = "--demo-pause-ms", paramLabel = "MS", defaultValue = "250", hidden = true,
            description = "The pause between two changes of the demo workload (default: ${DEFAULT-VALUE}).")
    long demoPauseMs;

    @Option(names = "--demo-changes", paramLabel = "N", defaultValue = "0", hidden = true,
            description = "Stop the demo workload after N changes in this run (default: ${DEFAULT-VALUE}, never).")
    long demoChanges;

    @Option(names = "--plugin-path", paramLabel = "DIR",
            description = "The Connect worker's plugin.path (default: the unpacked bundle, connect-plugins/target/plugin-path).")
    Path pluginPath;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        LocalStack.Builder builder = configure().clean(clean);
        java.nio.file.Path logFile = io.idaas.cli.logging.IdaasLogging.toFolder(dataDir.resolve("logs"));
        out.println("Starting the idaas local stack (data in " + dataDir.toAbsolutePath() + "; servers' log in " + logFile.toAbsolutePath() + ") ...");
        out.flush();
        LocalStack stack = builder.start();
        ShopDemo[] demo = new ShopDemo[1];
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping the idaas local stack ...");
            if (demo[0] != null) {
                demo[0].close();
            }
            stack.close();
            System.out.println("Stopped.");
            stopped.countDown();
        }, "idaas-up-shutdown"));
        printEndpoints(out, stack);
        if (runsDemo(stack)) {
            out.printf("%nStarting the demo shop (--no-demo to skip):%n");
            out.flush();
            demo[0] = ShopDemo.start(stack, portOrFree(viewsPort), demoPauseMs, demoChanges, out);
            demo[0].printUsage(out);
        }
        out.printf("%nPress Ctrl-C to stop.%n");
        out.flush();
        stopped.await();
        return 0;
    }

    LocalStack.Builder configure() {
        LocalStack.Builder builder = LocalStack.builder().dataDir(dataDir)
                .pluginPath(pluginPath != null ? pluginPath : PluginPath.locate());
        if (!only.isEmpty()) {
            EnumSet<Component> chosen = EnumSet.noneOf(Component.class);
            only.forEach(id -> chosen.add(Component.fromId(id)));
            builder.only(chosen);
        }
        if (standardPorts) {
            STANDARD_PORTS.forEach(builder::port);
        }
        ports.forEach((id, port) -> builder.port(Component.fromId(id), port));
        return builder;
    }

    private static void printEndpoints(PrintWriter out, LocalStack stack) {
        out.printf("%nidaas local stack is up (%s) in %.1f s:%n", Component.ids(stack.components()), stack.startupTime().toMillis() / 1000.0);
        int width = stack.endpoints().stream().mapToInt(e -> e.label().length()).max().orElse(10);
        for (Endpoint e : stack.endpoints()) {
            out.printf("  %-" + width + "s  %s%n", e.label(), e.value());
        }
        out.flush();
    }

    /** The demo needs the broker, the Connect worker and both databases. */
    private boolean runsDemo(LocalStack stack) {
        return !noDemo && stack.components().containsAll(EnumSet.of(Component.KAFKA, Component.CONNECT, Component.POSTGRES,
                Component.MARIADB));
    }

    private static int portOrFree(int port) {
        if (port == 0) {
            return 0;
        }
        try (java.net.ServerSocket socket = new java.net.ServerSocket(port)) {
            return port;
        } catch (java.io.IOException e) {
            return 0;
        }
    }
}
