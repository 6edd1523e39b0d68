package io.idaas.views.table;

import io.idaas.views.ViewTopology;
import io.idaas.views.declaration.ViewDeclarations;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;

import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** A table view's processor adds its store to the registry while it runs, and takes it away when closed. */
class OpenStoresTest {

    @Test
    void aRunningTableViewsStoreIsOpenAndReadsItsRowsThenClosedWithItsTask() {
        OpenStores open = new OpenStores();
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "open-stores-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        String store = ViewTopology.storeName("orders");
        TopologyTestDriver driver = new TopologyTestDriver(ViewTopology.build(ViewDeclarations.parse(
                "views: [{name: orders, kind: table, topic: shop.shop.orders}]", "test"), "open-stores-test", open), props);
        try {
            TestInputTopic<byte[], byte[]> orders = driver.createInputTopic("shop.shop.orders", new ByteArraySerializer(), new ByteArraySerializer());
            orders.pipeInput("{\"id\":7}".getBytes(), OrderEvents.insert(100, 7, "paid", "15.50"));

            assertThat(open.of(store)).hasSize(1);
            ViewRow row = open.of(store).iterator().next().get("{\"id\":7}");
            assertThat(row).isNotNull();
            assertThat(row.document().get("status").asText()).isEqualTo("paid");
            assertThat(row).isEqualTo(driver.<String, ViewRow>getKeyValueStore(store).get("{\"id\":7}"));
        } finally {
            driver.close();
        }
        assertThat(open.of(store)).as("closed with its task").isEmpty();
    }
}
