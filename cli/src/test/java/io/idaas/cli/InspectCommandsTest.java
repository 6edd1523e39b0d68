package io.idaas.cli;

import io.idaas.ddml.DdmlEvent;
import io.idaas.ddml.DdmlJson;
import io.idaas.ddml.connect.DdmlConverter;
import io.idaas.ddml.connect.DdmlTestEvents;
import io.idaas.registry.ConfluentWireFormat;
import io.idaas.registry.SchemaRegistryClient;
import io.idaas.stack.Component;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import io.idaas.stack.LocalStack;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code idaas topics} and {@code idaas print} against a real broker. */
class InspectCommandsTest {

    @TempDir
    static Path dataDir;
    static LocalStack stack;
    static final DdmlEvent DDML_EVENT = DdmlTestEvents.insert(1);

    @BeforeAll
    static void startKafkaAndWriteRecords() throws Exception {
        stack = LocalStack.builder().dataDir(dataDir).only(Component.KAFKA, Component.REGISTRY).start();
        Schema customer = SchemaBuilder.record("Customer").namespace("io.idaas.test").fields()
                .requiredInt("id").requiredString("name").endRecord();
        int schemaId = new SchemaRegistryClient(stack.registry().url()).register("inspect.avro-value", customer);
        GenericRecord ada = new GenericRecordBuilder(customer).set("id", 7).set("name", "Ada ✓").build();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()))) {
            producer.send(new ProducerRecord<>("inspect.orders", 0, 1_700_000_000_000L, utf8("{\"id\":1}"), utf8("{\"id\": 1, \"total\": 9.5}"))).get();
            producer.send(new ProducerRecord<>("inspect.orders", 0, 1_700_000_001_000L, utf8("plain key"), utf8("plain text ü"))).get();
            producer.send(new ProducerRecord<>("inspect.orders", 0, 1_700_000_002_000L, utf8("{\"id\":1}"), (byte[]) null)).get();
            producer.send(new ProducerRecord<>("inspect.orders", 0, 1_700_000_003_000L, null, new byte[] {0, 0, 0, 0, 7, 2, 4})).get();
            producer.send(new ProducerRecord<>("inspect.empty", utf8("k"), utf8("v"))).get();
            producer.send(new ProducerRecord<>("inspect.avro", utf8("7"), ConfluentWireFormat.encode(schemaId, customer, ada))).get();
            producer.send(new ProducerRecord<>("inspect.avro", utf8("8"), new byte[] {0, 0, 0, 0})).get();
            writeDdml(producer);
        }
        // A consumer group that has read inspect.orders.
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "inspect-readers",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()))) {
            consumer.commitSync(Map.of(new TopicPartition("inspect.orders", 0), new OffsetAndMetadata(2)));
        }
    }

    /** inspect.ddml: DDML Avro, DDML JSON, a JSON that is not DDML, a truncated DDML Avro payload. */
    private static void writeDdml(KafkaProducer<byte[], byte[]> producer) throws Exception {
        DdmlConverter keys = new DdmlConverter();
        keys.configure(Map.of("ddml.format", "avro", "schema.registry.url", stack.registry().url()), true);
        DdmlConverter values = new DdmlConverter();
        values.configure(Map.of("ddml.format", "avro", "schema.registry.url", stack.registry().url()), false);
        String t = "inspect.ddml";
        byte[] key = keys.fromConnectData(t, null, DdmlTestEvents.key(DDML_EVENT));
        byte[] avro = values.fromConnectData(t, null, DdmlTestEvents.tree(DDML_EVENT));
        producer.send(new ProducerRecord<>(t, 0, 1_700_000_000_000L, key, avro)).get();
        producer.send(new ProducerRecord<>(t, 0, 1_700_000_001_000L, utf8("{\"id\":1,\"code\":\"AAEC/w==\"}"), DdmlJson.write(DDML_EVENT))).get();
        producer.send(new ProducerRecord<>(t, 0, 1_700_000_002_000L, null, utf8("{\"hello\":1}"))).get();
        producer.send(new ProducerRecord<>(t, 0, 1_700_000_003_000L, null, java.util.Arrays.copyOf(avro, avro.length - 20))).get();
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void topicsListsPartitionsMessagesAndConsumerGroups() {
        String out = run("topics", "--data-dir", dataDir.toString());
        assertThat(out).contains("Kafka Topic", "Partitions", "Messages", "Consumer Groups");
        assertThat(out.lines().filter(l -> l.contains("inspect.orders")).findFirst().orElseThrow())
                .matches(" inspect\\.orders\\s+\\|\\s+1 \\|\\s+4 \\|\\s+1");
        assertThat(out.lines().filter(l -> l.contains("inspect.empty")).findFirst().orElseThrow())
                .matches(" inspect\\.empty\\s+\\|\\s+1 \\|\\s+1 \\|\\s+0");
        assertThat(out).doesNotContain("__consumer_offsets");
        assertThat(run("topics", "--all", "--bootstrap-server", stack.kafka().bootstrapServers())).contains("__consumer_offsets");
    }

    @Test
    void printShowsEveryRecordInOrderWithItsCoordinates() {
        String out = run("print", "inspect.orders", "--from-beginning", "--limit", "4", "--bootstrap-server", stack.kafka().bootstrapServers());
        List<String> lines = out.lines().toList();
        assertThat(lines).containsExactly(
                "Key format: AUTO (first record: JSON)",
                "Value format: AUTO (first record: JSON)",
                "rowtime: 2023/11/14 22:13:20.000 Z, partition: 0, offset: 0, key: {\"id\":1}, value: {\"id\":1,\"total\":9.5}",
                "rowtime: 2023/11/14 22:13:21.000 Z, partition: 0, offset: 1, key: plain key, value: plain text ü",
                "rowtime: 2023/11/14 22:13:22.000 Z, partition: 0, offset: 2, key: {\"id\":1}, value: <null>",
                "rowtime: 2023/11/14 22:13:23.000 Z, partition: 0, offset: 3, key: <null>, value: 0x00000000070204");
    }

    @Test
    void aRecordThatDoesNotDecodeInTheAskedFormatSaysSoAndPrintingGoesOn() {
        String out = run("print", "inspect.orders", "--from-beginning", "--limit", "4", "--format", "json", "--data-dir", dataDir.toString());
        assertThat(out).contains("offset: 1, key: plain key, value: <not JSON> plain text ü");
        assertThat(out).contains("offset: 3, key: <null>, value: <not JSON> 0x00000000070204");
        String avro = run("print", "inspect.orders", "--from-beginning", "--limit", "1", "--format", "avro", "--bootstrap-server", stack.kafka().bootstrapServers());
        assertThat(avro).contains("value: <not decoded: Avro needs a schema registry, pass --registry URL>");
    }

    @Test
    void avroIsDecodedWithTheStacksRegistryAndABrokenPayloadIsShownNotSkipped() {
        String out = run("print", "inspect.avro", "--from-beginning", "--limit", "2", "--data-dir", dataDir.toString());
        assertThat(out).contains("offset: 0, key: 7, value: {\"id\": 7, \"name\": \"Ada ✓\"}");
        assertThat(out).contains("offset: 1, key: 8, value: 0x00000000");
        String forced = run("print", "inspect.avro", "--from-beginning", "--limit", "2", "--format", "avro", "--registry", stack.registry().url(),
                "--bootstrap-server", stack.kafka().bootstrapServers());
        assertThat(forced).contains("offset: 1, key: 8, value: <not Avro in the Confluent wire format: shorter than 5 bytes>");
    }

    @Test
    void ddmlIsCheckedAndShownAsCompactDdmlJsonFromAvroOrJson() {
        String ddmlJson = new String(DdmlJson.write(DDML_EVENT), StandardCharsets.UTF_8);
        List<String> lines = run("print", "inspect.ddml", "--from-beginning", "--limit", "4", "--format", "ddml", "--key-format", "ddml",
                "--data-dir", dataDir.toString()).lines().toList();
        assertThat(lines.get(2)).isEqualTo("rowtime: 2023/11/14 22:13:20.000 Z, partition: 0, offset: 0, key: {\"id\":1,\"code\":\"AAEC/w==\"}, value: " + ddmlJson);
        assertThat(lines.get(3)).isEqualTo("rowtime: 2023/11/14 22:13:21.000 Z, partition: 0, offset: 1, key: {\"id\":1,\"code\":\"AAEC/w==\"}, value: " + ddmlJson);
        assertThat(lines.get(4)).contains("offset: 2, key: <null>, value: <not DDML: ").contains("spec_version").endsWith("> {\"hello\":1}");
        assertThat(lines.get(5)).contains("offset: 3, key: <null>, value: <not DDML: truncated Avro payload").contains("> 0x00");

        String auto = run("print", "inspect.ddml", "--from-beginning", "--limit", "1", "--data-dir", dataDir.toString());
        assertThat(auto).contains("offset: 0, key: {\"id\":1,\"code\":\"AAEC/w==\"}, value: " + ddmlJson);
        assertThat(auto.lines().limit(2)).containsExactly("Key format: AUTO (first record: DDML Avro)", "Value format: AUTO (first record: DDML Avro)");
        String second = run("print", "inspect.ddml", "--from-beginning", "--limit", "2", "--data-dir", dataDir.toString());
        assertThat(second.lines().limit(2)).containsExactly("Key format: AUTO (first record: DDML Avro)", "Value format: AUTO (first record: DDML Avro)");
        String noRegistry = run("print", "inspect.ddml", "--from-beginning", "--limit", "1", "--format", "ddml",
                "--bootstrap-server", stack.kafka().bootstrapServers());
        assertThat(noRegistry).contains("value: <not DDML: DDML Avro needs a schema registry, pass --registry URL> 0x00");
    }

    @Test
    void anUnknownTopicIsNamedWithWhereToLook() {
        StringWriter err = new StringWriter();
        CommandLine cli = Idaas.commandLine();
        cli.setErr(new PrintWriter(err));
        assertThat(cli.execute("print", "no.such.topic", "--limit", "1", "--bootstrap-server", stack.kafka().bootstrapServers())).isNotZero();
        assertThat(err.toString()).contains("topic 'no.such.topic' does not exist", "idaas topics");
    }

    @Test
    void withoutAStackOrAServerTheCommandSaysHowToGetOne(@TempDir Path empty) {
        StringWriter err = new StringWriter();
        CommandLine cli = Idaas.commandLine();
        cli.setErr(new PrintWriter(err));
        assertThat(cli.execute("topics", "--data-dir", empty.toString())).isNotZero();
        assertThat(err.toString()).contains("no Kafka to talk to", "idaas up", "--bootstrap-server");
    }

    private static String run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Idaas.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        assertThat(code).as("exit code; stderr: %s", err).isZero();
        return out.toString();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
