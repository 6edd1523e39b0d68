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

import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** A one-to-many merge view: each customer with the list of its orders, each with its items, as one document. */
class MergeViewTopologyTest {

    private static final TableSchema CUSTOMERS = schema(List.of("id", "name"));
    private static final TableSchema ORDERS = schema(List.of("id", "customer_id", "status"));
    private static final TableSchema ITEMS = schema(List.of("id", "order_id", "sku"));

    private TopologyTestDriver driver;
    private final Map<String, TestInputTopic<String, byte[]>> topics = new java.util.HashMap<>();
    private long position = 100;

    private static TableSchema schema(List<String> columns) {
        List<Column> cols = new java.util.ArrayList<>();
        for (String c : columns) {
            cols.add(Column.builder(c, c.equals("id") || c.endsWith("_id") ? PortableType.INT64 : PortableType.parse("string"))
                    .nullable(!c.equals("id")).build());
        }
        return TableSchema.of(cols, List.of("id"));
    }

    @BeforeEach
    void start() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "merge-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver = new TopologyTestDriver(ViewTopology.build(ViewDeclarations.parse("""
                views:
                  - name: customer_360
                    kind: merge
                    topic: shop.customers
                    fields: [id, name]
                    children:
                      - topic: shop.orders
                        on: {customer_id: id}
                        as: orders
                        fields: [id, status]
                        children:
                          - {topic: shop.items, on: {order_id: id}, as: items, fields: [sku]}
                """, "test")), props);
        for (String t : List.of("customers", "orders", "items")) {
            topics.put(t, driver.createInputTopic("shop." + t, new StringSerializer(), new ByteArraySerializer()));
        }
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    private void change(String table, TableSchema schema, long id, DmlChange change) {
        position += 100;
        topics.get(table).pipeInput("{\"id\":" + id + "}", DdmlJson.write(DdmlEvent.builder()
                .source(Source.of(SourceSystem.MARIADB, "shop", "shop", null, table))
                .position(Position.of(SortablePosition.of(SortablePosition.mysql("bin.000001", position), SortablePosition.Phase.CHANGE, 0), Map.of()))
                .time(Timing.of(1L, 2L, 3L)).schema(schema).dml(change).build()));
    }

    private String document(long customer) {
        KeyValueStore<String, ValueAndTimestamp<ViewRow>> store = driver.getTimestampedKeyValueStore(ViewTopology.storeName("customer_360"));
        ValueAndTimestamp<ViewRow> row = store.get("{\"id\":" + customer + "}");
        return row == null ? null : row.value().document().toString();
    }

    @Test
    void childrenAreInTheirKeysNaturalOrderNumbersAsNumbers() {
        change("customers", CUSTOMERS, 1, DmlChange.insert(Row.of("id", 1L, "name", "Ada")));
        for (long id : new long[] {10, 2, 100, 9}) {
            change("orders", ORDERS, id, DmlChange.insert(Row.of("id", id, "customer_id", 1L, "status", "o" + id)));
        }
        // The keys' text order would be 10, 100, 2, 9.
        assertThat(document(1)).isEqualTo("{\"id\":1,\"name\":\"Ada\",\"orders\":["
                + "{\"id\":2,\"status\":\"o2\",\"items\":[]},{\"id\":9,\"status\":\"o9\",\"items\":[]},"
                + "{\"id\":10,\"status\":\"o10\",\"items\":[]},{\"id\":100,\"status\":\"o100\",\"items\":[]}]}");
    }

    @Test
    void theDocumentFollowsInsertsUpdatesDeletesAndMovesAtEveryLevel() {
        change("customers", CUSTOMERS, 1, DmlChange.insert(Row.of("id", 1L, "name", "Ada")));
        assertThat(document(1)).isEqualTo("{\"id\":1,\"name\":\"Ada\",\"orders\":[]}");

        change("orders", ORDERS, 10, DmlChange.insert(Row.of("id", 10L, "customer_id", 1L, "status", "new")));
        change("items", ITEMS, 100, DmlChange.insert(Row.of("id", 100L, "order_id", 10L, "sku", "pen")));
        change("items", ITEMS, 101, DmlChange.insert(Row.of("id", 101L, "order_id", 10L, "sku", "ink")));
        change("orders", ORDERS, 11, DmlChange.insert(Row.of("id", 11L, "customer_id", 1L, "status", "paid")));
        assertThat(document(1)).isEqualTo("{\"id\":1,\"name\":\"Ada\",\"orders\":["
                + "{\"id\":10,\"status\":\"new\",\"items\":[{\"sku\":\"pen\"},{\"sku\":\"ink\"}]},"
                + "{\"id\":11,\"status\":\"paid\",\"items\":[]}]}");

        // An item updated and one deleted, an order updated, the customer renamed.
        change("items", ITEMS, 100, DmlChange.update(Row.of("id", 100L), Row.of("id", 100L, "order_id", 10L, "sku", "pencil")));
        change("items", ITEMS, 101, DmlChange.delete(Row.of("id", 101L)));
        change("orders", ORDERS, 11, DmlChange.update(Row.of("id", 11L), Row.of("id", 11L, "customer_id", 1L, "status", "shipped")));
        change("customers", CUSTOMERS, 1, DmlChange.update(Row.of("id", 1L), Row.of("id", 1L, "name", "Ada L.")));
        assertThat(document(1)).isEqualTo("{\"id\":1,\"name\":\"Ada L.\",\"orders\":["
                + "{\"id\":10,\"status\":\"new\",\"items\":[{\"sku\":\"pencil\"}]},"
                + "{\"id\":11,\"status\":\"shipped\",\"items\":[]}]}");

        // An order moves to another customer, who arrives after it; an order is deleted.
        change("orders", ORDERS, 10, DmlChange.update(Row.of("id", 10L), Row.of("id", 10L, "customer_id", 2L, "status", "new")));
        assertThat(document(2)).isNull();
        change("customers", CUSTOMERS, 2, DmlChange.insert(Row.of("id", 2L, "name", "Grace")));
        assertThat(document(2)).isEqualTo("{\"id\":2,\"name\":\"Grace\",\"orders\":[{\"id\":10,\"status\":\"new\",\"items\":[{\"sku\":\"pencil\"}]}]}");
        change("orders", ORDERS, 11, DmlChange.delete(Row.of("id", 11L)));
        assertThat(document(1)).isEqualTo("{\"id\":1,\"name\":\"Ada L.\",\"orders\":[]}");

        // The customer deleted: the document goes.
        change("customers", CUSTOMERS, 2, DmlChange.delete(Row.of("id", 2L)));
        assertThat(document(2)).isNull();
    }
}
