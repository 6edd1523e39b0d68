package io.idaas.e2e.pipeline;

import io.idaas.ddml.DdmlEvent;
import io.idaas.ddml.DdmlJson;
import io.idaas.ddml.DmlOp;
import io.idaas.ddml.Row;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What each live key of a workload table's DDML topic was last written at, read from the topic (not from a target). */
public final class LastPositions {

    private LastPositions() {
    }

    /**
     * The sortable position of the last event of each live key of a table topic (DDML JSON), read from the topic's start
     * to its end: what {@code _ddml.sortable} of each row must be.
     */
    public static Map<String, String> of(String bootstrap, String topic) {
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

}
