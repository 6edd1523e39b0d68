package io.idaas.e2e.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idaas.ddml.DdmlEvent;
import io.idaas.ddml.DdmlJson;
import io.idaas.ddml.DmlChange;
import io.idaas.ddml.DmlOp;
import io.idaas.ddml.Omitted;
import io.idaas.ddml.connect.DdmlTestEvents;
import io.idaas.e2e.ConnectRest;
import io.idaas.e2e.KafkaTopics;
import io.idaas.e2e.SourceDatabase;
import io.idaas.e2e.pipeline.DeadLetters;
import io.idaas.stack.LocalStack;
import io.idaas.stack.junit.LocalStackExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * docs/extending.md's examples as a user runs them: a stock Connect worker whose {@code plugin.path} is
 * {@code examples/target/plugin-path} (the idaas component archive with the examples jar added to its lib/; the
 * surefire execution {@code examples} of this module sets {@code idaas.plugin.path} to it), the MariaDB DDML source of
 * connect-configs, and the example sink {@code JsonLinesSinkConnector} with the example processor {@code UppercaseColumn}
 * as its transform. The output file is read as plain JSON lines.
 */
@Tag("examples")
@ExtendWith(LocalStackExtension.class)
class ExamplesPluginTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SINK = "io.idaas.examples.sink.JsonLinesSinkConnector";
    private static final String PROCESSOR = "io.idaas.examples.processor.UppercaseColumn";

    @Test
    void theStockWorkerLoadsTheExamplesFromThePluginPathAndTheyCarryMariaDbChangesIntoTheFile(LocalStack stack)
            throws Exception {
        // not on this JVM's classpath: the worker can only have them from plugin.path
        assertThatThrownBy(() -> Class.forName(SINK)).isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> Class.forName(PROCESSOR)).isInstanceOf(ClassNotFoundException.class);
        assertThat(stack.connect().pluginPath().toString()).endsWith("examples/target/plugin-path");

        ConnectRest connect = new ConnectRest(stack.connect().restUrl());
        JsonNode plugins = connect.get("/connector-plugins?connectorsOnly=false");
        assertThat(plugin(plugins, SINK).path("type").asText()).isEqualTo("sink");
        assertThat(plugin(plugins, PROCESSOR).path("type").asText()).isEqualTo("transformation");
        assertThat(plugin(plugins, SINK).path("version").asText()).as("from the jar's manifest")
            .isEqualTo(plugin(plugins, "io.idaas.connect.jdbc.JdbcSinkConnector").path("version").asText())
            .isNotEqualTo("unknown");

        String run = UUID.randomUUID().toString().substring(0, 8);
        String table = "ex_" + run;
        String prefix = "ex_" + run;
        String db = stack.mariadb().database();
        String topic = prefix + "." + db + "." + table;
        Path file = Path.of("target", "examples-" + run + ".jsonl").toAbsolutePath();

        // Connect's validate endpoint runs the examples' own checks
        ObjectNode bad = sinkConfig("bad", topic, Path.of("target", "no-such-folder", "x.jsonl").toAbsolutePath(), db, table);
        bad.put("transforms.upper.columns", "name,name");
        JsonNode verdict = connect.validate(SINK, bad);
        assertThat(errors(verdict, "file")).singleElement().asString().contains("does not exist on the Connect worker");
        assertThat(errors(verdict, "transforms.upper.columns")).singleElement().asString()
            .contains("column 'name' is named twice");

        try (Connection maria = SourceDatabase.MARIADB.open(stack); Statement s = maria.createStatement()) {
            s.execute("CREATE TABLE " + table + " (id INT PRIMARY KEY, name VARCHAR(40), qty INT)");
        }
        ObjectNode source = SourceDatabase.MARIADB.connector(stack, "mariadb-ddml-source", "ex-src-" + run, prefix);
        ((ObjectNode) source.get("config")).put("table.include.list", db + "." + table);
        ObjectNode sink = JSON.createObjectNode();
        sink.put("name", "ex-sink-" + run);
        sink.set("config", sinkConfig("ex-sink-" + run, topic, file, db, table));
        connect.create(source);
        try {
            connect.awaitRunning("ex-src-" + run, Duration.ofSeconds(60));
            KafkaTopics.awaitTopic(stack, topic);
            connect.create(sink);
            connect.awaitRunning("ex-sink-" + run, Duration.ofSeconds(60));

            try (Connection maria = SourceDatabase.MARIADB.open(stack); Statement s = maria.createStatement()) {
                s.execute("INSERT INTO " + table + " VALUES (1, 'ada', 10), (2, 'bob', 20)");
                s.execute("UPDATE " + table + " SET name = 'ada l', qty = 11 WHERE id = 1");
                s.execute("DELETE FROM " + table + " WHERE id = 2");
                s.execute("ALTER TABLE " + table + " ADD COLUMN city VARCHAR(20)");
                s.execute("INSERT INTO " + table + " VALUES (3, 'dee', 30, 'oslo')");
            }
            List<JsonNode> lines = awaitChanges(file, 6);
            // the snapshot's DDL of the table: Debezium's snapshot of MariaDB writes DROP TABLE IF EXISTS, CREATE TABLE
            assertThat(lines.subList(0, 2)).extracting(l -> l.path("op").asText()).containsExactly("drop_table", "create_table");
            assertThat(lines.get(1).get("columns").toString()).isEqualTo("[\"id\",\"name\",\"qty\"]");
            List<String> changes = changes(lines);
            assertThat(changes).containsExactly(
                "insert key={\"id\":1} after={\"id\":1,\"name\":\"ADA\",\"qty\":10}",
                "insert key={\"id\":2} after={\"id\":2,\"name\":\"BOB\",\"qty\":20}",
                "update key={\"id\":1} after={\"id\":1,\"name\":\"ADA L\",\"qty\":11}",
                "delete key={\"id\":2} after=null",
                "alter_table added=[\"city\"] columns=[\"id\",\"name\",\"qty\",\"city\"]",
                "insert key={\"id\":3} after={\"id\":3,\"name\":\"DEE\",\"qty\":30,\"city\":\"oslo\"}");
            assertThat(lines).allSatisfy(l -> assertThat(l.path("table").asText()).isEqualTo(db + "." + table));
            assertThat(lines).extracting(l -> l.path("position").asText()).isSorted();

            // a change whose rows its source could not carry (dml.omitted) goes to the dead-letter topic through
            // Connect's ErrantRecordReporter, with the sink's reason; the file does not change
            DdmlEvent insert = DdmlTestEvents.insert(99);
            DdmlEvent omitted = new DdmlEvent("1.1", insert.id(), insert.source(), insert.position(), insert.transaction(),
                insert.time(), insert.schema(), new DmlChange(DmlOp.INSERT, insert.dml().key(), null, null, null,
                    Omitted.tooLarge(70_000_000, 67_108_864)), null);
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers()),
                    new ByteArraySerializer(), new ByteArraySerializer())) {
                producer.send(new ProducerRecord<>(topic, "{\"id\":99}".getBytes(StandardCharsets.UTF_8),
                    DdmlJson.write(omitted))).get();
            }
            try (DeadLetters dlq = new DeadLetters(stack.kafka().bootstrapServers(), topic + ".dlq")) {
                await("the dead letter").atMost(Duration.ofSeconds(60)).until(() -> !dlq.poll().isEmpty());
                assertThat(dlq.read()).singleElement().satisfies(d -> {
                    assertThat(d.topic()).isEqualTo(topic);
                    assertThat(d.reason()).contains("came without its rows").contains("the file lacks this change");
                });
            }
            assertThat(awaitChanges(file, changes.size())).hasSize(lines.size());

            // a stopped and resumed task starts again from Connect's committed offsets: the file gets nothing twice
            connect.stop("ex-sink-" + run);
            connect.resume("ex-sink-" + run);
            connect.awaitRunning("ex-sink-" + run, Duration.ofSeconds(60));
            try (Connection maria = SourceDatabase.MARIADB.open(stack); Statement s = maria.createStatement()) {
                s.execute("INSERT INTO " + table + " VALUES (4, 'eve', 40, NULL)");
            }
            List<JsonNode> after = awaitChanges(file, changes.size() + 1);
            assertThat(changes(after)).hasSize(changes.size() + 1).last().asString()
                .isEqualTo("insert key={\"id\":4} after={\"id\":4,\"name\":\"EVE\",\"qty\":40,\"city\":null}");
            assertThat(after).extracting(l -> l.path("offset").asLong()).doesNotHaveDuplicates();
        } finally {
            connect.delete("ex-sink-" + run);
            connect.delete("ex-src-" + run);
            SourceDatabase.MARIADB.release(stack, prefix);
        }
    }

    private static ObjectNode sinkConfig(String name, String topic, Path file, String db, String table) {
        ObjectNode c = JSON.createObjectNode();
        c.put("connector.class", SINK);
        c.put("name", name);
        c.put("topics", topic);
        c.put("file", file.toString());
        c.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        c.put("key.converter.schemas.enable", "false");
        c.put("value.converter", "io.idaas.ddml.connect.DdmlConverter");
        c.put("value.converter.ddml.format", "json");
        c.put("transforms", "upper");
        c.put("transforms.upper.type", PROCESSOR);
        c.put("transforms.upper.columns", "name");
        c.put("transforms.upper.tables.include", db + "\\." + table);
        c.put("errors.tolerance", "all");
        c.put("errors.deadletterqueue.topic.name", topic + ".dlq");
        c.put("errors.deadletterqueue.topic.replication.factor", "1");
        c.put("errors.deadletterqueue.context.headers.enable", "true");
        return c;
    }

    /** The DML and alter_table lines, each as "op key=.. after=.." or "alter_table added=.. columns=..". */
    private static List<String> changes(List<JsonNode> lines) {
        List<String> out = new ArrayList<>();
        for (JsonNode l : lines) {
            String op = l.path("op").asText();
            if (op.equals("alter_table")) {
                out.add(op + " added=" + l.get("added") + " columns=" + l.get("columns"));
            } else if (!op.endsWith("_table")) {
                out.add(op + " key=" + l.get("key") + " after=" + l.get("after"));
            }
        }
        return out;
    }

    /** The file's lines, once it holds at least {@code atLeast} {@link #changes}. */
    private static List<JsonNode> awaitChanges(Path file, int atLeast) {
        List<JsonNode> lines = new ArrayList<>();
        await("at least " + atLeast + " changes in " + file).atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
            .until(() -> {
                lines.clear();
                if (Files.exists(file)) {
                    for (String line : Files.readAllLines(file)) {
                        lines.add(read(line));
                    }
                }
                return changes(lines).size() >= atLeast;
            });
        return List.copyOf(lines);
    }

    private static JsonNode read(String line) throws IOException {
        return JSON.readTree(line);
    }

    private static JsonNode plugin(JsonNode plugins, String className) {
        return StreamSupport.stream(plugins.spliterator(), false).filter(p -> p.path("class").asText().equals(className))
            .findFirst().orElseThrow(() -> new AssertionError(className + " is not in GET /connector-plugins: " + plugins));
    }

    private static List<String> errors(JsonNode verdict, String key) {
        for (JsonNode c : verdict.path("configs")) {
            if (c.path("value").path("name").asText().equals(key)) {
                List<String> out = new ArrayList<>();
                c.path("value").path("errors").forEach(e -> out.add(e.asText()));
                return out;
            }
        }
        throw new AssertionError(key + " is not in the verdict: " + verdict);
    }
}
