package io.idaas.cli;

import io.idaas.stack.Component;
import io.idaas.stack.PluginPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class UpCommandTest {

    @Test
    void helpNamesEveryOption() {
        StringWriter out = new StringWriter();
        CommandLine cli = Idaas.commandLine();
        cli.setOut(new PrintWriter(out));
        assertThat(cli.execute("up", "--help")).isZero();
        assertThat(out.toString()).contains("--only", "--port", "--standard-ports", "--data-dir", "--clean", "--plugin-path", "registry 8081");
        assertThat(UpCommand.STANDARD_PORTS).containsKeys(Component.values());
    }

    @Test
    void anUnknownPartIsRefusedWithTheChoices() {
        StringWriter err = new StringWriter();
        CommandLine cli = Idaas.commandLine();
        cli.setErr(new PrintWriter(err));
        int code = cli.execute("up", "--only", "kafka,zookeeper", "--data-dir", "target/never-started");
        assertThat(code).isNotZero();
        assertThat(err.toString()).contains("unknown part of the stack 'zookeeper'", "kafka,postgres,mariadb,redis,registry,connect");
    }

    /**
     * What a user does: run {@code idaas up} in its own JVM, read the endpoints it prints, use them, press Ctrl-C
     * (sent as SIGTERM, see below), and find no process left: neither the JVM nor the database servers it started.
     */
    @Test
    void upPrintsWorkingEndpointsAndStoppingLeavesNoProcessBehind(@TempDir Path dir) throws Exception {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x")); // postgres may run as nobody
        Path output = dir.resolve("up.out");
        Process up = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Didaas.plugin.path=" + PluginPath.locate(),
                "io.idaas.cli.Idaas", "up", "--only", "connect,postgres,redis,registry", "--data-dir", dir.resolve("data").toString()))
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            String printed = awaitOutput(output, "Press Ctrl-C to stop.", Duration.ofSeconds(120), up);
            assertThat(printed).contains("Kafka bootstrap", "Connect REST", "PostgreSQL JDBC", "Redis", "Schema Registry");
            Matcher rest = Pattern.compile("Connect REST\\s+(http://\\S+)").matcher(printed);
            assertThat(rest.find()).isTrue();
            HttpResponse<String> plugins = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(rest.group(1) + "/connector-plugins")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(plugins.body()).contains("io.debezium.connector.postgresql.PostgresConnector", "io.debezium.connector.mariadb.MariaDbConnector");

            Matcher registry = Pattern.compile("Schema Registry\\s+(http://\\S+)").matcher(printed);
            assertThat(registry.find()).isTrue();
            HttpResponse<String> subjects = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(registry.group(1) + "/subjects")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(subjects.body()).isEqualTo("[]");

            List<ProcessHandle> servers = up.toHandle().descendants().toList();
            assertThat(servers).as("postgres and redis run as child processes").hasSizeGreaterThanOrEqualTo(2);

            // What Ctrl-C does, but as SIGTERM: a shell without job control starts background jobs with SIGINT
            // ignored, and the JVM then cannot handle it (HotSpot leaves an ignored SIGINT alone), so a CI that runs
            // this build in the background would never deliver it. The JVM runs the same shutdown hooks for both.
            new ProcessBuilder("kill", "-TERM", String.valueOf(up.pid())).start().waitFor();
            boolean exited = up.waitFor(120, TimeUnit.SECONDS);
            if (!exited) {
                // Say where it hangs: its output and its threads.
                Process dump = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                        String.valueOf(up.pid()), "Thread.print").redirectErrorStream(true).start();
                String threads = new String(dump.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                assertThat(exited).as("idaas up exits after SIGTERM; its output:%n%s%nits threads:%n%s",
                        Files.readString(output), threads).isTrue();
            }
            for (ProcessHandle server : servers) {
                server.onExit().get(10, TimeUnit.SECONDS);
                assertThat(server.isAlive()).as("server process %s", server.info().command().orElse("?")).isFalse();
            }
            assertThat(Files.readString(output)).contains("Stopped.");
        } finally {
            up.descendants().forEach(ProcessHandle::destroyForcibly);
            up.destroyForcibly();
        }
    }

    /**
     * The main job: {@code idaas up} with every part runs the demo shop. Its orders reach PostgreSQL through Debezium,
     * ToDdml and the idaas sink, its views answer over HTTP, and a token read sees the source as it is.
     */
    @Test
    void upRunsTheDemoShopFromMariaDbToPostgresAndTheViews(@TempDir Path dir) throws Exception {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path output = dir.resolve("up.out");
        Process up = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Didaas.plugin.path=" + PluginPath.locate(),
                "io.idaas.cli.Idaas", "up", "--only", "connect,postgres,mariadb", "--views-port", "0", "--demo-pause-ms", "50",
                "--data-dir", dir.resolve("data").toString()))
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            String printed = awaitOutput(output, "Press Ctrl-C to stop.", Duration.ofSeconds(300), up);
            Matcher views = Pattern.compile("curl (http://127\\.0\\.0\\.1:\\d+)/views").matcher(printed);
            assertThat(views.find()).as(printed).isTrue();
            String base = views.group(1);
            // The verification the demo runs at start, with the workload going: both tables equal after re-checks.
            assertThat(printed).containsPattern("idaas.demo_customers\\s+public.demo_customers\\s+.*\\sequal")
                    .containsPattern("idaas.demo_orders\\s+public.demo_orders\\s+.*\\sequal");
            String mariadb = jdbc(printed, "MariaDB JDBC");
            String postgres = jdbc(printed, "PostgreSQL JDBC");
            HttpClient http = HttpClient.newHttpClient();

            // The workload keeps changing the shop; with a token taken after a read of MariaDB, the view answers the
            // same as MariaDB did then or later, and PostgreSQL catches up with it.
            int orderId;
            String status;
            try (java.sql.Connection m = java.sql.DriverManager.getConnection(mariadb, "idaas", "idaas");
                 java.sql.Statement sql = m.createStatement()) {
                sql.execute("INSERT INTO demo_orders (id, customer_id, status, amount) VALUES (1000000, 3, 'placed', 12.50)");
                sql.execute("UPDATE demo_orders SET status = 'tested' WHERE id = 1000000");
                orderId = 1000000;
                status = "tested";
            }
            HttpResponse<String> token = http.send(HttpRequest.newBuilder(URI.create(base + "/token")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
            String at = java.net.URLEncoder.encode(new com.fasterxml.jackson.databind.ObjectMapper().readTree(token.body())
                    .path("token").asText(), java.nio.charset.StandardCharsets.UTF_8);
            HttpResponse<String> order = http.send(HttpRequest.newBuilder(URI.create(base + "/views/orders/key?id=" + orderId
                    + "&at_least=" + at + "&timeout_ms=30000")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(order.statusCode()).as(order.body()).isEqualTo(200);
            assertThat(order.body()).contains("\"status\":\"" + status + "\"");
            HttpResponse<String> customer = http.send(HttpRequest.newBuilder(URI.create(base + "/views/customer_360/key?id=3"
                    + "&at_least=" + at + "&timeout_ms=30000")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(customer.body()).contains("\"orders\":[", "\"id\":" + orderId);
            await("the order reaches PostgreSQL").atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                try (java.sql.Connection p = java.sql.DriverManager.getConnection(postgres, "idaas", "idaas");
                     java.sql.Statement sql = p.createStatement();
                     java.sql.ResultSet r = sql.executeQuery("SELECT status FROM demo_orders WHERE id = " + orderId)) {
                    assertThat(r.next()).isTrue();
                    assertThat(r.getString(1)).isEqualTo(status);
                }
            });

            new ProcessBuilder("kill", "-TERM", String.valueOf(up.pid())).start().waitFor();
            assertThat(up.waitFor(120, TimeUnit.SECONDS)).as("idaas up exits after SIGTERM").isTrue();
            assertThat(Files.readString(output)).contains("Stopped.");
        } finally {
            up.descendants().forEach(ProcessHandle::destroyForcibly);
            up.destroyForcibly();
        }
    }

    /** The JDBC URL printed on the line labelled {@code label}. */
    private static String jdbc(String printed, String label) {
        Matcher m = Pattern.compile(Pattern.quote(label) + "\\s+(jdbc:\\S+)").matcher(printed);
        assertThat(m.find()).as(label + " in:%n" + printed).isTrue();
        return m.group(1);
    }

    /** Waits until {@code idaas up} printed {@code marker}; fails at once, with its output, if it exited first. */
    private static String awaitOutput(Path output, String marker, Duration timeout, Process process) {
        await("idaas up to print '" + marker + "'").atMost(timeout).pollInterval(Duration.ofMillis(200)).until(() -> {
            String text = Files.exists(output) ? Files.readString(output) : "";
            if (!text.contains(marker) && !process.isAlive()) {
                throw new AssertionError("idaas up exited with " + process.exitValue() + ":\n" + text);
            }
            return text.contains(marker);
        });
        try {
            return Files.readString(output);
        } catch (IOException e) {
            throw new AssertionError("cannot read " + output, e);
        }
    }
}
