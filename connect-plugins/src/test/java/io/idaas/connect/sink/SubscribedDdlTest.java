package io.idaas.connect.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.idaas.ddml.Column;
import io.idaas.ddml.DdlChange;
import io.idaas.ddml.DdlOp;
import io.idaas.ddml.DdmlEvent;
import io.idaas.ddml.DmlChange;
import io.idaas.ddml.Position;
import io.idaas.ddml.Row;
import io.idaas.ddml.Source;
import io.idaas.ddml.SourceSystem;
import io.idaas.ddml.TableSchema;
import io.idaas.ddml.Timing;
import io.idaas.ddml.types.PortableType;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

/**
 * DDL events ToDdml makes, at the sink, from the MariaDB schema-change topic {@code shop} reach the sink only for tables
 * whose own topic it reads; nothing else is touched.
 */
class SubscribedDdlTest {

    private static final TableSchema SCHEMA = TableSchema.of(
        List.of(Column.builder("id", PortableType.INT32).nullable(false).build()), List.of("id"));

    private static DdmlEvent.Builder event(String table) {
        return DdmlEvent.builder().source(Source.of(SourceSystem.MARIADB, "shop", "inventory", null, table))
            .position(Position.of("0000000001:00000000000000000100/1/0", Map.of())).time(Timing.of(1L, 2L, 3L)).schema(SCHEMA);
    }

    private static DdmlEvent createTable(String table) {
        return event(table).ddl(DdlChange.builder(DdlOp.CREATE_TABLE).build()).build();
    }

    /** A record read from {@code readFrom}, its topic then set to {@code topic} by a transform (ToDdml). */
    private static SinkRecord record(String readFrom, String topic, DdmlEvent value) {
        SinkRecord read = new SinkRecord(readFrom, 0, null, null, null, value, 7L);
        return read.newRecord(topic, 0, null, null, null, value, null);
    }

    @Test
    void ddlOfATableWhoseTopicTheSinkDoesNotReadIsLeftOutAndCounted() {
        SubscribedDdl ddl = SubscribedDdl.of(Map.of("topics.regex", "shop|shop\\.inventory\\.orders"));
        assertThat(ddl.outside(record("shop", "shop.inventory.orders", createTable("orders")))).isFalse();
        assertThat(ddl.outside(record("shop", "shop.inventory.audit", createTable("audit")))).isTrue();
        assertThat(ddl.outside(record("shop", "shop.inventory.audit", createTable("audit")))).isTrue();
        assertThat(ddl.skipped()).isEqualTo(2);
    }

    @Test
    void theTableTopicIsDebeziumsNameEvenWhenALaterTransformRoutedTheRecordElsewhere() {
        SubscribedDdl ddl = SubscribedDdl.of(Map.of("topics", "shop, shop.inventory.Order_Items"));
        assertThat(ddl.outside(record("shop", "all-orders", createTable("Order Items")))).as("Debezium's topic: Order_Items").isFalse();
        assertThat(ddl.outside(record("shop", "all-orders", createTable("Order Lines")))).isTrue();
    }

    @Test
    void eventsReadFromATablesOwnTopicAndRowChangesAreNotTouched() {
        SubscribedDdl ddl = SubscribedDdl.of(Map.of("topics", "shop.inventory.orders"));
        // DdmlSourceConnector's DDL is in the table's topic: the source filtered it already
        assertThat(ddl.outside(record("shop.inventory.orders", "shop.inventory.orders", createTable("audit")))).isFalse();
        // routed elsewhere by a transform, still not from the schema-change topic
        assertThat(ddl.outside(record("shop.inventory.orders", "orders", createTable("audit")))).isFalse();
        // a row change whose topic a transform changed
        DdmlEvent insert = event("audit").dml(DmlChange.insert(Row.of("id", 1))).build();
        assertThat(ddl.outside(record("shop", "shop.inventory.audit", insert))).isFalse();
        // a tombstone
        assertThat(ddl.outside(record("shop", "shop.inventory.audit", null))).isFalse();
        assertThat(ddl.skipped()).isZero();
    }
}
