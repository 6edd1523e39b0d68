package io.idaas.client.redis;

import io.idaas.ddml.consistency.ConsistencyToken;
import io.idaas.ddml.consistency.HeartbeatWriter;
import redis.clients.jedis.UnifiedJedis;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Read-your-writes through a Redis copy that the idaas Redis sink keeps: waits until the copy reflects a consistency
 * token (SPEC.md §3.4), i.e. until {@code GET <prefix>:applied:<source>} holds a position that covers the token's
 * ({@link ConsistencyToken#isCoveredBy}). The sink raises that key in the same Lua script call that writes the rows, so
 * once it covers the token every row the client wrote before taking it is in Redis.
 *
 * <pre>{@code
 * connection.commit();
 * ConsistencyToken token = ConsistencyTokens.current(connection, "demo");   // "demo": the connector's topic.prefix
 * if (waiter.await(token, Duration.ofSeconds(2))) {
 *     Map<String, String> customer = jedis.hgetAll("idaas:shop.customers:7");  // holds the write
 * }
 * }</pre>
 *
 * <p>It polls: the first {@code GET} at once, then after 1, 2, 4, ... ms, at most {@code maxPollInterval} apart. The
 * change that moves the copy past the token must be committed after the token was taken; when the copied tables are
 * quiet, none comes by itself, so give the waiter a {@link HeartbeatWriter} on the source: it asks for a heartbeat when
 * the copy is behind, and again every {@code heartbeatRepeat} while it stays behind. Thread-safe when the Jedis client
 * is ({@code RedisClient} is); one waiter serves every thread.
 */
public final class RedisTokenWaiter {

    private static final Pattern PREFIX = Pattern.compile("[^\\s]{1,200}");

    private final UnifiedJedis redis;
    private final String prefix;
    private final Map<String, String> sourceNames;
    private final HeartbeatWriter heartbeat;
    private final Duration maxPollInterval;
    private final Duration heartbeatRepeat;

    private RedisTokenWaiter(Builder b) {
        this.redis = b.redis;
        this.prefix = b.prefix;
        this.sourceNames = Map.copyOf(b.sourceNames);
        this.heartbeat = b.heartbeat;
        this.maxPollInterval = b.maxPollInterval;
        this.heartbeatRepeat = b.heartbeatRepeat;
    }

    /** A waiter reading through {@code redis} (the caller keeps and closes it). */
    public static Builder builder(UnifiedJedis redis) {
        return new Builder(redis);
    }

    /**
     * Waits until the copy reflects {@code token}, at most {@code timeout}.
     *
     * @return true when it does (at once, or within the timeout); false when the timeout passed first
     * @throws InterruptedException when the waiting thread is interrupted
     */
    public boolean await(ConsistencyToken token, Duration timeout) throws InterruptedException {
        String key = appliedKey(token);
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        long pause = 1;
        long nextBeat = start;
        while (true) {
            if (token.isCoveredBy(redis.get(key))) {
                return true;
            }
            long now = System.nanoTime();
            if (now - deadline >= 0) {
                return false;
            }
            if (heartbeat != null && now - nextBeat >= 0) {
                heartbeat.request();
                nextBeat = now + heartbeatRepeat.toNanos();
            }
            long left = Math.max(1, (deadline - now) / 1_000_000);
            Thread.sleep(Math.min(pause, left));
            pause = Math.min(pause * 2, maxPollInterval.toMillis());
        }
    }

    /** The position the copy has applied from the token's source (its {@code applied} key), or null when it has none. */
    public String applied(ConsistencyToken token) {
        return redis.get(appliedKey(token));
    }

    /** {@code <prefix>:applied:<source.name>} for the token's source, after the source-name map. */
    public String appliedKey(ConsistencyToken token) {
        return prefix + ":applied:" + sourceNames.getOrDefault(token.source(), token.source());
    }

    /** Builds a {@link RedisTokenWaiter}. */
    public static final class Builder {
        private final UnifiedJedis redis;
        private String prefix = "idaas";
        private final Map<String, String> sourceNames = new HashMap<>();
        private HeartbeatWriter heartbeat;
        private Duration maxPollInterval = Duration.ofMillis(20);
        private Duration heartbeatRepeat = Duration.ofMillis(500);

        private Builder(UnifiedJedis redis) {
            this.redis = Objects.requireNonNull(redis, "redis");
        }

        /** The sink's {@code redis.prefix} (default {@code idaas}). */
        public Builder prefix(String prefix) {
            if (prefix == null || !PREFIX.matcher(prefix).matches()) {
                throw new IllegalArgumentException("prefix '" + prefix + "' is not the sink's redis.prefix; give the same "
                        + "text as the sink's config (default idaas), without spaces");
            }
            this.prefix = prefix;
            return this;
        }

        /**
         * Tokens named {@code tokenSource} are checked against the DDML {@code source.name} {@code ddmlSource} (the
         * source connector's {@code topic.prefix}): for tokens of a view app that declares the source under another name.
         */
        public Builder source(String tokenSource, String ddmlSource) {
            sourceNames.put(Objects.requireNonNull(tokenSource, "tokenSource"), Objects.requireNonNull(ddmlSource, "ddmlSource"));
            return this;
        }

        /** Asked for a heartbeat on the source when the copy is behind a token (none by default). */
        public Builder heartbeat(HeartbeatWriter heartbeat) {
            this.heartbeat = heartbeat;
            return this;
        }

        /** The longest pause between two reads of the applied key (default 20 ms). */
        public Builder maxPollInterval(Duration interval) {
            if (interval == null || interval.toMillis() < 1) {
                throw new IllegalArgumentException("the poll interval must be at least 1 ms, not " + interval);
            }
            this.maxPollInterval = interval;
            return this;
        }

        /** How often a heartbeat is asked for again while the copy stays behind (default 500 ms). */
        public Builder heartbeatRepeat(Duration repeat) {
            if (repeat == null || repeat.toMillis() < 1) {
                throw new IllegalArgumentException("the heartbeat repeat must be at least 1 ms, not " + repeat);
            }
            this.heartbeatRepeat = repeat;
            return this;
        }

        public RedisTokenWaiter build() {
            return new RedisTokenWaiter(this);
        }
    }
}
