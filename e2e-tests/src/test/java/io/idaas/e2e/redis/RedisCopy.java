package io.idaas.e2e.redis;

import io.idaas.ddml.DdmlEvent;
import io.idaas.ddml.DdmlJson;
import io.idaas.ddml.DmlOp;
import io.idaas.ddml.Row;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import redis.clients.jedis.Jedis;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
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

    /**
     * The sortable position of the last event of each live key of a table topic (DDML JSON), read from the topic's start
     * to its end: what {@code _ddml.sortable} of each row must be.
     */
    static Map<String, String> lastPositions(String bootstrap, String topic) {
        Map<String, String> last = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
            ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(64 * 1024 * 1024)))) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.value() == null) {
                        continue;
                    }
                    DdmlEvent e = DdmlJson.read(r.value());
                    if (e.dml() == null) {
                        if (e.ddl().op() == io.idaas.ddml.DdlOp.TRUNCATE_TABLE) {
                            last.clear();
                        }
                        continue;
                    }
                    if (e.dml().op() == DmlOp.TRUNCATE) {
                        last.clear();
                    } else if (e.dml().op() == DmlOp.DELETE) {
                        last.remove(id(e.dml().key() != null ? e.dml().key() : e.dml().before()));
                    } else {
                        if (e.dml().before() != null && e.dml().before().has("id")) {
                            last.remove(id(e.dml().before()));
                        }
                        last.put(id(e.dml().after()), e.position().sortable());
                    }
                }
            }
        }
        return last;
    }

    private static String id(Row row) {
        return String.valueOf(((Number) row.get("id")).longValue());
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
