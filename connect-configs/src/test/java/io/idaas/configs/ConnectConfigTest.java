package io.idaas.configs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConnectConfigTest {

    @Test
    void rendersEveryPlaceholderAndKeepsTheJsonValid() {
        ConnectConfig config = ConnectConfig.named("postgres-source");
        Map<String, String> values = new HashMap<>();
        config.placeholders().forEach(p -> values.put(p, "v-" + p));
        values.put("postgres.password", "a\"quote\\and backslash");

        ObjectNode body = config.render(values);

        assertThat(body.get("name").asText()).isEqualTo("v-name");
        assertThat(body.get("config").get("database.password").asText()).isEqualTo("a\"quote\\and backslash");
        assertThat(body.get("config").get("connector.class").asText()).isEqualTo("io.debezium.connector.postgresql.PostgresConnector");
        assertThat(body.toString()).doesNotContain("${");
    }

    @Test
    void theMariaDbToMariaDbSinkReadsTheSourceDatabasesTopicsAndWritesToTheTargetUrl() {
        ConnectConfig config = ConnectConfig.named("mariadb-to-mariadb");
        assertThat(config.placeholders()).containsExactlyInAnyOrder("name", "topic.prefix", "mariadb.database",
                "target.jdbc.url", "target.user", "target.password", "kafka.bootstrap");

        ObjectNode body = config.render(Map.of("name", "copy", "topic.prefix", "shop", "mariadb.database", "inventory",
                "target.jdbc.url", "jdbc:mariadb://db:3306/inventory_copy", "target.user", "u", "target.password", "p",
                "kafka.bootstrap", "kafka:9092"));

        assertThat(body.get("config").get("topics.regex").asText()).isEqualTo("shop\\.(inventory\\..*|transaction)");
        assertThat(body.get("config").get("connection.url").asText()).isEqualTo("jdbc:mariadb://db:3306/inventory_copy");
        assertThat(body.get("config").get("errors.deadletterqueue.topic.name").asText()).isEqualTo("shop.dlq");
        assertThat(body.get("config").get("applied.kafka.bootstrap.servers").asText())
            .as("the sink checks its topics' ids there (topic.recreated)").isEqualTo("kafka:9092");
    }

    @Test
    void theRedisSinksReadTheSourceDatabasesTopicsOrAViewsChangelogIntoRedis() {
        Map<String, String> common = Map.of("name", "cache", "topic.prefix", "shop", "redis.uri", "redis://cache:6379",
            "redis.prefix", "shop", "kafka.bootstrap", "kafka:9092");
        for (String name : java.util.List.of("mariadb-to-redis", "mysql-to-redis", "postgres-to-redis")) {
            ConnectConfig config = ConnectConfig.named(name);
            Map<String, String> values = new HashMap<>(common);
            config.placeholders().stream().filter(p -> p.endsWith(".database")).forEach(p -> values.put(p, "inventory"));
            assertThat(config.placeholders()).as(name).containsAll(common.keySet());
            ObjectNode body = config.render(values);
            assertThat(body.get("config").get("connector.class").asText()).isEqualTo("io.idaas.connect.redis.RedisSinkConnector");
            assertThat(body.get("config").get("redis.uri").asText()).isEqualTo("redis://cache:6379");
            assertThat(body.get("config").get("applied.kafka.bootstrap.servers").asText()).as(name).isEqualTo("kafka:9092");
            assertThat(body.get("config").get("topics.regex").asText()).as(name)
                .isEqualTo(name.startsWith("postgres") ? "shop\\.(public\\..*)" : "shop\\.(inventory\\..*)");
            assertThat(body.get("config").get("errors.deadletterqueue.topic.name").asText()).isEqualTo("shop.dlq");
            assertThat(body.get("config").get("value.converter").asText()).as(name).isEqualTo("io.idaas.ddml.connect.DdmlConverter");
        }
        ConnectConfig view = ConnectConfig.named("view-to-redis");
        assertThat(view.placeholders()).containsExactlyInAnyOrder("name", "view.changelog.topic", "redis.uri", "redis.prefix",
            "kafka.bootstrap");
        ObjectNode body = view.render(Map.of("name", "c360", "view.changelog.topic", "idaas-views.view.customer_360",
            "redis.uri", "redis://cache:6379", "redis.prefix", "views", "kafka.bootstrap", "kafka:9092"));
        assertThat(body.get("config").get("applied.kafka.bootstrap.servers").asText()).isEqualTo("kafka:9092");
        assertThat(body.get("config").get("topics").asText()).isEqualTo("idaas-views.view.customer_360");
        assertThat(body.get("config").get("redis.type").asText()).isEqualTo("json");
    }

    @Test
    void theMongoDbSinksReadTheSourceDatabasesTopicsOrAViewsChangelogIntoMongoDb() {
        Map<String, String> common = Map.of("name", "docs", "topic.prefix", "shop", "mongodb.uri", "mongodb://docs:27017",
            "mongodb.database", "shop_copy", "kafka.bootstrap", "kafka:9092");
        for (String name : java.util.List.of("mariadb-to-mongodb", "mysql-to-mongodb", "postgres-to-mongodb")) {
            ConnectConfig config = ConnectConfig.named(name);
            Map<String, String> values = new HashMap<>(common);
            config.placeholders().stream().filter(p -> p.endsWith(".database") && !p.startsWith("mongodb"))
                .forEach(p -> values.put(p, "inventory"));
            assertThat(config.placeholders()).as(name).containsAll(common.keySet()).hasSize(common.size()
                + (name.startsWith("postgres") ? 0 : 1));
            ObjectNode body = config.render(values);
            assertThat(body.get("config").get("connector.class").asText()).isEqualTo("io.idaas.connect.mongodb.MongoSinkConnector");
            assertThat(body.get("config").get("mongodb.connection.uri").asText()).isEqualTo("mongodb://docs:27017");
            assertThat(body.get("config").get("mongodb.database").asText()).isEqualTo("shop_copy");
            assertThat(body.get("config").get("mongodb.collection.template").asText()).isEqualTo("{table}");
            assertThat(body.get("config").get("ddl.drop.table").asText()).as(name + ": a snapshot's drop_table keeps the collection").isEqualTo("ignore");
            assertThat(body.get("config").get("applied.kafka.bootstrap.servers").asText()).as(name).isEqualTo("kafka:9092");
            assertThat(body.get("config").get("topics.regex").asText()).as(name)
                .isEqualTo(name.startsWith("postgres") ? "shop\\.(public\\..*)" : "shop\\.(inventory\\..*)");
            assertThat(body.get("config").get("errors.deadletterqueue.topic.name").asText()).isEqualTo("shop.dlq");
        }
        ConnectConfig view = ConnectConfig.named("view-to-mongodb");
        assertThat(view.placeholders()).containsExactlyInAnyOrder("name", "view.changelog.topic", "mongodb.uri", "mongodb.database",
            "kafka.bootstrap");
        ObjectNode body = view.render(Map.of("name", "c360", "view.changelog.topic", "idaas-views.view.customer_360",
            "mongodb.uri", "mongodb://docs:27017", "mongodb.database", "views", "kafka.bootstrap", "kafka:9092"));
        assertThat(body.get("config").get("applied.kafka.bootstrap.servers").asText()).isEqualTo("kafka:9092");
        assertThat(body.get("config").get("topics").asText()).isEqualTo("idaas-views.view.customer_360");
        assertThat(body.get("config").get("errors.deadletterqueue.topic.name").asText()).isEqualTo("idaas-views.view.customer_360.dlq");
    }

    @Test
    void refusesToRenderWithMissingValuesAndNamesThem() {
        assertThatThrownBy(() -> ConnectConfig.named("mariadb-source").render(Map.of("name", "x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mariadb.host")
                .hasMessageContaining("kafka.bootstrap");
    }

    @Test
    void loadsAnotherVersionsConfigFromAFolder(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Files.writeString(dir.resolve("old-sink.json"), "{\"name\": \"${name}\", \"config\": {\"poll.interval.ms\": \"500\"}}");
        ObjectNode body = ConnectConfig.inFolder(dir, "old-sink").render(Map.of("name", "before"));
        assertThat(body.get("name").asText()).isEqualTo("before");
        assertThat(body.get("config").get("poll.interval.ms").asText()).isEqualTo("500");
        assertThatThrownBy(() -> ConnectConfig.inFolder(dir, "missing")).hasMessageContaining(dir.resolve("missing.json").toString());
    }

    @Test
    void namesTheResourceWhenAConfigDoesNotExist() {
        assertThatThrownBy(() -> ConnectConfig.named("oracle-to-nowhere"))
                .hasMessageContaining("connect-configs/oracle-to-nowhere.json");
    }
}
