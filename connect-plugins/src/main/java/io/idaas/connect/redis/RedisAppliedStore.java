package io.idaas.connect.redis;

import io.idaas.connect.sink.AppliedFrontier;
import redis.clients.jedis.Jedis;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@link AppliedFrontier}'s Redis side: the sink's Lua script (op {@code F}) checks the offsets hash
 * {@code <prefix>:offsets:<connector>} against each bound's end offsets and raises {@code <prefix>:applied:<source>} in
 * one atomic step.
 */
final class RedisAppliedStore implements AppliedFrontier.Store {

    private final Jedis jedis;
    private final RedisLayout layout;
    private final String connector;
    private final boolean ownsConnection;

    /** On a connection of the caller's. */
    RedisAppliedStore(Jedis jedis, RedisLayout layout, String connector) {
        this(jedis, layout, connector, false);
    }

    /** @param ownsConnection whether {@link #close} closes {@code jedis} (the frontier thread's own connection) */
    RedisAppliedStore(Jedis jedis, RedisLayout layout, String connector, boolean ownsConnection) {
        this.jedis = jedis;
        this.layout = layout;
        this.connector = connector;
        this.ownsConnection = ownsConnection;
    }

    @Override
    public void close() {
        if (ownsConnection) {
            jedis.close();
        }
    }

    @Override
    public Set<String> raiseWhereReached(Map<String, AppliedFrontier.Bound> bound) {
        List<String> sources = List.copyOf(bound.keySet());
        List<byte[]> args = new ArrayList<>();
        byte[] offsetsKey = layout.offsets(connector);
        for (String source : sources) {
            AppliedFrontier.Bound b = bound.get(source);
            args.add(utf8("F"));
            args.add(layout.applied(source));
            args.add(utf8(b.position()));
            args.add(offsetsKey);
            args.add(utf8(Integer.toString(b.ends().size())));
            b.ends().forEach((field, end) -> {
                args.add(utf8(field));
                args.add(utf8(Long.toString(end)));
            });
        }
        RedisScript.Result result = RedisScript.run(jedis, args.toArray(byte[][]::new));
        Set<String> raised = new HashSet<>();
        if (result.raised() == 0) {
            return raised;
        }
        // The script raises each source whose ends were reached; read back which ones, by position.
        for (String source : sources) {
            byte[] now = jedis.get(layout.applied(source));
            if (now != null && new String(now, StandardCharsets.UTF_8).compareTo(bound.get(source).position()) >= 0) {
                raised.add(source);
            }
        }
        return raised;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
