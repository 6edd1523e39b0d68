package io.idaas.connect.redis;

import io.idaas.connect.sink.DdmlSinkConnector;
import io.idaas.connect.sink.ValidatedKeys;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import redis.clients.jedis.Jedis;

import java.util.Map;

/**
 * The idaas Redis sink: applies DDML topics (tables, and views' changelog topics) to Redis, exactly once in effect
 * (see {@link RedisSinkTask}). Connect's validate endpoint also connects to Redis ({@link #checkTarget}): PING, with
 * AUTH when a user or password is set; a refused login is reported on {@code redis.password} (and
 * {@code redis.username}), any other failure on {@code redis.uri}.
 */
public final class RedisSinkConnector extends DdmlSinkConnector {

    /** How long validation waits for Redis. */
    static final int VALIDATION_TIMEOUT_MS = 10_000;

    @Override
    protected void checkConfig(Map<String, String> props) {
        new RedisSinkConfig(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return RedisSinkTask.class;
    }

    @Override
    public ConfigDef config() {
        return RedisSinkConfig.CONFIG_DEF;
    }

    /** PING (and AUTH) to Redis, when the URI passed its own checks. */
    @Override
    protected void checkTarget(ValidatedKeys keys) {
        if (!keys.passed(RedisSinkConfig.REDIS_URI)) {
            return;
        }
        String target = keys.string(RedisSinkConfig.REDIS_URI);
        String user = keys.string(RedisSinkConfig.REDIS_USERNAME);
        String password = keys.password(RedisSinkConfig.REDIS_PASSWORD);
        String shown = RedisConnections.redact(target);
        try (Jedis ignored = RedisConnections.open(target, user, password, VALIDATION_TIMEOUT_MS)) {
            // reachable, and the login (if any) accepted
        } catch (RuntimeException e) {
            String reason = e.getMessage() == null ? e.toString() : e.getMessage();
            if (isLoginRefused(reason)) {
                keys.addError("Unable to log in to Redis at " + shown + (user == null ? "" : " as user '" + user + "'")
                    + ": " + reason + "; check redis.username and redis.password", RedisSinkConfig.REDIS_PASSWORD,
                    RedisSinkConfig.REDIS_USERNAME);
            } else {
                keys.addError("Unable to reach Redis at " + shown + " within " + VALIDATION_TIMEOUT_MS / 1000 + " s: "
                    + reason + "; check the host, port and scheme of redis.uri, and that Redis is up and reachable from "
                    + "the Connect worker", RedisSinkConfig.REDIS_URI);
            }
        }
    }

    private static boolean isLoginRefused(String reason) {
        return reason.contains("WRONGPASS") || reason.contains("NOAUTH") || reason.contains("invalid password")
            || reason.contains("invalid username-password") || reason.contains("AUTH");
    }
}
