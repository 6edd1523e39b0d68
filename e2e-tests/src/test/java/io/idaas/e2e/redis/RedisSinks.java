package io.idaas.e2e.redis;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idaas.configs.ConnectConfig;
import io.idaas.e2e.SourceDatabase;
import io.idaas.stack.JdbcServer;
import io.idaas.stack.LocalStack;

import java.util.HashMap;
import java.util.Map;

/** The shipped {@code mariadb-to-redis} / {@code postgres-to-redis} configs, filled in for the local stack. */
final class RedisSinks {

    private RedisSinks() {
    }

    /**
     * The {@code POST /connectors} body of the shipped Redis sink config for DDML topics {@code topicPrefix.*} of
     * {@code db}'s stack database, writing to the stack's Redis under {@code redisPrefix} (unique per test, so that
     * nothing another test wrote is compared).
     */
    static ObjectNode config(LocalStack stack, SourceDatabase db, String name, String topicPrefix, String redisPrefix) {
        JdbcServer server = db.server(stack);
        Map<String, String> values = new HashMap<>();
        values.put("name", name);
        values.put("topic.prefix", topicPrefix);
        values.put("mariadb.database", server.database());
        values.put("postgres.database", server.database());
        values.put("redis.uri", stack.redis().uri());
        values.put("redis.host", stack.redis().host());
        values.put("redis.port", String.valueOf(stack.redis().port()));
        values.put("redis.prefix", redisPrefix);
        values.put("kafka.bootstrap", stack.kafka().bootstrapServers());
        String shipped = (db == SourceDatabase.POSTGRES ? "postgres" : "mariadb") + "-to-redis";
        ObjectNode body = ConnectConfig.named(shipped).render(values);
        ((ObjectNode) body.get("config")).put("redis.prefix", redisPrefix);
        return body;
    }
}
