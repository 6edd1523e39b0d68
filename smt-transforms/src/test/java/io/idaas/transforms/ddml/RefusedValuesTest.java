package io.idaas.transforms.ddml;

import static io.idaas.transforms.ddml.DebeziumRecords.typed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.idaas.transforms.ddml.debezium.RefusedValueException;
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
 * Values DDML cannot carry exactly are refused, never changed (SPEC.md section 8.1): with {@code refused.topic} the
 * Debezium event goes there, unchanged, with the reason in a header; without it the record fails. And what Debezium
 * changed in a way that can be undone exactly (PostgreSQL snapshot timestamps before 1582) is undone.
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
    void withARefusedTopicTheEventGoesThereUnchangedWithItsReason() {
        ToDdml<SourceRecord> toDdml = Ddml.transform(Map.of("refused.topic", "pg.refused"));
        SourceRecord in = pg().insert(row(2, "infinity"));
        SourceRecord out = toDdml.apply(in);
        assertThat(out.topic()).isEqualTo("pg.refused");
        assertThat(out.value()).isSameAs(in.value());
        assertThat(out.valueSchema()).isSameAs(in.valueSchema());
        assertThat(out.key()).isSameAs(in.key());
        assertThat(Ddml.headers(out)).containsEntry("ddml.refused.topic", in.topic())
            .hasEntrySatisfying("ddml.refused.reason", r -> assertThat(r).startsWith("column tstz (after, io.debezium.time.ZonedTimestamp, "
                + "portable type timestamptz(6)): PostgreSQL's timestamptz 'infinity' has no DDML value"));
        // the next event of the table maps as usual
        assertThat(Ddml.event(toDdml.apply(pg().insert(row(1, 0L)))).dml().after().get("ts")).isEqualTo(LocalDateTime.of(1970, 1, 1, 0, 0));
    }

    @Test
    void withoutARefusedTopicTheRecordFailsNamingTheFix() {
        assertThatThrownBy(() -> Ddml.transform().apply(pg().insert(row(2, "-infinity"))))
            .isInstanceOf(RefusedValueException.class)
            .hasMessageContaining("'-infinity'").hasMessageContaining("set ToDdml's refused.topic");
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
        assertThatThrownBy(() -> toDdml.apply(record)).isInstanceOf(RefusedValueException.class).hasMessageContaining(reason);
    }
}
