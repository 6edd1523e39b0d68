package io.idaas.connect.sink;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.slf4j.Logger;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * Sends a record the target can never take to the dead-letter topic with its reason (Connect's
 * {@code errors.tolerance=all} and {@code errors.deadletterqueue.topic.name}), counted in {@link SinkMetrics} and logged
 * at ERROR with the task's running count; without a dead-letter topic the task fails with the reason. A record sent
 * once is not sent again when Connect hands its batch back after a retry.
 */
public final class DeadLetterReporter {

    private final ErrantRecordReporter reporter;
    private final SinkMetrics metrics;
    private final Logger log;
    private final String target;
    /** The next offset after the records already sent, so a retry does not send them again. */
    private final Map<TopicPartition, Long> reported = new HashMap<>();

    /**
     * @param reporter Connect's reporter, null when the worker has none or no dead-letter topic is configured
     * @param target   the target's name in messages, e.g. {@code MongoDB}
     */
    public DeadLetterReporter(ErrantRecordReporter reporter, SinkMetrics metrics, Logger log, String target) {
        this.reporter = reporter;
        this.metrics = metrics;
        this.log = log;
        this.target = target;
    }

    /**
     * Reports {@code failure}'s record, once.
     *
     * @throws ConnectException without a dead-letter topic, or when the topic cannot be written
     */
    public void report(RecordFailure failure) {
        SinkRecord r = failure.record();
        TopicPartition tp = ReadFrom.partition(r);
        Long done = reported.get(tp);
        if (done != null && ReadFrom.offset(r) < done) {
            return; // sent already, before a retry of its batch
        }
        long count = metrics.deadLettered();
        if (reporter == null) {
            throw new ConnectException(failure.getMessage() + "; configure errors.tolerance=all and "
                + "errors.deadletterqueue.topic.name to send such records to a dead-letter topic", failure);
        }
        log.error("{} cannot take a record; it goes to the dead-letter topic, and {} lacks this change "
            + "({} record(s) dead-lettered by this task since it started): {}", target, target, count, failure.getMessage());
        try {
            reporter.report(r, failure).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectException("interrupted while reporting " + failure.getMessage(), e);
        } catch (ExecutionException e) {
            throw new ConnectException("cannot report to the dead-letter topic: " + failure.getMessage(), e.getCause());
        }
        reported.put(tp, ReadFrom.offset(r) + 1);
    }

    /** Forgets the partitions a rebalance took away. */
    public void close(Collection<TopicPartition> partitions) {
        partitions.forEach(reported::remove);
    }
}
