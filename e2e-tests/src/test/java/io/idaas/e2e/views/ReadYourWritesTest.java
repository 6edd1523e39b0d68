package io.idaas.e2e.views;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idaas.ddml.consistency.ConsistencyToken;
import io.idaas.ddml.consistency.ConsistencyTokens;
import io.idaas.ddml.consistency.SourceLog;
import io.idaas.e2e.ConnectRest;
import io.idaas.e2e.KafkaTopics;
import io.idaas.e2e.SourceDatabase;
import io.idaas.stack.JdbcServer;
import io.idaas.stack.LocalStack;
import io.idaas.stack.junit.LocalStackExtension;
import io.idaas.stack.metrics.PrometheusText;
import io.idaas.views.app.ViewApp;
import io.idaas.views.consistency.SourceDeclaration;
import io.idaas.views.consistency.ViewClient;
import io.idaas.views.declaration.ViewDeclarations;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Read-your-writes through the views, on real sources: client threads each write a row, take a consistency token
 * from their own connection right after the commit, and read the row back from a table view and an aggregate view
 * (which goes through a repartition topic) with that token. Every read with the token must see the write; reads
 * without it, made first, are counted as stale or fresh and reported.
 */
@ExtendWith(LocalStackExtension.class)
class ReadYourWritesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int THREADS = 8;

    @ParameterizedTest(name = "{0}: {1} trials")
    @CsvSource({"MARIADB, 1000", "POSTGRES, 400"})
    void everyReadWithTheTokenSeesItsWrite(SourceDatabase db, int trials, LocalStack stack, @TempDir Path state) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String table = "ryw_" + run;
        String heartbeats = "idaas_heartbeat";
        String prefix = "ryw_" + run;
        String connector = "ryw-" + run;
        JdbcServer server = db.server(stack);
        SourceLog system = db == SourceDatabase.POSTGRES ? SourceLog.POSTGRESQL : SourceLog.MARIADB;
        try (Connection c = db.open(stack); Statement sql = c.createStatement()) {
            sql.execute("CREATE TABLE " + table + " (id INT PRIMARY KEY, writer INT NOT NULL, v VARCHAR(40) NOT NULL)");
            // Before the connector starts, so that its snapshot knows the table (as the README asks).
            sql.execute(system.createHeartbeatTable(heartbeats));
            sql.execute("INSERT INTO " + table + " VALUES (0, 0, 'first')");
        }
        ObjectNode source = db.connector(stack, db.ddmlConfig(), connector, prefix);
        ObjectNode config = (ObjectNode) source.get("config");
        config.put("table.include.list", db.qualified(stack, table) + "," + db.qualified(stack, heartbeats));
        config.put("poll.interval.ms", "50");
        ConnectRest connect = new ConnectRest(stack.connect().restUrl());
        connect.create(source);
        ViewApp app = null;
        try {
            connect.awaitRunning(connector, Duration.ofSeconds(60));
            String topic = db.topicOf(stack, prefix, table);
            KafkaTopics.awaitTopic(stack, topic);
            Properties extra = new Properties();
            extra.put("auto.offset.reset", "earliest");
            extra.put("commit.interval.ms", "50");
            String applicationId = "ryw-" + run;
            SourceDeclaration src = new SourceDeclaration("src", system, server.jdbcUrl(), server.user(), server.password(),
                    heartbeats, db.topicOf(stack, prefix, heartbeats), Duration.ofSeconds(1));
            app = ViewApp.start(ViewDeclarations.parse("""
                    views:
                      - {name: items, kind: table, topic: %1$s}
                      - name: last_per_writer
                        kind: aggregate
                        topic: %1$s
                        group_by: [writer]
                        aggregates: {last: {op: latest, field: v}, rows: {op: count}}
                    """.formatted(topic), "test"), List.of(src),
                    new ViewApp.Settings(stack.kafka().bootstrapServers(), applicationId, "127.0.0.1", 0, state, extra));
            ViewApp started = app;
            await("the view app runs").atMost(Duration.ofSeconds(60)).until(() -> started.state() == KafkaStreams.State.RUNNING);
            ViewClient views = new ViewClient(URI.create("http://127.0.0.1:" + app.httpPort()));
            await("the first row is in the view").atMost(Duration.ofSeconds(60))
                    .until(() -> views.get("items", Map.of("id", 0), Duration.ofSeconds(1)).isPresent());

            AtomicInteger stale = new AtomicInteger();
            AtomicInteger staleAggregate = new AtomicInteger();
            List<Long> waits = java.util.Collections.synchronizedList(new ArrayList<>());
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 1; t <= THREADS; t++) {
                int writer = t;
                done.add(pool.submit(() -> {
                    ViewClient client = new ViewClient(URI.create("http://127.0.0.1:" + started.httpPort()));
                    try (Connection c = db.open(stack);
                         PreparedStatement upsert = c.prepareStatement(upsert(db, table))) {
                        for (int i = 0; i < trials / THREADS; i++) {
                            int id = writer * 100_000 + i % 50; // inserts first, then updates of the same rows
                            String value = "w" + writer + "-" + i;
                            upsert.setInt(1, id);
                            upsert.setInt(2, writer);
                            upsert.setString(3, value);
                            upsert.executeUpdate();
                            ConsistencyToken token = ConsistencyTokens.current(c, "src");
                            client.observe(token);

                            if (!value.equals(text(client.getWithoutToken("items", Map.of("id", id)), "v"))) {
                                stale.incrementAndGet();
                            }
                            if (!value.equals(text(client.getWithoutToken("last_per_writer", Map.of("writer", writer)), "last"))) {
                                staleAggregate.incrementAndGet();
                            }
                            long start = System.nanoTime();
                            JsonNode row = client.get("items", Map.of("id", id), Duration.ofSeconds(20)).orElseThrow();
                            assertThat(row.path("v").asText()).as("row %d read with %s", id, token).isEqualTo(value);
                            JsonNode group = client.get("last_per_writer", Map.of("writer", writer), Duration.ofSeconds(20))
                                    .orElseThrow();
                            assertThat(group.path("last").asText()).as("writer %d read with %s", writer, token).isEqualTo(value);
                            waits.add((System.nanoTime() - start) / 1_000_000);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            pool.shutdown();
            int made = THREADS * (trials / THREADS);
            List<Long> sorted = waits.stream().sorted().toList();
            System.out.printf("read-your-writes on %s: %d trials, every read with the token saw its write; without the token "
                            + "%d (%.1f%%) table-view reads and %d (%.1f%%) aggregate-view reads were stale; "
                            + "two reads with the token took p50 %d ms, p99 %d ms%n", db, made, stale.get(),
                    100.0 * stale.get() / made, staleAggregate.get(), 100.0 * staleAggregate.get() / made,
                    sorted.get(sorted.size() / 2), sorted.get(sorted.size() * 99 / 100));
            assertThat(waits).hasSize(made);

            // The token endpoint, and the answers when a token cannot be met or is wrong.
            ViewClient fresh = new ViewClient(URI.create("http://127.0.0.1:" + app.httpPort()));
            ConsistencyToken now = fresh.fetchToken("src");
            assertThat(now.source()).isEqualTo("src");
            assertThat(fresh.get("items", Map.of("id", 0), Duration.ofSeconds(20)).orElseThrow().path("v").asText()).isEqualTo("first");
            await("the views reflect the source's position").atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                for (String view : List.of("items", "last_per_writer")) {
                    String reflected = fresh.metadata(view).path("reflects").path("src").asText();
                    assertThat(ConsistencyToken.parse(reflected)).as(view).isGreaterThanOrEqualTo(now);
                }
            });
            ViewClient future = new ViewClient(URI.create("http://127.0.0.1:" + app.httpPort()));
            future.observe(new ConsistencyToken("src", db == SourceDatabase.POSTGRES
                    ? "7fffffffffffffff:7fffffffffffffff/2/0000000000" : "9999999999:99999999999999999999/2/0000000000"));
            assertThatThrownBy(() -> future.get("items", Map.of("id", 0), Duration.ofMillis(300)))
                    .isInstanceOfSatisfying(ViewClient.ViewReadException.class, e -> assertThat(e.status()).isEqualTo(504))
                    .hasMessageContaining("timed out after 300 ms").hasMessageContaining("have not all reached Kafka yet");
            ViewClient stranger = new ViewClient(URI.create("http://127.0.0.1:" + app.httpPort()));
            stranger.observe(new ConsistencyToken("other", now.position()));
            assertThatThrownBy(() -> stranger.get("items", Map.of("id", 0), Duration.ofMillis(300)))
                    .isInstanceOfSatisfying(ViewClient.ViewReadException.class, e -> assertThat(e.status()).isEqualTo(400))
                    .hasMessageContaining("the token is of source 'other', which the view app does not declare; the sources are [src]");

            // GET /metrics, read as Prometheus reads it: the reads above, a miss, two pages (one empty), the freshness
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + app.httpPort();
            assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/views/items/key?id=-1")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
            assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/views/items/rows?limit=5")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/views/items/rows?from="
                + java.net.URLEncoder.encode("{\"id\":2000000000}", java.nio.charset.StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            PrometheusText.Scrape scrape = PrometheusText.scrape(URI.create(base + "/metrics"), Duration.ofSeconds(10));
            Map<String, String> items = Map.of("view", "items");
            assertThat(value(scrape, "idaas_view_token_wait_seconds_count", items)).isGreaterThanOrEqualTo(made);
            assertThat(value(scrape, "idaas_view_token_wait_timeouts_total", items)).isGreaterThanOrEqualTo(1.0);
            assertThat(value(scrape, "idaas_view_key_lookup_seconds_count", items)).isGreaterThanOrEqualTo(made);
            assertThat(value(scrape, "idaas_view_key_lookup_misses_total", items)).isGreaterThanOrEqualTo(1.0);
            assertThat(value(scrape, "idaas_view_row_page_seconds_count", items)).isGreaterThanOrEqualTo(2.0);
            assertThat(value(scrape, "idaas_view_row_page_empty_total", items)).isGreaterThanOrEqualTo(1.0);
            assertThat(value(scrape, "idaas_view_freshness_seconds", items)).isFinite().isBetween(0.0, 600.0);
            assertThat(value(scrape, "idaas_view_freshness_seconds", Map.of("view", "last_per_writer"))).as("an aggregate view")
                .isFinite().isBetween(0.0, 600.0);
            assertThat(scrape.named("idaas_view_freshness_seconds")).extracting(s -> s.labels().get("view"))
                .containsExactlyInAnyOrder("items", "last_per_writer");
            assertThat(scrape.types()).containsEntry("idaas_view_key_lookup_seconds", "histogram");
            assertThat(scrape.named("kafka_streams_stream_thread_metrics_process_total")).isNotEmpty()
                .allSatisfy(sample -> assertThat(sample.labels()).containsKey("thread_id"));
        } finally {
            if (app != null) {
                app.close();
            }
            connect.delete(connector);
        }
    }

    private static String upsert(SourceDatabase db, String table) {
        return db == SourceDatabase.POSTGRES
                ? "INSERT INTO " + table + " (id, writer, v) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET v = EXCLUDED.v"
                : "INSERT INTO " + table + " (id, writer, v) VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE v = VALUES(v)";
    }

    private static double value(PrometheusText.Scrape scrape, String name, Map<String, String> labels) {
        return scrape.find(name, labels).orElseThrow(() -> new AssertionError("no " + name + labels + " in the scrape"))
            .value();
    }

    private static String text(java.util.Optional<JsonNode> document, String field) {
        return document.map(d -> d.path(field).asText(null)).orElse(null);
    }
}
