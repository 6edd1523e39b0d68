package io.idaas.stack.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Interoperability with a third-party client of the Confluent API: {@code @kafkajs/confluent-schema-registry} (with
 * {@code avsc}) on Node.js registers and encodes through the embedded registry and idaas decodes, and the other way
 * round, with the same values. Needs node and npm; see {@link NodeInterop}.
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
}
