package io.idaas.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idaas.configs.ConnectConfig;
import io.idaas.stack.LocalStack;
import io.idaas.stack.junit.LocalStackExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No Oracle database runs here, so the Oracle config is checked as far as the bundle can take it: the worker
 * loads Debezium's Oracle connector from the bundle, wrapped by idaas's DdmlSourceConnector as the config ships it, and
 * Connect's validate endpoint reads the config.
 */
@ExtendWith(LocalStackExtension.class)
class OracleConfigValidationTest {

    private static final String DDML_SOURCE = "io.idaas.transforms.ddml.source.DdmlSourceConnector";

    @Test
    void theOracleDdmlSourceConfigIsReadByTheValidateEndpoint(LocalStack stack) {
        ConnectConfig template = ConnectConfig.named("oracle-ddml-source");
        Map<String, String> values = new HashMap<>();
        template.placeholders().forEach(p -> values.put(p, "x"));
        values.putAll(Map.of("name", "oracle-validate", "oracle.host", "127.0.0.1", "oracle.port", "1", "topic.prefix", "ora",
                "kafka.bootstrap", stack.kafka().bootstrapServers()));
        ObjectNode config = (ObjectNode) template.render(values).get("config");
        config.put("name", "oracle-validate");

        assertThat(config.path("connector.class").asText()).isEqualTo(DDML_SOURCE);
        assertThat(config.path("ddml.delegate.connector.class").asText()).isEqualTo("io.debezium.connector.oracle.OracleConnector");
        JsonNode result = new ConnectRest(stack.connect().restUrl()).validate(DDML_SOURCE, config);

        assertThat(result.path("name").asText()).isEqualTo(DDML_SOURCE);
        Map<String, String> errors = new HashMap<>();
        Set<String> keys = new HashSet<>();
        for (JsonNode c : result.path("configs")) {
            String key = c.path("value").path("name").asText();
            keys.add(key);
            c.path("value").path("errors").forEach(e -> errors.put(key, e.asText()));
        }
        // The wrapper's own keys (ToDdml's among them) were read and validated, and the Oracle connector's.
        assertThat(keys).contains("ddml.delegate.connector.class", "ddml.tombstones", "database.hostname", "log.mining.strategy");
        // Everything is accepted but the connection itself: there is no Oracle database here.
        assertThat(errors).hasSize(1).hasEntrySatisfying("database.hostname", e -> assertThat(e).startsWith("Unable to connect"));
        assertThat(result.path("error_count").asInt()).isEqualTo(1);
    }

    @Test
    void theOracleToMySqlSinkConfigIsAcceptedWhole(LocalStack stack) {
        // The sink side of Oracle to MySQL: the stack's MariaDB stands in for MySQL, reached through MySQL Connector/J.
        ConnectConfig template = ConnectConfig.named("oracle-to-mysql");
        ObjectNode config = (ObjectNode) template.render(Map.of(
                "name", "oracle-to-mysql-validate",
                "topic.prefix", "ora",
                "oracle.schema", "INVENTORY",
                "mysql.jdbc.url", "jdbc:mysql://" + stack.mariadb().host() + ":" + stack.mariadb().port() + "/"
                        + stack.mariadb().database() + "?sslMode=DISABLED",
                "mysql.user", stack.mariadb().user(),
                "mysql.password", stack.mariadb().password(),
                "kafka.bootstrap", stack.kafka().bootstrapServers())).get("config");
        config.put("name", "oracle-to-mysql-validate");

        JsonNode result = new ConnectRest(stack.connect().restUrl()).validate("io.idaas.connect.jdbc.JdbcSinkConnector", config);

        assertThat(result.path("name").asText()).isEqualTo("io.idaas.connect.jdbc.JdbcSinkConnector");
        assertThat(result.path("error_count").asInt()).as(result.toPrettyString()).isZero();
        Set<String> keys = new HashSet<>();
        result.path("configs").forEach(c -> keys.add(c.path("value").path("name").asText()));
        assertThat(keys).contains("connection.url", "ddl.create", "topics.regex", "errors.deadletterqueue.topic.name");
        assertThat(config.path("topics.regex").asText()).isEqualTo("ora\\.(INVENTORY\\..*|transaction)");
    }
}
