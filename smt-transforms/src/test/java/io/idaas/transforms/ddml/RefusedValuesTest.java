package io.idaas.transforms.ddml;

import static io.idaas.transforms.ddml.DebeziumRecords.typed;
import static org.assertj.core.api.Assertions.assertThat;

import io.idaas.ddml.DdmlEvent;
import io.idaas.ddml.DmlOp;
import io.idaas.ddml.Row;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

/**
 * Values DDML cannot carry exactly are refused, never changed (SPEC.md section 8.1): the change is written in its place,
 * on its topic with its key, without its rows, {@code dml.omitted} naming the column and the value (SPEC.md section
 * 6.1), so that sinks dead-letter it. And what Debezium changed in a way that can be undone exactly (PostgreSQL snapshot
 * timestamps before 1582) is undone.
 */
class RefusedValuesTest {

    private static DebeziumRecords pg() {
        return DebeziumRecords.postgres("odd")
            .column("id", typed(SchemaBuilder.int32(), "INT4", 10, 0))
            .column("ts", typed(SchemaBuilder.int64().optional().name("io.debezium.time.MicroTimestamp"), "TIMESTAMP", 29, 6))
            .column("tstz", typed(SchemaBuilder.string().optional().name("io.debezium.time.ZonedTimestamp"), "TIMESTAMPTZ", 35, 6))
            .column("d", typed(SchemaBuilder.int32().optional().name("io.debezium.time.Date"), "DATE", 13, 0))
            .column("n", typed(SchemaBuilder.string().optional(), "NUMERIC", 0, 0))
            .column("money", typed(SchemaBuilder.string().optional(), "MONEY", 19, 2))
            .column("vb", typed(SchemaBuilder.bytes().optional().name("io.debezium.data.Bits").parameter("length", "16"), "VARBIT", 16, 0))
            .key("id");
    }

    private static Object[] row(int column, Object value) {
        Object[] values = new Object[7];
        values[0] = 1;
        values[column] = value;
        return values;
    }

    @Test
    void aRefusedValueIsWrittenInPlaceWithoutItsRowsNamingTheColumnAndTheValue() {
        ToDdml<SourceRecord> toDdml = Ddml.transform();
        SourceRecord in = pg().transaction("92692:85471672", 1, 1).insert(row(2, "infinity"));
        SourceRecord out = toDdml.apply(in);
        assertThat(out.topic()).isEqualTo(in.topic());
        assertThat(Ddml.keyJson(out)).isEqualTo("{\"id\":1}");
        DdmlEvent e = Ddml.event(out);
        assertThat(e.specVersion()).isEqualTo("1.1");
        assertThat(e.dml().op()).isEqualTo(DmlOp.INSERT);
        assertThat(e.dml().key()).isEqualTo(Row.of("id", 1));
        assertThat(e.dml().after()).isNull();
        assertThat(e.dml().before()).isNull();
        assertThat(e.schema().columns()).hasSize(7);
        assertThat(e.transaction().id()).isEqualTo("92692");
        assertThat(e.dml().omitted().reason()).isEqualTo("unrepresentable_value");
        assertThat(e.dml().omitted().detail()).isEqualTo("column tstz (after, io.debezium.time.ZonedTimestamp, portable type "
            + "timestamptz(6)): PostgreSQL's timestamptz 'infinity' has no DDML value: DDML dates and times are points on the "
            + "calendar (SPEC.md section 8.1), and PostgreSQL's infinity is not one");
        assertThat(e.dml().omitted().bytes()).isZero();
        assertThat(Ddml.headers(out)).containsEntry("ddml.omitted", "unrepresentable_value");
        // the next event of the table maps as usual, at its own position
        DdmlEvent next = Ddml.event(toDdml.apply(pg().at("lsn", 99L).insert(row(1, 0L))));
        assertThat(next.dml().after().get("ts")).isEqualTo(LocalDateTime.of(1970, 1, 1, 0, 0));
        assertThat(next.specVersion()).isEqualTo("1.0");
    }

    @Test
    void anUpdateToARefusedValueKeepsItsOpAndKey() {
        DdmlEvent e = Ddml.event(Ddml.transform().apply(pg().update(row(4, "1.5"), row(4, "NAN"))));
        assertThat(e.dml().op()).isEqualTo(DmlOp.UPDATE);
        assertThat(e.dml().key()).isEqualTo(Row.of("id", 1));
        assertThat(e.dml().changed()).isNull();
        assertThat(e.dml().omitted().detail()).startsWith("column n (after").contains("'NAN'");
    }

