package io.idaas.transforms.ddml;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion.VersionFlag;
import io.idaas.ddml.DdmlEvent;
import io.idaas.ddml.DdmlJson;
import io.idaas.ddml.DdmlSchemas;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.source.SourceRecord;

/** Test helpers: a ToDdml with a fixed clock, and the checks every emitted record must pass. */
public final class Ddml {

    static final long EMIT_US = 1_741_944_413_602_345L;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonSchema SCHEMA = JsonSchemaFactory.getInstance(VersionFlag.V202012).getSchema(DdmlSchemas.jsonSchema());
    private static final JsonConverter JSON = new JsonConverter();

    static {
        JSON.configure(Map.of("schemas.enable", "false", "converter.type", "value"));
    }

    private Ddml() {
    }

    /** A ToDdml with a fixed emit clock. */
    static ToDdml<SourceRecord> transform(Map<String, String> props) {
        ToDdml<SourceRecord> t = new ToDdml<>();
        t.configure(new DebeziumToDdml(new ToDdmlConfig(props), () -> EMIT_US));
        return t;
    }

    static ToDdml<SourceRecord> transform() {
        return transform(Map.of());
    }

    /**
     * The event of an emitted DDML record, after checking that its value is valid DDML: it validates
     * against the JSON Schema, reads back with DdmlJson.fromTree to an event whose tree is the value,
     * survives Connect's JsonConverter (schemas.enable=false) byte for byte, and its headers repeat it.
     */
    public static DdmlEvent event(ConnectRecord<?> record) {
        assertThat(record.valueSchema()).isNull();
        assertThat(record.keySchema()).isNull();
        JsonNode tree = MAPPER.valueToTree(record.value());
        assertThat(SCHEMA.validate(tree)).as("JSON Schema errors").isEmpty();
        DdmlEvent event = DdmlJson.fromTree(tree);
        // as JSON text: a tree read back by DdmlConverter holds Longs where ToDdml's holds Integers (equal JSON)
        assertThat(text(DdmlJson.toTree(event))).isEqualTo(text(tree));
        byte[] wire = JSON.fromConnectData(record.topic(), null, record.value());
        assertThat(DdmlJson.read(wire)).isEqualTo(event);
        assertThat(new String(wire, StandardCharsets.UTF_8)).isEqualTo(new String(DdmlJson.write(event), StandardCharsets.UTF_8));
        Map<String, String> headers = headers(record);
        assertThat(headers).containsEntry("ddml.id", event.id()).containsEntry("ddml.kind", event.kind().wireName());
        assertThat(headers.get("ddml.op")).isEqualTo(event.dml() != null ? event.dml().op().wireName() : event.ddl().op().wireName());
        if (event.schema() != null) {
            assertThat(headers).containsEntry("ddml.fingerprint", event.schema().fingerprint());
        }
        return event;
    }

    private static String text(JsonNode tree) {
        try {
            return MAPPER.writeValueAsString(tree);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The JSON text the JsonConverter writes for the record's key. */
    static String keyJson(ConnectRecord<?> record) {
        return new String(JSON.fromConnectData(record.topic(), null, record.key()), StandardCharsets.UTF_8);
    }

    public static Map<String, String> headers(ConnectRecord<?> record) {
        Map<String, String> out = new HashMap<>();
        for (Header h : record.headers()) {
            out.put(h.key(), String.valueOf(h.value()));
        }
        return out;
    }

    /** The JSON tree of a record's value, as a reader of its JSON text sees it. */
    static JsonNode tree(ConnectRecord<?> record) {
        try {
            return MAPPER.readTree(MAPPER.writeValueAsString(record.value()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Object> list(Object... values) {
        return java.util.Arrays.asList(values);
    }
}
