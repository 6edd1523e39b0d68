package io.idaas.connect.redis;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The arguments of one call of {@code apply-batch.lua}: the operations of a run of records, in record order, then the
 * next offset per partition, so that Redis never holds a row without the offset that covers it. The newest position
 * per source it dealt with goes to {@link io.idaas.connect.sink.AppliedFrontier} once the call succeeded.
 */
final class RedisBatch {

    /** One index of a row: the stored field name, the index sets' name prefix, and the new value. */
    record IndexEntry(byte[] field, byte[] setPrefix, Kind kind, byte[] value) {
        enum Kind {
            /** The row holds {@link #value}. */
            VALUE("1"),
            /** The row holds NULL: no index entry. */
            NULL("0"),
            /** The change does not say (a column absent from a partial row): keep the entry. */
            KEEP("K");

            final String code;

            Kind(String code) {
                this.code = code;
            }
        }
    }

    /** How a row write sets its expiry. */
    record Expiry(char kind, long value) {
        static final Expiry UNCHANGED = new Expiry('-', 0);
        static final Expiry NONE = new Expiry('P', 0);

        static Expiry inSeconds(long seconds) {
            return new Expiry('E', seconds);
        }

        static Expiry atMillis(long epochMillis) {
            return new Expiry('A', epochMillis);
        }
    }

    private final List<byte[]> args = new ArrayList<>();
    private final Map<String, String> applied = new LinkedHashMap<>();
    private final Map<TopicPartition, Long> offsets = new LinkedHashMap<>();
    /** JSON documents written by this batch, by row key: what a later partial row of the same key merges with. */
    private final Map<ByteBuffer, byte[]> docs = new HashMap<>();
    private final io.idaas.connect.sink.AppliedChanges changes = new io.idaas.connect.sink.AppliedChanges();
    private long bytes;
    private int records;

    void row(byte[] rowKey, byte[] keySet, byte[] tomb, byte[] truncated, byte[] registry, String sortable, boolean json,
             boolean replace, Expiry expiry, List<byte[]> fields, List<byte[]> nullFields, byte[] doc,
             List<IndexEntry> indexes) {
        add("R");
        add(rowKey, keySet, tomb, truncated, registry);
        add(sortable, json ? "j" : "h", replace ? "1" : "0", String.valueOf(expiry.kind()), String.valueOf(expiry.value()));
        add(String.valueOf(fields.size() / 2));
        fields.forEach(this::add);
        add(String.valueOf(nullFields.size()));
        nullFields.forEach(this::add);
        add(doc == null ? new byte[0] : doc);
        add(String.valueOf(indexes.size()));
        for (IndexEntry e : indexes) {
            add(e.field(), e.setPrefix());
            add(e.kind().code);
            add(e.value() == null ? new byte[0] : e.value());
        }
        if (json) {
            docs.put(ByteBuffer.wrap(rowKey), doc);
        }
    }

    void delete(byte[] rowKey, byte[] keySet, byte[] tomb, byte[] truncated, String sortable, long tombTtlSeconds,
                List<byte[][]> indexes) {
        add("D");
        add(rowKey, keySet, tomb, truncated);
        add(sortable, String.valueOf(tombTtlSeconds), String.valueOf(indexes.size()));
        indexes.forEach(this::add);
        docs.put(ByteBuffer.wrap(rowKey), null);
    }

    void truncate(byte[] keySet, byte[] truncated, byte[] registry, String sortable, List<byte[][]> indexes) {
        add("T");
        add(keySet, truncated, registry);
        add(sortable, String.valueOf(indexes.size()));
        indexes.forEach(this::add);
        docs.clear();
    }

    void column(byte[] keySet, String sortable, boolean rename, byte[] from, byte[] to) {
        add("C");
        add(keySet);
        add(sortable, rename ? "rename" : "drop");
        add(from, to == null ? new byte[0] : to);
    }

    void rewrite(byte[] rowKey, String sha1, byte[] doc) {
        add("J");
        add(rowKey);
        add(sha1);
        add(doc);
    }

    /**
     * Notes that an event of {@code source} at {@code sortable} was dealt with. The batch does not write it as the
     * source's applied position: {@link io.idaas.connect.sink.AppliedFrontier} does, once every partition has caught up with it.
     */
    void applied(String source, String sortable) {
        applied.merge(source, sortable, (a, b) -> a.compareTo(b) >= 0 ? a : b);
    }

    /** Notes the next offset of a partition, once its record is dealt with. */
    void offset(TopicPartition tp, long next) {
        offsets.merge(tp, next, Math::max);
        records++;
    }

    /** The document this batch writes for a row key: present with a null value when it deletes the row. */
    Map<ByteBuffer, byte[]> docs() {
        return docs;
    }

    /** Forgets everything, after the batch was applied. */
    void clear() {
        args.clear();
        applied.clear();
        offsets.clear();
        docs.clear();
        changes.clear();
        bytes = 0;
        records = 0;
    }

    boolean isEmpty() {
        return records == 0 && args.isEmpty();
    }

    int records() {
        return records;
    }

    long bytes() {
        return bytes;
    }

    Map<TopicPartition, Long> offsets() {
        return offsets;
    }

    /** The newest position per source this batch dealt with. */
    Map<String, String> appliedPositions() {
        return applied;
    }

    /**
     * The script's arguments: the operations, then the partitions' offsets, then the ids of their topics among
     * {@code topicIds} (the topics' current ids; a topic not in it keeps the id Redis holds).
     */
    byte[][] arguments(RedisLayout layout, String connector, Map<String, Uuid> topicIds) {
        List<byte[]> all = new ArrayList<>(args.size() + 4 * offsets.size());
        all.addAll(args);
        byte[] offsetsKey = layout.offsets(connector);
        Map<String, Uuid> ids = new LinkedHashMap<>();
        offsets.forEach((tp, next) -> {
            all.add(utf8("O"));
            all.add(offsetsKey);
            all.add(utf8(tp.topic() + "/" + tp.partition()));
            all.add(utf8(String.valueOf(next)));
            if (topicIds.containsKey(tp.topic())) {
                ids.put(tp.topic(), topicIds.get(tp.topic()));
            }
        });
        byte[] idsKey = layout.topicIds(connector);
        ids.forEach((topic, id) -> {
            all.add(utf8("O"));
            all.add(idsKey);
            all.add(utf8(topic));
            all.add(utf8(id.toString()));
        });
        return all.toArray(byte[][]::new);
    }

    private void add(String... values) {
        for (String v : values) {
            add(utf8(v));
        }
    }

    private void add(byte[]... values) {
        for (byte[] v : values) {
            args.add(v);
            bytes += v.length;
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** The changes in this batch, for the task's metrics. */
    io.idaas.connect.sink.AppliedChanges changes() {
        return changes;
    }
}
