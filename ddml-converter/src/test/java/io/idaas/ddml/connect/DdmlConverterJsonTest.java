package io.idaas.ddml.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.idaas.ddml.DdmlEvent;
import io.idaas.ddml.DdmlJson;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.json.JsonConverter;
import org.junit.jupiter.api.Test;

/** DdmlConverter with ddml.format=json: round trips, keys, tombstones, headers and each bad input's message. */
class DdmlConverterJsonTest {

    private static final String TOPIC = "mariadb-main.shop.orders";
    private static final ObjectMapper JSON = new ObjectMapper();

    static DdmlConverter converter(boolean isKey) {
        DdmlConverter c = new DdmlConverter();
        c.configure(Map.of(), isKey);
        return c;
    }

    @Test
    void valuesRoundTripAsTheCanonicalTree() {
        DdmlConverter values = converter(false);
        for (DdmlEvent event : List.of(DdmlTestEvents.insert(1), DdmlTestEvents.update(2), DdmlTestEvents.delete(3),
                DdmlTestEvents.addColumn())) {
            byte[] bytes = values.fromConnectData(TOPIC, null, null, DdmlTestEvents.tree(event));
            assertThat(bytes).isEqualTo(DdmlJson.write(event));
            assertThat(DdmlJson.read(bytes)).isEqualTo(event);

            SchemaAndValue back = values.toConnectData(TOPIC, null, bytes);
            assertThat(back.schema()).isNull();
            assertThat(back.value()).isEqualTo(DdmlTrees.toMap(event));
            assertThat(DdmlJson.fromTree(JSON.valueToTree(back.value()))).isEqualTo(event);
            // The tree Connect gets back writes the same bytes again.
            assertThat(values.fromConnectData(TOPIC, null, null, back.value())).isEqualTo(bytes);
        }
    }

    @Test
    void theCanonicalTreeHasLongIntegersAndJsonStrings() {
        @SuppressWarnings("unchecked")
        Map<String, Object> tree = (Map<String, Object>) converter(false)
                .toConnectData(TOPIC, DdmlJson.write(DdmlTestEvents.insert(7))).value();
        @SuppressWarnings("unchecked")
        Map<String, Object> after = (Map<String, Object>) ((Map<String, Object>) tree.get("dml")).get("after");
        assertThat(after).containsEntry("id", 7L).containsEntry("amount", "12.50").containsEntry("ratio", "NaN")
                .containsEntry("code", "AAEC/w==").containsEntry("day", "-0044-03-15");
        assertThat(after.get("tags")).isEqualTo(java.util.Arrays.asList("é", null, "日本"));
    }

    @Test
    void takesADdmlEventObjectAndAJacksonTree() {
        DdmlEvent event = DdmlTestEvents.insert(1);
        DdmlConverter values = converter(false);
        assertThat(values.fromConnectData(TOPIC, null, event)).isEqualTo(DdmlJson.write(event));
        assertThat(values.fromConnectData(TOPIC, null, DdmlJson.toTree(event))).isEqualTo(DdmlJson.write(event));
    }

    @Test
    void nullsAreTombstones() {
        for (boolean isKey : new boolean[] {true, false}) {
            DdmlConverter c = converter(isKey);
            assertThat(c.fromConnectData(TOPIC, null, null, null)).isNull();
            assertThat(c.toConnectData(TOPIC, null, null)).isEqualTo(SchemaAndValue.NULL);
        }
    }

    @Test
    void keysAreKeyRowObjects() {
        DdmlConverter keys = converter(true);
        byte[] bytes = keys.fromConnectData(TOPIC, null, DdmlTestEvents.key(DdmlTestEvents.insert(42)));
        assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("{\"id\":42,\"code\":\"AAEC/w==\"}");
        assertThat(keys.toConnectData(TOPIC, bytes).value()).isEqualTo(Map.of("id", 42L, "code", "AAEC/w=="));

        byte[] ddl = keys.fromConnectData(TOPIC, null, Map.of("_ddml_id", DdmlTestEvents.addColumn().id()));
        assertThat(keys.toConnectData(TOPIC, ddl).value()).isEqualTo(Map.of("_ddml_id", DdmlTestEvents.addColumn().id()));
    }

