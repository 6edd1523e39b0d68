package io.idaas.connect.redis;

import io.idaas.connect.sink.Version;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;
import redis.clients.jedis.Jedis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The idaas Redis sink: applies DDML topics (tables, and views' changelog topics) to Redis, exactly once in effect
 * (see {@link RedisSinkTask}). It only checks the config and hands every task the same one; Connect spreads the topic
 * partitions over the tasks. Connect's validate endpoint also connects to Redis ({@link #validate(Map)}): PING, with
 * AUTH when a user or password is set; a refused login is reported on {@code redis.password} (and
 * {@code redis.username}), any other failure on {@code redis.uri}.
 */
public final class RedisSinkConnector extends SinkConnector {

    /** How long validation waits for Redis. */
    static final int VALIDATION_TIMEOUT_MS = 10_000;

    static {
        // As the JDBC sink: Kafka's JsonConverter reads a string of over 20,000,000 characters only with Jackson's
        // default limit raised (a 16 MiB binary value is 22,369,624 characters of base64).
        io.idaas.ddml.JsonLimits.raiseJvmDefault();
    }

    private Map<String, String> props;

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        new RedisSinkConfig(props);
        this.props = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return RedisSinkTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        List<Map<String, String>> configs = new ArrayList<>(maxTasks);
        for (int i = 0; i < maxTasks; i++) {
            configs.add(props);
        }
        return configs;
    }

    @Override
    public void stop() {
    }

    @Override
    public ConfigDef config() {
        return RedisSinkConfig.CONFIG_DEF;
    }

    /** The keys' own checks, then, when the URI passed them, PING (and AUTH) to Redis. */
    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        Config config = super.validate(connectorConfigs);
        Optional<ConfigValue> uri = value(config, RedisSinkConfig.REDIS_URI);
        if (uri.isEmpty() || !uri.get().errorMessages().isEmpty() || uri.get().value() == null) {
            return config;
        }
        String target = (String) uri.get().value();
        String user = value(config, RedisSinkConfig.REDIS_USERNAME).map(v -> (String) v.value()).orElse(null);
        String password = value(config, RedisSinkConfig.REDIS_PASSWORD).map(ConfigValue::value)
            .map(p -> p instanceof Password pw ? pw.value() : String.valueOf(p)).orElse(null);
        String shown = RedisConnections.redact(target);
        try (Jedis ignored = RedisConnections.open(target, user, password, VALIDATION_TIMEOUT_MS)) {
            return config;
        } catch (RuntimeException e) {
            String reason = e.getMessage() == null ? e.toString() : e.getMessage();
            if (isLoginRefused(reason)) {
                String message = "Unable to log in to Redis at " + shown + (user == null ? "" : " as user '" + user + "'")
                    + ": " + reason + "; check redis.username and redis.password";
                addError(config, RedisSinkConfig.REDIS_PASSWORD, message);
                addError(config, RedisSinkConfig.REDIS_USERNAME, message);
            } else {
                addError(config, RedisSinkConfig.REDIS_URI, "Unable to reach Redis at " + shown + " within "
                    + VALIDATION_TIMEOUT_MS / 1000 + " s: " + reason + "; check the host, port and scheme of redis.uri, "
                    + "and that Redis is up and reachable from the Connect worker");
            }
            return config;
        }
    }

    private static boolean isLoginRefused(String reason) {
        return reason.contains("WRONGPASS") || reason.contains("NOAUTH") || reason.contains("invalid password")
            || reason.contains("invalid username-password") || reason.contains("AUTH");
    }

    private static Optional<ConfigValue> value(Config config, String name) {
        return config.configValues().stream().filter(v -> v.name().equals(name)).findFirst();
    }

    private static void addError(Config config, String name, String message) {
        value(config, name).ifPresent(v -> v.addErrorMessage(message));
    }
}
