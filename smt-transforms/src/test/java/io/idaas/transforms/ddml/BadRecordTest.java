package io.idaas.transforms.ddml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

/** Records that are not Debezium events fail with a message naming the record, the problem and the fix. */
class BadRecordTest {

    private final ToDdml<SinkRecord> sinkSide = new ToDdml<>();
    private final ToDdml<SourceRecord> sourceSide = Ddml.transform();

    BadRecordTest() {
        sinkSide.configure(Map.of());
    }

    @Test
    void aStringValueNamesTopicPartitionOffsetAndTheFix() {
        SinkRecord r = new SinkRecord("orders", 3, null, null, Schema.STRING_SCHEMA, "hello", 42);
        assertThatThrownBy(() -> sinkSide.apply(r)).isInstanceOf(DataException.class)
            .hasMessageContaining("topic 'orders', partition 3, offset 42")
            .hasMessageContaining("java.lang.String, not a Connect Struct")
            .hasMessageContaining("is this topic written by a Debezium connector? ToDdml expects");
    }

    @Test
    void aStructWithoutOpOrSource() {
        Schema s = SchemaBuilder.struct().name("shop.orders.Value").field("id", Schema.INT64_SCHEMA).build();
        SinkRecord r = new SinkRecord("orders", 0, null, null, s, new Struct(s).put("id", 1L), 7);
        assertThatThrownBy(() -> sinkSide.apply(r)).isInstanceOf(DataException.class)
            .hasMessageContaining("offset 7")
            .hasMessageContaining("the value (struct shop.orders.Value with fields [id]) has no 'op' or no 'source' field")
            .hasMessageContaining("ExtractNewRecordState");
    }

    @Test
    void anUnknownOp() {
        Schema src = SchemaBuilder.struct().field("connector", Schema.STRING_SCHEMA).build();
        Schema s = SchemaBuilder.struct().field("op", Schema.STRING_SCHEMA).field("source", src).build();
        SinkRecord r = new SinkRecord("t", 0, null, null, s, new Struct(s).put("op", "x").put("source", new Struct(src).put("connector", "mysql")), 1);
        assertThatThrownBy(() -> sinkSide.apply(r)).hasMessageContaining("'op' is x, not one of c, u, d, r, t");
    }

    @Test
    void anUnknownConnector() {
        Schema src = SchemaBuilder.struct().field("connector", Schema.STRING_SCHEMA).build();
        Schema s = SchemaBuilder.struct().field("op", Schema.STRING_SCHEMA).field("source", src).build();
        SinkRecord r = new SinkRecord("t", 0, null, null, s, new Struct(s).put("op", "c").put("source", new Struct(src).put("connector", "cassandra")), 1);
        assertThatThrownBy(() -> sinkSide.apply(r)).hasMessageContaining("source.connector is 'cassandra'");
    }

    @Test
    void aSourceRecordNamesItsSourcePartitionAndOffset() {
        SourceRecord r = new SourceRecord(Map.of("server", "pg"), Map.of("lsn", 5), "pg.public.t", null, Schema.INT32_SCHEMA, 1);
        assertThatThrownBy(() -> sourceSide.apply(r)).isInstanceOf(DataException.class)
            .hasMessageContaining("topic 'pg.public.t', source partition {server=pg}, source offset {lsn=5}");
    }

    @Test
    void aTombstoneWithoutKey() {
        SinkRecord r = new SinkRecord("t", 0, null, null, null, null, 9);
        assertThatThrownBy(() -> sinkSide.apply(r)).hasMessageContaining("offset 9").hasMessageContaining("tombstone (null value) without a Struct key");
    }

    @Test
    void heartbeatsAndTransactionMetadataPassThrough() {
        Schema hb = SchemaBuilder.struct().name("io.debezium.connector.common.Heartbeat").field("ts_ms", Schema.INT64_SCHEMA).build();
        SourceRecord heartbeat = new SourceRecord(Map.of(), Map.of(), "__debezium-heartbeat.pg", null, hb, new Struct(hb).put("ts_ms", 1L));
        assertThat(sourceSide.apply(heartbeat)).isSameAs(heartbeat);
        Schema tx = SchemaBuilder.struct().name("io.debezium.connector.common.TransactionMetadataValue")
            .field("status", Schema.STRING_SCHEMA).field("id", Schema.STRING_SCHEMA).build();
        SourceRecord meta = new SourceRecord(Map.of(), Map.of(), "pg.transaction", null, tx, new Struct(tx).put("status", "BEGIN").put("id", "1"));
        assertThat(sourceSide.apply(meta)).isSameAs(meta);
    }

    @Test
    void anUnmappedDdlColumnTypeNamesTheStatement() {
        SourceRecord r = SchemaChangeRecords.mariadb().record("shop", "CREATE TABLE v (x VECTOR(3))",
            SchemaChangeRecords.change("CREATE", "shop", "v", java.util.List.of(), SchemaChangeRecords.column("x", "VECTOR", 3, null, 1, true, null)));
        assertThatThrownBy(() -> sourceSide.apply(r)).isInstanceOf(DataException.class)
            .hasMessageContaining("CREATE TABLE v (x VECTOR(3))").hasMessageContaining("column x").hasMessageContaining("SPEC §10");
    }
}
