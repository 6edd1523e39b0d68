package io.idaas.connect.jdbc;

import io.idaas.connect.sink.DdlPolicy;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JdbcSinkConfigTest {

    @Test
    void everyKeyIsDocumentedAndGrouped() {
        for (ConfigDef.ConfigKey key : JdbcSinkConfig.CONFIG_DEF.configKeys().values()) {
            assertThat(key.documentation).as(key.name).isNotBlank();
            assertThat(key.group).as(key.name).isNotBlank();
            assertThat(key.displayName).as(key.name).isNotBlank();
        }
    }

    @Test
    void defaults() {
        JdbcSinkConfig c = new JdbcSinkConfig(Map.of("connection.url", "jdbc:postgresql://h/db"));
        assertThat(c.tableNameFormat()).isEqualTo("${table}");
        assertThat(c.createPolicy()).isEqualTo(DdlPolicy.APPLY);
        assertThat(c.alterPolicy()).isEqualTo(DdlPolicy.APPLY);
        assertThat(c.dropPolicy()).isEqualTo(DdlPolicy.IGNORE);
        assertThat(c.batchSize()).isEqualTo(1000);
        assertThat(c.offsetsTable()).isEqualTo("idaas_sink_offsets");
    }

    @Test
    void refusesAnUnknownUrlAndPolicyNamingTheKey() {
        assertThatThrownBy(() -> new JdbcSinkConfig(Map.of("connection.url", "jdbc:oracle:thin:@h:1521/x")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("connection.url").hasMessageContaining("jdbc:mariadb");
        assertThatThrownBy(() -> new JdbcSinkConfig(Map.of("connection.url", "jdbc:mariadb://h/db", "ddl.alter", "maybe")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("ddl.alter");
        assertThatThrownBy(() -> new JdbcSinkConfig(Map.of("connection.url", "jdbc:mariadb://h/db", "batch.size", "0")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("batch.size");
    }

    @Test
    void connectorValidateRecommendsPoliciesAndConnectsToTheTarget() {
        // Nothing listens on port 1: the connection is refused at once.
        List<ConfigValue> values = new JdbcSinkConnector().validate(Map.of("connection.url", "jdbc:mysql://127.0.0.1:1/db"))
            .configValues();
        ConfigValue drop = values.stream().filter(v -> v.name().equals("ddl.drop")).findFirst().orElseThrow();
        assertThat(drop.recommendedValues()).containsExactly("apply", "ignore", "fail");
        assertThat(values).filteredOn(v -> !v.name().equals("connection.url"))
            .allSatisfy(v -> assertThat(v.errorMessages()).as(v.name()).isEmpty());
        ConfigValue url = values.stream().filter(v -> v.name().equals("connection.url")).findFirst().orElseThrow();
        assertThat(url.errorMessages()).singleElement().asString()
            .startsWith("Unable to connect to jdbc:mysql://127.0.0.1:1/db within 10 s: ")
            .endsWith("check the host, port and database of connection.url, and that the target is up and reachable "
                + "from the Connect worker");
    }

    @Test
    void connectorValidateDoesNotConnectWithABadUrl() {
        List<ConfigValue> values = new JdbcSinkConnector().validate(Map.of("connection.url", "jdbc:sqlite:x")).configValues();
        ConfigValue url = values.stream().filter(v -> v.name().equals("connection.url")).findFirst().orElseThrow();
        assertThat(url.errorMessages()).singleElement().asString().contains("jdbc:postgresql");
    }

    @Test
    void connectorSplitsIntoIdenticalTasks() {
        JdbcSinkConnector connector = new JdbcSinkConnector();
        connector.start(Map.of("connection.url", "jdbc:postgresql://h/db", "name", "s"));
        assertThat(connector.taskConfigs(3)).hasSize(3).allSatisfy(t -> assertThat(t).containsEntry("name", "s"));
        assertThat(connector.version()).isNotBlank();
        assertThat(connector.taskClass()).isEqualTo(JdbcSinkTask.class);
    }
}
