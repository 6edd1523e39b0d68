package io.idaas.e2e.redis;

import redis.clients.jedis.Jedis;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A plain reader of a workload table's Redis copy, written for the tests without the sink's code: the rows of the source
 * table by plain SQL, turned into the hash the layout promises (SPEC.md section 11.1: a field per non-NULL column in its
 * canonical text), against {@code HGETALL} of each key in {@code <prefix>:keys:<table-id>}.
 */
final class RedisCopy {

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS");

    private RedisCopy() {
    }

    /** The differences between the source table and its Redis copy (empty when equal), at most 20. */
    static List<String> differences(Connection source, String table, Jedis redis, String prefix, String tableId)
        throws SQLException {
        Map<String, Map<String, String>> expected = new TreeMap<>();
        boolean extra = hasColumn(source, table, "extra");
        try (Statement st = source.createStatement();
             ResultSet rs = st.executeQuery("SELECT id, customer, amount, qty, note, updated_at"
                 + (extra ? ", extra" : "") + " FROM " + table)) {
            while (rs.next()) {
                Map<String, String> row = new TreeMap<>();
                put(row, "id", rs.getObject("id") == null ? null : String.valueOf(rs.getInt("id")));
                put(row, "customer", rs.getString("customer"));
                BigDecimal amount = rs.getBigDecimal("amount");
                put(row, "amount", amount == null ? null : amount.setScale(2).toPlainString());
                put(row, "qty", rs.getObject("qty") == null ? null : String.valueOf(rs.getInt("qty")));
                put(row, "note", rs.getString("note"));
                LocalDateTime at = rs.getObject("updated_at", LocalDateTime.class);
                put(row, "updated_at", at == null ? null : TIMESTAMP.format(at));
                if (extra) {
                    put(row, "extra", rs.getObject("extra") == null ? null : String.valueOf(rs.getInt("extra")));
                }
                expected.put(prefix + ":" + tableId + ":" + rs.getInt("id"), row);
            }
        }
        List<String> out = new ArrayList<>();
        Set<String> keys = new TreeSet<>(redis.smembers(prefix + ":keys:" + tableId));
        for (String key : keys) {
            if (!expected.containsKey(key)) {
                out.add("extra in Redis: " + key + " " + redis.hgetAll(key));
            }
        }
        for (Map.Entry<String, Map<String, String>> e : expected.entrySet()) {
            if (!keys.contains(e.getKey())) {
                out.add("missing from the key set: " + e.getKey());
            }
            Map<String, String> stored = new TreeMap<>(redis.hgetAll(e.getKey()));
            stored.keySet().removeIf(f -> f.startsWith("_ddml."));
            if (!stored.equals(e.getValue())) {
                out.add(e.getKey() + ": source " + e.getValue() + ", Redis " + stored);
            }
            if (out.size() >= 20) {
                break;
            }
        }
        return out;
    }

    private static void put(Map<String, String> row, String column, String value) {
        if (value != null) {
            row.put(column, value); // NULL: no field
        }
    }

    private static boolean hasColumn(Connection db, String table, String column) throws SQLException {
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("SELECT * FROM " + table + " WHERE 1 = 0")) {
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                if (rs.getMetaData().getColumnName(i).equalsIgnoreCase(column)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** See {@link io.idaas.e2e.pipeline.LastPositions#of}. */
    static Map<String, String> lastPositions(String bootstrap, String topic) {
        return io.idaas.e2e.pipeline.LastPositions.of(bootstrap, topic);
    }

    /** The keys whose {@code _ddml.sortable} in Redis is not the position of their last event in the topic. */
    static List<String> stalePositions(Jedis redis, String prefix, String tableId, Map<String, String> last) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, String> e : last.entrySet()) {
            String key = prefix + ":" + tableId + ":" + e.getKey();
            String stored = redis.hget(key, "_ddml.sortable");
            if (!e.getValue().equals(stored)) {
                out.add(key + ": Redis " + stored + ", the topic's last event " + e.getValue());
            }
        }
        return out;
    }
}
