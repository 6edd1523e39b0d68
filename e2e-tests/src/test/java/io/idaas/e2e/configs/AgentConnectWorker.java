package io.idaas.e2e.configs;

import io.idaas.stack.connect.ConnectWorkerProcess;
import io.idaas.stack.connect.LocalWorkerSettings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Connect worker JVM run as the compose stack's {@code connect} service runs it: the local stack's worker properties
 * (a group and internal topics of its own, so it is a Connect cluster apart from the stack's worker) and the Prometheus
 * JMX exporter's javaagent that docker-compose/target/jmx holds, with docker-compose/jmx-exporter.yml, on a free port.
 */
final class AgentConnectWorker implements AutoCloseable {

    private static final Duration READY = Duration.ofSeconds(120);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final int restPort;
    private final int metricsPort;
    private final Path log;

    private AgentConnectWorker(Process process, int restPort, int metricsPort, Path log) {
        this.process = process;
        this.restPort = restPort;
        this.metricsPort = metricsPort;
        this.log = log;
    }

    /** Starts the worker and waits until its REST API and the agent's /metrics answer. */
    static AgentConnectWorker start(String bootstrapServers, Path pluginPath, String group, Path dir) throws Exception {
        int restPort = freePort();
        int metricsPort = freePort();
        Map<String, String> properties = new LinkedHashMap<>(LocalWorkerSettings.properties(bootstrapServers, pluginPath, restPort));
        properties.put("group.id", group);
        properties.put("config.storage.topic", group + "-configs");
        properties.put("offset.storage.topic", group + "-offsets");
        properties.put("status.storage.topic", group + "-status");
        Files.createDirectories(dir);
        Path file = dir.resolve(group + ".properties");
        StringBuilder text = new StringBuilder();
        properties.forEach((k, v) -> text.append(k).append('=').append(v.replace("\\", "\\\\")).append('\n'));
        Files.writeString(file, text, StandardCharsets.UTF_8);
        Path agent = ComposeFile.DIR.resolve("target/jmx/jmx_prometheus_javaagent.jar").toAbsolutePath().normalize();
        Path rules = ComposeFile.DIR.resolve("jmx-exporter.yml").toAbsolutePath().normalize();
        Path log = dir.resolve(group + ".log");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-javaagent:" + agent + "=" + metricsPort + ":" + rules,
            "-Xms64m", "-Xmx768m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-cp", ConnectWorkerProcess.thisJvmClasspath(), "org.apache.kafka.connect.cli.ConnectDistributed", file.toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        AgentConnectWorker worker = new AgentConnectWorker(process, restPort, metricsPort, log);
        long deadline = System.nanoTime() + READY.toNanos();
        while (!(worker.answers(worker.restUrl() + "/connectors") && worker.answers(worker.metricsUrl()))) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                worker.close();
                throw new IllegalStateException("the worker with the JMX exporter's agent did not start within " + READY.toSeconds()
                    + " s (exit " + (process.isAlive() ? "none" : process.exitValue()) + "); see " + log);
            }
            Thread.sleep(250);
        }
        return worker;
    }

    String restUrl() {
        return "http://127.0.0.1:" + restPort;
    }

    String metricsUrl() {
        return "http://127.0.0.1:" + metricsPort + "/metrics";
    }

    Path log() {
        return log;
    }

    /** The agent's answer on /metrics, in Prometheus' text format. */
    String scrape() throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(metricsUrl())).timeout(Duration.ofSeconds(20)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(metricsUrl() + " answered " + response.statusCode());
        }
        return response.body();
    }

    private boolean answers(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
