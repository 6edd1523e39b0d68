package io.idaas.stack.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.idaas.ddml.DdmlEvent;
import io.idaas.ddml.DdmlJson;
import io.idaas.ddml.connect.DdmlConverter;
import io.idaas.ddml.connect.DdmlTestEvents;
import io.idaas.registry.CompatibilityLevel;
import io.idaas.registry.ConfluentWireFormat;
import io.idaas.registry.SchemaRegistryClient;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.idaas.stack.registry.DdmlInteropEvents.avroKeyView;
import static io.idaas.stack.registry.DdmlInteropEvents.avroView;
import static io.idaas.stack.registry.DdmlInteropEvents.key;
import static io.idaas.stack.registry.DdmlInteropEvents.withoutAbsent;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Interoperability with a third-party client of the Confluent API: {@code @kafkajs/confluent-schema-registry} (with
 * {@code avsc}) on Node.js registers and encodes through the embedded registry and idaas decodes, and the other way
 * round, with the same values: for a record of its own and for DDML events and keys written and read by
 * {@link DdmlConverter} (SPEC.md section 9), which kafkajs sees as SPEC.md sections 8.2 and 8.3 say
 * ({@link DdmlInteropEvents#avroView}). Needs node and npm; see {@link NodeInterop}.
 */
class KafkajsInteropTest {

    /** Pretty-printed on purpose: the registry must know it as the same schema as its compact form. */
    static final String PAYMENT_V1 = """
            {
              "type": "record", "name": "Payment", "namespace": "interop",
              "fields": [
                {"name": "id", "type": "long"},
                {"name": "customer", "type": "string"},
                {"name": "amount", "type": "double"},
                {"name": "paid", "type": "boolean"},
                {"name": "note", "type": ["null", "string"], "default": null},
                {"name": "status", "type": {"type": "enum", "name": "Status", "symbols": ["NEW", "PAID"]}},
                {"name": "tags", "type": {"type": "array", "items": "string"}}
              ]
            }""";
    static final Schema V1 = new Schema.Parser().parse(PAYMENT_V1);
    static final Schema V2 = new Schema.Parser().parse(PAYMENT_V1.replace(
            "{\"name\": \"tags\"", "{\"name\": \"currency\", \"type\": \"string\", \"default\": \"EUR\"},\n    {\"name\": \"tags\""));
    static final String CUSTOMER = "Zoë Ødegård 日本 🚀";

    static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path dir;
    static EmbeddedSchemaRegistry registry;
    static SchemaRegistryClient client;

    @BeforeAll
    static void start() throws Exception {
        NodeInterop.prepare();
        registry = new EmbeddedSchemaRegistry(dir.resolve("registry"), 0);
        registry.start();
        client = new SchemaRegistryClient(registry.url());
    }

    @AfterAll
    static void stop() {
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void idaasDecodesWhatKafkajsWrote() throws Exception {
        int idaasId = client.register("payments-value", V1);
        String value = """
                {"id": 1234567890123, "customer": "%s", "amount": 12.5, "paid": true, "note": "first", "status": "PAID", "tags": ["a", "b"]}"""
                .formatted(CUSTOMER);

        JsonNode written = JSON.readTree(NodeInterop.interop(registry.url(), "encode", "kafkajs-payments-value", PAYMENT_V1, value));

        int id = written.get("id").asInt();
        assertThat(id).as("the same schema under another subject, registered by another client, has the same global id").isEqualTo(idaasId);
        byte[] bytes = HexFormat.of().parseHex(written.get("hex").asText());
        assertThat(bytes[0]).isZero();
        assertThat(ConfluentWireFormat.schemaId(bytes)).isEqualTo(id);
        GenericRecord record = (GenericRecord) ConfluentWireFormat.decode(bytes, new SchemaRegistryClient(registry.url())::schemaById);
        assertThat(record.get("id")).isEqualTo(1234567890123L);
        assertThat(record.get("customer").toString()).isEqualTo(CUSTOMER);
        assertThat(record.get("amount")).isEqualTo(12.5);
        assertThat(record.get("paid")).isEqualTo(true);
        assertThat(record.get("note").toString()).isEqualTo("first");
        assertThat(record.get("status").toString()).isEqualTo("PAID");
        assertThat(((List<?>) record.get("tags")).stream().map(Object::toString).toList()).containsExactly("a", "b");
        assertThat(client.versions("kafkajs-payments-value")).containsExactly(1);
        assertThat(client.getCompatibility("kafkajs-payments-value")).as("kafkajs sets the level of a subject it creates")
                .contains(CompatibilityLevel.BACKWARD);
    }

    @Test
    void kafkajsDecodesWhatIdaasWrote() throws Exception {
        client.register("payments-value", V1);
        int id = client.register("payments-value", V2);
        GenericRecord record = new GenericData.Record(V2);
        record.put("id", -42L);
        record.put("customer", CUSTOMER);
        record.put("amount", -0.25);
        record.put("paid", false);
        record.put("note", null);
        record.put("status", new GenericData.EnumSymbol(V2.getField("status").schema(), "NEW"));
        record.put("currency", "CHF");
        record.put("tags", List.of());
        String hex = HexFormat.of().formatHex(ConfluentWireFormat.encode(id, V2, record));

        JsonNode read = JSON.readTree(NodeInterop.interop(registry.url(), "decode", hex));

        assertThat(read.get("id").asInt()).isEqualTo(id);
        assertThat(read.get("value")).isEqualTo(JSON.readTree("""
                {"id": -42, "customer": "%s", "amount": -0.25, "paid": false, "note": null, "status": "NEW", "currency": "CHF", "tags": []}"""
                .formatted(CUSTOMER)));
    }

    @Test
    void kafkajsDecodesDdmlThatDdmlConverterWrote() throws Exception {
        String topic = "pg.public.payments";
        DdmlConverter values = ddmlAvro(false);
        DdmlConverter keys = ddmlAvro(true);
        List<DdmlEvent> events = DdmlInteropEvents.all();
        List<String> records = new ArrayList<>();
        for (DdmlEvent event : events) {
            records.add(HexFormat.of().formatHex(values.fromConnectData(topic, null, DdmlTestEvents.tree(event))));
            records.add(HexFormat.of().formatHex(keys.fromConnectData(topic, null, key(event))));
        }

        List<JsonNode> read = lines(NodeInterop.interop(Stream.concat(Stream.of(registry.url(), "decode"), records.stream())
                .toArray(String[]::new)));

        assertThat(read).hasSize(2 * events.size());
        int valueId = client.latest(topic + "-value").id();
        int keyId = client.latest(topic + "-key").id();
        for (int i = 0; i < events.size(); i++) {
            DdmlEvent event = events.get(i);
            JsonNode value = read.get(2 * i);
            JsonNode key = read.get(2 * i + 1);
            assertThat(value.get("id").asInt()).as("schema id of %s", event.id()).isEqualTo(valueId);
            assertThat(withoutAbsent(value.get("value"))).as(event.id()).isEqualTo(withoutAbsent(avroView(event)));
            assertThat(key.get("id").asInt()).isEqualTo(keyId);
            assertThat(withoutAbsent(key.get("value"))).as("key of %s", event.id()).isEqualTo(withoutAbsent(avroKeyView(key(event))));
        }
        // The same, spelled out for the insert: each value a Value record, its union branch the column type's (SPEC 8.2).
        assertThat(read.get(0).at("/value/dml/after")).isEqualTo(JSON.readTree("""
                {"id":      {"v": {"long": 1}},
                 "amount":  {"v": {"string": "-1234567890123456789012345678.0000000001"}},
                 "price":   {"v": {"string": "-0.50"}},
                 "placed":  {"v": {"string": "2026-11-25T12:00:00.123456Z"}},
                 "booked":  {"v": {"string": "1999-12-31T23:59:59.000001"}},
                 "day":     {"v": {"string": "-0044-03-15"}},
                 "payload": {"v": {"bytes": "AAEC/v8="}},
                 "name":    {"v": {"string": "%s"}},
                 "note":    {"v": null},
                 "ratio":   {"v": {"double": "NaN"}},
                 "ok":      {"v": {"boolean": true}},
                 "tags":    {"v": {"array": [{"v": {"string": "é"}}, {"v": null}, {"v": {"string": "日本"}}]}}}"""
                .formatted(DdmlInteropEvents.NAME)));
        assertThat(read.get(0).at("/value/schema/columns/1")).isEqualTo(JSON.readTree("""
                {"name": "amount", "type": "decimal(38,10)", "native_type": "numeric(38,10)", "nullable": true,
                 "default_value": null, "length": null, "precision": 38, "scale": 10}"""));
        assertThat(read.get(1).get("value")).isEqualTo(JSON.readTree("{\"id\": {\"v\": {\"long\": 1}}}"));
        assertThat(read.get(7).get("value")).as("a DDL event's key").isEqualTo(JSON.readTree("""
                {"_ddml_id": {"v": {"string": "%s"}}}""".formatted(events.get(3).id())));
    }

    @Test
    void ddmlConverterDecodesDdmlThatKafkajsWrote() throws Exception {
        String topic = "pg.public.payments.kafkajs";
        List<DdmlEvent> events = DdmlInteropEvents.all();
        // idaas's first write registers the envelope and the key schema under the topic's subjects.
        ddmlAvro(false).fromConnectData(topic, null, DdmlTestEvents.tree(events.get(0)));
        ddmlAvro(true).fromConnectData(topic, null, key(events.get(0)));
        List<String> valueViews = new ArrayList<>();
        List<String> keyViews = new ArrayList<>();
        for (DdmlEvent event : events) {
            valueViews.add(JSON.writeValueAsString(avroView(event)));
            keyViews.add(JSON.writeValueAsString(avroKeyView(key(event))));
        }

        List<JsonNode> values = encodeLatest(topic + "-value", valueViews);
        List<JsonNode> keys = encodeLatest(topic + "-key", keyViews);

        DdmlConverter valueReader = ddmlAvro(false);
        DdmlConverter keyReader = ddmlAvro(true);
        for (int i = 0; i < events.size(); i++) {
            DdmlEvent event = events.get(i);
            byte[] value = HexFormat.of().parseHex(values.get(i).get("hex").asText());
            assertThat(ConfluentWireFormat.schemaId(value)).isEqualTo(client.latest(topic + "-value").id());
            JsonNode read = JSON.valueToTree(valueReader.toConnectData(topic, value).value());
            assertThat(DdmlJson.fromTree(read)).as(event.id()).isEqualTo(event);
            assertThat(withoutAbsent(read)).as(event.id()).isEqualTo(withoutAbsent(DdmlJson.toTree(event)));

            byte[] key = HexFormat.of().parseHex(keys.get(i).get("hex").asText());
            assertThat(ConfluentWireFormat.schemaId(key)).isEqualTo(client.latest(topic + "-key").id());
            assertThat(withoutAbsent(JSON.valueToTree(keyReader.toConnectData(topic, key).value())))
                    .as("key of %s", event.id()).isEqualTo(withoutAbsent(JSON.valueToTree(key(event))));
        }
    }

    private static DdmlConverter ddmlAvro(boolean isKey) {
        DdmlConverter converter = new DdmlConverter();
        converter.configure(Map.of("ddml.format", "avro", "schema.registry.url", registry.url()), isKey);
        return converter;
    }

    private static List<JsonNode> encodeLatest(String subject, List<String> values) throws Exception {
        return lines(NodeInterop.interop(Stream.concat(Stream.of(registry.url(), "encode-latest", subject), values.stream())
                .toArray(String[]::new)));
    }

    private static List<JsonNode> lines(String output) throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : output.split("\n")) {
            lines.add(JSON.readTree(line));
        }
        return lines;
    }
}
