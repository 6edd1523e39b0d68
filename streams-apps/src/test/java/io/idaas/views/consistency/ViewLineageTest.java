package io.idaas.views.consistency;

import io.idaas.views.ViewTopology;
import io.idaas.views.declaration.ViewDeclarations;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ViewLineageTest {

    private static final String ORDERS = "  - {name: orders, kind: table, topic: shop.orders}\n";
    private static final String JOIN = """
              - name: orders_with_customer
                kind: join
                topic: shop.orders
                join: {topic: shop.customers, on: {customer_id: id}, as: customer}
            """;
    private static final String SALES = """
              - name: sales
                kind: aggregate
                topic: shop.orders
                group_by: [customer_id]
                aggregates: {orders: {op: count}}
            """;

    private static TopologyDescription topology(String... views) {
        return ViewTopology.build(ViewDeclarations.parse("views:\n" + String.join("", views), "test")).describe();
    }

    @Test
    void aTableViewReadsItsTopicWithoutInternalTopics() {
        ViewLineage lineage = ViewLineage.of(topology(ORDERS), ViewTopology.storeName("orders"), "app");
        assertThat(lineage.inputs()).containsExactly("shop.orders");
        assertThat(lineage.internal()).isEmpty();
        assertThat(lineage.stages()).isZero();
    }

    @Test
    void anAggregateWaitsForItsRepartitionTopic() {
        ViewLineage lineage = ViewLineage.of(topology(SALES), ViewTopology.storeName("sales"), "app");
        assertThat(lineage.inputs()).containsExactly("shop.orders");
        assertThat(lineage.internal()).isNotEmpty().allMatch(t -> t.startsWith("app-") && t.endsWith("-repartition"));
    }

    @Test
    void aJoinReadsBothTopicsAndWaitsForTheForeignKeyJoinsTopics() {
        ViewLineage lineage = ViewLineage.of(topology(JOIN), ViewTopology.storeName("orders_with_customer"), "app");
        assertThat(lineage.inputs()).containsExactlyInAnyOrder("shop.orders", "shop.customers");
        assertThat(lineage.internal()).anyMatch(t -> t.contains("subscription-registration"))
                .anyMatch(t -> t.contains("subscription-response"));
    }

    @Test
    void viewsSharingATopicsMirrorWaitForWhatTheMirrorsSubtopologyReadsToo() {
        // The orders mirror is shared with the join, whose customer side answers into the mirror's subtopology: the
        // aggregate's lineage is conservative (it waits for the customers too), never short.
        ViewLineage lineage = ViewLineage.of(topology(ORDERS, JOIN, SALES), ViewTopology.storeName("sales"), "app");
        assertThat(lineage.inputs()).contains("shop.orders");
        assertThat(lineage.internal()).anyMatch(t -> t.endsWith("-repartition"));
    }
}
