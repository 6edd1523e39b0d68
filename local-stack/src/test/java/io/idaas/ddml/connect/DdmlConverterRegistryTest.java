package io.idaas.ddml.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.idaas.ddml.DdmlAvro;
import io.idaas.ddml.DdmlEvent;
import io.idaas.registry.CompatibilityLevel;
import io.idaas.registry.ConfluentWireFormat;
import io.idaas.registry.SchemaRegistryClient;
import io.idaas.stack.Component;
import io.idaas.stack.LocalStack;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** DdmlConverter with ddml.format=avro against the embedded schema registry, over real HTTP. */
class DdmlConverterRegistryTest {

    private static final String ENVELOPE = "io.idaas.ddml.v1.DdmlEvent";

    @TempDir
    static Path dir;
    static LocalStack stack;
    static String url;
    static SchemaRegistryClient client;

    @BeforeAll
    static void start() {
        stack = LocalStack.builder().dataDir(dir).only(Component.REGISTRY).start();
        url = stack.registry().url();
        client = new SchemaRegistryClient(url);
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    static DdmlConverter avro(boolean isKey, String... more) {
        Map<String, Object> props = new HashMap<>(Map.of("ddml.format", "avro", "schema.registry.url", url));
        for (int i = 0; i < more.length; i += 2) {
            props.put(more[i], more[i + 1]);
        }
        DdmlConverter c = new DdmlConverter();
        c.configure(props, isKey);
        return c;
    }

    @Test
    void valuesRoundTripAsConfluentFramedEnvelopes() {
        DdmlConverter values = avro(false);
        for (DdmlEvent event : List.of(DdmlTestEvents.insert(1), DdmlTestEvents.update(2), DdmlTestEvents.delete(3),
                DdmlTestEvents.addColumn())) {
            byte[] bytes = values.fromConnectData("rt", null, null, DdmlTestEvents.tree(event));
            assertThat(bytes[0]).isEqualTo(ConfluentWireFormat.MAGIC_BYTE);
            assertThat(ConfluentWireFormat.schemaId(bytes)).isEqualTo(client.latest("rt-value").id());
            assertThat(Arrays.copyOfRange(bytes, 5, bytes.length)).isEqualTo(DdmlAvro.serialize(event));

            SchemaAndValue back = values.toConnectData("rt", null, bytes);
            assertThat(back.schema()).isNull();
            assertThat(back.value()).isEqualTo(DdmlTrees.toMap(event));
            assertThat(values.fromConnectData("rt", null, back.value())).isEqualTo(bytes);
        }
        assertThat(client.latest("rt-value").schema()).isEqualTo(DdmlAvro.schema());
        assertThat(client.versions("rt-value")).containsExactly(1);
    }

    @Test
    void keysAreFramedRowMapsUnderTheKeySubject() {
        DdmlConverter keys = avro(true);
        Map<String, Object> key = DdmlTestEvents.key(DdmlTestEvents.insert(9));
        byte[] bytes = keys.fromConnectData("keys", null, key);
        assertThat(client.latest("keys-key").schema()).isEqualTo(KeyRows.SCHEMA);
        assertThat(client.latest("keys-key").schema().toString()).startsWith("{\"type\":\"map\",\"values\":{\"type\":\"record\",\"name\":\"Value\"");
        @SuppressWarnings("unchecked")
        Map<String, Object> back = (Map<String, Object>) keys.toConnectData("keys", bytes).value();
        assertThat(back).isEqualTo(Map.of("id", 9L, "code", "AAEC/w=="));
        assertThat(back.keySet()).containsExactly("id", "code");
    }

    @Test
    void nullsAreTombstones() {
        assertThat(avro(false).fromConnectData("t", null, null)).isNull();
        assertThat(avro(true).toConnectData("t", null)).isEqualTo(SchemaAndValue.NULL);
    }

    @Test
    void subjectNamingStrategies() {
        avro(false, "value.subject.name.strategy", "record").fromConnectData("sn1", null, DdmlTestEvents.insert(1));
        avro(false, "value.subject.name.strategy", "io.confluent.kafka.serializers.subject.TopicRecordNameStrategy")
                .fromConnectData("sn2", null, DdmlTestEvents.insert(1));
        avro(false, "value.subject.name.strategy", "TopicNameStrategy").fromConnectData("sn3", null, DdmlTestEvents.insert(1));
        assertThat(client.subjects()).contains(ENVELOPE, "sn2-" + ENVELOPE, "sn3-value")
                .doesNotContain("sn1-value", "sn2-value");
    }

    @Test
    void aTruncatedPayloadNamesTopicCauseAndFix() {
        byte[] good = avro(false).fromConnectData("trunc", null, DdmlTestEvents.insert(1));
        byte[] truncated = Arrays.copyOf(good, good.length - 20);
        assertThatThrownBy(() -> avro(false).toConnectData("trunc", truncated))
                .isInstanceOf(DataException.class)
                .hasMessageStartingWith("DdmlConverter cannot read the value of a record of topic 'trunc' as DDML avro: ")
                .hasMessageContaining("truncated Avro payload")
                .hasMessageContaining("Fix: the record is not whole DDML Avro in the Confluent wire format (cut short, or written by another producer)");
    }

    /**
     * The writing side of DdmlConverter, which in Connect only a source connector's producing side reaches: there
     * errors.tolerance=all skips and logs the record, and no dead-letter topic exists (Connect has them for sinks only).
     */
    @ParameterizedTest
    @EnumSource(value = CompatibilityLevel.class, names = {"BACKWARD", "FULL"})
    void aSchemaTheRegistryRefusesNamesSubjectRegistryMessageAndFix(CompatibilityLevel level) {
        String topic = "refused-" + level.name().toLowerCase(java.util.Locale.ROOT);
        String subject = topic + "-value";
        Schema other = new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"Order\",\"namespace\":\"shop\","
                + "\"fields\":[{\"name\":\"id\",\"type\":\"long\"}]}");
        client.register(subject, other);
        client.setCompatibility(subject, level);
        assertThatThrownBy(() -> avro(false).fromConnectData(topic, null, DdmlTestEvents.insert(1)))
                .isInstanceOf(DataException.class)
                .hasMessageStartingWith("DdmlConverter cannot write the value for topic '" + topic + "' as DDML avro: ")
                .hasMessageContaining("schema registry refused subject '" + subject + "' (register a schema): HTTP 409")
                .as("the registry's own message")
                .hasMessageContaining("Schema being registered is incompatible with an earlier schema for subject \"" + subject
                        + "\" (compatibility " + level + ")")
                .hasMessageContaining("Fix: the compatibility level of subject '" + subject + "' refuses the DDML envelope");
        assertThat(client.versions(subject)).as("nothing registered").containsExactly(1);
    }

