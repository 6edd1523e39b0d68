package io.idaas.verify.redis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One table's copy in Redis as the idaas Redis sink keeps it (ddml-converter SPEC.md §11.1): the set
 * {@code <prefix>:keys:<table-id>} names every row key written and not deleted; each row is a hash (a field per non-NULL
 * column, plus {@code _ddml.*}) or a JSON string (the JSON shape). Reads are pipelined, a batch of keys per round trip;
 * no {@code KEYS} and no {@code SCAN} of the key space.
 */
final class RedisCopy {

    /** Keys per pipelined round trip and per {@code SSCAN} page. */
    static final int BATCH = 500;
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * A row as Redis holds it.
     *
     * @param redisKey the Redis key
     * @param fields   the hash's fields (name to bytes), {@code _ddml.*} included; null for the JSON shape
     * @param document the JSON shape's document; null for a hash
     */
    record Row(String redisKey, Map<String, byte[]> fields, JsonNode document) {
    }

    private final UnifiedJedis redis;
    private final String prefix;
    private final String tableId;

    RedisCopy(UnifiedJedis redis, String prefix, String tableId) {
        this.redis = redis;
        this.prefix = prefix;
        this.tableId = tableId;
    }

    /** {@code <prefix>:keys:<table-id>}. */
    String keySet() {
        return prefix + ":keys:" + tableId;
    }

    /** {@code <prefix>:<table-id>:<key>}: where the sink's default key template puts a row. */
    String rowKey(String keyText) {
        return prefix + ":" + tableId + ":" + keyText;
    }

    /** The key part of a Redis key written with the default template, or null for a key of another form. */
    String keyTextOf(String redisKey) {
        String start = prefix + ":" + tableId + ":";
        return redisKey.startsWith(start) ? redisKey.substring(start.length()) : null;
    }

    /** The rows the key set counts ({@code SCARD}). */
    long count() {
        return redis.scard(keySet());
    }

    /** Whether the key set lists this Redis key ({@code SISMEMBER}). */
    boolean keySetHas(String redisKey) {
        return redis.sismember(keySet(), redisKey);
    }

    /** Every member of the key set ({@code SSCAN}, a page at a time). */
    List<String> keys() {
        List<String> keys = new ArrayList<>();
        String cursor = ScanParams.SCAN_POINTER_START;
        ScanParams page = new ScanParams().count(BATCH);
        do {
            ScanResult<String> result = redis.sscan(keySet(), cursor, page);
            keys.addAll(result.getResult());
            cursor = result.getCursor();
        } while (!ScanParams.SCAN_POINTER_START.equals(cursor));
        return keys;
    }

    /** The rows at these Redis keys; a key that holds nothing (or an empty hash) is left out. */
    Map<String, Row> read(List<String> redisKeys) {
        Map<String, Row> rows = new LinkedHashMap<>();
        for (int from = 0; from < redisKeys.size(); from += BATCH) {
            List<String> batch = redisKeys.subList(from, Math.min(redisKeys.size(), from + BATCH));
            List<Response<Map<byte[], byte[]>>> hashes = new ArrayList<>(batch.size());
            try (AbstractPipeline pipeline = redis.pipelined()) {
                for (String key : batch) {
                    hashes.add(pipeline.hgetAll(key.getBytes(StandardCharsets.UTF_8)));
                }
                pipeline.sync();
            }
            List<String> strings = new ArrayList<>();
            for (int i = 0; i < batch.size(); i++) {
                String key = batch.get(i);
                try {
                    Map<byte[], byte[]> hash = hashes.get(i).get();
                    if (!hash.isEmpty()) {
                        Map<String, byte[]> fields = new LinkedHashMap<>();
                        hash.forEach((name, value) -> fields.put(new String(name, StandardCharsets.UTF_8), value));
                        rows.put(key, new Row(key, fields, null));
                    }
                } catch (JedisDataException e) {
                    if (e.getMessage() == null || !e.getMessage().startsWith("WRONGTYPE")) {
                        throw e;
                    }
                    strings.add(key); // the JSON shape: a string
                }
            }
            for (String key : strings) {
                byte[] text = redis.get(key.getBytes(StandardCharsets.UTF_8));
                if (text != null) {
                    rows.put(key, new Row(key, null, document(key, text)));
                }
            }
        }
        return rows;
    }

    private static JsonNode document(String key, byte[] text) {
        try {
            JsonNode node = JSON.readTree(text);
            if (node == null || !node.isObject()) {
                throw new IOException("not a JSON object");
            }
            return node;
        } catch (IOException e) {
            // Reported as a row whose every field differs: the copy holds something that is not a row.
            return JSON.createObjectNode().put("_redis_unreadable", "key " + key + " holds no JSON object: " + e.getMessage());
        }
    }
}
