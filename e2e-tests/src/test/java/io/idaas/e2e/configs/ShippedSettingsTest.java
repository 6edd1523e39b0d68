package io.idaas.e2e.configs;

import com.fasterxml.jackson.databind.JsonNode;
import io.idaas.configs.ConnectConfig;
import io.idaas.stack.kafka.KafkaBroker;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The limits and latency settings that must agree across the shipped configs, the local stack and the compose file
 * (connect-configs/README.md, "Large values" and "Latency"): a record the producer may send must fit the topic, the
 * broker and the dead-letter producer, and LimitEventSize must replace exactly what the producer would refuse.
 */
class ShippedSettingsTest {

    private static final long LIMIT = 64L * 1024 * 1024;
    private static final List<String> SOURCES = List.of("mariadb-ddml-source", "mysql-ddml-source", "postgres-ddml-source",
            "oracle-ddml-source", "mariadb-source", "postgres-source");
    private static final List<String> SINKS = List.of("mariadb-to-postgres", "mariadb-to-mariadb", "postgres-to-mariadb",
            "mariadb-to-redis", "mysql-to-redis", "postgres-to-redis",
            "mariadb-to-mongodb", "mysql-to-mongodb", "postgres-to-mongodb",
            "postgres-to-mysql", "postgres-to-postgres", "mysql-to-mysql", "oracle-to-mysql");

    private static JsonNode config(String name) {
        ConnectConfig c = ConnectConfig.named(name);
        Map<String, String> values = new HashMap<>();
        c.placeholders().forEach(p -> values.put(p, "x"));
        return c.render(values).get("config");
    }

    private static long number(JsonNode config, String key) {
        assertThat(config.has(key)).as(key).isTrue();
        return Long.parseLong(config.get(key).asText());
    }

    @Test
    void everySourceTakesRecordsUpTo64MiBAndPollsEvery10Ms() {
        for (String name : SOURCES) {
            JsonNode c = config(name);
            assertThat(number(c, "producer.override.max.request.size")).as(name).isEqualTo(LIMIT);
            assertThat(number(c, "producer.override.buffer.memory")).as(name).isGreaterThan(LIMIT);
            assertThat(number(c, "topic.creation.default.max.message.bytes")).as(name).isEqualTo(LIMIT);
            assertThat(number(c, "topic.creation.default.partitions")).as(name + ": DDL is ordered within a partition").isEqualTo(1);
            assertThat(number(c, "poll.interval.ms")).as(name).isEqualTo(10);
            if (name.contains("ddml")) {
                List<String> transforms = List.of(c.get("transforms").asText().split(","));
                assertThat(transforms).as(name + ": LimitEventSize last, after ToDdml").last().isEqualTo("limit");
                assertThat(c.get("transforms.limit.type").asText()).isEqualTo("io.idaas.transforms.ddml.size.LimitEventSize");
                assertThat(number(c, "transforms.limit.max.bytes")).as(name).isEqualTo(LIMIT);
            }
        }
    }

    @Test
    void everySinkSeesNewTopicsWithinASecondAndDeadLettersRecordsUpTo64MiB() {
        for (String name : SINKS) {
            JsonNode c = config(name);
            assertThat(number(c, "consumer.override.metadata.max.age.ms")).as(name).isEqualTo(1000);
            assertThat(number(c, "producer.override.max.request.size")).as(name + "'s dead-letter producer").isEqualTo(LIMIT);
            assertThat(number(c, "producer.override.buffer.memory")).as(name).isGreaterThan(LIMIT);
            assertThat(c.get("topics.regex").asText()).as(name + " follows the source's transactions").contains("transaction");
        }
    }

    @Test
    void theLocalStackAndTheComposeFileTakeThe64MiBRecords() throws Exception {
        assertThat((long) KafkaBroker.MAX_MESSAGE_BYTES).isEqualTo(LIMIT);
        String compose = Files.readString(Path.of("..", "docker-compose", "docker-compose.yml"));
        assertThat(compose).contains("KAFKA_MESSAGE_MAX_BYTES: " + LIMIT).contains("--max-allowed-packet=64M");
        String worker = Files.readString(Path.of("..", "docker-compose", "connect-distributed.properties"));
        assertThat(worker).contains("connector.client.config.override.policy=All");
    }
}
