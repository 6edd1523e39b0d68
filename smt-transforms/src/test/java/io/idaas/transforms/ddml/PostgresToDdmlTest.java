package io.idaas.transforms.ddml;

import static io.idaas.transforms.ddml.DebeziumRecords.typed;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.idaas.ddml.DdmlEvent;
import io.idaas.ddml.DmlOp;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

/** Every op of the PostgreSQL connector, on the readings table of SPEC §13.8 to §13.13. */
class PostgresToDdmlTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    static final String SENSOR = "3f2504e0-4f89-11d3-9a0c-0305e82c3301";
    static final long LSN = Long.parseLong("16B374D48", 16);
    static final long COMMIT_LSN = Long.parseLong("16B3748C0", 16);

    private final ToDdml<SourceRecord> toDdml = Ddml.transform();

    static DebeziumRecords readings() {
        return DebeziumRecords.postgres("readings")
            .column("sensor", typed(SchemaBuilder.string().name("io.debezium.data.Uuid"), "UUID", Integer.MAX_VALUE, 0))
            .column("seq", typed(SchemaBuilder.int32(), "INT4", 10, 0))
            .column("value", typed(SchemaBuilder.float64().optional(), "FLOAT8", 17, 17))
            .column("taken_at", typed(SchemaBuilder.int64().name("io.debezium.time.MicroTimestamp"), "TIMESTAMP", 29, 6))
            .column("day", typed(SchemaBuilder.int32().optional().name("io.debezium.time.Date"), "DATE", 13, 0))
            .column("tags", typed(SchemaBuilder.array(Schema.OPTIONAL_STRING_SCHEMA).optional(), "_TEXT", Integer.MAX_VALUE, 0))
            .column("meta", typed(SchemaBuilder.string().optional().name("io.debezium.data.Json"), "JSONB", Integer.MAX_VALUE, 0))
            .column("raw", typed(SchemaBuilder.bytes().optional(), "BYTEA", Integer.MAX_VALUE, 0))
            .key("sensor", "seq")
            .at("lsn", LSN).at("sequence", "[\"" + COMMIT_LSN + "\",\"" + LSN + "\"]").at("txId", 771L);
    }

    static Object[] reading(Double value, String tag2, Object raw) {
        return new Object[] {SENSOR, 1, value, -1L, -1, Arrays.asList("ä", tag2), "{\"unit\": \"°C\"}", raw};
    }

    private final DebeziumRecords readings = readings();

    @Test
    void insertIsSpecExampleNine() throws Exception {
        // Debezium names the transaction txid:lsn, with the change's LSN; DDML's id is the txid (SPEC.md section 4)
        SourceRecord out = toDdml.apply(readings.transaction("771:" + LSN, 1, 1)
            .insert(reading(-273.15, "🌡", new byte[] {0, 1, (byte) 0xFE, (byte) 0xFF})));

        DdmlEvent e = Ddml.event(out);
        assertThat(e.id()).isEqualTo("pg/000000016b3748c0:000000016b374d48/2/0000000000");
        assertThat(e.schema().fingerprint()).isEqualTo("9cdcfa6c9ce79223544cd738b47be18819af488bbfd20ee320741ffbdd0d1415");
        assertThat(Ddml.tree(out).get("position").get("native")).isEqualTo(MAPPER.readTree(
            "{\"lsn\": \"1/6B374D48\", \"lsn_commit\": \"1/6B3748C0\", \"txId\": \"771\"}"));
        assertThat(Ddml.tree(out).get("source")).isEqualTo(MAPPER.readTree(
            "{\"system\": \"postgresql\", \"name\": \"pg\", \"database\": \"idaas\", \"schema\": \"public\", \"table\": \"readings\"}"));
        assertThat(Ddml.tree(out).get("dml")).isEqualTo(MAPPER.readTree("""
            {"op": "insert", "key": {"sensor": "3f2504e0-4f89-11d3-9a0c-0305e82c3301", "seq": 1},
             "after": {"sensor": "3f2504e0-4f89-11d3-9a0c-0305e82c3301", "seq": 1, "value": -273.15,
                       "taken_at": "1969-12-31T23:59:59.999999", "day": "1969-12-31", "tags": ["ä", "🌡"],
                       "meta": "{\\"unit\\": \\"°C\\"}", "raw": "AAH+/w=="}}"""));
        assertThat(Ddml.tree(out).get("transaction")).isEqualTo(MAPPER.readTree("{\"id\": \"771\", \"order\": 1, \"table_order\": 1}"));
        assertThat(Ddml.keyJson(out)).isEqualTo("{\"sensor\":\"" + SENSOR + "\",\"seq\":1}");
        assertThat(out.topic()).isEqualTo("pg.public.readings");
    }

    @Test
    void anUpdateToInfinityIsSpecExampleSixteen() throws Exception {
        long lsn = Long.parseLong("16B375288", 16);
        long commitLsn = Long.parseLong("16B3751A0", 16);
        Object[] row = reading(21.5, null, null);
        row[3] = 9_223_372_036_825_200_000L; // Debezium's MicroTimestamp for 'infinity'
        SourceRecord out = toDdml.apply(readings.at("lsn", lsn).at("sequence", "[\"" + commitLsn + "\",\"" + lsn + "\"]")
            .at("txId", 772L).transaction("772:" + lsn, 1, 1).update(null, row));

        DdmlEvent e = Ddml.event(out);
        assertThat(e.id()).isEqualTo("pg/000000016b3751a0:000000016b375288/2/0000000000");
        assertThat(e.specVersion()).isEqualTo("1.1");
        assertThat(Ddml.tree(out).get("transaction")).isEqualTo(MAPPER.readTree("{\"id\": \"772\", \"order\": 1, \"table_order\": 1}"));
        assertThat(e.schema().fingerprint()).isEqualTo("9cdcfa6c9ce79223544cd738b47be18819af488bbfd20ee320741ffbdd0d1415");
        assertThat(Ddml.tree(out).get("dml")).isEqualTo(MAPPER.readTree("""
            {"op": "update", "key": {"sensor": "3f2504e0-4f89-11d3-9a0c-0305e82c3301", "seq": 1},
             "omitted": {"reason": "unrepresentable_value", "bytes": 0, "limit": 0,
                         "detail": "column taken_at (after, io.debezium.time.MicroTimestamp, portable type timestamp(6)): \
            PostgreSQL's timestamp 'infinity' has no DDML value: DDML dates and times are points on the calendar \
            (SPEC.md section 8.1), and PostgreSQL's infinity is not one"}}"""));
        assertThat(Ddml.keyJson(out)).isEqualTo("{\"sensor\":\"" + SENSOR + "\",\"seq\":1}");
    }

    @Test
    void updateWithoutTheOldRowHasNoBeforeAndNoChanged() {
        DdmlEvent e = Ddml.event(toDdml.apply(readings.update(null, reading(21.5, null, null))));
        assertThat(e.dml().op()).isEqualTo(DmlOp.UPDATE);
        assertThat(e.dml().before()).isNull();
        assertThat(e.dml().changed()).isNull();
        assertThat(e.dml().after().get("tags")).isEqualTo(Ddml.list("ä", null));
    }

    @Test
    void updateWithReplicaIdentityFullListsTheChangedColumns() {
        DdmlEvent e = Ddml.event(toDdml.apply(readings.update(reading(21.5, "a", null), reading(22.5, "a", ByteBuffer.wrap(new byte[] {1})))));
        assertThat(e.dml().changed()).containsExactly("value", "raw");
    }

    @Test
    void deleteWithTheDefaultReplicaIdentityKeepsOnlyTheKeyInBefore() throws Exception {
        SourceRecord out = toDdml.apply(readings.delete(SENSOR, 1, null, 0L, null, null, null, null));
        DdmlEvent e = Ddml.event(out);
        assertThat(Ddml.tree(out).get("dml")).isEqualTo(MAPPER.readTree("""
            {"op": "delete", "key": {"sensor": "3f2504e0-4f89-11d3-9a0c-0305e82c3301", "seq": 1},
             "before": {"sensor": "3f2504e0-4f89-11d3-9a0c-0305e82c3301", "seq": 1}}"""));
        assertThat(e.dml().after()).isNull();
    }

    @Test
    void anUnchangedToastedValueIsAbsentFromAfter() {
        SourceRecord in = readings.update(null, new Object[] {SENSOR, 1, 1.0, 0L, 0, Arrays.asList("__debezium_unavailable_value"),
            "__debezium_unavailable_value", DebeziumRecords.utf8("__debezium_unavailable_value")});
        DdmlEvent e = Ddml.event(toDdml.apply(in));
        assertThat(e.dml().after().columns()).containsExactly("sensor", "seq", "value", "taken_at", "day");
    }

    @Test
    void theToastPlaceholderIsConfigurable() {
        ToDdml<SourceRecord> custom = Ddml.transform(Map.of("unavailable.value.placeholder", "N/A"));
        SourceRecord in = readings.update(null, new Object[] {SENSOR, 1, 1.0, 0L, 0, null, "N/A", null});
        assertThat(Ddml.event(custom.apply(in)).dml().after().has("meta")).isFalse();
    }

    @Test
    void snapshotReadIsAtTheSnapshotLsnForBothHalves() throws Exception {
        long snapshotLsn = Long.parseLong("16B374000", 16);
        readings.at("lsn", snapshotLsn).at("sequence", "[null,\"" + snapshotLsn + "\"]").at("snapshot", "first").at("txId", 770L);
        SourceRecord out = toDdml.apply(readings.read(reading(-273.15, "🌡", null)));
        DdmlEvent e = Ddml.event(out);
        assertThat(e.id()).isEqualTo("pg/000000016b374000:000000016b374000/0/0000000000");
        assertThat(Ddml.tree(out).get("position").get("native")).isEqualTo(MAPPER.readTree(
            "{\"lsn\": \"1/6B374000\", \"snapshot\": \"true\", \"txId\": \"770\"}"));
        assertThat(e.transaction()).isNull();
    }

    @Test
    void truncateIsADmlTruncate() {
        SourceRecord out = toDdml.apply(readings.truncate());
        DdmlEvent e = Ddml.event(out);
        assertThat(e.dml().op()).isEqualTo(DmlOp.TRUNCATE);
        assertThat(Ddml.keyJson(out)).isEqualTo("{\"_ddml_id\":\"" + e.id() + "\"}");
    }

    @Test
    void twoTruncatesAtOneLsnGetIncreasingIndexes() {
        DdmlEvent first = Ddml.event(toDdml.apply(readings.truncate()));
        DdmlEvent second = Ddml.event(toDdml.apply(readings.truncate()));
        assertThat(first.position().sortable()).endsWith("/2/0000000000");
        assertThat(second.position().sortable()).endsWith("/2/0000000001");
    }

    @Test
    void withoutSequenceTheChangeLsnIsUsedForBothHalves() {
        readings.at("sequence", null);
        assertThat(Ddml.event(toDdml.apply(readings.insert(reading(1.0, "x", null)))).position().sortable())
            .isEqualTo("000000016b374d48:000000016b374d48/2/0000000000");
    }
}
