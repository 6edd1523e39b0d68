package io.idaas.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idaas.ddml.DdmlEvent;
import io.idaas.ddml.connect.DdmlConverter;
import io.idaas.ddml.connect.DdmlTestEvents;
import io.idaas.stack.LocalStack;
import io.idaas.stack.junit.LocalStackExtension;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Sink connectors with errors.tolerance=all and a dead-letter topic, where bad input lands with Connect's context
 * headers (original topic, partition, offset, stage, class) and idaas's message naming the cause and the fix:
 * <ul>
 *   <li>reading DDML Avro through DdmlConverter: good records reach the sink, a truncated Avro payload and a JSON that
 *       is not DDML land in the dead-letter topic (stage VALUE_CONVERTER);</li>
 *   <li>ToDdml as the sink's transform over JsonConverter (schemas.enable=true) records, read with idaas's
 *       SchemaCachingJsonConverter: a Debezium change event reaches
 *       the sink as DDML, a record that is not a Debezium event and a plain string land in the dead-letter topic (stage
 *       TRANSFORMATION).</li>
 * </ul>
 * A schema the registry refuses happens on the writing side of DdmlConverter, which only source connectors have, and
 * Connect has no dead-letter topic for source connectors: DdmlConverterRegistryTest checks that message.
 */