    @Test
    void aRefusedValueOnlyInTheOldRowIsLeftOutOfItAndTheChangeIsCarried() {
        // an update from infinity to a date: the new row is exact, the old value is not needed to apply it
        DdmlEvent update = Ddml.event(Ddml.transform().apply(pg().update(row(3, -2_147_472_692), row(3, 19_000))));
        assertThat(update.dml().omitted()).isNull();
        assertThat(update.dml().before().has("d")).isFalse();
        assertThat(update.dml().after().get("d")).isEqualTo(java.time.LocalDate.ofEpochDay(19_000));
        assertThat(update.dml().changed()).contains("d");
        // a delete of a row holding infinity (REPLICA IDENTITY FULL) deletes it
        DdmlEvent delete = Ddml.event(Ddml.transform().apply(pg().delete(row(2, "infinity"))));
        assertThat(delete.dml().omitted()).isNull();
        assertThat(delete.dml().op()).isEqualTo(DmlOp.DELETE);
        assertThat(delete.dml().key()).isEqualTo(Row.of("id", 1));
    }

    @Test
    void whenTheKeyItselfIsRefusedTheEventHasNoKeyAndSaysSo() {
        DebeziumRecords byDay = DebeziumRecords.postgres("by_day")
            .column("d", typed(SchemaBuilder.int32().name("io.debezium.time.Date"), "DATE", 13, 0))
            .column("qty", typed(SchemaBuilder.int32().optional(), "INT4", 10, 0))
            .key("d");
        SourceRecord out = Ddml.transform().apply(byDay.insert(-2_147_472_692, 5));
        DdmlEvent e = Ddml.event(out);
        assertThat(e.dml().key()).isNull();
        assertThat(e.schema().primaryKey()).containsExactly("d");
        assertThat(Ddml.keyJson(out)).isEqualTo("{\"_ddml_id\":\"" + e.id() + "\"}");
        assertThat(e.dml().omitted().detail()).startsWith("column d (after").contains("date 'infinity'")
            .endsWith("; the key cannot be carried either, so the event has none");
        // a delete by such a key likewise
        DdmlEvent delete = Ddml.event(Ddml.transform().apply(byDay.delete(-2_147_472_692, 5)));
        assertThat(delete.dml().op()).isEqualTo(DmlOp.DELETE);
        assertThat(delete.dml().key()).isNull();
        assertThat(delete.dml().omitted().reason()).isEqualTo("unrepresentable_value");
    }

    @Test
    void postgresInfinitiesAreRefusedInEveryFormDebeziumWritesThem() {
        ToDdml<SourceRecord> toDdml = Ddml.transform();
        // timestamp: Debezium's POSITIVE/NEGATIVE_INFINITY_LOCAL_DATE_TIME as microseconds (log and snapshot alike)
        assertRefused(toDdml, pg().insert(row(1, 9_223_372_036_825_200_000L)), "timestamp 'infinity'");
        assertRefused(toDdml, pg().read(row(1, -9_223_372_036_832_400_000L)), "timestamp '-infinity'");
        // date: from the log, Debezium's POSITIVE/NEGATIVE_INFINITY_LOCAL_DATE; from a snapshot, pgjdbc's infinity Date
        assertRefused(toDdml, pg().insert(row(3, -2_147_472_692)), "date 'infinity'");
        assertRefused(toDdml, pg().insert(row(3, -2_147_472_691)), "date '-infinity'");
        assertRefused(toDdml, pg().read(row(3, (int) new java.sql.Date(9_223_372_036_825_200_000L).toLocalDate().toEpochDay())),
            "date 'infinity'");
        // numeric with decimal.handling.mode=string: Debezium writes NaN and the infinities as these words
        assertRefused(toDdml, pg().insert(row(4, "NAN")), "'NAN' (NaN or an infinity) has no DDML decimal value");
        assertRefused(toDdml, pg().insert(row(4, "POSITIVE_INFINITY")), "has no DDML decimal value");
    }

