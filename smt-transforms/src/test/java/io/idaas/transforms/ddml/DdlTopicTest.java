package io.idaas.transforms.ddml;

import static io.idaas.transforms.ddml.SchemaChangeRecords.change;
import static io.idaas.transforms.ddml.SchemaChangeRecords.column;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.debezium.relational.TableId;
import io.debezium.schema.DefaultTopicNamingStrategy;
import io.idaas.ddml.DdlOp;
import io.idaas.ddml.DdmlEvent;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.common.internals.Topic;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * A MySQL/MariaDB table's DDL events go to the topic Debezium gives the table's data change events, whatever the
 * table's name: the same rule, Debezium's own DefaultTopicNamingStrategy (characters outside [A-Za-z0-9._-] become
 * '_', names cut to 249 characters), so every legal table name gives a topic Kafka accepts.
 */
class DdlTopicTest {

    private final ToDdml<SourceRecord> toDdml = Ddml.transform();

    /** The topic Debezium's MariaDB connector writes the table's rows to (its default strategy, prefix mariadb-main). */
    private static String debeziumDataTopic(String database, String table) {
        Properties props = new Properties();
        props.setProperty("topic.prefix", "mariadb-main");
        return new DefaultTopicNamingStrategy(props).dataChangeTopic(new TableId(database, null, table));
    }

    private SourceRecord create(String database, String table) {
        return SchemaChangeRecords.mariadb().record(database, "CREATE TABLE `" + table.replace("`", "``") + "` (id INT PRIMARY KEY)",
            change("CREATE", database, table, List.of("id"), column("id", "INT", null, null, 1, false, null)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Order Items", "quo\"te", "back`tick", "it's", "dot.ted", "tätö_ñ_表", "order", "MixedCase",
        "emoji_\uD83D\uDE80", "a234567890123456789012345678901234567890123456789012345678901234"})
    void ddlGoesToTheTopicOfTheTablesDataWithTheTablesRealName(String table) {
        SourceRecord out = toDdml.apply(create("shop", table));

        DdmlEvent event = Ddml.event(out);
        assertThat(event.ddl().op()).isEqualTo(DdlOp.CREATE_TABLE);
        assertThat(out.topic()).isEqualTo(debeziumDataTopic("shop", table));
        Topic.validate(out.topic()); // Kafka's own rule: throws InvalidTopicException
        assertThat(event.source().table()).as("the event keeps the real name").isEqualTo(table);
        assertThat(event.source().database()).isEqualTo("shop");
    }

    @Test
    void aSpaceBecomesAnUnderscoreAsInDebeziumsDataTopics() {
        assertThat(toDdml.apply(create("shop", "Order Items")).topic()).isEqualTo("mariadb-main.shop.Order_Items");
    }

    @Test
    void aNameBeyondKafkasLimitIsCutAt249CharactersAsDebeziumCutsIt() {
        String database = "d".repeat(64);
        String table = "t".repeat(200);
        SourceRecord out = toDdml.apply(create(database, table));

        assertThat(out.topic()).hasSize(249).isEqualTo(debeziumDataTopic(database, table));
        Topic.validate(out.topic());
        assertThat(Ddml.event(out).source().table()).isEqualTo(table);
    }

    @Test
    void rowsOfTheTableOnTheSameTopicAsItsDdlPass() {
        SourceRecord ddl = toDdml.apply(create("shop", "Order Items"));
        DebeziumRecords rows = DebeziumRecords.mariadb("Order Items").column("id", SchemaBuilder.int32().build()).key("id");
        SourceRecord insert = rows.insert(1);
        SourceRecord onTopic = insert.newRecord(ddl.topic(), insert.kafkaPartition(), insert.keySchema(), insert.key(),
            insert.valueSchema(), insert.value(), insert.timestamp());

        assertThat(toDdml.apply(onTopic).topic()).isEqualTo("mariadb-main.shop.Order_Items");
    }

    @Test
    void rowsOfATableArrivingOnAnotherTopicThanItsDdlAreRefusedNamingTheWrapper() {
        toDdml.apply(create("shop", "orders"));
        DebeziumRecords rows = DebeziumRecords.mariadb("orders").column("id", SchemaBuilder.int32().build()).key("id");
        SourceRecord insert = rows.insert(1);
        SourceRecord elsewhere = insert.newRecord("custom-naming.orders", insert.kafkaPartition(), insert.keySchema(),
            insert.key(), insert.valueSchema(), insert.value(), insert.timestamp());

        assertThatThrownBy(() -> toDdml.apply(elsewhere)).isInstanceOf(DataException.class)
            .hasMessageContaining("went to topic 'mariadb-main.shop.orders'")
            .hasMessageContaining("arrive on 'custom-naming.orders'")
            .hasMessageContaining("io.idaas.transforms.ddml.source.DdmlSourceConnector");
    }
    /**
     * On a sink (ToDdml as the sink's transform over the schema-change topic), the DDL event goes to the table's topic
     * on the partition it was read from (a SinkRecord cannot take a null partition: Connect failed the record with a
     * NullPointerException), and still names where it was read, for the sink's offsets.
     */
    @Test
    void onASinkTheRoutedDdlKeepsThePartitionAndOffsetItWasReadFrom() {
        SourceRecord schemaChange = create("shop", "Order Items");
        SinkRecord read = new SinkRecord("mariadb-main", 2, schemaChange.keySchema(), schemaChange.key(),
            schemaChange.valueSchema(), schemaChange.value(), 41);
        ToDdml<SinkRecord> sinkSide = new ToDdml<>();
        sinkSide.configure(Map.of());
        SinkRecord out = sinkSide.apply(read);

        assertThat(out.topic()).isEqualTo("mariadb-main.shop.Order_Items");
        assertThat(out.kafkaPartition()).isEqualTo(2);
        assertThat(out.originalTopic()).isEqualTo("mariadb-main");
        assertThat(out.originalKafkaPartition()).isEqualTo(2);
        assertThat(out.originalKafkaOffset()).isEqualTo(41);
        assertThat(Ddml.event(out).ddl().op()).isEqualTo(DdlOp.CREATE_TABLE);
    }
}
