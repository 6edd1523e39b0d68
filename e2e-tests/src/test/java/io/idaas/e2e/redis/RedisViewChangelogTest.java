package io.idaas.e2e.redis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idaas.configs.ConnectConfig;
import io.idaas.e2e.ConnectRest;
import io.idaas.e2e.KafkaTopics;
import io.idaas.e2e.SourceDatabase;
import io.idaas.e2e.replication.RandomWorkload;
import io.idaas.stack.LocalStack;
import io.idaas.stack.junit.LocalStackExtension;
import io.idaas.views.app.ViewApp;
import io.idaas.views.declaration.ViewDeclarations;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A view's DDML changelog into Redis with the shipped {@code view-to-redis} config: a table view over a MariaDB table
 * under the random workload (inserts, updates, key changes, deletes, a truncate, a column added), its changelog topic
 * read by the Redis sink as JSON documents keyed by the view's key. Redis is judged against the source table with plain
 * SQL and a plain Jedis client: one document per source row, each column's DDML JSON value.
 */
@ExtendWith(LocalStackExtension.class)
class RedisViewChangelogTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS");

    @Test
    void aTableViewsChangelogEndsAsOneJsonDocumentPerSourceRow(LocalStack stack, @TempDir Path state) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String table = "rv_" + run;
        String view = "rows_" + run;
        String prefix = "viewredis_" + run;
        String changelog = prefix + ".view." + view;
        SourceDatabase db = SourceDatabase.MARIADB;
        RandomWorkload workload = new RandomWorkload(11, table, false);
        try (Connection c = db.open(stack); Statement sql = c.createStatement()) {
            sql.execute(workload.createTable(table));
            sql.execute("INSERT INTO " + table + " (id, customer) VALUES (0, 'before capture')");
        }
        ConnectRest connect = new ConnectRest(stack.connect().restUrl());
        ObjectNode source = db.connector(stack, db.ddmlConfig(), prefix + "-src", prefix);
        ((ObjectNode) source.get("config")).put("table.include.list", db.qualified(stack, table));
        connect.create(source);
        ViewApp app = null;
        String sink = prefix + "-sink";
        try (Jedis redis = new Jedis(stack.redis().host(), stack.redis().port())) {
            connect.awaitRunning(prefix + "-src", Duration.ofSeconds(60));
            KafkaTopics.awaitTopic(stack, db.topicOf(stack, prefix, table));
            Properties extra = new Properties();
            extra.put("auto.offset.reset", "earliest");
            extra.put("commit.interval.ms", "200");
            app = ViewApp.start(ViewDeclarations.parse("""
                    views:
                      - {name: %s, kind: table, topic: %s, changelog_topic: %s}
                    """.formatted(view, db.topicOf(stack, prefix, table), changelog), "test"),
                new ViewApp.Settings(stack.kafka().bootstrapServers(), "views-" + run, "127.0.0.1", 0, state, extra));
            ViewApp started = app;
            await("the view app runs").atMost(Duration.ofSeconds(60)).until(() -> started.state() == KafkaStreams.State.RUNNING);
            KafkaTopics.awaitTopic(stack, changelog);
            connect.create(ConnectConfig.named("view-to-redis").render(Map.of("name", sink, "view.changelog.topic", changelog,
                "redis.uri", stack.redis().uri(), "redis.prefix", prefix, "kafka.bootstrap", stack.kafka().bootstrapServers())));
            connect.awaitRunning(sink, Duration.ofSeconds(60));

            RandomWorkload.Stats stats;
            try (Connection c = db.open(stack)) {
                stats = workload.run(c, 600); // a truncate and a column added part-way
            }
            assertThat(stats.keyUpdates()).isPositive();
            assertThat(stats.deletes()).isPositive();

            await("Redis holds one document per row of " + table).atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(differences(db, stack, table, redis, prefix, view)).isEmpty());
        } finally {
            if (app != null) {
                app.close();
            }
            connect.delete(sink);
            connect.delete(prefix + "-src");
        }
    }

    private static List<String> differences(SourceDatabase db, LocalStack stack, String table, Jedis redis, String prefix,
                                            String view) throws Exception {
        List<String> out = new ArrayList<>();
        Set<String> expectedKeys = new TreeSet<>();
        try (Connection c = db.open(stack); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT * FROM " + table)) {
            boolean hasExtra = false;
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                hasExtra |= rs.getMetaData().getColumnName(i).equalsIgnoreCase("extra");
            }
            while (rs.next()) {
                String key = prefix + ":" + view + ":" + rs.getInt("id");
                expectedKeys.add(key);
                String text = redis.get(key);
                if (text == null) {
                    out.add("missing " + key);
                    continue;
                }
                JsonNode doc = JSON.readTree(text);
                compare(out, key, "customer", rs.getString("customer"), doc);
                BigDecimal amount = rs.getBigDecimal("amount");
                compare(out, key, "amount", amount == null ? null : amount.setScale(2).toPlainString(), doc);
                compare(out, key, "qty", rs.getObject("qty") == null ? null : String.valueOf(rs.getInt("qty")), doc);
                compare(out, key, "note", rs.getString("note"), doc);
                LocalDateTime at = rs.getObject("updated_at", LocalDateTime.class);
                compare(out, key, "updated_at", at == null ? null : TIMESTAMP.format(at), doc);
                if (hasExtra) {
                    compare(out, key, "extra", rs.getObject("extra") == null ? null : String.valueOf(rs.getInt("extra")), doc);
                }
            }
        }
        Set<String> members = new TreeSet<>(redis.smembers(prefix + ":keys:" + view));
        if (!members.equals(expectedKeys)) {
            Set<String> extra = new TreeSet<>(members);
            extra.removeAll(expectedKeys);
            out.add("key set differs: " + members.size() + " members, " + expectedKeys.size() + " rows; extra " + extra);
        }
        return out.size() > 20 ? out.subList(0, 20) : out;
    }

    /** A document's column: its DDML JSON as text (absent or null: NULL). */
    private static void compare(List<String> out, String key, String column, String expected, JsonNode doc) {
        JsonNode v = doc.get(column);
        String actual = v == null || v.isNull() ? null : v.asText();
        if (expected == null ? actual != null : !expected.equals(actual)) {
            out.add(key + " " + column + ": source " + expected + ", Redis " + actual);
        }
    }
}
