package io.idaas.connect.sink;

import io.idaas.ddml.DdmlEvent;
import org.apache.kafka.connect.sink.SinkRecord;

import java.util.Map;

/**
 * The changes of one target write, for {@link SinkMetrics#applied}: how many, and the newest source commit time among
 * them. Not thread-safe: one per batch being built.
 */
public final class AppliedChanges {

    private int count;
    private long newestCommitUs = Long.MIN_VALUE;

    /** Adds a change read from its event. */
    public void add(DdmlEvent event) {
        count++;
        if (event.time() != null && event.time().commitUs() != null) {
            newestCommitUs = Math.max(newestCommitUs, event.time().commitUs());
        }
    }

    /** Adds a record; one that carries no change (a tombstone, a control record) is not a change and is left out. */
    public void add(SinkRecord record) {
        if (RecordEvents.carriesNoChange(record)) {
            return;
        }
        count++;
        Long commitUs = commitUs(record);
        if (commitUs != null) {
            newestCommitUs = Math.max(newestCommitUs, commitUs);
        }
    }

    /** The record's {@code time.commit_us}, read without making the whole event where the value is a Map tree. */
    private static Long commitUs(SinkRecord record) {
        Object value = record.value();
        if (value instanceof Map<?, ?> tree && !(value instanceof io.idaas.ddml.connect.DdmlEventMap)) {
            return tree.get("time") instanceof Map<?, ?> time && time.get("commit_us") instanceof Number n ? n.longValue() : null;
        }
        try {
            DdmlEvent event = RecordEvents.read(record);
            return event.time() == null ? null : event.time().commitUs();
        } catch (RecordFailure e) {
            return null; // not an event: the writer reports it
        }
    }

    public int count() {
        return count;
    }

    /** The newest source commit time in microseconds, Long.MIN_VALUE when no change carried one. */
    public long newestCommitUs() {
        return newestCommitUs;
    }

    public void clear() {
        count = 0;
        newestCommitUs = Long.MIN_VALUE;
    }
}