@ExtendWith(LocalStackExtension.class)
class DdmlDeadLetterTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TO_DDML = "io.idaas.transforms.ddml.ToDdml";

    @Test
    void badRecordsLandInTheDeadLetterTopicWithTheirContext(LocalStack stack, @TempDir Path dir) throws Exception {
        String topic = "ddml-dlq-" + UUID.randomUUID().toString().substring(0, 8);
        String dlq = topic + "-dlq";
        Path sinkFile = dir.resolve("sink.txt");
        Files.createFile(sinkFile);
        String registry = stack.registry().url();

        DdmlConverter keys = converter(registry, true);
        DdmlConverter values = converter(registry, false);
        List<DdmlEvent> good = List.of(DdmlTestEvents.insert(1), DdmlTestEvents.update(2), DdmlTestEvents.insert(3));
        byte[] truncatedValue;
        List<RecordMetadata> bad = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = producer(stack)) {
            byte[] first = values.fromConnectData(topic, null, DdmlTestEvents.tree(good.get(0)));
            truncatedValue = Arrays.copyOf(first, first.length - 25);
            send(producer, topic, keys, good.get(0), first);
            bad.add(send(producer, topic, keys, good.get(1), truncatedValue));
            send(producer, topic, keys, good.get(1), values.fromConnectData(topic, null, DdmlTestEvents.tree(good.get(1))));
            bad.add(send(producer, topic, keys, good.get(2), "{\"hello\":\"not DDML\"}".getBytes(StandardCharsets.UTF_8)));
            send(producer, topic, keys, good.get(2), values.fromConnectData(topic, null, DdmlTestEvents.tree(good.get(2))));
        }

        ConnectRest connect = new ConnectRest(stack.connect().restUrl());
        String name = "dlq-sink-" + topic;
        connect.create(ddmlAvroSink(name, topic, dlq, sinkFile, registry));
        try {
            connect.awaitRunning(name, Duration.ofSeconds(60));

            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                    .until(() -> Files.readAllLines(sinkFile).size() >= good.size());
            List<String> lines = Files.readAllLines(sinkFile);
            assertThat(lines).hasSize(good.size());
            for (int i = 0; i < good.size(); i++) {
                assertThat(lines.get(i)).contains("id=" + good.get(i).id()).contains("op=" + good.get(i).dml().op().wireName());
            }

            List<ConsumerRecord<byte[], byte[]>> dead = readAll(stack, dlq, bad.size(), Duration.ofSeconds(60));
            assertThat(dead).hasSize(bad.size());

            assertThat(dead.get(0).value()).isEqualTo(truncatedValue);
            assertContext(dead.get(0), topic, bad.get(0), "VALUE_CONVERTER", DdmlConverter.class.getName());
            assertThat(header(dead.get(0), "__connect.errors.exception.message"))
                    .startsWith("DdmlConverter cannot read the value of a record of topic '" + topic + "' as DDML avro: ")
                    .contains("truncated Avro payload")
                    .contains("Fix: the record is not whole DDML Avro in the Confluent wire format");

            assertContext(dead.get(1), topic, bad.get(1), "VALUE_CONVERTER", DdmlConverter.class.getName());
            assertThat(header(dead.get(1), "__connect.errors.exception.message"))
                    .startsWith("DdmlConverter cannot read the value of a record of topic '" + topic + "' as DDML avro: ")
                    .contains("(it looks like JSON)")
                    .contains("Fix: the record holds JSON: read this topic with ddml.format=json");
        } finally {
            connect.delete(name);
        }
    }

    @Test
    void recordsThatAreNotDebeziumEventsLandInTheDeadLetterTopicFromToDdml(LocalStack stack, @TempDir Path dir) throws Exception {
        String topic = "pg.public.dlq_" + UUID.randomUUID().toString().substring(0, 8);
        String dlq = topic + "-dlq";
        Path sinkFile = dir.resolve("sink.txt");
        Files.createFile(sinkFile);
        Schema hello = SchemaBuilder.struct().field("hello", Schema.STRING_SCHEMA).build();
        byte[] helloWorld = withSchema(topic, hello, new Struct(hello).put("hello", "world"));
        byte[] justAString = withSchema(topic, Schema.STRING_SCHEMA, "just a string");
        DebeziumInsert insert = DebeziumInsert.postgres(topic, 1001L, "Zoë", new BigDecimal("12.50"));

        RecordMetadata notDebezium;
        RecordMetadata plainString;
        try (KafkaProducer<byte[], byte[]> producer = producer(stack)) {
            notDebezium = send(producer, topic, null, helloWorld);
            send(producer, topic, withSchema(topic, insert.keySchema(), insert.key()), withSchema(topic, insert.valueSchema(), insert.value()));
            plainString = send(producer, topic, null, justAString);
        }

        ConnectRest connect = new ConnectRest(stack.connect().restUrl());
        String name = "to-ddml-dlq-sink-" + topic;
        connect.create(toDdmlSink(name, topic, dlq, sinkFile));
        try {
            connect.awaitRunning(name, Duration.ofSeconds(60));

            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                    .until(() -> !Files.readAllLines(sinkFile).isEmpty());
            List<ConsumerRecord<byte[], byte[]>> dead = readAll(stack, dlq, 2, Duration.ofSeconds(60));
            assertThat(Files.readAllLines(sinkFile)).singleElement().asString()
                    .as("the Debezium event reaches the sink as a DDML event")
                    .contains("spec_version=1.0", "kind=dml", "op=insert", "table=dlq_", "name=Zoë", "price=12.50");

            assertThat(dead).extracting(ConsumerRecord::value).containsExactly(helloWorld, justAString);
            String where = "record of topic '" + topic + "', partition 0, offset ";
            assertContext(dead.get(0), topic, notDebezium, "TRANSFORMATION", TO_DDML);
            assertThat(header(dead.get(0), "__connect.errors.exception.message"))
                    .startsWith(where + notDebezium.offset() + ": ")
                    .contains("the value (an unnamed struct with fields [hello]) has no 'op' or no 'source' field")
                    .contains("is this topic written by a Debezium connector? ToDdml expects a Debezium change event");
            assertContext(dead.get(1), topic, plainString, "TRANSFORMATION", TO_DDML);
            assertThat(header(dead.get(1), "__connect.errors.exception.message"))
                    .startsWith(where + plainString.offset() + ": ")
                    .contains("the value is a java.lang.String, not a Connect Struct")
                    .contains("is this topic written by a Debezium connector?");
        } finally {
            connect.delete(name);
        }
    }

    @Test
    void theWorkerListsTheConverterWithItsDocumentedConfig(LocalStack stack) {
        ConnectRest connect = new ConnectRest(stack.connect().restUrl());
        JsonNode plugins = connect.get("/connector-plugins?connectorsOnly=false");
        List<String> converters = new ArrayList<>();
        plugins.forEach(p -> {
            if (p.path("class").asText().equals(DdmlConverter.class.getName())) {
                converters.add(p.path("type").asText());
            }
        });
        assertThat(converters).contains("converter", "header_converter");
        List<String> keys = new ArrayList<>();
        connect.get("/connector-plugins/" + DdmlConverter.class.getName() + "/config").forEach(k -> {
            keys.add(k.path("name").asText());
            assertThat(k.path("documentation").asText()).as(k.path("name").asText()).isNotBlank();
        });
        assertThat(keys).contains("ddml.format", "schema.registry.url", "value.subject.name.strategy", "auto.register.schemas");
    }

    /** Connect's context headers on a dead-letter record: where the original was, and which stage and class failed. */
    private static void assertContext(ConsumerRecord<byte[], byte[]> dead, String topic, RecordMetadata original,
                                      String stage, String failingClass) {
        assertThat(header(dead, "__connect.errors.topic")).isEqualTo(topic);
        assertThat(header(dead, "__connect.errors.partition")).isEqualTo(String.valueOf(original.partition()));
        assertThat(header(dead, "__connect.errors.offset")).isEqualTo(String.valueOf(original.offset()));
        assertThat(header(dead, "__connect.errors.stage")).isEqualTo(stage);
        assertThat(header(dead, "__connect.errors.class.name")).isEqualTo(failingClass);
        assertThat(header(dead, "__connect.errors.exception.class.name")).isEqualTo("org.apache.kafka.connect.errors.DataException");
    }

    /** A FileStreamSinkConnector reading DDML Avro with DdmlConverter, bad records to {@code dlq}. */
    private static ObjectNode ddmlAvroSink(String name, String topic, String dlq, Path file, String registry) {
        ObjectNode body = sinkConnector(name, topic, dlq, file);
        ((ObjectNode) body.get("config"))
                .put("key.converter", DdmlConverter.class.getName())
                .put("key.converter.ddml.format", "avro")
                .put("key.converter.schema.registry.url", registry)
                .put("value.converter", DdmlConverter.class.getName())
                .put("value.converter.ddml.format", "avro")
                .put("value.converter.schema.registry.url", registry);
        return body;
    }

    /**
     * A FileStreamSinkConnector reading JsonConverter records with schemas and mapping them with ToDdml, through
     * idaas's SchemaCachingJsonConverter from the plugin path, as smt-transforms/README.md recommends.
     */
    private static ObjectNode toDdmlSink(String name, String topic, String dlq, Path file) {
        ObjectNode body = sinkConnector(name, topic, dlq, file);
        ((ObjectNode) body.get("config"))
                .put("key.converter", "io.idaas.ddml.connect.SchemaCachingJsonConverter")
                .put("key.converter.schemas.enable", "true")
                .put("value.converter", "io.idaas.ddml.connect.SchemaCachingJsonConverter")
                .put("value.converter.schemas.enable", "true")
                .put("transforms", "ddml")
                .put("transforms.ddml.type", TO_DDML);
        return body;
    }

    /** A FileStreamSinkConnector of one task from the earliest offset, every error tolerated and sent to {@code dlq}. */
    private static ObjectNode sinkConnector(String name, String topic, String dlq, Path file) {
        ObjectNode config = JSON.createObjectNode()
                .put("connector.class", "org.apache.kafka.connect.file.FileStreamSinkConnector")
                .put("tasks.max", "1")
                .put("topics", topic)
                .put("file", file.toString())
                .put("consumer.override.auto.offset.reset", "earliest")
                .put("errors.tolerance", "all")
                .put("errors.log.enable", "true")
                .put("errors.deadletterqueue.topic.name", dlq)
                .put("errors.deadletterqueue.topic.replication.factor", "1")
                .put("errors.deadletterqueue.context.headers.enable", "true");
        ObjectNode body = JSON.createObjectNode().put("name", name);
        body.set("config", config);
        return body;
    }

    private static DdmlConverter converter(String registry, boolean isKey) {
        DdmlConverter c = new DdmlConverter();
        c.configure(Map.of("ddml.format", "avro", "schema.registry.url", registry), isKey);
        return c;
    }

    private static KafkaProducer<byte[], byte[]> producer(LocalStack stack) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers()),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static RecordMetadata send(KafkaProducer<byte[], byte[]> producer, String topic, DdmlConverter keys,
                                       DdmlEvent event, byte[] value) throws Exception {
        byte[] key = keys.fromConnectData(topic, null, DdmlTestEvents.key(event));
        return producer.send(new ProducerRecord<>(topic, 0, key, value)).get();
    }

    private static RecordMetadata send(KafkaProducer<byte[], byte[]> producer, String topic, byte[] key, byte[] value)
            throws Exception {
        return producer.send(new ProducerRecord<>(topic, 0, key, value)).get();
    }

    /** A value as Connect's JsonConverter with schemas.enable=true writes it: {"schema": ..., "payload": ...}. */
    private static byte[] withSchema(String topic, Schema schema, Object value) {
        try (JsonConverter json = new JsonConverter()) {
            json.configure(Map.of("schemas.enable", "true"), false);
            return json.fromConnectData(topic, schema, value);
        }
    }

    private static List<ConsumerRecord<byte[], byte[]>> readAll(LocalStack stack, String topic, int expected, Duration timeout) {
        List<ConsumerRecord<byte[], byte[]>> read = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "e2e-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.METADATA_MAX_AGE_CONFIG, "500"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (read.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(read::add);
            }
            // Nothing more arrives: a good record never goes to the dead-letter topic.
            consumer.poll(Duration.ofSeconds(2)).forEach(read::add);
        }
        return read;
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String key) {
        Header header = record.headers().lastHeader(key);
        assertThat(header).as("header " + key).isNotNull();
        return new String(header.value(), StandardCharsets.UTF_8);
    }
}