    @Test
    void withoutAutoRegistrationTheSchemaMustBeThere() {
        DdmlConverter noRegister = avro(false, "auto.register.schemas", "false");
        assertThatThrownBy(() -> noRegister.fromConnectData("manual", null, DdmlTestEvents.insert(1)))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("subject 'manual-value'")
                .hasMessageContaining("Fix: register the DDML schema under subject 'manual-value', or set auto.register.schemas=true");
        int id = client.register("manual-value", DdmlAvro.schema());
        assertThat(ConfluentWireFormat.schemaId(avro(false, "auto.register.schemas", "false")
                .fromConnectData("manual", null, DdmlTestEvents.insert(1)))).isEqualTo(id);
    }

    @Test
    void useLatestVersionWritesWithTheLatestIdWhenItIsTheEnvelope() {
        int id = client.register("latest-value", DdmlAvro.schema());
        DdmlConverter latest = avro(false, "auto.register.schemas", "false", "use.latest.version", "true");
        assertThat(ConfluentWireFormat.schemaId(latest.fromConnectData("latest", null, DdmlTestEvents.insert(1)))).isEqualTo(id);

        client.register("latest-other-value", new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"X\",\"fields\":[]}"));
        assertThatThrownBy(() -> latest.fromConnectData("latest-other", null, DdmlTestEvents.insert(1)))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("the latest version (1, id")
                .hasMessageContaining("of subject 'latest-other-value' is X")
                .hasMessageContaining("Fix: make the DDML envelope the subject's latest version, or set use.latest.version=false");
    }

    @Test
    void anUnknownSchemaIdIsNamed() {
        byte[] framed = ByteBuffer.allocate(7).put((byte) 0).putInt(987_654).put(new byte[] {2, 4}).array();
        assertThatThrownBy(() -> avro(false).toConnectData("unknown", framed))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("fetch schema id 987654")
                .hasMessageContaining("40403")
                .hasMessageContaining("Fix: point schema.registry.url at the registry that the producer of this topic used");
    }

    /**
     * SPEC.md section 9.1: Debezium's transaction markers and heartbeats (which ToDdml passes through) are written as
     * DDML control records with their own Avro record schemas, under their topics' subjects, and read back as the same
     * Map the JSON format gives (what the idaas JDBC sink reads END markers from).
     */
    @Test
    void transactionMarkersAndHeartbeatsAreControlRecordsWithSchemasOfTheirOwn() {
        DdmlConverter values = avro(false);
        DdmlConverter keys = avro(true);
        DdmlConverter jsonValues = new DdmlConverter();
        jsonValues.configure(Map.of(), false);
        String tx = "ctl.transaction";
        var end = DebeziumControlStructs.end("0-1-9", "shop.orders", 2);

        byte[] value = values.fromConnectData(tx, end.schema(), end);
        byte[] key = keys.fromConnectData(tx, DebeziumControlStructs.TX_KEY, DebeziumControlStructs.txKey("0-1-9"));

        assertThat(client.latest(tx + "-value").schema().getFullName()).isEqualTo("io.idaas.ddml.v1.TransactionMarker");
        assertThat(client.latest(tx + "-key").schema().getFullName()).isEqualTo("io.idaas.ddml.v1.TransactionKey");
        assertThat(values.toConnectData(tx, value).value())
                .isEqualTo(jsonValues.toConnectData(tx, jsonValues.fromConnectData(tx, end.schema(), end)).value());
        assertThat(((Map<?, ?>) values.toConnectData(tx, value).value()).get("status")).isEqualTo("END");
        assertThat(keys.toConnectData(tx, key).value()).isEqualTo(Map.of("id", "0-1-9"));
        @SuppressWarnings("unchecked")
        Map<String, Object> begin = (Map<String, Object>) values.toConnectData(tx, values.fromConnectData(tx, null, DebeziumControlStructs.begin("0-1-9"))).value();
        assertThat(begin).containsEntry("status", "BEGIN").containsEntry("id", "0-1-9").containsEntry("event_count", null)
                .containsEntry("ts_ms", 1_741_944_413_601L);

        String hb = "__debezium-heartbeat.ctl";
        byte[] beat = values.fromConnectData(hb, null, DebeziumControlStructs.heartbeat(42L));
        byte[] beatKey = keys.fromConnectData(hb, null, DebeziumControlStructs.heartbeatKey("ctl"));
        assertThat(client.latest(hb + "-value").schema().getFullName()).isEqualTo("io.idaas.ddml.v1.Heartbeat");
        assertThat(values.toConnectData(hb, beat).value()).isEqualTo(Map.of("ts_ms", 42L));
        assertThat(keys.toConnectData(hb, beatKey).value()).isEqualTo(Map.of("serverName", "ctl"));
    }

    @Test
    void aRegistryThatDoesNotAnswerHandsOverToTheNext() {
        DdmlConverter values = avro(false, "schema.registry.url", "http://127.0.0.1:1," + url);
        byte[] bytes = values.fromConnectData("failover", null, DdmlTestEvents.insert(1));
        assertThat(values.toConnectData("failover", bytes).value()).isEqualTo(DdmlTrees.toMap(DdmlTestEvents.insert(1)));
    }

    @Test
    void readsValuesWrittenWithALater1xEnvelope() {
        Schema later = withExtraOptionalField(DdmlAvro.schema());
        int id = client.register("later-value", later);
        DdmlEvent event = DdmlTestEvents.update(5);
        GenericRecord current = DdmlAvro.toRecord(event);
        GenericData.Record record = new GenericData.Record(later);
        current.getSchema().getFields().forEach(f -> record.put(f.name(), current.get(f.name())));
        record.put("added_in_1_1", "hello");
        byte[] bytes = ConfluentWireFormat.encode(id, later, record);
        assertThat(avro(false).toConnectData("later", bytes).value()).isEqualTo(DdmlTrees.toMap(event));
    }

    private static Schema withExtraOptionalField(Schema envelope) {
        List<Schema.Field> fields = new java.util.ArrayList<>();
        envelope.getFields().forEach(f -> fields.add(new Schema.Field(f, f.schema())));
        fields.add(new Schema.Field("added_in_1_1", Schema.createUnion(Schema.create(Schema.Type.NULL),
                Schema.create(Schema.Type.STRING)), null, Schema.Field.NULL_DEFAULT_VALUE));
        return Schema.createRecord(envelope.getName(), envelope.getDoc(), envelope.getNamespace(), false, fields);
    }
}
