package io.idaas.transforms.ddml.process.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.idaas.ddml.Column;
import io.idaas.ddml.DdlChange;
import io.idaas.ddml.DdlOp;
import io.idaas.ddml.DdmlEvent;
import io.idaas.ddml.DmlChange;
import io.idaas.ddml.Row;
import io.idaas.ddml.TableRef;
import io.idaas.ddml.TableSchema;
import io.idaas.ddml.types.PortableType;
import io.idaas.transforms.ddml.Ddml;
import io.idaas.transforms.ddml.process.Orders;
import io.idaas.transforms.ddml.process.Processors;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

/** DdmlRoute: shards renamed into one table and topic, the source table as a key column, and the settings' checks. */
class DdmlRouteTest {

    private static final Map<String, String> SHARDS = Map.of("table.regex", "orders_(\\d+)", "table.replacement", "orders");
    private static final Map<String, String> KEYED = Map.of("table.regex", "orders_(\\d+)", "table.replacement", "orders",
        "key.table.column", "source_table");
    private static final Row PAID = Orders.row(7, "paid", "12.50", "a@b.c");

    private static DdmlEvent shard(int n, DmlChange dml) {
        return Orders.dml(Orders.table("shop", "orders_" + n), Orders.SCHEMA, dml);
    }

    @Test
    void aShardsEventsNameTheOneTableOnEitherSide() {
        DdmlEvent out = Processors.through(DdmlRoute::new, SHARDS, shard(3, DmlChange.insert(PAID)));
        assertThat(out.source().table()).isEqualTo("orders");
        assertThat(out.source().database()).isEqualTo("shop");
        assertThat(out.schema()).isEqualTo(Orders.SCHEMA);
        assertThat(out.dml().key().values()).isEqualTo(Map.of("id", 7L));
        DdmlEvent other = Orders.dml(DmlChange.insert(PAID)); // "orders" does not match orders_(\d+)
        SourceRecord record = Orders.source(other);
        assertThat(Processors.run(DdmlRoute::new, SHARDS, record)).isSameAs(record);
    }

    @Test
    void onASourceConnectorTheTopicIsRoutedTooTombstonesIncluded() {
        Map<String, String> props = Map.of("table.regex", "orders_(\\d+)", "table.replacement", "orders",
            "topic.regex", "(.*)\\.orders_\\d+", "topic.replacement", "$1.orders");
        DdmlRoute<SourceRecord> route = new DdmlRoute<>();
        route.configure(props);
        SourceRecord out = route.apply(Orders.source("shop.shop.orders_3", shard(3, DmlChange.delete(PAID))));
        assertThat(out.topic()).isEqualTo("shop.shop.orders");
        assertThat(out.kafkaPartition()).isNull();
        assertThat(Ddml.event(out).source().table()).isEqualTo("orders");
        SourceRecord tombstone = route.apply(new SourceRecord(Map.of(), Map.of(), "shop.shop.orders_3", null, null,
            Map.of("id", 7L), null, null));
        assertThat(tombstone.topic()).isEqualTo("shop.shop.orders");
        assertThat(tombstone.key()).isEqualTo(Map.of("id", 7L));
    }

    @Test
    void onASinkConnectorATopicChangeFailsSayingToRouteOnlyTheTable() {
        Map<String, String> props = Map.of("table.regex", "orders_(\\d+)", "table.replacement", "orders",
            "topic.regex", "shop\\.shop\\.(.*)", "topic.replacement", "x.$1");
        SinkRecord sink = Orders.sink(shard(1, DmlChange.insert(PAID)));
        assertThatThrownBy(() -> Processors.run(DdmlRoute::new, props, sink)).isInstanceOf(DataException.class)
            .hasMessageContaining("would move it to topic 'x.orders'").hasMessageContaining("unset topic.regex on the sink");
    }

