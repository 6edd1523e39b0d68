package io.idaas.connect.redis;

import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.util.JedisURIHelper;

import java.net.URI;

/** Opens the sink's connection to Redis from {@code redis.uri}, {@code redis.username} and {@code redis.password}. */
final class RedisConnections {

    private RedisConnections() {
    }

    /**
     * A connected, logged-in client (Jedis sends AUTH and SELECT when it connects).
     *
     * @throws redis.clients.jedis.exceptions.JedisException when Redis cannot be reached or refuses the login
     */
    static Jedis open(String uriText, String username, String password, int timeoutMs) {
        URI uri = URI.create(uriText.trim());
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
            .connectionTimeoutMillis(timeoutMs)
            .socketTimeoutMillis(timeoutMs)
            .ssl(JedisURIHelper.isRedisSSLScheme(uri))
            .database(JedisURIHelper.getDBIndex(uri))
            .clientName("idaas-redis-sink")
            .autoNegotiateProtocol(false); // RESP2 with AUTH: what every Redis since 6.0 speaks, without HELLO
        String user = username != null ? username : JedisURIHelper.getUser(uri);
        String pass = password != null ? password : JedisURIHelper.getPassword(uri);
        if (user != null && !user.isEmpty()) {
            config.user(user);
        }
        if (pass != null) {
            config.password(pass);
        }
        Jedis jedis = new Jedis(new HostAndPort(uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort()), config.build());
        try {
            jedis.ping(); // connects, logs in and selects the database now, so that a failure shows here
            return jedis;
        } catch (RuntimeException e) {
            jedis.close();
            throw e;
        }
    }

    /** The password a URI holds, or null. */
    static String uriPassword(String uriText) {
        try {
            return JedisURIHelper.getPassword(URI.create(uriText.trim()));
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The URI with its password, if any, replaced by {@code ****}, for messages. */
    static String redact(String uriText) {
        try {
            URI uri = URI.create(uriText.trim());
            String info = uri.getRawUserInfo();
            if (info == null || !info.contains(":")) {
                return uriText;
            }
            return uriText.replace(info, info.substring(0, info.indexOf(':')) + ":****");
        } catch (RuntimeException e) {
            return uriText.replaceAll("//[^@/]*@", "//****@");
        }
    }
}
