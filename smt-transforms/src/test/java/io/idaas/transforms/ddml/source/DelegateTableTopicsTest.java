package io.idaas.transforms.ddml.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.idaas.ddml.SourceSystem;
import io.idaas.ddml.TableRef;
import io.idaas.transforms.ddml.DebeziumRecordsAccess;
import io.idaas.transforms.ddml.DebeziumToDdml;
import io.idaas.transforms.ddml.debezium.TableTopics;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

/**
 * The wrapper names DDL topics and picks the tables whose DDL it emits from the delegate's whole configuration, with
 * Debezium's own classes (here the real MariaDB connector's configuration): the table filter of table.include.list
 * decides which DDL leaves the task, and topic.prefix / topic.delimiter / the naming strategy shape the topic.
 */
class DelegateTableTopicsTest {

    private static final String MARIADB = "io.debezium.connector.mariadb.MariaDbConnector";

    private static Map<String, String> mariadb(Map<String, String> extra) {
        Map<String, String> props = new HashMap<>(Map.of("topic.prefix", "mariadb-main", "database.hostname", "localhost",
            "database.user", "u", "database.server.id", "5", "database.include.list", "shop"));
        props.putAll(extra);
        return props;
    }

    @Test
    void theTableFilterOfTheDelegatesConfigurationDecidesWhatIsCaptured() {
        TableTopics topics = DdmlSourceTask.tableTopics(MARIADB, mariadb(Map.of("table.include.list", "shop\\.a,shop\\.Order Items")));

        assertThat(topics.captured(SourceSystem.MARIADB, new TableRef("shop", null, "a"))).isTrue();
        assertThat(topics.captured(SourceSystem.MARIADB, new TableRef("shop", null, "Order Items"))).isTrue();
        assertThat(topics.captured(SourceSystem.MARIADB, new TableRef("shop", null, "b"))).isFalse();
        assertThat(topics.captured(SourceSystem.MARIADB, new TableRef("other", null, "a"))).isFalse();
    }

    @Test
    void withoutATableListEveryTableOfTheCapturedDatabasesIsCaptured() {
        TableTopics topics = DdmlSourceTask.tableTopics(MARIADB, mariadb(Map.of()));

        assertThat(topics.captured(SourceSystem.MARIADB, new TableRef("shop", null, "b"))).isTrue();
        assertThat(topics.captured(SourceSystem.MARIADB, new TableRef("other", null, "b"))).isFalse();
    }

    @Test
    void topicsFollowTheDelegatesPrefixAndDelimiterAndAreSanitisedAsDebeziumDoes() {
        assertThat(DdmlSourceTask.tableTopics(MARIADB, mariadb(Map.of()))
            .topic("ignored", SourceSystem.MARIADB, new TableRef("shop", null, "Order Items"))).isEqualTo("mariadb-main.shop.Order_Items");
        assertThat(DdmlSourceTask.tableTopics(MARIADB, mariadb(Map.of("topic.delimiter", "-", "topic.prefix", "shop_cdc")))
            .topic("shop_cdc", SourceSystem.MARIADB, new TableRef("shop", null, "Order Items"))).isEqualTo("shop_cdc-shop-Order_Items");
    }

    @Test
    void aConnectorWithoutARelationalDebeziumConfigurationGetsTheSystemDefaults() {
        TableTopics topics = DdmlSourceTask.tableTopics(FakeSourceConnector.class.getName(), Map.of());

        assertThat(topics.topic("mariadb-main", SourceSystem.MARIADB, new TableRef("shop", null, "Order Items")))
            .isEqualTo("mariadb-main.shop.Order_Items");
        assertThat(topics.captured(SourceSystem.MARIADB, new TableRef("shop", null, "anything"))).isTrue();
    }

    @Test
    void ddlOfTablesOutsideTheFilterNeverLeavesTheTaskAndItsRecordIsCommitted() throws Exception {
        Map<String, String> props = new HashMap<>(mariadb(Map.of("table.include.list", "shop\\.a")));
        props.put("ddml.delegate.connector.class", MARIADB);
        DdmlSourceConfig config = new DdmlSourceConfig(props);
        FakeSourceTask fake = new FakeSourceTask();
        DdmlSourceTask task = new DdmlSourceTask();
        task.start(config, fake, new DebeziumToDdml(config.transformConfig(), () -> 1L,
            DdmlSourceTask.tableTopics(MARIADB, DdmlSourceConfig.delegateProps(props))));
        SourceRecord dropBoth = DebeziumRecordsAccess.dropTwoTables();
        SourceRecord createB = DebeziumRecordsAccess.createTable("b");
        fake.batches.add(List.of(dropBoth, createB));

        List<SourceRecord> out = task.poll();

        assertThat(out).extracting(SourceRecord::topic).containsExactly("mariadb-main.shop.a");
        assertThat(fake.committed).as("the record with nothing captured is done at once").containsExactly(createB);
        task.commitRecord(out.get(0), null);
        assertThat(fake.committed).containsExactly(createB, dropBoth);
    }
}
