package io.idaas.e2e.usecases;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idaas.ddml.Column;
import io.idaas.ddml.DdmlEvent;
import io.idaas.ddml.DdmlJson;
import io.idaas.ddml.DmlChange;
import io.idaas.ddml.Position;
import io.idaas.ddml.Row;
import io.idaas.ddml.SortablePosition;
import io.idaas.ddml.Source;
import io.idaas.ddml.SourceSystem;
import io.idaas.ddml.TableSchema;
import io.idaas.ddml.Timing;
import io.idaas.ddml.types.PortableType;
import io.idaas.e2e.ConnectRest;
import io.idaas.stack.LocalStack;
import io.idaas.stack.junit.LocalStackExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.Jedis;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Consumer;

import static io.idaas.e2e.KafkaTopics.recreate;
import static io.idaas.e2e.KafkaTopics.topicId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A topic deleted and created again under the same name, and a sink connector created again with the same name: the
 * offsets the sink keeps in its target belong to the old topic. Resumed from, they would skip every record of the new
 * topic below them, the copy silently missing rows. The idaas sinks store each topic's id with its offsets: by default
 * the task FAILS, saying which topic, both ids, where the stale offsets are and the fixes, and the target is left as it
 * was; with {@code topic.recreated=restart} every record of the new topic is applied. Real Kafka, Connect, PostgreSQL
 * and Redis of the shared stack; the targets are read with plain SQL and a plain Redis client.
 */
