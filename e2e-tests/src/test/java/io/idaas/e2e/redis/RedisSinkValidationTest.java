package io.idaas.e2e.redis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idaas.configs.ConnectConfig;
import io.idaas.e2e.ConnectRest;
import io.idaas.stack.LocalStack;
import io.idaas.stack.junit.LocalStackExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Connect's validate endpoint ({@code PUT /connector-plugins/.../config/validate}) on the shipped
 * {@code mariadb-to-redis} config, as the worker runs the plugin from its archive: it passes against the stack's Redis,
 * and names the key and the fix for an unreachable Redis and for a bad per-table entry.
 */
@ExtendWith(LocalStackExtension.class)
class RedisSinkValidationTest {

    private static final String SINK = "io.idaas.connect.redis.RedisSinkConnector";

    @Test
    void theShippedConfigPassesAndABadUriOrEntryIsRefusedNamingTheKey(LocalStack stack) {
        ConnectRest connect = new ConnectRest(stack.connect().restUrl());
        JsonNode ok = connect.validate(SINK, config(stack.redis().uri(), Map.of()));
        assertThat(ok.path("error_count").asInt()).as(errors(ok).toString()).isZero();

        // nothing listens on port 1
        JsonNode down = connect.validate(SINK, config("redis://127.0.0.1:1", Map.of()));
        assertThat(down.path("error_count").asInt()).isEqualTo(1);
        assertThat(errors(down).get("redis.uri")).singleElement().asString()
            .startsWith("Unable to reach Redis at redis://127.0.0.1:1 within 10 s: ").contains("check the host, port and scheme of redis.uri");

        JsonNode bad = connect.validate(SINK, config(stack.redis().uri(), Map.of("redis.key.template", "orders:shop:{id",
            "redis.type.tables", "orders:xml")));
        assertThat(errors(bad).get("redis.key.template")).singleElement().asString().contains("unclosed");
        assertThat(errors(bad).get("redis.type.tables")).singleElement().asString().contains("neither hash nor json");
    }

    private static ObjectNode config(String uri, Map<String, String> overrides) {
        ObjectNode body = ConnectConfig.named("mariadb-to-redis").render(Map.of("name", "validate-only", "topic.prefix", "v",
            "mariadb.database", "d", "redis.uri", uri, "redis.prefix", "v", "kafka.bootstrap", "127.0.0.1:9"));
        ObjectNode config = (ObjectNode) body.get("config");
        config.put("name", "validate-only");
        overrides.forEach(config::put);
        return config;
    }

    private static Map<String, List<String>> errors(JsonNode verdict) {
        Map<String, List<String>> out = new HashMap<>();
        for (JsonNode c : verdict.path("configs")) {
            List<String> messages = new ArrayList<>();
            c.path("value").path("errors").forEach(e -> messages.add(e.asText()));
            out.put(c.path("value").path("name").asText(), messages);
        }
        return out;
    }
}
