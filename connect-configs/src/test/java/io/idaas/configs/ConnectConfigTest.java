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
    void refusesToRenderWithMissingValuesAndNamesThem() {
        assertThatThrownBy(() -> ConnectConfig.named("mariadb-source").render(Map.of("name", "x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mariadb.host")
                .hasMessageContaining("kafka.bootstrap");
    }

    @Test
    void namesTheResourceWhenAConfigDoesNotExist() {
        assertThatThrownBy(() -> ConnectConfig.named("oracle-to-nowhere"))
                .hasMessageContaining("connect-configs/oracle-to-nowhere.json");
    }
}
