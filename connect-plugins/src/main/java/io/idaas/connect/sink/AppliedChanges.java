package io.idaas.connect.sink;

import io.idaas.ddml.DdmlEvent;

/**
 * The changes of one target write, for {@link SinkMetrics#applied}: how many, and the newest source commit time among
 * them, added by the writer from the events it reads for the write (so no record is read again to count it). Not
 * thread-safe: one per batch being built.
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