    @Test
    void aJsonThatIsNotDdmlNamesTopicValueCauseAndFix() {
        byte[] notDdml = "{\"hello\":\"world\"}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> converter(false).toConnectData(TOPIC, notDdml))
                .isInstanceOf(DataException.class)
                .hasMessageStartingWith("DdmlConverter cannot read the value of a record of topic '" + TOPIC + "' as DDML json: ")
                .hasMessageContaining("spec_version")
                .hasMessageContaining("Fix: produce this topic's values with the ToDdml transform and DdmlConverter")
                .hasMessageContaining("errors.tolerance=all");
    }

    @Test
    void bytesThatAreNotJsonAreRefused() {
        byte[] text = "not json at all".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> converter(false).toConnectData(TOPIC, text))
                .isInstanceOf(DataException.class).hasMessageContaining("not JSON").hasMessageContaining("Fix:");
    }

    @Test
    void framedAvroReadAsJsonSuggestsTheAvroFormat() {
        byte[] framed = {0, 0, 0, 0, 1, 2, 4, 6};
        assertThatThrownBy(() -> converter(false).toConnectData(TOPIC, framed))
                .isInstanceOf(DataException.class).hasMessageContaining("read this topic with ddml.format=avro");
    }

    @Test
    void aKeyThatIsNotAnObjectIsRefused() {
        assertThatThrownBy(() -> converter(true).toConnectData(TOPIC, "[1,2]".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(DataException.class)
                .hasMessageStartingWith("DdmlConverter cannot read the key of a record of topic '" + TOPIC + "'")
                .hasMessageContaining("a DDML key is a JSON object");
        assertThatThrownBy(() -> converter(true).fromConnectData(TOPIC, null, Map.of("id", Map.of("nested", 1))))
                .isInstanceOf(DataException.class)
                .hasMessageStartingWith("DdmlConverter cannot write the key for topic '" + TOPIC + "'")
                .hasMessageContaining("column 'id' of the key is an object")
                .hasMessageContaining("Fix: put the ToDdml transform before this converter");
    }

    @Test
    void valuesThatAreNotDdmlAreRefusedOnWrite() {
        Schema schema = SchemaBuilder.struct().name("dbserver.inventory.customers.Envelope").field("op", Schema.STRING_SCHEMA).build();
        assertThatThrownBy(() -> converter(false).fromConnectData(TOPIC, schema, new Struct(schema).put("op", "c")))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("a Connect Struct (schema dbserver.inventory.customers.Envelope) is not DDML")
                .hasMessageContaining("Fix: put the ToDdml transform before this converter");
        Map<String, Object> broken = DdmlTestEvents.tree(DdmlTestEvents.insert(1));
        broken.remove("source");
        assertThatThrownBy(() -> converter(false).fromConnectData(TOPIC, null, broken))
                .isInstanceOf(DataException.class).hasMessageContaining("source");
    }

    /**
     * SPEC.md section 9.1: Debezium's transaction markers and heartbeats, which ToDdml passes through, are DDML control
     * records; in JSON they are exactly what Kafka's JsonConverter (schemas.enable=false) writes, and read back as the
     * Map a sink reads transaction markers from.
     */
    @Test
    void transactionMarkersAndHeartbeatsAreWrittenAsJsonConverterWritesThemAndReadBack() {
        JsonConverter plainKeys = new JsonConverter();
        plainKeys.configure(Map.of("schemas.enable", "false"), true);
        JsonConverter plainValues = new JsonConverter();
        plainValues.configure(Map.of("schemas.enable", "false"), false);
        String tx = "mariadb-main.transaction";
        String hb = "__debezium-heartbeat.mariadb-main";
        for (Struct value : List.of(DebeziumControlStructs.begin("0-1-7"), DebeziumControlStructs.end("0-1-7", "shop.orders", 3))) {
            byte[] bytes = converter(false).fromConnectData(tx, value.schema(), value);
            assertThat(bytes).isEqualTo(plainValues.fromConnectData(tx, value.schema(), value));
            assertThat(converter(false).toConnectData(tx, bytes).value()).isEqualTo(plainValues.toConnectData(tx, bytes).value());
        }
        Map<?, ?> end = (Map<?, ?>) converter(false).toConnectData(tx,
                converter(false).fromConnectData(tx, null, DebeziumControlStructs.end("0-1-7", "shop.orders", 3))).value();
        assertThat(end.get("status")).isEqualTo("END");
        assertThat(end.get("id")).isEqualTo("0-1-7");
        assertThat(end.get("event_count")).isEqualTo(3L);

        Struct txKey = DebeziumControlStructs.txKey("0-1-7");
        byte[] keyBytes = converter(true).fromConnectData(tx, txKey.schema(), txKey);
        assertThat(keyBytes).isEqualTo(plainKeys.fromConnectData(tx, txKey.schema(), txKey));
        assertThat(converter(true).toConnectData(tx, keyBytes).value()).isEqualTo(Map.of("id", "0-1-7"));

        Struct beat = DebeziumControlStructs.heartbeat(1_741_944_413_601L);
        byte[] beatBytes = converter(false).fromConnectData(hb, beat.schema(), beat);
        assertThat(new String(beatBytes, StandardCharsets.UTF_8)).isEqualTo("{\"ts_ms\":1741944413601}");
        assertThat(converter(false).toConnectData(hb, beatBytes).value()).isEqualTo(Map.of("ts_ms", 1_741_944_413_601L));
        Struct beatKey = DebeziumControlStructs.heartbeatKey("mariadb-main");
        assertThat(new String(converter(true).fromConnectData(hb, beatKey.schema(), beatKey), StandardCharsets.UTF_8))
                .isEqualTo("{\"serverName\":\"mariadb-main\"}");
    }

    @Test
    void aReaderKeepsFieldsOfControlRecordsItDoesNotKnowAndRefusesRawDebeziumEvents() {
        byte[] later = "{\"status\":\"END\",\"id\":\"9\",\"event_count\":1,\"data_collections\":null,\"ts_ms\":5,\"added_later\":\"x\"}"
                .getBytes(StandardCharsets.UTF_8);
        @SuppressWarnings("unchecked")
        Map<String, Object> read = (Map<String, Object>) converter(false).toConnectData("p.transaction", later).value();
        assertThat(read).containsEntry("status", "END").containsEntry("id", "9").containsEntry("event_count", 1L)
                .containsEntry("data_collections", null).containsEntry("ts_ms", 5L).containsEntry("added_later", "x");
        byte[] raw = "{\"op\":\"c\",\"ts_ms\":5,\"source\":{}}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> converter(false).toConnectData(TOPIC, raw)).isInstanceOf(DataException.class);
    }

    @Test
    void aTransactionMarkerOfAnotherShapeIsRefusedNamingTheField() {
        Schema odd = SchemaBuilder.struct().name("io.debezium.connector.common.TransactionMetadataValue")
                .field("status", Schema.STRING_SCHEMA).field("id", Schema.STRING_SCHEMA).field("surprise", Schema.STRING_SCHEMA).build();
        assertThatThrownBy(() -> converter(false).fromConnectData("p.transaction", odd,
                new Struct(odd).put("status", "END").put("id", "1").put("surprise", "x")))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("TransactionMarker has a field 'surprise'")
                .hasMessageContaining("SPEC.md section 9.1");
    }

    @Test
    void headersAreUtf8Strings() {
        DdmlConverter headers = new DdmlConverter();
        headers.configure(Map.of("converter.type", "header"));
        byte[] bytes = headers.fromConnectHeader(TOPIC, "ddml.kind", Schema.STRING_SCHEMA, "dml");
        assertThat(bytes).isEqualTo("dml".getBytes(StandardCharsets.UTF_8));
        assertThat(headers.toConnectHeader(TOPIC, "ddml.kind", bytes)).isEqualTo(new SchemaAndValue(Schema.OPTIONAL_STRING_SCHEMA, "dml"));
        assertThat(new String(headers.fromConnectHeader(TOPIC, "h", null, Map.of("a", 1)), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
        assertThat(headers.fromConnectHeader(TOPIC, "h", null, null)).isNull();
        assertThat(headers.toConnectHeader(TOPIC, "h", null)).isEqualTo(SchemaAndValue.NULL);
    }

    @Test
    void versionComesFromTheBuild() {
        assertThat(new DdmlConverter().version()).matches("\\d+\\.\\d+\\.\\d+.*");
    }
}
