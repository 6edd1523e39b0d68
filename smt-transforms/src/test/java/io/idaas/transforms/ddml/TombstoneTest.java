package io.idaas.transforms.ddml;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Map;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

/** Debezium tombstones re-keyed to DDML keys (SPEC §9). */
class TombstoneTest {

    @Test
    void aTombstoneAfterADeleteGetsTheDdmlKeyOfTheRow() {
        ToDdml<SourceRecord> toDdml = Ddml.transform();
        DebeziumRecords readings = PostgresToDdmlTest.readings();
        SourceRecord delete = toDdml.apply(readings.delete(PostgresToDdmlTest.SENSOR, 1, null, 0L, null, null, null, null));
        SourceRecord tombstone = toDdml.apply(readings.tombstone(PostgresToDdmlTest.SENSOR, 1));

        assertThat(tombstone.value()).isNull();
        assertThat(tombstone.topic()).isEqualTo("pg.public.readings");
        assertThat(Ddml.keyJson(tombstone)).isEqualTo(Ddml.keyJson(delete));
        assertThat(tombstone.headers().allWithName("ddml.id").hasNext()).isFalse();
    }

    @Test
    void withoutAPreviousEventTheKeySchemaGivesTheTypes() {
        ToDdml<SourceRecord> fresh = Ddml.transform();
        DebeziumRecords orders = MariaDbToDdmlTest.orders(DebeziumRecords.mariadb("orders"));
        assertThat(Ddml.keyJson(fresh.apply(orders.tombstone(1001L)))).isEqualTo("{\"id\":1001}");

        DebeziumRecords lines = DebeziumRecords.mysql("prices")
            .column("sku", DebeziumRecords.typed(org.apache.kafka.connect.data.Decimal.builder(0), "BIGINT UNSIGNED", 20, 0))
            .column("price", DebeziumRecords.typed(org.apache.kafka.connect.data.Decimal.builder(2).optional(), "DECIMAL", 10, 2))
            .key("sku");
        assertThat(Ddml.keyJson(fresh.apply(lines.tombstone(new BigDecimal("18446744073709551615")))))
            .isEqualTo("{\"sku\":\"18446744073709551615\"}");
    }

    @Test
    void tombstonesCanBeDropped() {
        ToDdml<SourceRecord> dropping = Ddml.transform(Map.of("tombstones", "drop"));
        assertThat(dropping.apply(MariaDbToDdmlTest.orders(DebeziumRecords.mariadb("orders")).tombstone(1L))).isNull();
    }
}
