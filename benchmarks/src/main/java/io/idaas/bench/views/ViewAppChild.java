package io.idaas.bench.views;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The view app in a JVM of its own, started the way a user starts it: {@code bin/idaas views --file FILE ...}, that is
 * {@code java -cp cli/target/classes:<cli/target/classpath.txt> io.idaas.cli.Idaas views ...} (what bin/idaas runs
 * once the build is there). Its output goes to a log file; {@link #close()} stops it with SIGTERM (the CLI's shutdown
 * hook closes Kafka Streams), then SIGKILL after 30 s.
 */
final class ViewAppChild implements AutoCloseable {

    private final Process process;
    private final int port;
    private final long startedNanos;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private ViewAppChild(Process process, int port, long startedNanos) {
        this.process = process;
        this.port = port;
        this.startedNanos = startedNanos;
    }

    /**
     * Starts {@code idaas views} over {@code viewFile} with the HTTP API on a free port. {@code javaOptions} go to its
     * JVM (as {@code IDAAS_JAVA_OPTS} would), {@code streamsConfig} to Kafka Streams ({@code --streams-config}).
     */
    static ViewAppChild start(Path checkout, Path viewFile, String bootstrapServers, String applicationId, Path stateDir,
                              List<String> javaOptions, Map<String, String> streamsConfig, List<String> moreArguments, Path log)
            throws IOException {
        Path classes = checkout.resolve("cli/target/classes");
        Path classpathFile = checkout.resolve("cli/target/classpath.txt");
        if (!Files.isDirectory(classes) || !Files.exists(classpathFile)) {
            throw new IllegalStateException("the idaas command line is not built (" + classpathFile + " is missing); run "
                    + "./mvnw -DskipTests package -pl benchmarks -am from the checkout's root, and the benchmark from there");
        }
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(javaOptions);
        command.addAll(List.of("-cp", classes + ":" + Files.readString(classpathFile).trim(), "io.idaas.cli.Idaas", "views",
                "--file", viewFile.toString(), "--bootstrap-server", bootstrapServers, "--application-id", applicationId,
                "--http-port", String.valueOf(port), "--state-dir", stateDir.toString()));
        streamsConfig.forEach((k, v) -> command.addAll(List.of("--streams-config", k + "=" + v)));
        command.addAll(moreArguments);
        long started = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new ViewAppChild(process, port, started);
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    /**
     * Waits until {@code GET /ready} answers 200 (an app without {@code /ready}: until {@code GET /views/VIEW} says
     * Kafka Streams is RUNNING); returns the milliseconds from the process's start.
     */
    double awaitReady(String view, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean hasReady = true;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the view app stopped (exit " + process.exitValue() + "); see its log");
            }
            try {
                if (hasReady) {
                    HttpResponse<String> r = get("/ready");
                    if (r.statusCode() == 200) {
                        return (System.nanoTime() - startedNanos) / 1e6;
                    }
                    hasReady = r.statusCode() != 404;
                } else if (get("/views/" + view).body().contains("\"state\":\"RUNNING\"")) {
                    return (System.nanoTime() - startedNanos) / 1e6;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("the view app was not ready after " + timeout);
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor();
        }
    }
}
