package io.idaas.verify;

import io.idaas.ddml.DdmlEvent;
import io.idaas.ddml.DdmlJson;
import io.idaas.ddml.DmlOp;
import io.idaas.ddml.EventKind;
import io.idaas.ddml.Row;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The keys changed in a table since a point, read from its DDML topic (DDML JSON, SPEC.md §9): from the first record at
 * or after {@code since} (Kafka record time) up to the end of the topic as it is when reading starts. No consumer
 * group is used and no offset is committed.
 */
final class ChangedKeys {

    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration DEADLINE = Duration.ofMinutes(10);

    private ChangedKeys() {
    }

    /**
     * The changed keys, each as its values in {@code keyColumns} order (DDML's Java values), without repeats.
     *
     * @return the keys, or null when a truncate was seen (then the whole table must be compared)
     */
    static List<List<Object>> read(String bootstrapServers, String topic, Instant since, List<String> keyColumns) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "idaas-verify");
        Map<List<Object>, Boolean> keys = new LinkedHashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
            if (infos == null || infos.isEmpty()) {
                throw new IllegalArgumentException("no topic '" + topic + "' on Kafka " + bootstrapServers + ": check --changes-topic");
            }
            List<TopicPartition> partitions = infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Map<TopicPartition, Long> start = new HashMap<>(consumer.beginningOffsets(partitions));
            if (since != null) {
                Map<TopicPartition, Long> query = new HashMap<>();
                partitions.forEach(p -> query.put(p, since.toEpochMilli()));
                Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query);
                partitions.forEach(p -> start.put(p, found.get(p) == null ? end.get(p) : found.get(p).offset()));
            }
            partitions.forEach(p -> consumer.seek(p, start.get(p)));
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("reading " + topic + " took longer than " + DEADLINE + "; is the broker reachable?");
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    if (record.offset() >= end.get(new TopicPartition(record.topic(), record.partition())) || record.value() == null) {
                        continue; // after the end seen at the start, or a tombstone
                    }
                    DdmlEvent event = read(topic, record);
                    if (event.kind() != EventKind.DML) {
                        continue;
                    }
                    if (event.dml().op() == DmlOp.TRUNCATE) {
                        return null;
                    }
                    Row key = event.dml().key();
                    if (key == null) {
                        throw new IllegalArgumentException("a DDML event on " + topic + " (offset " + record.offset()
                                + ") has no key: the incremental mode needs tables with a primary key");
                    }
                    List<Object> values = new ArrayList<>();
                    for (String column : keyColumns) {
                        if (!key.has(column)) {
                            throw new IllegalArgumentException("the DDML key on " + topic + " has columns " + key.columns()
                                    + ", not the table's key column " + column + ": is --changes-topic the topic of this table?");
                        }
                        values.add(key.get(column));
                    }
                    keys.put(values, Boolean.TRUE);
                }
            }
        }
        return new ArrayList<>(keys.keySet());
    }

    private static DdmlEvent read(String topic, ConsumerRecord<byte[], byte[]> record) {
        try {
            return DdmlJson.read(record.value());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the record at offset " + record.offset() + " of " + topic + " (partition "
                    + record.partition() + ") is not DDML JSON: " + e.getMessage() + " (the incremental mode reads DDML JSON topics)", e);
        }
    }
}
