package io.idaas.connect.sink;

import org.apache.kafka.connect.sink.SinkRecord;

/** One record that can never be applied, with the reason: it goes to the dead-letter topic, or fails the task. */
public final class RecordFailure extends RuntimeException {

    private final transient SinkRecord record;

    public RecordFailure(SinkRecord record, String reason, Throwable cause) {
        super(reason + " (topic " + record.topic() + ", partition " + record.kafkaPartition() + ", offset "
            + record.kafkaOffset() + ")", cause);
        this.record = record;
    }

    /** The record. */
    public SinkRecord record() {
        return record;
    }
}
