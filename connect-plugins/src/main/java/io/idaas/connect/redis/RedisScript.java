package io.idaas.connect.redis;

import redis.clients.jedis.Jedis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The sink's Lua script, {@code apply-batch.lua}: loaded with {@code SCRIPT LOAD} and called with {@code EVALSHA}; loaded
 * again when Redis answers NOSCRIPT (it restarted, or its scripts were flushed).
 */
final class RedisScript {

    private static final byte[] SOURCE = read();
    static final String SHA1 = RowChanges.sha1(SOURCE);

    /** What one call did. */
    record Result(long written, long skipped, long raised) {
    }

    private RedisScript() {
    }

    /** Runs the script with the batch's arguments (no KEYS: every key name is an argument). */
    static Result run(Jedis jedis, byte[][] args) {
        Object reply;
        try {
            reply = jedis.evalsha(RedisLayout.utf8(SHA1), 0, args);
        } catch (redis.clients.jedis.exceptions.JedisDataException e) {
            if (!RedisErrors.isNoScript(e)) {
                throw e;
            }
            jedis.scriptLoad(SOURCE);
            reply = jedis.evalsha(RedisLayout.utf8(SHA1), 0, args);
        }
        List<?> counts = (List<?>) reply;
        return new Result((Long) counts.get(0), (Long) counts.get(1), (Long) counts.get(2));
    }

    private static byte[] read() {
        try (InputStream in = RedisScript.class.getResourceAsStream("apply-batch.lua")) {
            if (in == null) {
                throw new IllegalStateException("apply-batch.lua is missing from the plugin's jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
