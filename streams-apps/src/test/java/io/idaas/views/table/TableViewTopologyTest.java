package io.idaas.views.table;

import com.fasterxml.jackson.databind.JsonNode;
import io.idaas.views.ViewTopology;
import io.idaas.views.declaration.ViewDeclaration;
import io.idaas.views.declaration.ViewDeclarations;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** Table views on hand-made DDML events, through Kafka Streams' TopologyTestDriver. */
class TableViewTopologyTest {

    private static final String TOPIC = "shop.shop.orders";

    private TopologyTestDriver driver;
    private TestInputTopic<byte[], byte[]> orders;

    @BeforeEach
    void start() {
        List<ViewDeclaration> views = ViewDeclarations.parse("""
                views:
                  - name: orders
                    kind: table
                    topic: shop.shop.orders
                  - name: paid_orders
                    kind: table
                    topic: shop.shop.orders
                    fields: {order: id, total: amount}
                    where:
                      - {field: status, op: in, value: [paid, shipped]}
                      - {field: amount, op: ge, value: 10}
                """, "test");
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "views-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver = new TopologyTestDriver(ViewTopology.build(views), props);
        orders = driver.createInputTopic(TOPIC, new ByteArraySerializer(), new ByteArraySerializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    private Map<String, String> view(String name) {
        KeyValueStore<String, ViewRow> store = driver.getKeyValueStore(ViewTopology.storeName(name));
        Map<String, String> rows = new TreeMap<>();
        try (var all = store.all()) {
            all.forEachRemaining(kv -> {
                if (kv.value.inView()) {
                    rows.put(kv.key, kv.value.document().toString());
                }
            });
        }
        return rows;
    }

    @Test
    void aChangeItsProducerCouldNotCarryLeavesTheRowAsItWasAndTheViewGoesOn() {
        orders.pipeInput(OrderEvents.insert(100, 1, "paid", "15.50"));
        orders.pipeInput(OrderEvents.omittedUpdate(200, 1));
        orders.pipeInput(OrderEvents.insert(300, 2, "paid", "20.00"));
        orders.pipeInput(OrderEvents.omittedInsert(400, 3));

        assertThat(view("orders")).containsExactly(
                Map.entry("{\"id\":1}", "{\"id\":1,\"status\":\"paid\",\"amount\":\"15.50\"}"),
                Map.entry("{\"id\":2}", "{\"id\":2,\"status\":\"paid\",\"amount\":\"20.00\"}"));
    }

    @Test
    void insertsUpdatesAndDeletesKeepTheViewEqualToTheTable() {
        orders.pipeInput(OrderEvents.insert(100, 1, "new", "5.00"));
        orders.pipeInput(OrderEvents.insert(200, 2, "paid", "20.00"));
        orders.pipeInput(OrderEvents.insert(300, 3, "paid", "9.99"));
        orders.pipeInput(OrderEvents.update(400, 1, "paid", "15.50"));
        orders.pipeInput(OrderEvents.delete(500, 2));

        assertThat(view("orders")).containsExactly(
                Map.entry("{\"id\":1}", "{\"id\":1,\"status\":\"paid\",\"amount\":\"15.50\"}"),
                Map.entry("{\"id\":3}", "{\"id\":3,\"status\":\"paid\",\"amount\":\"9.99\"}"));
        // Filtered (3 is below 10) and projected with renames.
        assertThat(view("paid_orders")).containsExactly(Map.entry("{\"id\":1}", "{\"order\":1,\"total\":\"15.50\"}"));
    }

    @Test
    void aRowThatStopsPassingTheFilterLeavesTheView() {
        orders.pipeInput(OrderEvents.insert(100, 1, "paid", "50.00"));
        assertThat(view("paid_orders")).containsOnlyKeys("{\"id\":1}");
        orders.pipeInput(OrderEvents.update(200, 1, "cancelled", "50.00"));
        assertThat(view("paid_orders")).isEmpty();
        assertThat(view("orders")).containsEntry("{\"id\":1}", "{\"id\":1,\"status\":\"cancelled\",\"amount\":\"50.00\"}");
    }

    @Test
    void aPartialUpdateKeepsTheColumnsItDoesNotCarry() {
        // PostgreSQL leaves an unchanged TOASTed column out of `after` (SPEC.md section 6): absent is unknown, not NULL.
        orders.pipeInput(OrderEvents.insert(100, 1, "new", "50.00"));
        orders.pipeInput(OrderEvents.partialUpdate(200, 1, "paid"));
        assertThat(view("orders")).containsEntry("{\"id\":1}", "{\"id\":1,\"status\":\"paid\",\"amount\":\"50.00\"}");
        assertThat(view("paid_orders")).containsEntry("{\"id\":1}", "{\"order\":1,\"total\":\"50.00\"}");
    }

    @Test
    void anOlderEventReplayedChangesNothing() {
        orders.pipeInput(OrderEvents.insert(100, 1, "new", "5.00"));
        orders.pipeInput(OrderEvents.update(300, 1, "paid", "30.00"));
        orders.pipeInput(OrderEvents.update(200, 1, "new", "20.00"));
        assertThat(view("orders")).containsEntry("{\"id\":1}", "{\"id\":1,\"status\":\"paid\",\"amount\":\"30.00\"}");
    }

    @Test
    void aTruncateEmptiesTheViewAndLaterRowsComeBack() {
        orders.pipeInput(OrderEvents.insert(100, 1, "paid", "50.00"));
        orders.pipeInput(OrderEvents.insert(200, 2, "paid", "60.00"));
        orders.pipeInput(OrderEvents.truncate(300));
        assertThat(view("orders")).isEmpty();
        assertThat(view("paid_orders")).isEmpty();
        orders.pipeInput(OrderEvents.insert(400, 2, "paid", "70.00"));
        assertThat(view("orders")).containsOnlyKeys("{\"id\":2}");
    }

    @Test
    void eachPartitionRecordsTheNewestPositionItApplied() {
        orders.pipeInput(OrderEvents.insert(100, 1, "paid", "50.00"));
        orders.pipeInput(OrderEvents.insert(300, 2, "paid", "60.00"));
        orders.pipeInput(OrderEvents.update(200, 1, "new", "1.00"));
        KeyValueStore<Integer, String> positions = driver.getKeyValueStore(ViewTopology.positionsStoreName("orders"));
        JsonNode newest = new io.idaas.views.serde.JsonSerde().deserializer().deserialize(TOPIC, OrderEvents.insert(300, 2, "paid", "60.00"));
        assertThat(positions.get(0)).isEqualTo(newest.path("position").path("sortable").asText());
    }
}