    @Test
    void keyTableColumnKeepsTheShardsRowsApartInTheKeyTheRowsAndTheSchema() {
        DdmlEvent update = shard(3, DmlChange.update(PAID, Orders.row(7, "shipped", "12.50", "a@b.c")));
        for (var record : Orders.bothSides(update)) {
            @SuppressWarnings({"unchecked", "rawtypes"})
            var out = (org.apache.kafka.connect.connector.ConnectRecord<?>) Processors.run(DdmlRoute::new, KEYED,
                (org.apache.kafka.connect.connector.ConnectRecord) record);
            DdmlEvent event = Ddml.event(out);
            assertThat(out.key()).isEqualTo(Map.of("id", 7L, "source_table", "orders_3"));
            assertThat(event.schema().primaryKey()).containsExactly("id", "source_table");
            Column c = event.schema().columns().get(event.schema().columns().size() - 1);
            assertThat(c.name()).isEqualTo("source_table");
            assertThat(c.type()).isEqualTo(PortableType.STRING);
            assertThat(c.nullable()).isFalse();
            assertThat(event.dml().before().get("source_table")).isEqualTo("orders_3");
            assertThat(event.dml().after().get("source_table")).isEqualTo("orders_3");
            assertThat(event.dml().changed()).containsExactly("status");
            assertThat(event.source().table()).isEqualTo("orders");
        }
        DdmlRoute<SourceRecord> route = new DdmlRoute<>();
        route.configure(KEYED);
        SourceRecord delete = route.apply(Orders.source(shard(4, DmlChange.delete(PAID))));
        SourceRecord tombstone = route.apply(Processors.tombstone(Map.of("id", 7L)));
        assertThat(tombstone.key()).isEqualTo(delete.key()).isEqualTo(Map.of("id", 7L, "source_table", "orders_4"));
    }

    @Test
    void ddlOfAShardIsTheOneTablesWithTheKeyColumnAndARenamesOldNameIsRoutedToo() {
        DdmlEvent create = Orders.create();
        create = Events2.at(create, Orders.table("shop", "orders_2"));
        DdmlEvent out = Processors.through(DdmlRoute::new, KEYED, create);
        assertThat(out.source().table()).isEqualTo("orders");
        assertThat(out.ddl().added()).extracting(Column::name).endsWith("created", "source_table");
        assertThat(out.ddl().primaryKey()).containsExactly("id", "source_table");
        assertThat(out.ddl().statement()).isNull();
        DdmlEvent rename = Events2.at(Orders.ddl(DdlChange.builder(DdlOp.RENAME_TABLE)
            .renamedFrom(new TableRef("shop", null, "orders_9")).build(), Orders.SCHEMA), Orders.table("shop", "orders_10"));
        DdmlEvent renamed = Processors.through(DdmlRoute::new, SHARDS, rename);
        assertThat(renamed.ddl().renamedFrom().table()).isEqualTo("orders");
        assertThat(renamed.source().table()).isEqualTo("orders");
    }

    @Test
    void aTableThatHasTheKeyColumnAlreadyFailsNamingTheFix() {
        TableSchema schema = TableSchema.of(List.of(Orders.ID, Column.of("source_table", PortableType.STRING)), List.of("id"));
        DdmlEvent event = Orders.dml(Orders.table("shop", "orders_1"), schema,
            DmlChange.insert(Row.of("id", 1L, "source_table", "x")));
        assertThatThrownBy(() -> Processors.through(DdmlRoute::new, KEYED, event)).isInstanceOf(DataException.class)
            .hasMessageContaining("the table already has a column 'source_table'")
            .hasMessageContaining("choose another key.table.column");
    }

    @Test
    void validateReportsMissingHalvesUnknownGroupsAndARouteOfNothing() {
        DdmlRoute<SourceRecord> t = new DdmlRoute<>();
        assertThat(Processors.errors(t, Map.of("table.regex", "orders_(\\d+)", "table.replacement", "o_$2"),
            "table.replacement")).singleElement().asString().contains("names group $2").contains("has 1 group(s)");
        assertThat(Processors.errors(t, Map.of("table.regex", "orders_(\\d+)"), "table.replacement")).singleElement()
            .asString().contains("table.regex and table.replacement go together");
        assertThat(Processors.errors(t, Map.of(), "table.regex")).singleElement().asString()
            .contains("nothing is routed");
        assertThat(Processors.errors(t, Map.of("topic.regex", "a", "topic.replacement", "b", "key.table.column", "t"),
            "key.table.column")).singleElement().asString().contains("table.regex routes none");
        assertThat(Processors.errors(t, Map.of("table.regex", "orders_(\\d+", "table.replacement", "o"), "table.regex"))
            .singleElement().asString().contains("is not a valid Java regular expression");
        assertThat(Processors.errors(t, SHARDS, "table.replacement")).isEmpty();
        assertThatThrownBy(() -> t.configure(Map.of())).isInstanceOf(ConfigException.class)
            .hasMessageContaining("nothing is routed");
        DdmlRouteConfig.CONFIG_DEF.configKeys().values().forEach(k -> assertThat(k.documentation).as(k.name).isNotBlank());
    }

    /** Events of another table. */
    private static final class Events2 {
        static DdmlEvent at(DdmlEvent e, io.idaas.ddml.Source source) {
            return new DdmlEvent(e.specVersion(), e.id(), source, e.position(), e.transaction(), e.time(), e.schema(), e.dml(),
                e.ddl());
        }
    }
}
