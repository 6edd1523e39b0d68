package io.idaas.verify;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What a verification did, counted as it runs: how many range checksums each database computed and how long they took,
 * and how many rows were fetched over the network to be compared in Java. Equal tables compared by checksums fetch no
 * rows. Safe to update from several threads (ranges are checked on several connections at once).
 */
public final class VerifyStats {

    private final AtomicLong checksumQueriesSource = new AtomicLong();
    private final AtomicLong checksumQueriesTarget = new AtomicLong();
    private final AtomicLong checksumNanosSource = new AtomicLong();
    private final AtomicLong checksumNanosTarget = new AtomicLong();
    private final AtomicLong rowsFetchedSource = new AtomicLong();
    private final AtomicLong rowsFetchedTarget = new AtomicLong();
    private final AtomicLong rangesCompared = new AtomicLong();
    private final AtomicLong rechecks = new AtomicLong();

    /** A range checksum computed by one side, which took {@code nanos} from sending the query to reading its answer. */
    public void checksum(boolean source, long nanos) {
        (source ? checksumQueriesSource : checksumQueriesTarget).incrementAndGet();
        (source ? checksumNanosSource : checksumNanosTarget).addAndGet(nanos);
    }

    public void fetched(boolean source, long rows) {
        (source ? rowsFetchedSource : rowsFetchedTarget).addAndGet(rows);
    }

    public void rangeCompared() {
        rangesCompared.incrementAndGet();
    }

    public void recheck() {
        rechecks.incrementAndGet();
    }

    /** Range checksum queries run, on both sides together. */
    public long checksumQueries() {
        return checksumQueriesSource.get() + checksumQueriesTarget.get();
    }

    /** Range checksum queries run on the source, or on the target. */
    public long checksumQueries(boolean source) {
        return (source ? checksumQueriesSource : checksumQueriesTarget).get();
    }

    /**
     * The time one side's range checksum queries took, summed over its connections (with {@code --parallel} above 1
     * this can exceed the run's own time): what the checksums cost that database, as its client saw it.
     */
    public long checksumMillis(boolean source) {
        return (source ? checksumNanosSource : checksumNanosTarget).get() / 1_000_000;
    }

    /** Rows fetched from the source for comparison in Java. */
    public long rowsFetchedSource() {
        return rowsFetchedSource.get();
    }

    /** Rows fetched from the target for comparison in Java. */
    public long rowsFetchedTarget() {
        return rowsFetchedTarget.get();
    }

    /** Rows fetched from both sides together. */
    public long rowsFetched() {
        return rowsFetchedSource.get() + rowsFetchedTarget.get();
    }

    /** Key ranges whose rows were fetched and compared in Java. */
    public long rangesCompared() {
        return rangesCompared.get();
    }

    /** Re-check rounds run on rows that differed. */
    public long rechecks() {
        return rechecks.get();
    }
}
