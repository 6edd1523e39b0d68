package io.idaas.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idaas.configs.ConnectConfig;
import io.idaas.stack.Component;
import io.idaas.stack.LocalStack;
import io.idaas.stack.postgres.PostgresServer;
import io.idaas.views.app.ViewApp;
import io.idaas.views.declaration.ViewDeclaration;
import io.idaas.views.declaration.ViewDeclarations;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code idaas status} on a real pipeline: a DDML source over the stack's PostgreSQL and the idaas JDBC sink copying it
 * into another PostgreSQL database, caught up, then lagging (paused while rows are written), then next to a sink whose
 * task FAILED because the target refused its password; a record no converter reads is counted in the dead-letter
 * topic. The command finds Connect and Kafka through the stack's endpoints file, as a user's would.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StatusCommandTest {

    @TempDir
    static Path dir;
    static Path dataDir;
    static LocalStack stack;
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void startAPipeline() throws Exception {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x")); // postgres may run as nobody
        dataDir = dir.resolve("data");
        stack = LocalStack.builder().dataDir(dataDir).only(Component.CONNECT, Component.POSTGRES).start();
        PostgresServer pg = stack.postgres();
        try (Connection c = source(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE status_t (id INT PRIMARY KEY, v TEXT)");
            s.execute("INSERT INTO status_t VALUES (1, 'a'), (2, 'b'), (3, 'c')");
            s.execute("CREATE DATABASE status_copy");
            s.execute("CREATE USER status_user PASSWORD 'right'");
            s.execute("CREATE DATABASE status_bad OWNER status_user");
        }
        create(ConnectConfig.named("postgres-ddml-source").render(Map.of("name", "st-source", "topic.prefix", "st",
                "postgres.host", pg.host(), "postgres.port", String.valueOf(pg.port()), "postgres.user", pg.user(),
                "postgres.password", pg.password(), "postgres.database", pg.database(), "slot.name", "idaas_st")));
        create(sink("st-sink", "status_copy", pg.user(), pg.password()));
    }

    /** The shipped postgres-to-postgres sink of the {@code st} topics into {@code database}. */
    static ObjectNode sink(String name, String database, String user, String password) {
        PostgresServer pg = stack.postgres();
        return ConnectConfig.named("postgres-to-postgres").render(Map.of("name", name, "topic.prefix", "st",
                "postgres.jdbc.url", "jdbc:postgresql://" + pg.host() + ":" + pg.port() + "/" + database,
                "postgres.user", user, "postgres.password", password, "kafka.bootstrap", stack.kafka().bootstrapServers()));
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void aRunningPipelineCaughtUpHasNoLag() {
        await("st-sink caught up").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).until(() ->
                copied() == 3 && lagOf(status().json(), "st-sink").path("records").asLong(-1) == 0);
        Run table = status();
        assertThat(table.exit()).as(table.out() + table.err()).isZero();
        assertThat(table.out()).containsPattern("(?m)^CONNECTOR +TYPE +STATE +TASKS +LAG RECORDS +LAG SECONDS +DEAD LETTERS$")
                .containsPattern("(?m)^st-sink +sink +RUNNING +1/1 +0 +0 +0$")
                .containsPattern("(?m)^st-source +source +RUNNING +1/1 +- +- +-$");
        JsonNode sink = connector(table.json(), "st-sink");
        assertThat(sink.path("lag").path("seconds").asLong()).isZero();
        assertThat(sink.path("lag").path("consumer_group").asText()).isEqualTo("connect-st-sink");
        assertThat(sink.path("lag").path("topics").toString()).contains("st.public.status_t");
        assertThat(sink.path("dead_letters").path("topic").asText()).isEqualTo("st.dlq");
        assertThat(sink.path("tasks").get(0).path("worker_id").asText()).isNotBlank();
    }

    @Test
    @Order(2)
    void aPausedSinkLagsInRecordsAndSecondsThenCatchesUp() throws Exception {
        put("/connectors/st-sink/pause");
        await("st-sink paused").atMost(Duration.ofSeconds(60)).until(() -> "PAUSED".equals(connector(status().json(), "st-sink")
                .path("tasks").get(0).path("state").asText()));
        // A record no converter can read: the sink sends it to its dead-letter topic once it resumes.
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()))) {
            producer.send(new ProducerRecord<>("st.public.status_t", "{\"id\":99}".getBytes(StandardCharsets.UTF_8),
                    "not DDML".getBytes(StandardCharsets.UTF_8))).get();
        }
        try (Connection c = source(); Statement s = c.createStatement()) {
            for (int id = 4; id <= 8; id++) {
                s.execute("INSERT INTO status_t VALUES (" + id + ", 'later')");
            }
        }
        // Five inserts and their transactions' BEGIN and END events reach the topics; the oldest waits a second or more.
        await("st-sink lagging").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            JsonNode lag = lagOf(status().json(), "st-sink");
            return lag.path("records").asLong() >= 5 && lag.path("seconds").asLong() >= 1;
        });
        Run paused = status();
        assertThat(paused.exit()).as("a paused sink is not a failure").isZero();
        assertThat(paused.out()).containsPattern("(?m)^st-sink +sink +PAUSED +0/1 +([5-9]|1[0-9]) +[1-9][0-9]* +0$")
                .contains("st-sink task 0: PAUSED on worker ");
        assertThat(copied()).isEqualTo(3);

        put("/connectors/st-sink/resume");
        await("st-sink caught up again").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() ->
                copied() == 8 && lagOf(status().json(), "st-sink").path("records").asLong(-1) == 0);
        assertThat(lagOf(status().json(), "st-sink").path("seconds").asLong()).isZero();
        await("the bad record dead-lettered").atMost(Duration.ofSeconds(30)).until(() ->
                connector(status().json(), "st-sink").path("dead_letters").path("records").asLong() == 1);
        assertThat(status().out()).containsPattern("(?m)^st-sink +sink +RUNNING +1/1 +0 +0 +1$");
    }

    @Test
    @Order(3)
    void aTaskThatFailedShowsItsTraceAndFixAndExitsTwo() throws Exception {
        ObjectNode bad = sink("st-bad", "status_bad", "status_user", "right");
        ((ObjectNode) bad.path("config")).put("max.retries", "0").put("errors.deadletterqueue.topic.name", "st.bad.dlq");
        create(bad);
        await("st-bad running").atMost(Duration.ofSeconds(60)).until(() -> connector(status().json(), "st-bad").path("tasks_running").asInt() == 1);
        try (Connection c = source(); Statement s = c.createStatement()) {
            s.execute("ALTER USER status_user PASSWORD 'changed'");
        }
        post("/connectors/st-bad/restart?includeTasks=true");
        await("st-bad failed").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> status().exit() == 2);

        Run failed = status();
        assertThat(failed.exit()).isEqualTo(2);
        assertThat(failed.out()).containsPattern("(?m)^st-bad +sink +RUNNING +0/1 \\(1 FAILED\\) ")
                .containsPattern("(?m)^st-sink +sink +RUNNING +1/1 +0 +0 +1$")
                .contains("st-bad task 0: FAILED on worker ", "password authentication failed for user \"status_user\"",
                        "  fix (authentication failed): the database refused the user or password");
        String details = failed.out().substring(failed.out().indexOf("st-bad task 0: FAILED"));
        assertThat(details.lines().skip(1).takeWhile(l -> l.startsWith("    ")).count()).isBetween(2L, 4L);

        JsonNode json = failed.json();
        assertThat(json.path("failed").asBoolean()).isTrue();
        assertThat(json.path("connect_url").asText()).isEqualTo(stack.connect().restUrl());
        JsonNode task = connector(json, "st-bad").path("tasks").get(0);
        assertThat(task.path("state").asText()).isEqualTo("FAILED");
        assertThat(task.path("trace").asText()).contains("password authentication failed");
        assertThat(task.path("trace_head").size()).isBetween(2, 4);
        assertThat(task.path("fix").asText()).startsWith("the database refused the user or password");
        assertThat(connector(json, "st-source").path("state").asText()).isEqualTo("RUNNING");
    }

    @Test
    @Order(4)
    void aSnapshotShowsItsProgressWhileRunningThenCompleted() throws Exception {
        PostgresServer pg = stack.postgres();
        try (Connection c = source(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE snap_t (id INT PRIMARY KEY, v TEXT)");
            s.execute("INSERT INTO snap_t SELECT i, repeat('x', 10) FROM generate_series(1, 100000) i");
            s.execute("ANALYZE snap_t"); // the estimate status reads: pg_class.reltuples
        }
        ObjectNode source = ConnectConfig.named("postgres-ddml-source").render(Map.of("name", "snap-source", "topic.prefix", "snap",
                "postgres.host", pg.host(), "postgres.port", String.valueOf(pg.port()), "postgres.user", pg.user(),
                "postgres.password", pg.password(), "postgres.database", pg.database(), "slot.name", "idaas_snap"));
        // Small batches, so that the snapshot of 100,000 rows lasts a few seconds; Debezium counts RowsScanned every 10,000.
        ((ObjectNode) source.path("config")).put("table.include.list", "public.snap_t").put("snapshot.fetch.size", "100")
                .put("max.batch.size", "20").put("max.queue.size", "40").put("poll.interval.ms", "50");
        create(source);

        JsonNode running = await("the snapshot running with rows done").atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(200)).until(() -> connector(status().json(), "snap-source").path("snapshot"),
                        n -> n.path("state").asText().equals("running") && n.path("rows_done").asLong() > 0
                                || n.path("state").asText().equals("completed"));
        assertThat(running.path("state").asText()).as("seen running, not only completed: %s", running).isEqualTo("running");
        assertThat(running.path("tables_total").asInt()).isEqualTo(1);
        assertThat(running.path("rows_done").asLong()).isBetween(10_000L, 99_999L);
        JsonNode table = running.path("tables").get(0);
        assertThat(table.path("table").asText()).endsWith("snap_t");
        assertThat(table.path("rows_total_estimate").asLong()).isCloseTo(100_000L, org.assertj.core.data.Percentage.withPercentage(2));

        JsonNode done = await("the snapshot completed").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                .until(() -> connector(status().json(), "snap-source").path("snapshot"), n -> n.path("state").asText().equals("completed"));
        assertThat(done.path("rows_done").asLong()).isEqualTo(100_000);
        assertThat(done.path("tables_remaining").asInt()).isZero();
        Run table2 = status();
        assertThat(table2.out()).containsPattern("(?m)^Snapshot of snap-source: completed, 1 of 1 tables done, [0-9]+ s")
                .containsPattern("(?m)^  public\\.snap_t +100000 of ~[0-9]+ rows$");
        assertThat(status().json().path("metrics_url").asText()).isEqualTo(stack.connect().metricsUrl());
    }

    @Test
    @Order(5)
    void withoutTheWorkersMetricsEndpointStatusSaysSoInOneLine() throws Exception {
        Path elsewhere = Files.createDirectories(dir.resolve("no-stack"));
        StringWriter out = new StringWriter();
        CommandLine cli = Idaas.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(new StringWriter()));
        cli.execute("status", "--data-dir", elsewhere.toString(), "--connect-url", stack.connect().restUrl(),
                "--bootstrap-server", stack.kafka().bootstrapServers());
        assertThat(out.toString().lines().filter(l -> l.contains("snapshot progress needs"))).singleElement()
                .asString().contains("--metrics URL");
    }

    @Test
    @Order(6)
    void aViewShowsItsLagInRecordsAndItsFreshness(@TempDir Path state) throws Exception {
        List<ViewDeclaration> views = ViewDeclarations.parse("""
                views:
                  - name: status_rows
                    kind: table
                    topic: st.public.status_t
                """, "status");
        Properties extra = new Properties();
        extra.put("auto.offset.reset", "earliest");
        // test 2's record that is not DDML is skipped, as a view app reading a topic with such records would be set up
        extra.put("deserialization.exception.handler", "org.apache.kafka.streams.errors.LogAndContinueExceptionHandler");
        try (ViewApp app = ViewApp.start(views, new ViewApp.Settings(stack.kafka().bootstrapServers(), "status-views",
                "127.0.0.1", 0, state, extra))) {
            String url = "http://127.0.0.1:" + app.httpPort();
            JsonNode caughtUp = await("the view caught up").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> view(url), v -> v.path("lag_records").asLong(-1) == 0 && v.path("freshness_seconds").isNumber());
            assertThat(caughtUp.path("application_id").asText()).isEqualTo("status-views");
            assertThat(caughtUp.path("topics").toString()).contains("st.public.status_t");
            assertThat(caughtUp.path("freshness_seconds").asDouble()).isPositive();

            app.pause();
            try (Connection c = source(); Statement s = c.createStatement()) {
                for (int id = 100; id < 105; id++) {
                    s.execute("INSERT INTO status_t VALUES (" + id + ", 'for the view')");
                }
            }
            await("the paused view lagging").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> view(url).path("lag_records").asLong() >= 5);
            assertThat(status("--views", url).out()).contains("Views at " + url + " (application.id status-views)")
                    .containsPattern("(?m)^VIEW +LAG RECORDS +FRESHNESS SECONDS$")
                    .containsPattern("(?m)^status_rows +([5-9]|[1-9][0-9]+) +[0-9]+\\.[0-9]$");
            app.resume();
            await("the view caught up again").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> view(url).path("lag_records").asLong(-1) == 0);
        }
    }

    /** The one view of {@code status --views url --json}. */
    static JsonNode view(String url) throws Exception {
        JsonNode views = JSON.readTree(status("--views", url, "--json").out()).path("views");
        assertThat(views.path("problem").isNull()).as(views.toString()).isTrue();
        return views.path("views").get(0);
    }

    // --- the command, as a user runs it ---

    record Run(int exit, String out, String err) {
        JsonNode json() {
            try {
                return JSON.readTree(status("--json").out());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
    }

    static Run status(String... more) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Idaas.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        String[] args = new String[more.length + 3];
        args[0] = "status";
        args[1] = "--data-dir";
        args[2] = dataDir.toString();
        System.arraycopy(more, 0, args, 3, more.length);
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    static JsonNode connector(JsonNode status, String name) {
        for (JsonNode c : status.path("connectors")) {
            if (name.equals(c.path("name").asText())) {
                return c;
            }
        }
        throw new AssertionError("no connector " + name + " in " + status.toPrettyString());
    }

    static JsonNode lagOf(JsonNode status, String name) {
        return connector(status, name).path("lag");
    }

    // --- plain SQL and plain REST, not the command's own code ---

    static Connection source() throws SQLException {
        PostgresServer pg = stack.postgres();
        return DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
    }

    static long copied() throws SQLException {
        PostgresServer pg = stack.postgres();
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + pg.host() + ":" + pg.port() + "/status_copy", pg.user(), pg.password());
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT count(*) FROM information_schema.tables WHERE table_name = 'status_t'")) {
            r.next();
            if (r.getInt(1) == 0) {
                return 0;
            }
            try (ResultSet rows = s.executeQuery("SELECT count(*) FROM status_t")) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    static void create(ObjectNode body) throws Exception {
        send("POST", "/connectors", body.toString(), 201);
    }

    static void put(String path) throws Exception {
        send("PUT", path, "", 202);
    }

    static void post(String path) throws Exception {
        send("POST", path, "", 202);
    }

    private static void send(String method, String path, String body, int expected) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(stack.connect().restUrl() + path))
                .header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isEqualTo(expected);
    }
}