    @Test
    void aBitVaryingValueIsRefusedSinceDebeziumDropsItsLength() {
        assertRefused(Ddml.transform(), pg().insert(row(6, new byte[] {5})), "bit varying");
        assertThat(Ddml.event(Ddml.transform().apply(pg().insert(row(6, null)))).dml().after().get("vb")).isNull();
    }

    @Test
    void snapshotMoneyBeyondWhatADoubleHoldsIsRefusedButTheLogsIsKept() {
        assertRefused(Ddml.transform(), pg().read(row(5, "9.2233720368547758E16")), "money through a double");
        assertThat(Ddml.event(Ddml.transform().apply(pg().insert(row(5, "92233720368547758.07")))).dml().after().get("money"))
            .isEqualTo(new BigDecimal("92233720368547758.07"));
        assertThat(Ddml.event(Ddml.transform().apply(pg().read(row(5, "9999999999999.99")))).dml().after().get("money"))
            .isEqualTo(new BigDecimal("9999999999999.99"));
    }

    /**
     * pgjdbc builds a snapshot's timestamp with the Julian calendar before 1582-10-15 and Debezium takes its instant on
     * the proleptic calendar ({@code 1000-01-01} becomes {@code 1000-01-06}); ToDdml reads it back as pgjdbc wrote it.
     */
    @Test
    void postgresSnapshotTimestampsBefore1582ArriveAsTheSourceHoldsThem() {
        ToDdml<SourceRecord> toDdml = Ddml.transform();
        for (String text : new String[] {"1000-01-01 00:00:00.123456", "0001-01-01 00:00:00", "0099-12-31 23:59:59.999999",
            "1582-10-04 12:00:00", "1582-10-15 00:00:00", "2024-02-29 12:34:56.789012"}) {
            LocalDateTime source = LocalDateTime.parse(text.replace(' ', 'T'));
            long debezium = asDebeziumSnapshotReadsIt(text);
            assertThat(Ddml.event(toDdml.apply(pg().read(row(1, debezium)))).dml().after().get("ts")).as(text).isEqualTo(source);
        }
        // the log (pgoutput's text) is exact already, and is left alone
        LocalDateTime early = LocalDateTime.of(1000, 1, 1, 0, 0);
        long micros = early.toEpochSecond(ZoneOffset.UTC) * 1_000_000L;
        assertThat(Ddml.event(toDdml.apply(pg().insert(row(1, micros)))).dml().after().get("ts")).isEqualTo(early);
    }

    @Test
    void postgresSnapshotTimestamptzBefore1582ArrivesAsTheSourceHoldsIt() {
        // pgjdbc: a Calendar at the value's offset, Julian before 1582; Debezium: Timestamp.toInstant() as UTC text
        java.util.GregorianCalendar julian = new java.util.GregorianCalendar(java.util.TimeZone.getTimeZone("UTC"));
        julian.clear();
        julian.set(1, 0, 1, 0, 0, 0);
        String debezium = java.time.Instant.ofEpochMilli(julian.getTimeInMillis()).atOffset(ZoneOffset.UTC).toString();
        assertThat(debezium).startsWith("0000-12-30");
        Object tstz = Ddml.event(Ddml.transform().apply(pg().read(row(2, debezium)))).dml().after().get("tstz");
        assertThat(tstz).isEqualTo(java.time.Instant.parse("0001-01-01T00:00:00Z"));
    }

    /** What Debezium 3.5's PostgreSQL snapshot emits for a timestamp column holding {@code text}: MicroTimestamp microseconds. */
    private static long asDebeziumSnapshotReadsIt(String text) {
        java.sql.Timestamp pgjdbc = java.sql.Timestamp.valueOf(text); // Julian-Gregorian fields in the JVM's zone
        LocalDateTime debezium = LocalDateTime.ofInstant(pgjdbc.toInstant(), ZoneId.systemDefault());
        return debezium.toEpochSecond(ZoneOffset.UTC) * 1_000_000L + debezium.getNano() / 1000;
    }

    private static void assertRefused(ToDdml<SourceRecord> toDdml, SourceRecord record, String reason) {
        DdmlEvent e = Ddml.event(toDdml.apply(record));
        assertThat(e.dml().after()).isNull();
        assertThat(e.dml().omitted().reason()).isEqualTo("unrepresentable_value");
        assertThat(e.dml().omitted().detail()).contains(reason);
    }
}
