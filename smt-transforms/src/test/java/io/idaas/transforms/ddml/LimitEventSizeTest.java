package io.idaas.transforms.ddml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.idaas.ddml.DdmlEvent;
import io.idaas.ddml.DmlOp;
import io.idaas.ddml.Omitted;
import io.idaas.transforms.ddml.size.LimitEventSize;
import io.idaas.transforms.ddml.size.LimitEventSizeConfig;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

/** LimitEventSize after ToDdml: an event over max.bytes leaves its rows out and says so; everything else passes. */
class LimitEventSizeTest {

    private static final int LIMIT = 1024 * 1024;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final ToDdml<SourceRecord> toDdml = Ddml.transform();
    private final DebeziumRecords orders = MariaDbToDdmlTest.orders(DebeziumRecords.mariadb("orders"));

    private static LimitEventSize<SourceRecord> limit(long maxBytes) {
        LimitEventSize<SourceRecord> t = new LimitEventSize<>();
        t.configure(Map.of("max.bytes", String.valueOf(maxBytes)));
        return t;
    }

    private static Object[] row(long id, String note) {
        return new Object[] {id, "Zoë", new java.math.BigDecimal("12.50"), "paid", (short) 1, "2025-03-14T09:26:53.589793Z", note};
    }

    /** The bytes a schemaless JsonConverter writes for the record's value. */
    private static int valueBytes(SourceRecord record) {
        JsonConverter json = new JsonConverter();
        json.configure(Map.of("schemas.enable", "false", "converter.type", "value"));
        return json.fromConnectData(record.topic(), null, record.value()).length;
    }

    @Test
    void anUpdateOverTheLimitIsWrittenWithoutItsRowsSayingHowLargeItWas() throws Exception {
        String big = "x".repeat(600_000); // before and after: 1.2 MB of JSON
        SourceRecord full = toDdml.apply(orders.transaction("0-1-42", 1, 1).update(row(7, big), row(7, big + "y")));
        assertThat(valueBytes(full)).isGreaterThan(LIMIT);
        LimitEventSize<SourceRecord> limit = limit(LIMIT);

        SourceRecord out = limit.apply(full);

        DdmlEvent original = Ddml.event(full);
        DdmlEvent event = Ddml.event(out); // valid DDML: JSON Schema, read back, JsonConverter byte for byte, headers
        assertThat(event.specVersion()).isEqualTo("1.1");
        assertThat(event.id()).isEqualTo(original.id());
        assertThat(event.position()).isEqualTo(original.position());
        assertThat(event.transaction()).isEqualTo(original.transaction());
        assertThat(event.schema()).isEqualTo(original.schema());
        assertThat(event.dml().op()).isEqualTo(DmlOp.UPDATE);
        assertThat(event.dml().key().values()).isEqualTo(Map.of("id", 7L));
        assertThat(event.dml().before()).isNull();
        assertThat(event.dml().after()).isNull();
        assertThat(event.dml().changed()).isNull();
        Omitted omitted = event.dml().omitted();
        assertThat(omitted.reason()).isEqualTo("too_large");
        assertThat(omitted.limit()).isEqualTo(LIMIT);
        // The size it reports covers the value as JsonConverter writes it (and the key, headers and record overhead).
        assertThat(omitted.bytes()).isGreaterThanOrEqualTo(valueBytes(full)).isLessThan(valueBytes(full) + 4096L);
        assertThat(out.topic()).isEqualTo(full.topic());
        assertThat(out.key()).isEqualTo(full.key());
        assertThat(Ddml.headers(out)).containsEntry("ddml.omitted", "too_large");
        assertThat(valueBytes(out)).isLessThan(4096);
        assertThat(MAPPER.readTree(new String(new ObjectMapper().writeValueAsBytes(out.value()), StandardCharsets.UTF_8))
            .get("dml").get("omitted")).isEqualTo(MAPPER.readTree(
                "{\"reason\": \"too_large\", \"bytes\": " + omitted.bytes() + ", \"limit\": " + LIMIT + "}"));
        assertThat(limit.replaced()).isEqualTo(1);
    }

    @Test
    void anInsertOverTheLimitAndAPlainTreeValueAreReplacedAlike() {
        SourceRecord full = toDdml.apply(orders.transaction("0-1-43", 1, 1).insert(row(8, "\u0001".repeat(200_000))));
        // A control character is 6 bytes of JSON: 1.2 MB for 200,000 of them.
        assertThat(limit(LIMIT).apply(full).value()).isNotSameAs(full.value());
        Map<String, Object> plainTree = new LinkedHashMap<>(MAPPER.convertValue(Ddml.tree(full), Map.class));
        SourceRecord plain = full.newRecord(full.topic(), full.kafkaPartition(), null, full.key(), null, plainTree, full.timestamp(),
            full.headers());
        DdmlEvent event = Ddml.event(limit(LIMIT).apply(plain));
        assertThat(event.dml().op()).isEqualTo(DmlOp.INSERT);
        assertThat(event.dml().after()).isNull();
        assertThat(event.dml().omitted().bytes()).isGreaterThan(LIMIT);
    }

    @Test
    void eventsWithinTheLimitPassUnchangedEvenWhenTheQuickBoundIsOver() {
        // 200,000 characters: the quick bound (6 bytes each) is over 1 MiB, the JSON (1 byte each) is not.
        SourceRecord record = toDdml.apply(orders.transaction("0-1-44", 1, 1).insert(row(9, "y".repeat(200_000))));
        assertThat(limit(LIMIT).apply(record)).isSameAs(record);
        SourceRecord small = toDdml.apply(orders.transaction("0-1-45", 1, 1).insert(row(10, "small")));
        assertThat(limit(LIMIT).apply(small)).isSameAs(small);
    }

    @Test
    void tombstonesDdlAndRecordsThatAreNotDdmlPass() {
        LimitEventSize<SourceRecord> limit = limit(1024);
        SourceRecord tombstone = toDdml.apply(orders.tombstone(7L));
        assertThat(limit.apply(tombstone)).isSameAs(tombstone);
        SourceRecord notDdml = new SourceRecord(Map.of(), Map.of(), "t", null, Map.of("hello", "x".repeat(10_000)));
        assertThat(limit.apply(notDdml)).isSameAs(notDdml);
        SourceRecord delete = toDdml.apply(orders.transaction("0-1-46", 1, 1).delete(row(11, "z".repeat(5_000))));
        assertThat(Ddml.event(limit.apply(delete)).dml().omitted()).isNotNull();
    }

    @Test
    void maxBytesIsDocumentedAndRefusedBelow1024() {
        ConfigDef.ConfigKey key = LimitEventSizeConfig.CONFIG_DEF.configKeys().get("max.bytes");
        assertThat(key.documentation).contains("max.request.size");
        assertThat(key.displayName).isNotBlank();
        assertThat(new LimitEventSizeConfig(Map.of()).maxBytes()).isEqualTo(64L * 1024 * 1024);
        assertThatThrownBy(() -> new LimitEventSizeConfig(Map.of("max.bytes", "100"))).isInstanceOf(ConfigException.class)
            .hasMessageContaining("max.bytes");
        assertThat(new LimitEventSize<>().version()).matches("\\d+\\.\\d+\\.\\d+.*");
    }
}
