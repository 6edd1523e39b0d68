package io.idaas.views.changelog;

import io.idaas.ddml.DdmlEvent;
import io.idaas.ddml.DdmlJson;
import io.idaas.ddml.DmlOp;
import io.idaas.views.ViewTopology;
import io.idaas.views.declaration.ViewDeclarations;
import io.idaas.views.table.OrderEvents;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** The DDML changelog of table and aggregate views, on hand-made DDML events through TopologyTestDriver. */
class ViewChangelogTopologyTest {

    private TopologyTestDriver driver;
    private TestInputTopic<byte[], byte[]> orders;

    @BeforeEach
    void start() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "views-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver = new TopologyTestDriver(ViewTopology.build(ViewDeclarations.parse("""
                views:
                  - name: paid_orders
                    kind: table
                    topic: shop.shop.orders
                    fields: {status: status, total: amount}
                    where: [{field: status, op: eq, value: paid}]
                  - name: per_status
                    kind: aggregate
                    topic: shop.shop.orders
                    changelog_topic: per-status-changes
                    group_by: [status]
                    aggregates: {orders: {op: count}}
                """, "test"), "shop-views"), props);
        orders = driver.createInputTopic("shop.shop.orders", new ByteArraySerializer(), new ByteArraySerializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    /** The changelog's records: DDML events read back by the DDML reader, {@code null} for tombstones. */
    private List<TestRecord<byte[], byte[]>> records(String topic) {
        TestOutputTopic<byte[], byte[]> out = driver.createOutputTopic(topic, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        return out.readRecordsToList();
    }

    private static DdmlEvent event(TestRecord<byte[], byte[]> record) {
        return DdmlJson.read(record.value());
    }

    @Test
    void aTableViewsChangesAreDdmlUpsertsAndDeletesWithTheSourceTypesAndIncreasingPositions() {
        orders.pipeInput(OrderEvents.insert(100, 1, "paid", "5.00"));
        orders.pipeInput(OrderEvents.update(200, 1, "paid", "7.50"));
        orders.pipeInput(OrderEvents.insert(300, 2, "new", "1.00"));   // not in the view: no event
        orders.pipeInput(OrderEvents.update(400, 1, "cancelled", "7.50")); // leaves the view: a delete
        orders.pipeInput(OrderEvents.update(500, 2, "paid", "1.00"));

        List<TestRecord<byte[], byte[]>> records = records("shop-views.view.paid_orders");
        assertThat(records).hasSize(5); // insert 1, update 1, delete 1, its tombstone, insert 2
        DdmlEvent insert = event(records.get(0));
        assertThat(new String(records.get(0).key(), StandardCharsets.UTF_8)).isEqualTo("{\"id\":1}");
        assertThat(insert.source().name()).isEqualTo("shop-views");
        assertThat(insert.source().table()).isEqualTo("paid_orders");
        assertThat(insert.source().system()).isEqualTo(ChangelogEvents.SYSTEM);
        assertThat(insert.dml().op()).isEqualTo(DmlOp.INSERT);
        // The document's columns, then the key column it does not show; types from the source table's schema.
        assertThat(insert.schema().columns()).extracting(c -> c.name() + " " + c.type() + " " + c.nullable())
                .containsExactly("status string true", "total decimal(10,2) true", "id int64 false");
        assertThat(insert.schema().primaryKey()).containsExactly("id");
        assertThat(insert.dml().after().values()).containsEntry("total", new BigDecimal("5.00")).containsEntry("id", 1L);
        assertThat(insert.position().nativeFields()).containsEntry("view_position", positionOf(OrderEvents.insert(100, 1, "paid", "5.00")));

        DdmlEvent update = event(records.get(1));
        assertThat(update.dml().op()).isEqualTo(DmlOp.UPDATE);
        assertThat(update.dml().after().values()).containsEntry("total", new BigDecimal("7.50"));
        DdmlEvent delete = event(records.get(2));
        assertThat(delete.dml().op()).isEqualTo(DmlOp.DELETE);
        assertThat(delete.dml().key().values()).containsEntry("id", 1L);
        assertThat(records.get(3).value()).isNull();
        assertThat(new String(records.get(3).key(), StandardCharsets.UTF_8)).isEqualTo("{\"id\":1}");
        assertThat(event(records.get(4)).dml().op()).isEqualTo(DmlOp.INSERT);

        // Each later change of a key has a greater position, and ids follow the spec.
        List<String> positions = new ArrayList<>();
        for (TestRecord<byte[], byte[]> r : records) {
            if (r.value() != null) {
                DdmlEvent e = event(r);
                positions.add(e.position().sortable());
                assertThat(e.id()).isEqualTo("shop-views/" + e.position().sortable());
                assertThat(e.position().sortable()).matches("[0-9a-f:]+/[0-2]/[0-9]{10}");
            }
        }
        assertThat(positions).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void anAggregateViewWritesToItsDeclaredTopicWithInferredTypes() {
        orders.pipeInput(OrderEvents.insert(100, 1, "paid", "5.00"));
        orders.pipeInput(OrderEvents.insert(200, 2, "paid", "6.00"));
        orders.pipeInput(OrderEvents.delete(300, 1));
        orders.pipeInput(OrderEvents.delete(400, 2));

        List<DdmlEvent> events = records("per-status-changes").stream().filter(r -> r.value() != null)
                .map(ViewChangelogTopologyTest::event).toList();
        assertThat(events).extracting(e -> e.dml().op())
                .containsExactly(DmlOp.INSERT, DmlOp.UPDATE, DmlOp.UPDATE, DmlOp.DELETE);
        assertThat(events.get(1).schema().columns()).extracting(c -> c.name() + " " + c.type())
                .containsExactly("status string", "orders int64");
        assertThat(events.get(1).dml().after().values()).containsEntry("orders", 2L);
        assertThat(events.get(3).dml().key().values()).containsEntry("status", "paid");
    }

    private static String positionOf(byte[] event) {
        return DdmlJson.read(event).position().sortable();
    }
}
