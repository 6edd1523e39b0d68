package io.idaas.views.table;

import io.idaas.views.ViewTopology;
import io.idaas.views.declaration.ViewDeclarations;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** An aggregate view per status of the orders: count, exact decimal sum, min, max, latest; rows moving between groups. */
class AggregateViewTopologyTest {

    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> orders;

    @BeforeEach
    void start() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "aggregate-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver = new TopologyTestDriver(ViewTopology.build(ViewDeclarations.parse("""
                views:
                  - name: per_status
                    kind: aggregate
                    topic: shop.shop.orders
                    where: [{field: amount, op: not_null}]
                    group_by: [status]
                    aggregates:
                      orders: {op: count}
                      total: {op: sum, field: amount}
                      smallest: {op: min, field: amount}
                      largest: {op: max, field: amount}
                      last_order: {op: latest, field: id}
                """, "test")), props);
        orders = driver.createInputTopic("shop.shop.orders", new StringSerializer(), new ByteArraySerializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    private Map<String, String> view() {
        KeyValueStore<String, ValueAndTimestamp<ViewRow>> store = driver.getTimestampedKeyValueStore(ViewTopology.storeName("per_status"));
        Map<String, String> rows = new TreeMap<>();
        try (var all = store.all()) {
            all.forEachRemaining(kv -> rows.put(kv.key, kv.value.value().document().toString()));
        }
        return rows;
    }

    private void pipe(long id, byte[] event) {
        orders.pipeInput("{\"id\":" + id + "}", event);
    }

    @Test
    void groupsFollowInsertsUpdatesMovesAndDeletes() {
        pipe(1, OrderEvents.insert(100, 1, "paid", "10.50"));
        pipe(2, OrderEvents.insert(200, 2, "paid", "2.25"));
        pipe(3, OrderEvents.insert(300, 3, "new", "7.00"));
        pipe(4, OrderEvents.insert(400, 4, "new", null)); // filtered out by where
        assertThat(view()).containsExactly(
                Map.entry("{\"status\":\"new\"}", "{\"status\":\"new\",\"orders\":1,\"total\":\"7.00\",\"smallest\":\"7.00\",\"largest\":\"7.00\",\"last_order\":3}"),
                Map.entry("{\"status\":\"paid\"}", "{\"status\":\"paid\",\"orders\":2,\"total\":\"12.75\",\"smallest\":\"2.25\",\"largest\":\"10.50\",\"last_order\":2}"));

        // Order 3 moves from new to paid with a new amount; order 1 is deleted.
        pipe(3, OrderEvents.update(500, 3, "paid", "100.00"));
        pipe(1, OrderEvents.delete(600, 1));
        assertThat(view()).containsExactly(
                Map.entry("{\"status\":\"paid\"}", "{\"status\":\"paid\",\"orders\":2,\"total\":\"102.25\",\"smallest\":\"2.25\",\"largest\":\"100.00\",\"last_order\":3}"));

        // The last rows go: the group goes.
        pipe(2, OrderEvents.delete(700, 2));
        pipe(3, OrderEvents.delete(800, 3));
        assertThat(view()).isEmpty();
    }
}
