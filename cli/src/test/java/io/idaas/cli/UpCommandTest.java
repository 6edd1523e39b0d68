package io.idaas.cli;

import io.idaas.stack.Component;
import io.idaas.stack.PluginPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import redis.clients.jedis.RedisClient;

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
        assertThat(err.toString()).contains("unknown part of the stack 'zookeeper'", "kafka,postgres,mariadb,redis,mongo,registry,connect");
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
            Matcher metrics = Pattern.compile("Connect metrics\\s+(http://\\S+/metrics)").matcher(printed);
            assertThat(metrics.find()).as(printed).isTrue();
            HttpResponse<String> scraped = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(metrics.group(1))).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(scraped.body()).contains("kafka_connect_connect_worker_metrics_connector_count");

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
     * ToDdml and the idaas sink, its views answer over HTTP, a token read sees the source as it is, and Redis holds the
     * customers (verified) and the customer_360 documents.
     */
    @Test
    void upRunsTheDemoShopFromMariaDbToPostgresAndTheViews(@TempDir Path dir) throws Exception {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path output = dir.resolve("up.out");
        Process up = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Didaas.plugin.path=" + PluginPath.locate(),
                "io.idaas.cli.Idaas", "up", "--only", "connect,postgres,mariadb,redis", "--views-port", "0", "--demo-pause-ms", "50",
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
            // Redis's copy of the customers, verified field by field at start; and how to look at it.
            assertThat(printed).containsPattern("idaas.demo_customers\\s+idaas:idaas.demo_customers:\\*.*\\sequal");
            Matcher redisCli = Pattern.compile("redis-cli -p (\\d+) HGETALL idaas:idaas.demo_customers:3").matcher(printed);
            assertThat(redisCli.find()).as(printed).isTrue();
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
            try (RedisClient redis = RedisClient.create("127.0.0.1", Integer.parseInt(redisCli.group(1)))) {
                await("customer 3 is in Redis").atMost(Duration.ofSeconds(60))
                        .until(() -> redis.hget("idaas:idaas.demo_customers:3", "name"), java.util.Objects::nonNull);
                await("customer 3's customer_360 document in Redis lists the new order").atMost(Duration.ofSeconds(60))
                        .until(() -> document(redis, "idaas:customer_360:3"), doc -> doc.contains(String.valueOf(orderId)));
            }
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
            String console = Files.readString(output);
            assertThat(console).contains("Stopped.");
            // The console holds what a user needs; the binlog client's java.util.logging lines and the Kafka clients'
            // warnings are in the log file.
            assertThat(console).doesNotContain("com.github.shyiko", "BinaryLogClient", "CONCURRENT_TRANSACTIONS");
            Path log = dir.resolve("data").resolve("logs").resolve("idaas-up.log");
            assertThat(Files.readString(log)).contains("com.github.shyiko.mysql.binlog.BinaryLogClient");
            assertThat(console).contains("idaas-up.log");
        } finally {
            up.descendants().forEach(ProcessHandle::destroyForcibly);
            up.destroyForcibly();
        }
    }

    /** A Redis row as text, whatever its shape: the JSON string, or the hash's fields. */
    private static String document(RedisClient redis, String key) {
        String type = redis.type(key);
        return switch (type) {
            case "string" -> redis.get(key);
            case "hash" -> redis.hgetAll(key).toString();
            default -> "";
        };
    }

    /**
     * Item 6 of issue 10: the main command run again on the same data folder after a crash. The demo runs with its
     * workload; the JVM is killed with SIGKILL mid-workload, and MariaDB with it, while PostgreSQL is left running as an
     * orphan (no process reaps it: nothing ran the JVM's shutdown hooks). The same command then starts the stack on the
     * same ports (the connectors stored in Kafka name them), stops the orphan, reuses the connectors, resumes the
     * workload, and PostgreSQL ends equal to MariaDB, judged with plain SQL; nobody does anything by hand in between.
     */
    @Test
    void upAgainAfterKill9OnTheSameDataFolderResumesAndTheCopyEndsEqual(@TempDir Path dir) throws Exception {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Didaas.plugin.path=" + PluginPath.locate(),
                "io.idaas.cli.Idaas", "up", "--only", "connect,postgres,mariadb", "--views-port", "0", "--demo-pause-ms", "50",
                "--demo-changes", "1000", "--data-dir", dir.resolve("data").toString());
        Path firstOutput = dir.resolve("up-1.out");
        Process first = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(firstOutput.toFile()).start();
        Process second = null;
        try {
            String printed = awaitOutput(firstOutput, "Press Ctrl-C to stop.", Duration.ofSeconds(300), first);
            String mariadb = jdbc(printed, "MariaDB JDBC");
            String postgres = jdbc(printed, "PostgreSQL JDBC");
            // Mid-workload: orders the workload placed in this run have reached PostgreSQL, and it has more to make.
            await("the workload's orders reach PostgreSQL").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                    .until(() -> count(postgres, "SELECT COUNT(*) FROM demo_orders WHERE id > 200") >= 20);
            assertThat(Files.readString(firstOutput)).doesNotContain("changes made; it stops here");

            List<ProcessHandle> servers = first.descendants().toList();
            ProcessHandle mariadbd = server(servers, "mariadbd", first.pid());
            ProcessHandle postmaster = server(servers, "postgres", first.pid());
            first.destroyForcibly(); // SIGKILL: no shutdown hook runs
            assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();
            mariadbd.destroyForcibly();
            mariadbd.onExit().get(60, TimeUnit.SECONDS);
            assertThat(postmaster.isAlive()).as("PostgreSQL outlives the killed JVM, an orphan").isTrue();

            Path secondOutput = dir.resolve("up-2.out");
            second = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(secondOutput.toFile()).start();
            String again = awaitOutput(secondOutput, "Press Ctrl-C to stop.", Duration.ofSeconds(300), second);
            for (String label : List.of("Kafka bootstrap", "Connect REST", "MariaDB JDBC", "PostgreSQL JDBC")) {
                assertThat(endpoint(again, label)).as(label + " after the restart").isEqualTo(endpoint(printed, label));
            }
            assertThat(postmaster.isAlive()).as("the orphaned PostgreSQL was stopped, and a new one started").isFalse();
            awaitOutput(secondOutput, "changes made; it stops here", Duration.ofSeconds(300), second);
            for (String table : List.of("demo_customers", "demo_orders")) {
                String columns = table.equals("demo_orders") ? "id, customer_id, status, amount" : "id, name, city";
                await(table + " in PostgreSQL equals MariaDB's").atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1))
                        .untilAsserted(() -> assertThat(rows(postgres, table, columns)).isEqualTo(rows(mariadb, table, columns)));
            }
            assertThat(rows(mariadb, "demo_orders", "id").size()).as("orders in MariaDB").isGreaterThan(200);
            String connect = endpoint(again, "Connect REST");
            for (String connector : List.of("demo-mariadb-source", "demo-mariadb-to-postgres")) {
                HttpResponse<String> status = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(connect + "/connectors/" + connector + "/status")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(status.body()).as(connector).contains("\"state\":\"RUNNING\"").doesNotContain("FAILED");
            }

            new ProcessBuilder("kill", "-TERM", String.valueOf(second.pid())).start().waitFor();
            assertThat(second.waitFor(120, TimeUnit.SECONDS)).as("idaas up exits after SIGTERM").isTrue();
            assertThat(Files.readString(secondOutput)).contains("Stopped.");
        } finally {
            for (Process p : java.util.Arrays.asList(first, second)) {
                if (p != null) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly();
                }
            }
            // Servers orphaned by the SIGKILL, should the second run not have stopped them.
            ProcessHandle.allProcesses().filter(h -> h.info().arguments().map(a -> String.join(" ", a).contains(dir.toString()))
                    .orElse(false)).forEach(ProcessHandle::destroyForcibly);
        }
    }

    /** The server process running {@code binary} that {@code parent} started. */
    private static ProcessHandle server(List<ProcessHandle> processes, String binary, long parent) {
        return processes.stream()
                .filter(h -> h.info().command().map(c -> Path.of(c).getFileName().toString().equals(binary)).orElse(false))
                .filter(h -> h.parent().map(p -> p.pid() == parent).orElse(false))
                .findFirst().orElseThrow(() -> new AssertionError("no " + binary + " process started by " + parent + " among "
                        + processes.stream().map(h -> h.info().command().orElse("?")).toList()));
    }

    private static long count(String jdbcUrl, String sql) {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(jdbcUrl, "idaas", "idaas");
             java.sql.Statement s = c.createStatement(); java.sql.ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        } catch (java.sql.SQLException e) {
            return -1; // not there yet
        }
    }

    /** The rows of {@code table}, ordered by id, each its columns' values joined (decimals by value). */
    private static List<String> rows(String jdbcUrl, String table, String columns) throws java.sql.SQLException {
        List<String> rows = new java.util.ArrayList<>();
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(jdbcUrl, "idaas", "idaas");
             java.sql.Statement s = c.createStatement();
             java.sql.ResultSet r = s.executeQuery("SELECT " + columns + " FROM " + table + " ORDER BY id")) {
            int n = r.getMetaData().getColumnCount();
            while (r.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    Object v = r.getObject(i);
                    row.append(v instanceof java.math.BigDecimal d ? d.stripTrailingZeros().toPlainString() : String.valueOf(v)).append('|');
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }

    /** The value printed on the line labelled {@code label} (its first word). */
    private static String endpoint(String printed, String label) {
        Matcher m = Pattern.compile(Pattern.quote(label) + "\\s+(\\S+)").matcher(printed);
        assertThat(m.find()).as(label + " in:%n" + printed).isTrue();
        return m.group(1);
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
