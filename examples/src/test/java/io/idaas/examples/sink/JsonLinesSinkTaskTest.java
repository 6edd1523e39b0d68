package io.idaas.examples.sink;

import static io.idaas.examples.Customers.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.idaas.ddml.Column;
import io.idaas.ddml.DdmlEvent;
import io.idaas.ddml.DmlChange;
import io.idaas.ddml.Omitted;
import io.idaas.ddml.types.PortableType;
import io.idaas.examples.Customers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTaskContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesSinkTaskTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TopicPartition TP = new TopicPartition(Customers.TOPIC, 0);

    @TempDir
    Path dir;

    private final List<JsonLinesSinkTask> started = new ArrayList<>();
    private final List<SinkRecord> deadLettered = new ArrayList<>();
    private final List<Throwable> reasons = new ArrayList<>();

    @AfterEach
    void stopTasks() {
        started.forEach(JsonLinesSinkTask::stop);
    }

    private JsonLinesSinkTask task(Map<String, String> extra, boolean withDeadLetterTopic) {
        Map<String, String> props = new HashMap<>(Map.of("file", dir.resolve("out.jsonl").toString(),
            "topics", Customers.TOPIC));
        props.putAll(extra);
        JsonLinesSinkTask task = new JsonLinesSinkTask();
        task.initialize(new Context(withDeadLetterTopic ? (record, error) -> {
            deadLettered.add(record);
            reasons.add(error);
            return CompletableFuture.completedFuture(null);
        } : null));
        task.start(props);
        started.add(task);
        return task;
    }

    private List<JsonNode> lines() throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("out.jsonl"))) {
            out.add(MAPPER.readTree(line));
        }
        return out;
    }

    private static List<SinkRecord> records(DdmlEvent... events) {
        List<SinkRecord> out = new ArrayList<>();
        for (int i = 0; i < events.length; i++) {
            out.add(Customers.sink(events[i], i));
        }
        return out;
    }

    @Test
    void writesOneLinePerChangeWithKeyAfterTableAndKafkaPlace() throws IOException {
        Column phone = Column.builder("phone", PortableType.string(20)).nativeType("VARCHAR(20)").length(20).build();
        DdmlEvent insert = Customers.insert(row(1, "ada", "ada@example.org", 7));
        List<SinkRecord> in = records(insert,
            Customers.update(row(1, "ada", "ada@example.org", 7), row(1, "ada", "ada@example.org", 8)),
            Customers.delete(row(1, "ada", "ada@example.org", 8)),
            Customers.addColumn(phone));
        JsonLinesSinkTask task = task(Map.of(), true);
        task.put(in);

        List<JsonNode> lines = lines();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0).toString()).isEqualTo("{\"topic\":\"shop.shop.customers\",\"partition\":0,\"offset\":0,"
            + "\"id\":\"" + insert.id() + "\",\"position\":\"" + insert.position().sortable() + "\",\"table\":\"shop.customers\","
            + "\"op\":\"insert\",\"key\":{\"id\":1},\"after\":{\"id\":1,\"name\":\"ada\",\"email\":\"ada@example.org\",\"score\":7}}");
        assertThat(lines.get(1).get("op").asText()).isEqualTo("update");
        assertThat(lines.get(1).get("after").get("score").asInt()).isEqualTo(8);
        assertThat(lines.get(2).get("op").asText()).isEqualTo("delete");
        assertThat(lines.get(2).get("key").toString()).isEqualTo("{\"id\":1}");
        assertThat(lines.get(2).get("after").isNull()).isTrue();
        assertThat(lines.get(3).get("op").asText()).isEqualTo("alter_table");
        assertThat(lines.get(3).get("added").toString()).isEqualTo("[\"phone\"]");
        assertThat(lines.get(3).get("columns").toString()).isEqualTo("[\"id\",\"name\",\"email\",\"score\",\"phone\"]");
        assertThat(lines.get(3).get("statement").asText()).isEqualTo("ALTER TABLE customers ADD COLUMN phone VARCHAR(20)");
        assertThat(lines).extracting(l -> l.get("position").asText()).isSorted();

        assertThat(task.preCommit(Map.of(TP, new OffsetAndMetadata(0)))).containsEntry(TP, new OffsetAndMetadata(4));
    }

    @Test
    void aRedeliveryOrARestartWritesNothingTwiceAndAnUnfinishedLastLineIsWrittenAgain() throws IOException {
        List<SinkRecord> in = records(Customers.insert(row(1, "a", null, 1)), Customers.insert(row(2, "b", null, 2)),
            Customers.insert(row(3, "c", null, 3)));
        JsonLinesSinkTask first = task(Map.of(), true);
        first.put(in.subList(0, 2));
        first.put(in.subList(0, 2)); // Connect hands a batch back after a retry
        assertThat(lines()).extracting(l -> l.get("offset").asLong()).containsExactly(0L, 1L);
        first.stop();

        // a crash while writing the third line: half of it on disk
        Files.writeString(dir.resolve("out.jsonl"), "{\"topic\":\"shop.shop.cust", StandardCharsets.UTF_8,
            StandardOpenOption.APPEND);
        JsonLinesSinkTask second = task(Map.of(), true);
        second.put(in); // the consumer goes back to the last committed offset: 0
        assertThat(lines()).extracting(l -> l.get("offset").asLong()).containsExactly(0L, 1L, 2L);
        assertThat(lines().get(2).get("after").get("name").asText()).isEqualTo("c");
    }

    @Test
    void aValueThatIsNotDdmlAndAChangeWithoutItsRowsGoToTheDeadLetterTopicWithTheReason() throws IOException {
        DdmlEvent tooLarge = Customers.dml(new DmlChange(io.idaas.ddml.DmlOp.INSERT, io.idaas.ddml.Row.of("id", 9L), null,
            null, null, Omitted.tooLarge(70_000_000, 67_108_864)));
        SinkRecord notDdml = new SinkRecord(Customers.TOPIC, 0, null, Map.of("id", 1L), null, 42, 0);
        SinkRecord omitted = Customers.sink(tooLarge, 1);
        SinkRecord fine = Customers.sink(Customers.insert(row(1, "a", null, 1)), 2);
        SinkRecord tombstone = new SinkRecord(Customers.TOPIC, 0, null, Map.of("id", 1L), null, null, 3);
        JsonLinesSinkTask task = task(Map.of(), true);
        task.put(List.of(notDdml, omitted, fine, tombstone));

        assertThat(deadLettered).containsExactly(notDdml, omitted);
        assertThat(reasons.get(0)).hasMessageContaining("the value is a java.lang.Integer, not a DDML event");
        assertThat(reasons.get(1)).hasMessageContaining("came without its rows").hasMessageContaining("over its limit of 67108864 bytes")
            .hasMessageContaining("the file lacks this change");
        assertThat(lines()).extracting(l -> l.get("offset").asLong()).containsExactly(2L);
        assertThat(task.preCommit(Map.of(TP, new OffsetAndMetadata(0)))).containsEntry(TP, new OffsetAndMetadata(4));

        JsonLinesSinkTask noDeadLetterTopic = task(Map.of("file", dir.resolve("other.jsonl").toString()), false);
        assertThatThrownBy(() -> noDeadLetterTopic.put(List.of(notDdml))).isInstanceOf(ConnectException.class)
            .hasMessageContaining("not a DDML event").hasMessageContaining("errors.deadletterqueue.topic.name");
    }

    @Test
    void ddlPolicyIgnoreLeavesDdlOutAndFailStopsTheTaskNamingTheTable() throws IOException {
        DdmlEvent alter = Customers.addColumn(Column.of("x", PortableType.INT32));
        task(Map.of("ddl.policy", "ignore"), true).put(records(alter));
        assertThat(Files.readString(dir.resolve("out.jsonl"))).isEmpty();

        JsonLinesSinkTask failing = task(Map.of("ddl.policy", "fail", "file", dir.resolve("fail.jsonl").toString()), true);
        assertThatThrownBy(() -> failing.put(records(alter))).isInstanceOf(ConnectException.class)
            .hasMessageContaining("alter_table of table shop.customers").hasMessageContaining("ddl.policy=fail");
    }

    @Test
    void aSecondWriterOfTheSameFileIsRefused() {
        task(Map.of(), true);
        assertThatThrownBy(() -> task(Map.of(), true)).isInstanceOf(ConnectException.class)
            .hasMessageContaining("is being written by another task or connector");
    }

    @Test
    void connectsValidateEndpointChecksTheKeysAndTheFilesFolder() {
        JsonLinesSinkConnector connector = new JsonLinesSinkConnector();
        assertThat(errors(connector, Map.of("file", "out.jsonl")).get("file")).singleElement().asString()
            .contains("give the absolute path");
        assertThat(errors(connector, Map.of("file", dir.resolve("missing/out.jsonl").toString())).get("file"))
            .singleElement().asString().contains("does not exist on the Connect worker");
        assertThat(errors(connector, Map.of("file", dir.toString())).get("file"))
            .singleElement().asString().contains("exists but is not a file the worker can write");
        assertThat(errors(connector, Map.of("file", dir.resolve("out.jsonl").toString(), "ddl.policy", "skip"))
            .get("ddl.policy")).singleElement().asString().contains("use one of [apply, ignore, fail]");
        assertThat(errors(connector, Map.of("file", dir.resolve("out.jsonl").toString()))).isEmpty();

        connector.start(Map.of("file", dir.resolve("out.jsonl").toString()));
        assertThat(connector.taskConfigs(4)).as("one writer per file").hasSize(1);
        assertThat(JsonLinesSinkConfig.CONFIG_DEF.configKeys().values())
            .allSatisfy(k -> assertThat(k.documentation).as(k.name).isNotBlank());
    }

    private static Map<String, List<String>> errors(JsonLinesSinkConnector connector, Map<String, String> props) {
        Map<String, String> all = new HashMap<>(props);
        all.put("connector.class", JsonLinesSinkConnector.class.getName());
        Map<String, List<String>> out = new HashMap<>();
        for (ConfigValue v : connector.validate(all).configValues()) {
            if (!v.errorMessages().isEmpty()) {
                out.put(v.name(), v.errorMessages());
            }
        }
        return out;
    }

    /** A task context with Connect's dead-letter reporter (null: no dead-letter topic). */
    private record Context(ErrantRecordReporter reporter) implements SinkTaskContext {
        @Override
        public Map<String, String> configs() {
            return Map.of();
        }

        @Override
        public void offset(Map<TopicPartition, Long> offsets) {
        }

        @Override
        public void offset(TopicPartition tp, long offset) {
        }

        @Override
        public void timeout(long timeoutMs) {
        }

        @Override
        public Set<TopicPartition> assignment() {
            return Set.of(TP);
        }

        @Override
        public void pause(TopicPartition... partitions) {
        }

        @Override
        public void resume(TopicPartition... partitions) {
        }

        @Override
        public void requestCommit() {
        }

        @Override
        public ErrantRecordReporter errantRecordReporter() {
            return reporter;
        }

        @Override
        public PluginMetrics pluginMetrics() {
            return null;
        }
    }
}
