package io.idaas.transforms.ddml.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.idaas.ddml.DdmlEvent;
import io.idaas.ddml.DmlChange;
import io.idaas.ddml.Row;
import io.idaas.transforms.ddml.Ddml;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;

/** The base of the DDML processors: what passes, how an event is read on each side and written back. */
class DdmlTransformationTest {

    /** Turns every event's status into 'seen', on the topic with a suffix. */
    static final class Seen<R extends ConnectRecord<R>> extends DdmlTransformation<R> {
        String suffix = "";

        @Override
        protected R apply(R record, DdmlEvent event) {
            if (event.dml() == null || event.dml().after() == null) {
                return record;
            }
            Map<String, Object> after = new LinkedHashMap<>(event.dml().after().values());
            after.put("status", "seen");
            return emit(record, Events.withDml(event, event.dml().withRows(null, event.dml().before(), Row.of(after),
                event.dml().changed())), record.topic() + suffix);
        }

        @Override
        public org.apache.kafka.common.config.ConfigDef config() {
            return new org.apache.kafka.common.config.ConfigDef();
        }

        @Override
        public void configure(Map<String, ?> configs) {
        }
    }

    @Test
    void anEventIsReadOnEitherSideAndWrittenAsToDdmlWritesOne() {
        DdmlEvent insert = Orders.dml(DmlChange.insert(Orders.row(7, "paid", "12.50", "a@b.c")));
        for (ConnectRecord<?> record : Orders.bothSides(insert)) {
            @SuppressWarnings({"unchecked", "rawtypes"})
            ConnectRecord<?> out = new Seen().apply((ConnectRecord) record);
            DdmlEvent event = Ddml.event(out); // valid DDML, headers repeat it
            assertThat(event.dml().after().get("status")).isEqualTo("seen");
            assertThat(event.id()).isEqualTo(insert.id());
            assertThat(out.key()).isEqualTo(Map.of("id", 7L));
            assertThat(Ddml.headers(out)).containsEntry("other", "kept");
            assertThat(out.kafkaPartition()).isEqualTo(record.kafkaPartition());
            assertThat(out.timestamp()).isEqualTo(record.timestamp());
        }
    }

    @Test
    void aPlainDdmlJsonTreeAsJsonConverterReadsItIsAnEventToo() throws Exception {
        DdmlEvent insert = Orders.dml(DmlChange.insert(Orders.row(7, "paid", "12.50", "a@b.c")));
        org.apache.kafka.connect.json.JsonConverter json = new org.apache.kafka.connect.json.JsonConverter();
        json.configure(Map.of("schemas.enable", "false", "converter.type", "value"));
        SinkRecord written = Orders.sink(insert);
        Object tree = json.toConnectData(Orders.TOPIC, io.idaas.ddml.DdmlJson.write(insert)).value();
        assertThat(tree).isInstanceOf(Map.class).isNotInstanceOf(io.idaas.ddml.connect.DdmlEventMap.class);
        SinkRecord plain = written.newRecord(written.topic(), written.kafkaPartition(), null, written.key(), null, tree,
            written.timestamp(), written.headers());
        assertThat(DdmlTransformation.eventOf(plain)).isEqualTo(insert);
        DdmlEvent seen = Ddml.event(new Seen<SinkRecord>().apply(plain));
        assertThat(seen.dml().after().get("status")).isEqualTo("seen");
    }

    @Test
    void aSinkRecordKeepsItsPartitionOnAnotherTopicASourceRecordLetsTheProducerChoose() {
        DdmlEvent insert = Orders.dml(DmlChange.insert(Orders.row(7, "paid", "12.50", "a@b.c")));
        Seen<SinkRecord> sinkSide = new Seen<>();
        sinkSide.suffix = ".x";
        SinkRecord sunk = sinkSide.apply(Orders.sink(insert));
        assertThat(sunk.topic()).isEqualTo(Orders.TOPIC + ".x");
        assertThat(sunk.kafkaPartition()).isEqualTo(3);
        assertThat(sunk.originalTopic()).isEqualTo(Orders.TOPIC);
        Seen<SourceRecord> sourceSide = new Seen<>();
        sourceSide.suffix = ".x";
        SourceRecord produced = sourceSide.apply(Orders.source(insert).newRecord(Orders.TOPIC, 2, null,
            Map.of("id", 7L), null, Orders.source(insert).value(), 0L));
        assertThat(produced.kafkaPartition()).isNull();
    }

    @Test
    void recordsWithoutDdmlHeadersGetNone() {
        DdmlEvent insert = Orders.dml(DmlChange.insert(Orders.row(7, "paid", "12.50", "a@b.c")));
        SourceRecord bare = Orders.source(insert);
        bare = bare.newRecord(bare.topic(), null, null, bare.key(), null, bare.value(), bare.timestamp(),
            new org.apache.kafka.connect.header.ConnectHeaders());
        assertThat(new Seen<SourceRecord>().apply(bare).headers().isEmpty()).isTrue();
    }

    @Test
    void tombstonesControlRecordsAndOtherValuesPass() {
        Seen<SinkRecord> t = new Seen<>();
        SinkRecord tombstone = Orders.sinkTombstone(Map.of("id", 7L));
        assertThat(t.apply(tombstone)).isSameAs(tombstone);
        Schema heartbeat = SchemaBuilder.struct().name("io.debezium.connector.common.Heartbeat").field("ts_ms", Schema.INT64_SCHEMA)
            .build();
        SinkRecord struct = new SinkRecord("__debezium-heartbeat.shop", 0, null, null, heartbeat,
            new Struct(heartbeat).put("ts_ms", 1L), 1L);
        assertThat(t.apply(struct)).isSameAs(struct);
        SinkRecord marker = new SinkRecord("shop.transaction", 0, null, Map.of("id", "0-1-2"), null,
            Map.of("status", "BEGIN", "id", "0-1-2"), 2L);
        assertThat(t.apply(marker)).isSameAs(marker);
        SinkRecord text = new SinkRecord("t", 0, null, null, null, "hello", 3L);
        assertThat(t.apply(text)).isSameAs(text);
    }

    @Test
    void aMapWithASpecVersionThatIsNotDdmlFailsNamingTheRecordAndTheFix() {
        SinkRecord bad = new SinkRecord("shop.shop.orders", 1, null, null, null, Map.of("spec_version", "1.0", "kind", "dml"), 9L);
        assertThatThrownBy(() -> new Seen<SinkRecord>().apply(bad)).isInstanceOf(DataException.class)
            .hasMessageContaining("topic 'shop.shop.orders', partition 1, offset 9")
            .hasMessageContaining("not a valid DDML event").hasMessageContaining("DdmlConverter");
    }

    @Test
    void qualifiedNamesAreDebeziumsTableIncludeListNames() {
        assertThat(Events.qualified(Orders.table("shop", "orders"))).isEqualTo("shop.orders");
        assertThat(Events.qualified(io.idaas.ddml.Source.of(io.idaas.ddml.SourceSystem.POSTGRESQL, "pg", "idaas", "public", "t")))
            .isEqualTo("public.t");
        TableSelector s = new TableSelector(ProcessorConfigs.patterns(java.util.List.of("shop\\.orders_\\d+", "shop\\.x")),
            ProcessorConfigs.patterns(java.util.List.of("shop\\.orders_9")));
        assertThat(s.selects("shop.orders_1")).isTrue();
        assertThat(s.selects("shop.orders_9")).isFalse();
        assertThat(s.selects("shop.orders_1x")).isFalse(); // the whole name must match
        assertThat(s.selects("shop.x")).isTrue();
    }
}
