package io.idaas.verify.redis;

import io.idaas.verify.VerifyConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** Opens a Redis target: {@code redis://[USER[:PASSWORD]@]HOST[:PORT][/DB]}, or {@code rediss://} for TLS. */
final class RedisTargets {

    private RedisTargets() {
    }

    /** A pooled client; the user and password options win over those in the URL. */
    static RedisClient open(VerifyConfig.Database target) {
        URI uri;
        try {
            uri = URI.create(target.jdbcUrl());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--target '" + target.displayUrl() + "' is not a Redis URL: write redis://HOST:PORT or redis://HOST:PORT/DB");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("--target '" + target.displayUrl() + "' names no host: write redis://HOST:PORT or redis://HOST:PORT/DB");
        }
        String user = target.user();
        String password = target.password();
        if (uri.getRawUserInfo() != null) {
            String[] info = uri.getRawUserInfo().split(":", 2);
            if (user == null && !info[0].isEmpty()) {
                user = URLDecoder.decode(info[0], StandardCharsets.UTF_8);
            }
            if (password == null && info.length == 2) {
                password = URLDecoder.decode(info[1], StandardCharsets.UTF_8);
            }
        }
        int database = 0;
        String path = uri.getPath();
        if (path != null && path.length() > 1) {
            try {
                database = Integer.parseInt(path.substring(1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--target '" + target.displayUrl() + "': '" + path.substring(1)
                        + "' is not a Redis database number; write redis://HOST:PORT/0 (or no /DB)");
            }
        }
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
                .database(database).ssl("rediss".equalsIgnoreCase(uri.getScheme())).timeoutMillis(30_000);
        if (user != null) {
            config.user(user);
        }
        if (password != null) {
            config.password(password);
        }
        return RedisClient.builder().hostAndPort(new HostAndPort(uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort()))
                .clientConfig(config.build()).build();
    }
}