@ExtendWith(LocalStackExtension.class)
class RecreatedTopicTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TableSchema SCHEMA = TableSchema.of(List.of(
        Column.builder("id", PortableType.INT32).nullable(false).build(), Column.of("name", PortableType.string(40))),
        List.of("id"));
    private static final List<Integer> OLD_ROWS = List.of(1, 2, 3, 4, 5);
    private static final List<Integer> NEW_ROWS = List.of(11, 12, 13);

    @Test
    void theJdbcSinkFailsOnTheStaleOffsetsOfARecreatedTopicOrAppliesItFromItsStart(LocalStack stack) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String table = "recreated_" + run;
        String sql = "SELECT id FROM \"" + table + "\" ORDER BY id";
        scenario(stack, table, "recreated-jdbc-" + run, config -> {
            config.put("connector.class", "io.idaas.connect.jdbc.JdbcSinkConnector");
            config.put("connection.url", stack.postgres().jdbcUrl());
            config.put("connection.user", stack.postgres().user());
            config.put("connection.password", stack.postgres().password());
        }, () -> ids(stack, sql), (name, topic) -> {
            try (Connection c = DriverManager.getConnection(stack.postgres().jdbcUrl(), stack.postgres().user(),
                stack.postgres().password()); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT topic_id FROM idaas_sink_offsets WHERE connector = '" + name + "'")) {
                List<String> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
                return out;
            }
        }, "the rows with connector = '%s' and topic = '%s' of the offsets table idaas_sink_offsets");
    }

    @Test
    void theRedisSinkFailsOnTheStaleOffsetsOfARecreatedTopicOrAppliesItFromItsStart(LocalStack stack) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String table = "recreated_" + run;
        String prefix = "rt" + run;
        try (Jedis redis = new Jedis(stack.redis().host(), stack.redis().port())) {
            scenario(stack, table, "recreated-redis-" + run, config -> {
                config.put("connector.class", "io.idaas.connect.redis.RedisSinkConnector");
                config.put("redis.uri", stack.redis().uri());
                config.put("redis.prefix", prefix);
            }, () -> {
                TreeSet<Integer> ids = new TreeSet<>();
                redis.smembers(prefix + ":keys:shop." + table).forEach(k -> {
                    assertThat(redis.hget(k, "name")).isEqualTo("row " + k.substring(k.lastIndexOf(':') + 1));
                    ids.add(Integer.valueOf(k.substring(k.lastIndexOf(':') + 1)));
                });
                return new ArrayList<>(ids);
            }, (name, topic) -> {
                String id = redis.hget(prefix + ":topic-ids:" + name, topic);
                return id == null ? List.of() : List.of(id);
            }, "the fields %2$s/<partition> of the hash " + prefix + ":offsets:%1$s");
        }
    }

    /**
     * An offsets table of an older idaas (no {@code topic_id} column) with this connector's offset 3: the sink adds the
     * column, resumes from offset 3 and stores the topic's id with its next offsets.
     */
    @Test
    void theJdbcSinkMigratesAnOlderOffsetsTableAndAdoptsTheTopicsId(LocalStack stack) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String table = "adopted_" + run;
        String offsets = "old_offsets_" + run;
        String name = "adopted-jdbc-" + run;
        try (Connection c = DriverManager.getConnection(stack.postgres().jdbcUrl(), stack.postgres().user(),
            stack.postgres().password()); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE " + offsets + " (connector VARCHAR(255) NOT NULL, topic VARCHAR(255) NOT NULL, "
                + "kafka_partition INT NOT NULL, next_offset BIGINT NOT NULL, PRIMARY KEY (connector, topic, kafka_partition))");
            st.execute("INSERT INTO " + offsets + " VALUES ('" + name + "', '" + table + "', 0, 3)");
        }
        ConnectRest connect = new ConnectRest(stack.connect().restUrl());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(table, 1, (short) 1))).all().get();
            produce(stack, table, OLD_ROWS);
            connect.create(sink(stack, name, table, config -> {
                config.put("connector.class", "io.idaas.connect.jdbc.JdbcSinkConnector");
                config.put("connection.url", stack.postgres().jdbcUrl());
                config.put("connection.user", stack.postgres().user());
                config.put("connection.password", stack.postgres().password());
                config.put("offsets.table.name", offsets);
            }, Map.of()));
            try {
                String sql = "SELECT id FROM \"" + table + "\" ORDER BY id";
                await("offsets 3 and 4 applied").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                    .ignoreExceptions().until(() -> ids(stack, sql).equals(List.of(4, 5)));
                try (Connection c = DriverManager.getConnection(stack.postgres().jdbcUrl(), stack.postgres().user(),
                    stack.postgres().password()); Statement st = c.createStatement();
                     ResultSet rs = st.executeQuery("SELECT next_offset, topic_id FROM " + offsets)) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getLong(1)).isEqualTo(5);
                    assertThat(rs.getString(2)).isEqualTo(topicId(admin, table).toString());
                }
            } finally {
                deleteConnector(connect, name);
            }
        }
    }

    /** What the target holds, read by the test's own client. */
    private interface Reader<T> {
        T read() throws Exception;
    }

    /** The topic ids the target stores for connector {@code name} and {@code topic}. */
    private interface StoredIds {
        List<String> read(String name, String topic) throws Exception;
    }

    private static void scenario(LocalStack stack, String table, String name, Consumer<ObjectNode> target,
                                 Reader<List<Integer>> rows, StoredIds storedIds, String staleOffsets) throws Exception {
        String topic = table;
        ConnectRest connect = new ConnectRest(stack.connect().restUrl());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
            Uuid oldId = topicId(admin, topic);
            produce(stack, topic, OLD_ROWS);
            connect.create(sink(stack, name, topic, target, Map.of()));
            try {
                await("the first topic's rows in the target").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                    .ignoreExceptions().until(() -> rows.read().equals(OLD_ROWS));
                assertThat(storedIds.read(name, topic)).as("the topic id stored with the offsets").containsOnly(oldId.toString());
            } finally {
                deleteConnector(connect, name);
            }

            // The topic is deleted and created again, with fewer records than the first one had.
            recreate(admin, topic);
            Uuid newId = topicId(admin, topic);
            assertThat(newId).isNotEqualTo(oldId);
            produce(stack, topic, NEW_ROWS);

            // By default: the task fails, saying what happened and what to do; the target is as it was.
            connect.create(sink(stack, name, topic, target, Map.of()));
            try {
                String trace = awaitFailedTask(connect, name, rows);
                assertThat(trace)
                    .contains("Topic '" + topic + "' was deleted and created again")
                    .contains("written for topic id " + oldId + ", and the topic's id is now " + newId)
                    .contains(String.format(staleOffsets, name, topic))
                    .contains("idaas pipeline delete --purge")
                    .contains("topic.recreated=restart");
                assertThat(rows.read()).as("the target is unchanged").isEqualTo(OLD_ROWS);
            } finally {
                deleteConnector(connect, name);
            }

            // topic.recreated=restart: the stale offsets go, and every record of the new topic is applied.
            connect.create(sink(stack, name, topic, target, Map.of("topic.recreated", "restart")));
            try {
                List<Integer> all = new ArrayList<>(OLD_ROWS);
                all.addAll(NEW_ROWS);
                await("the new topic's rows in the target").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                    .ignoreExceptions().failFast("the sink task FAILED", () -> taskState(connect, name).startsWith("FAILED"))
                    .until(() -> rows.read().equals(all));
                assertThat(rows.read()).isEqualTo(all);
                assertThat(storedIds.read(name, topic)).as("the new topic's id stored with the offsets")
                    .containsOnly(newId.toString());
                assertThat(taskState(connect, name)).isEqualTo("RUNNING");
            } finally {
                deleteConnector(connect, name);
            }
        }
    }

    private static ObjectNode sink(LocalStack stack, String name, String topic, Consumer<ObjectNode> target,
                                   Map<String, String> extra) {
        ObjectNode body = JSON.createObjectNode().put("name", name);
        ObjectNode config = body.putObject("config");
        config.put("tasks.max", "1");
        config.put("topics", topic);
        config.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("key.converter.schemas.enable", "false");
        config.put("value.converter", "io.idaas.ddml.connect.DdmlConverter");
        config.put("value.converter.ddml.format", "json");
        config.put("applied.kafka.bootstrap.servers", stack.kafka().bootstrapServers());
        config.put("max.retries", "3");
        config.put("retry.backoff.ms", "500");
        target.accept(config);
        extra.forEach(config::put);
        return body;
    }

    private static void produce(LocalStack stack, String table, List<Integer> ids) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers()), new ByteArraySerializer(),
            new ByteArraySerializer())) {
            for (int id : ids) {
                DdmlEvent event = DdmlEvent.builder().source(Source.of(SourceSystem.MARIADB, "m", "shop", null, table))
                    .position(Position.of(SortablePosition.of(SortablePosition.mysql("bin.000001", 100 + id),
                        SortablePosition.Phase.CHANGE, 0), Map.of()))
                    .time(Timing.of(1L, 2L, 3L)).schema(SCHEMA)
                    .dml(DmlChange.insert(Row.of("id", id, "name", "row " + id))).build();
                producer.send(new ProducerRecord<>(table, ("{\"id\":" + id + "}").getBytes(StandardCharsets.UTF_8),
                    DdmlJson.write(event))).get();
            }
        }
    }

    private static List<Integer> ids(LocalStack stack, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(stack.postgres().jdbcUrl(), stack.postgres().user(),
            stack.postgres().password()); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            List<Integer> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getInt(1));
            }
            return out;
        }
    }

    private static String taskState(ConnectRest connect, String name) {
        JsonNode status = connect.status(name);
        return status == null ? "" : status.path("tasks").path(0).path("state").asText("");
    }

    /** Waits for the connector's task to fail; its trace. */
    private static String awaitFailedTask(ConnectRest connect, String name, Reader<List<Integer>> rows) throws Exception {
        try {
            await(name + "'s task FAILED").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> taskState(connect, name).equals("FAILED"));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("the task of " + name + " is " + taskState(connect, name) + ", not FAILED, and the "
                + "target holds the rows " + rows.read() + " (the new topic's " + NEW_ROWS + " missing)", e);
        }
        return connect.status(name).path("tasks").path(0).path("trace").asText();
    }

    private static void deleteConnector(ConnectRest connect, String name) {
        connect.delete(name);
        await(name + " deleted").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
            .until(() -> connect.status(name) == null);
    }
}
