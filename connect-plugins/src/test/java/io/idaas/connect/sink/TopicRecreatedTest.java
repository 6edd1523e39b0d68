package io.idaas.connect.sink;

import io.idaas.connect.jdbc.JdbcSinkConfig;
import io.idaas.connect.mongodb.MongoSinkConfig;
import io.idaas.connect.redis.RedisSinkConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code topic.recreated} is a key of every idaas sink, {@code fail} by default, and a bad value is refused. */
class TopicRecreatedTest {

    private static final List<ConfigDef> SINKS = List.of(JdbcSinkConfig.CONFIG_DEF, RedisSinkConfig.CONFIG_DEF,
        MongoSinkConfig.CONFIG_DEF);

    @Test
    void everySinkDeclaresTheKeyDocumentedWithFailByDefault() {
        for (ConfigDef def : SINKS) {
            ConfigDef.ConfigKey key = def.configKeys().get(TopicRecreated.CONFIG);
            assertThat(key).isNotNull();
            assertThat(key.defaultValue).isEqualTo("fail");
            assertThat(key.documentation).contains("fail", "restart", SinkMetrics.TOPIC_RECREATED_TOTAL);
        }
    }

    @Test
    void theValidateEndpointRefusesAnythingButFailOrRestart() {
        for (ConfigDef def : SINKS) {
            assertThat(error(def, "maybe")).as("maybe").isNotNull().containsIgnoringCase("fail").containsIgnoringCase("restart");
            assertThat(error(def, "RESTART")).as("RESTART").isNull();
            assertThat(error(def, "fail")).as("fail").isNull();
        }
        assertThat(TopicRecreated.of("Restart")).isEqualTo(TopicRecreated.RESTART);
    }

    private static String error(ConfigDef def, String value) {
        ConfigValue v = def.validate(Map.of(TopicRecreated.CONFIG, value)).stream()
            .filter(c -> c.name().equals(TopicRecreated.CONFIG)).findFirst().orElseThrow();
        return v.errorMessages().isEmpty() ? null : String.join("; ", v.errorMessages());
    }
}
