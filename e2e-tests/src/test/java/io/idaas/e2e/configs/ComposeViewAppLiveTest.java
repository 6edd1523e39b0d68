package io.idaas.e2e.configs;

import io.idaas.stack.LocalStack;
import io.idaas.stack.junit.LocalStackExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

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
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The view-app service's command, run as the container runs it but on this machine: {@code java -cp <lib>/*
 * io.idaas.cli.Idaas views ...} on the jars the build copied to docker-compose/target/view-app/lib (nothing else on
 * the classpath), with the compose file's options but the paths, hosts and ports of this machine, over a view of a
 * topic made for the run on the shared stack's Kafka. It must become ready and serve its view: the jar set is enough.
 */
@ExtendWith(LocalStackExtension.class)
class ComposeViewAppLiveTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void theViewAppRunsOnTheCopiedJars(LocalStack stack) throws Exception {
        ComposeFile compose = ComposeFile.read();
        String topic = "compose.view.app." + UUID.randomUUID().toString().substring(0, 8);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        Path dir = Files.createDirectories(Path.of("target", "compose-view-app"));
        Path views = dir.resolve("views.yaml");
        Files.writeString(views, "views:\n  - name: customers\n    kind: table\n    topic: " + topic + "\n");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path lib = compose.mountAt("view-app", "/opt/idaas/lib").hostPath().toAbsolutePath().normalize();
        Map<String, String> here = Map.of(
            "/opt/idaas/lib/*", lib + "/*",
            "--file", views.toAbsolutePath().toString(),
            "--bootstrap-server", stack.kafka().bootstrapServers(),
            "--http-host", "127.0.0.1",
            "--http-port", String.valueOf(port),
            "--state-dir", dir.resolve("state-" + topic).toAbsolutePath().toString());
        List<String> command = new ArrayList<>();
        List<String> composed = compose.command("view-app");
        for (int i = 0; i < composed.size(); i++) {
            String arg = composed.get(i);
            if (i == 0) {
                command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            } else if (here.containsKey(arg) && arg.startsWith("--")) {
                command.add(arg);
                command.add(here.get(arg));
                i++;
            } else {
                command.add(here.getOrDefault(arg, arg));
            }
        }
        // An application id of the run's own (no group, store or changelog topic shared with other tests on the stack);
        // no JIT warm-up, which is not what this checks.
        command.addAll(List.of("--application-id", "compose-" + topic.replace('.', '-'), "--warmup-events", "0"));
        assertThat(String.join(" ", command)).contains("io.idaas.cli.Idaas views").doesNotContain("/opt/idaas", "kafka:29092");
        Path log = dir.resolve("view-app.log");
        Process app = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            String base = "http://127.0.0.1:" + port;
            await("the view app on the copied jars ready on " + base + " (log " + log + ")").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .failFast("the view app exited", () -> assertThat(app.isAlive()).as("alive; log " + log).isTrue())
                .until(() -> status(base + "/ready") == 200);
            assertThat(get(base + "/views")).contains("customers").contains(topic);
            assertThat(get(base + "/views/customers")).contains("RUNNING");
            assertThat(status(base + "/health")).isEqualTo(200);
        } finally {
            app.destroy();
            if (!app.waitFor(30, TimeUnit.SECONDS)) {
                app.destroyForcibly().waitFor();
            }
        }
    }

    private static int status(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static String get(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build(),
            HttpResponse.BodyHandlers.ofString()).body();
    }
}
