package io.idaas.verify;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What a verification did, counted as it runs: how many range checksums each database computed, and how many rows
 * were fetched over the network to be compared in Java. Equal tables compared by checksums fetch no rows.
 */
public final class VerifyStats {

    private final AtomicLong checksumQueries = new AtomicLong();
    private final AtomicLong rowsFetchedSource = new AtomicLong();
    private final AtomicLong rowsFetchedTarget = new AtomicLong();
    private final AtomicLong rangesCompared = new AtomicLong();
    private final AtomicLong rechecks = new AtomicLong();

    public void checksum() {
        checksumQueries.incrementAndGet();
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
        return checksumQueries.get();
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
