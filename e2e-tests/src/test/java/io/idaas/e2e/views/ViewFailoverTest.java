package io.idaas.e2e.views;

import com.fasterxml.jackson.databind.JsonNode;
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
import io.idaas.views.app.ViewApp;
import io.idaas.views.consistency.SourceDeclarations;
import io.idaas.views.consistency.ViewClient;
import io.idaas.views.declaration.ViewDeclarations;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances of the view app share a view's partitions over a real MariaDB source; both answer every key (routing
 * to the holder); one, in its own JVM, is killed with SIGKILL; after the rebalance the other holds every partition and
 * answers every key as the source has it, including the changes made after the kill, read with a token.
 */
@ExtendWith(LocalStackExtension.class)
class ViewFailoverTest {

    private static final int ROWS = 200;

    @Test
    void theSurvivorTakesOverAndAnswersEveryKeyAfterTheRebalance(LocalStack stack, @TempDir Path dir) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String table = "fo_" + run;
        String prefix = "fo_" + run;
        String connector = "fo-" + run;
        SourceDatabase db = SourceDatabase.MARIADB;
        JdbcServer server = db.server(stack);
        try (Connection c = db.open(stack); Statement sql = c.createStatement()) {
            sql.execute("CREATE TABLE " + table + " (id INT PRIMARY KEY, v VARCHAR(40) NOT NULL)");
            sql.execute(SourceLog.MARIADB.createHeartbeatTable("idaas_heartbeat"));
            for (int id = 1; id <= ROWS; id++) {
                sql.execute("INSERT INTO " + table + " VALUES (" + id + ", 'v" + id + "')");
            }
        }
        ObjectNode source = db.connector(stack, db.ddmlConfig(), connector, prefix);
        ObjectNode config = (ObjectNode) source.get("config");
        config.put("table.include.list", db.qualified(stack, table) + "," + db.qualified(stack, "idaas_heartbeat"));
        config.put("poll.interval.ms", "50");
        config.put("topic.creation.default.partitions", "4"); // so that two instances share the view
        config.put("topic.creation.default.replication.factor", "1");
        ConnectRest connect = new ConnectRest(stack.connect().restUrl());
        connect.create(source);
        String topic = db.topicOf(stack, prefix, table);
        Path file = dir.resolve("views.yaml");
        Files.writeString(file, """
                views:
                  - {name: items, kind: table, topic: %s}
                sources:
                  - name: src
                    system: mariadb
                    jdbc_url: "%s"
                    user: %s
                    password: "%s"
                    heartbeat_topic: %s
                """.formatted(topic, server.jdbcUrl(), server.user(), server.password(), db.topicOf(stack, prefix, "idaas_heartbeat")));
        String applicationId = "fo-" + run;
        int port = freePort();
        ViewApp survivor = null;
        try (ViewAppProcess doomed = startWhenTopicExists(stack, connect, connector, topic, file, applicationId, port, dir)) {
            survivor = ViewApp.start(ViewDeclarations.read(file), SourceDeclarations.read(file),
                    new ViewApp.Settings(stack.kafka().bootstrapServers(), applicationId, "127.0.0.1", 0, dir.resolve("survivor"),
                            ViewAppProcess.settings()));
            ViewApp b = survivor;
            ViewClient viaSurvivor = new ViewClient(URI.create("http://127.0.0.1:" + survivor.httpPort()));
            ViewClient viaDoomed = new ViewClient(URI.create("http://127.0.0.1:" + port));
            await("both instances run and share the view").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> b.state() == KafkaStreams.State.RUNNING && b.service().otherInstances("items").size() == 1
                            && b.service().lag("items").size() == 2);
            Map<Integer, String> expected = observeAndRead(db, stack, table, viaSurvivor, viaDoomed);
            // Kafka Streams may still move tasks (probing rebalances): 503s meanwhile are retried.
            await("every key answered from either instance").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                    .ignoreException(ViewClient.ViewReadException.class).untilAsserted(() -> {
                        assertThat(readAll(viaSurvivor, expected.keySet())).isEqualTo(expected);
                        assertThat(readAll(viaDoomed, expected.keySet())).isEqualTo(expected);
                    });

            long killed = System.nanoTime();
            doomed.kill();
            assertThat(doomed.isAlive()).isFalse();
            Random random = new Random(7);
            try (Connection c = db.open(stack); Statement sql = c.createStatement()) {
                for (int i = 0; i < 100; i++) {
                    int id = 1 + random.nextInt(ROWS);
                    sql.execute("UPDATE " + table + " SET v = 'after-kill-" + i + "' WHERE id = " + id);
                }
                for (int i = 0; i < 20; i++) {
                    sql.execute("DELETE FROM " + table + " WHERE id = " + (1 + random.nextInt(ROWS)));
                    sql.execute("INSERT INTO " + table + " VALUES (" + (ROWS + 1 + i) + ", 'new-" + i + "')");
                }
            }
            Map<Integer, String> after = observeAndRead(db, stack, table, viaSurvivor);
            Map<Integer, String> keys = new HashMap<>(expected);
            keys.putAll(after);
            await("the survivor answers every key after the rebalance").atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofSeconds(1)).ignoreException(ViewClient.ViewReadException.class)
                    .untilAsserted(() -> {
                        Map<Integer, String> read = readAll(viaSurvivor, keys.keySet());
                        assertThat(read).isEqualTo(after);
                        assertThat(b.service().otherInstances("items")).isEmpty();
                    });
            System.out.printf("view failover: the survivor answered every key, read with a token, %d ms after the kill%n",
                    (System.nanoTime() - killed) / 1_000_000);
        } finally {
            if (survivor != null) {
                survivor.close();
            }
            connect.delete(connector);
        }
    }

    private static ViewAppProcess startWhenTopicExists(LocalStack stack, ConnectRest connect, String connector, String topic,
                                                       Path file, String applicationId, int port, Path dir) throws Exception {
        connect.awaitRunning(connector, Duration.ofSeconds(60));
        KafkaTopics.awaitTopic(stack, topic);
        Path log = Path.of("target", "view-app-" + applicationId + ".log");
        return ViewAppProcess.start(file, stack.kafka().bootstrapServers(), applicationId, port, dir.resolve("doomed"), log);
    }

    /** The table as the source has it, after a token of that moment is observed by each client. */
    private static Map<Integer, String> observeAndRead(SourceDatabase db, LocalStack stack, String table, ViewClient... clients)
            throws Exception {
        Map<Integer, String> rows = new HashMap<>();
        try (Connection c = db.open(stack); Statement sql = c.createStatement();
             ResultSet r = sql.executeQuery("SELECT id, v FROM " + table)) {
            while (r.next()) {
                rows.put(r.getInt(1), r.getString(2));
            }
            ConsistencyToken token = ConsistencyTokens.current(c, "src");
            for (ViewClient client : clients) {
                client.observe(token);
            }
        }
        return rows;
    }

    /** Each key's {@code v} as the view answers it with the client's token; absent keys are left out. */
    private static Map<Integer, String> readAll(ViewClient client, Iterable<Integer> keys) {
        Map<Integer, String> read = new HashMap<>();
        for (int id : keys) {
            Optional<JsonNode> document = client.get("items", Map.of("id", id), Duration.ofSeconds(10));
            document.ifPresent(d -> read.put(id, d.path("v").asText()));
        }
        return read;
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
