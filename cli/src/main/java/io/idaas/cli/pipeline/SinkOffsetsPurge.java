package io.idaas.cli.pipeline;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.util.JedisURIHelper;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a deleted idaas sink connector leaves in its target besides the rows: its offsets. The idaas sinks apply each
 * change once by keeping, in the target and in the transaction that writes the rows, the next offset of every topic
 * partition they read, and they resume from there whatever Connect's own offsets say. A pipeline deleted with its
 * topics and applied again reads recreated topics from offset 0: its sinks must not find the old offsets, or they skip
 * the new records up to them. So {@code pipeline delete --purge} deletes them: the JDBC sink's rows of the connector in
 * its offsets table ({@code offsets.table.name}, default {@code idaas_sink_offsets}), the MongoDB sink's documents
 * {@code <connector>/<topic>/<partition>} in {@code _idaas_offsets}, the Redis sink's hashes {@code <prefix>:offsets:<connector>}
 * and {@code <prefix>:topic-ids:<connector>} (the topic ids stored with the offsets; the JDBC and MongoDB sinks keep
 * them in the same rows and documents).
 */
public final class SinkOffsetsPurge {

    static final String JDBC_SINK = "io.idaas.connect.jdbc.JdbcSinkConnector";
    static final String MONGODB_SINK = "io.idaas.connect.mongodb.MongoSinkConnector";
    static final String REDIS_SINK = "io.idaas.connect.redis.RedisSinkConnector";

    private SinkOffsetsPurge() {
    }

    /**
     * Deletes the offsets that sink connector {@code connector}, configured by {@code config} (as Connect holds it:
     * references to secrets are resolved here as the worker would), keeps in its target.
     *
     * @return what was deleted, in words; or, for a connector that is no idaas sink, that there was nothing to delete
     * @throws Exception when the target cannot be reached or refuses: the caller says so, and the offsets stay
     */
    public static String purge(String connector, Map<String, String> config) throws Exception {
        String type = config.getOrDefault("connector.class", "");
        return switch (type) {
            case JDBC_SINK -> jdbc(connector, config);
            case MONGODB_SINK -> mongo(connector, config);
            case REDIS_SINK -> redis(connector, config);
            default -> "no offsets of " + connector + " in its target (" + (type.isEmpty() ? "no connector.class" : type) + " keeps none there)";
        };
    }

    private static String jdbc(String connector, Map<String, String> config) throws SQLException {
        String url = LocalSecrets.resolve(config.get("connection.url"));
        String table = config.getOrDefault("offsets.table.name", "idaas_sink_offsets");
        String quoted = url.startsWith("jdbc:postgresql:") ? "\"" + table.replace("\"", "\"\"") + "\"" : "`" + table.replace("`", "``") + "`";
        try (Connection c = DriverManager.getConnection(url, LocalSecrets.resolve(config.get("connection.user")),
                LocalSecrets.resolve(config.get("connection.password")))) {
            if (!exists(c, table)) {
                return "no offsets of " + connector + " in its target (no table " + table + ")";
            }
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM " + quoted + " WHERE connector = ?")) {
                delete.setString(1, connector);
                int rows = delete.executeUpdate();
                return "deleted the offsets of " + connector + " in its target (" + rows + " row" + (rows == 1 ? "" : "s") + " of " + table + ")";
            }
        }
    }

    private static boolean exists(Connection c, String table) throws SQLException {
        for (String name : new String[] {table, table.toLowerCase(java.util.Locale.ROOT)}) {
            try (var tables = c.getMetaData().getTables(c.getCatalog(), null, name, new String[] {"TABLE"})) {
                if (tables.next()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String mongo(String connector, Map<String, String> config) {
        String database = config.get("mongodb.database");
        try (MongoClient mongo = MongoClients.create(LocalSecrets.resolve(config.get("mongodb.connection.uri")))) {
            long deleted = mongo.getDatabase(database).getCollection("_idaas_offsets")
                    .deleteMany(Filters.regex("_id", "^" + Pattern.quote(connector + "/"))).getDeletedCount();
            return "deleted the offsets of " + connector + " in its target (" + deleted + " document" + (deleted == 1 ? "" : "s")
                    + " of " + database + "._idaas_offsets)";
        }
    }

    /** Connects as the Redis sink does (its {@code RedisConnections}): the URI's database, TLS and login, or the config's. */
    private static String redis(String connector, Map<String, String> config) {
        URI uri = URI.create(LocalSecrets.resolve(config.get("redis.uri")).trim());
        String prefix = config.getOrDefault("redis.prefix", "idaas");
        String key = prefix + ":offsets:" + connector;
        String ids = prefix + ":topic-ids:" + connector;
        DefaultJedisClientConfig.Builder client = DefaultJedisClientConfig.builder().ssl(JedisURIHelper.isRedisSSLScheme(uri))
                .database(JedisURIHelper.getDBIndex(uri)).clientName("idaas-pipeline-purge").autoNegotiateProtocol(false);
        String user = config.containsKey("redis.username") ? LocalSecrets.resolve(config.get("redis.username")) : JedisURIHelper.getUser(uri);
        String password = config.containsKey("redis.password") ? LocalSecrets.resolve(config.get("redis.password")) : JedisURIHelper.getPassword(uri);
        if (user != null && !user.isEmpty()) {
            client.user(user);
        }
        if (password != null) {
            client.password(password);
        }
        try (Jedis redis = new Jedis(new HostAndPort(uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort()), client.build())) {
            long deleted = redis.del(key);
            long idsDeleted = redis.del(ids);
            return "deleted the offsets of " + connector + " in its target (" + (deleted == 0 ? "no key " : "the key ") + key
                    + ", " + (idsDeleted == 0 ? "no key " : "the key ") + ids + ")";
        }
    }
}
