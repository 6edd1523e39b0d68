package io.idaas.connect.sink;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Where a sink record was read in Kafka, whatever a transform made of it: the partition and offset a sink stores and
 * reports as done. A transform that changes a record's topic (ToDdml routing a schema-change record's DDL to its
 * table's topic, a route transform) leaves them in {@code SinkRecord.originalTopic()} and its siblings (KIP-793);
 * offsets kept under the new topic would name a partition Connect never assigned, and the partition read would never
 * be committed.
 */
public final class ReadFrom {

    private ReadFrom() {
    }

    /** The partition the record was read from. */
    public static TopicPartition partition(SinkRecord record) {
        return new TopicPartition(record.originalTopic(), record.originalKafkaPartition());
    }

    /** The record's offset in the partition it was read from. */
    public static long offset(SinkRecord record) {
        return record.originalKafkaOffset();
    }
}
