package io.idaas.cli;

import io.idaas.stack.StackEndpointsFile;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Which Kafka a command talks to: {@code --bootstrap-server}, else $IDAAS_BOOTSTRAP_SERVERS, else the running local stack. */
final class KafkaOptions {

    @Option(names = "--bootstrap-server", paramLabel = "HOST:PORT",
            description = "The Kafka cluster (default: $IDAAS_BOOTSTRAP_SERVERS, else the local stack running on --data-dir).")
    String bootstrapServer;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = ".idaas/data",
            description = "The data folder of a running `idaas up`, to find its Kafka (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--registry", paramLabel = "URL",
            description = "The schema registry for Avro (default: $IDAAS_SCHEMA_REGISTRY, else the local stack's, if it runs one).")
    String registry;

    /** The schema registry URL, if one is known. */
    java.util.Optional<String> registryUrl() {
        if (registry != null && !registry.isBlank()) {
            return java.util.Optional.of(registry);
        }
        String env = System.getenv("IDAAS_SCHEMA_REGISTRY");
        if (env != null && !env.isBlank()) {
            return java.util.Optional.of(env);
        }
        return StackEndpointsFile.read(dataDir).map(p -> p.getProperty(StackEndpointsFile.SCHEMA_REGISTRY));
    }

    String bootstrapServers() {
        if (bootstrapServer != null && !bootstrapServer.isBlank()) {
            return bootstrapServer;
        }
        String env = System.getenv("IDAAS_BOOTSTRAP_SERVERS");
        if (env != null && !env.isBlank()) {
            return env;
        }
        return StackEndpointsFile.read(dataDir)
                .map(p -> p.getProperty(StackEndpointsFile.KAFKA_BOOTSTRAP))
                .orElseThrow(() -> new IllegalArgumentException("no Kafka to talk to: no local stack runs on " + dataDir.toAbsolutePath()
                        + " (start one with `idaas up`, or pass --data-dir), and neither --bootstrap-server nor $IDAAS_BOOTSTRAP_SERVERS is set"));
    }
}
