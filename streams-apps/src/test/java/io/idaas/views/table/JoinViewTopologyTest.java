package io.idaas.views.table;

import io.idaas.ddml.Column;
import io.idaas.ddml.DdmlEvent;
import io.idaas.ddml.DdmlJson;
import io.idaas.ddml.DmlChange;
import io.idaas.ddml.Position;
import io.idaas.ddml.Row;
import io.idaas.ddml.SortablePosition;
import io.idaas.ddml.Source;
import io.idaas.ddml.SourceSystem;
import io.idaas.ddml.TableSchema;
import io.idaas.ddml.Timing;
import io.idaas.ddml.types.PortableType;
import io.idaas.views.ViewTopology;
import io.idaas.views.declaration.ViewDeclarations;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** A many-to-one join view (orders with their customer), kept right under changes on both sides. */
class JoinViewTopologyTest {

    private static final TableSchema ORDERS = TableSchema.of(List.of(
            Column.builder("id", PortableType.INT64).nullable(false).build(),
            Column.builder("customer_id", PortableType.INT64).build(),
            Column.builder("status", PortableType.parse("string")).build()), List.of("id"));
    private static final TableSchema CUSTOMERS = TableSchema.of(List.of(
            Column.builder("id", PortableType.INT64).nullable(false).build(),
            Column.builder("name", PortableType.parse("string")).build(),
            Column.builder("email", PortableType.parse("string")).build()), List.of("id"));

    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> orders;
    private TestInputTopic<String, byte[]> customers;
    private long position = 100;

    @BeforeEach
    void start() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "join-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver = new TopologyTestDriver(ViewTopology.build(ViewDeclarations.parse("""
                views:
                  - name: orders_with_customer
                    kind: join
                    topic: shop.orders
                    fields: {order: id, status: status}
                    where: [{field: status, op: ne, value: draft}]
                    join:
                      topic: shop.customers
                      on: {customer_id: id}
                      as: customer
                      fields: [name]
                  - name: paid_orders_with_customer
                    kind: join
                    topic: shop.orders
                    fields: [id]
                    join: {topic: shop.customers, on: {customer_id: id}, as: buyer, type: inner}
                """, "test")), props);
        orders = driver.createInputTopic("shop.orders", new StringSerializer(), new ByteArraySerializer());
        customers = driver.createInputTopic("shop.customers", new StringSerializer(), new ByteArraySerializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    private void order(DmlChange change, long id) {
        orders.pipeInput("{\"id\":" + id + "}", event("orders", ORDERS, change));
    }

    private void customer(DmlChange change, long id) {
        customers.pipeInput("{\"id\":" + id + "}", event("customers", CUSTOMERS, change));
    }

    private byte[] event(String table, TableSchema schema, DmlChange change) {
        position += 100;
        return DdmlJson.write(DdmlEvent.builder().source(Source.of(SourceSystem.MARIADB, "shop", "shop", null, table))
                .position(Position.of(SortablePosition.of(SortablePosition.mysql("bin.000001", position), SortablePosition.Phase.CHANGE, 0), Map.of()))
                .time(Timing.of(1L, 2L, 3L)).schema(schema).dml(change).build());
    }

    private Map<String, String> view(String name) {
        KeyValueStore<String, ValueAndTimestamp<ViewRow>> store = driver.getTimestampedKeyValueStore(ViewTopology.storeName(name));
        Map<String, String> rows = new TreeMap<>();
        try (var all = store.all()) {
            all.forEachRemaining(kv -> rows.put(kv.key, kv.value.value().document().toString()));
        }
        return rows;
    }

    @Test
    void theViewFollowsChangesOnBothSides() {
        customer(DmlChange.insert(Row.of("id", 1L, "name", "Ada", "email", "ada@example.org")), 1);
        order(DmlChange.insert(Row.of("id", 10L, "customer_id", 1L, "status", "paid")), 10);
        order(DmlChange.insert(Row.of("id", 11L, "customer_id", 2L, "status", "paid")), 11);
        order(DmlChange.insert(Row.of("id", 12L, "customer_id", 1L, "status", "draft")), 12);
        assertThat(view("orders_with_customer")).containsExactly(
                Map.entry("{\"id\":10}", "{\"order\":10,\"status\":\"paid\",\"customer\":{\"name\":\"Ada\"}}"),
                Map.entry("{\"id\":11}", "{\"order\":11,\"status\":\"paid\",\"customer\":null}"));
        assertThat(view("paid_orders_with_customer")).containsOnlyKeys("{\"id\":10}", "{\"id\":12}");

        // The customer renamed: every order of hers follows.
        customer(DmlChange.update(Row.of("id", 1L), Row.of("id", 1L, "name", "Ada L.", "email", "ada@example.org")), 1);
        assertThat(view("orders_with_customer")).containsEntry("{\"id\":10}",
                "{\"order\":10,\"status\":\"paid\",\"customer\":{\"name\":\"Ada L.\"}}");

        // The missing customer arrives; an order moves to another customer; a customer is deleted.
        customer(DmlChange.insert(Row.of("id", 2L, "name", "Grace", "email", "grace@example.org")), 2);
        assertThat(view("orders_with_customer")).containsEntry("{\"id\":11}",
                "{\"order\":11,\"status\":\"paid\",\"customer\":{\"name\":\"Grace\"}}");
        order(DmlChange.update(Row.of("id", 10L), Row.of("id", 10L, "customer_id", 2L, "status", "paid")), 10);
        assertThat(view("orders_with_customer")).containsEntry("{\"id\":10}",
                "{\"order\":10,\"status\":\"paid\",\"customer\":{\"name\":\"Grace\"}}");
        customer(DmlChange.delete(Row.of("id", 2L)), 2);
        assertThat(view("orders_with_customer")).containsExactly(
                Map.entry("{\"id\":10}", "{\"order\":10,\"status\":\"paid\",\"customer\":null}"),
                Map.entry("{\"id\":11}", "{\"order\":11,\"status\":\"paid\",\"customer\":null}"));
        assertThat(view("paid_orders_with_customer")).containsOnlyKeys("{\"id\":12}");

        // An order leaves the view by its filter, another by delete.
        order(DmlChange.update(Row.of("id", 11L), Row.of("id", 11L, "customer_id", 2L, "status", "draft")), 11);
        order(DmlChange.delete(Row.of("id", 10L)), 10);
        assertThat(view("orders_with_customer")).isEmpty();
    }
}
