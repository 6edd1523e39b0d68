package io.idaas.connect.redis;

import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;

/** Tells a Redis failure that may pass (down, restarting, out of memory, busy) from one that will not. */
final class RedisErrors {

    private RedisErrors() {
    }

    /** Whether the error says Redis is at its {@code maxmemory} and refuses writes. */
    static boolean isOutOfMemory(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            // "OOM command not allowed when used memory > 'maxmemory'": as a command's reply, or inside the script's
            // error ("ERR Error running script ...: -OOM command not allowed ...") when its first write was refused
            if (t instanceof JedisDataException && t.getMessage() != null
                && (t.getMessage().startsWith("OOM") || t.getMessage().contains("OOM command not allowed"))) {
                return true;
            }
        }
        return false;
    }

    /** Whether the script is not loaded (Redis restarted, or SCRIPT FLUSH). */
    static boolean isNoScript(Throwable e) {
        return e instanceof JedisDataException && e.getMessage() != null && e.getMessage().startsWith("NOSCRIPT");
    }

    /** Whether retrying the same batch later may succeed. */
    static boolean isTransient(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JedisConnectionException || t instanceof java.io.IOException) {
                return true;
            }
            if (t instanceof JedisDataException && t.getMessage() != null) {
                String m = t.getMessage();
                // OOM maxmemory; LOADING after a restart; BUSY another script; READONLY / MASTERDOWN a replica or
                // fail-over; TRYAGAIN; NOSCRIPT (reloaded)
                if (isOutOfMemory(t) || m.startsWith("LOADING") || m.startsWith("BUSY") || m.startsWith("READONLY")
                    || m.startsWith("MASTERDOWN") || m.startsWith("TRYAGAIN") || m.startsWith("NOSCRIPT")
                    || m.startsWith("CLUSTERDOWN")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A message for a failure, naming the settings to look at for an out-of-memory refusal. */
    static String describe(Throwable e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        if (isOutOfMemory(e)) {
            return "Redis refused the writes because it reached its memory limit (" + m + "): raise maxmemory, or "
                + "free memory; note that maxmemory-policy noeviction (needed so that Redis never evicts rows, key "
                + "sets or offsets of the sink) refuses writes at the limit, and any other policy may evict the "
                + "sink's keys. Nothing is dropped: the batch is retried";
        }
        return m;
    }
}
