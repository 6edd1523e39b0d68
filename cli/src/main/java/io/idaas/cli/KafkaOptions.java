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

    /** How long {@link #reachableBootstrapServers()} waits for the cluster to answer. */
    static final java.time.Duration PROBE_TIMEOUT = java.time.Duration.ofSeconds(5);

    /**
     * {@link #bootstrapServers()}, once the cluster answered within {@link #PROBE_TIMEOUT}: a command then fails in one
     * line, instead of the client's retries (a WARN each) and a raw timeout. The client's loggers are quiet meanwhile.
     *
     * @throws KafkaUnreachableException naming the servers and how to point the command elsewhere
     */
    String reachableBootstrapServers() {
        String servers = bootstrapServers();
        probe(servers, PROBE_TIMEOUT, fromStackFile() ? "is `idaas up` still running on " + dataDir
                + "? start it, or set --bootstrap-server" : "is it running? set --bootstrap-server");
        return servers;
    }

    private boolean fromStackFile() {
        return (bootstrapServer == null || bootstrapServer.isBlank())
                && (System.getenv("IDAAS_BOOTSTRAP_SERVERS") == null || System.getenv("IDAAS_BOOTSTRAP_SERVERS").isBlank());
    }

    static void probe(String servers, java.time.Duration timeout, String hint) {
        String ms = String.valueOf(timeout.toMillis());
        org.apache.logging.log4j.Level before = org.apache.logging.log4j.LogManager.getLogger("org.apache.kafka").getLevel();
        org.apache.logging.log4j.core.config.Configurator.setLevel("org.apache.kafka", org.apache.logging.log4j.Level.OFF);
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(java.util.Map.of(
                org.apache.kafka.clients.admin.AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
                org.apache.kafka.clients.admin.AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, ms,
                org.apache.kafka.clients.admin.AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, ms,
                org.apache.kafka.clients.admin.AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, ms,
                org.apache.kafka.clients.admin.AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, ms))) {
            admin.describeCluster(new org.apache.kafka.clients.admin.DescribeClusterOptions().timeoutMs((int) timeout.toMillis()))
                    .nodes().get(timeout.toMillis() + 1_000, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException
                 | org.apache.kafka.common.KafkaException e) {
            throw new KafkaUnreachableException("cannot reach Kafka at " + servers + " within " + timeout.toSeconds() + " s: " + hint);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaUnreachableException("interrupted while reaching Kafka at " + servers);
        } finally {
            org.apache.logging.log4j.core.config.Configurator.setLevel("org.apache.kafka", before);
        }
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
