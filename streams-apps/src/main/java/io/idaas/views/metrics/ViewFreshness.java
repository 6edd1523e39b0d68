package io.idaas.views.metrics;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The source commit time ({@code time.commit_us}, SPEC.md section 2.2) of the newest change each table processor applied
 * on this instance (a table view's, or the table of a topic that a join, merge or aggregate view reads,
 * {@code mirror-<topic>}), for the freshness metric: now minus it is how old the newest change the view reflects is.
 * Written by the stream threads, read by scrapes.
 */
public final class ViewFreshness {

    private final Map<String, AtomicLong> newestCommitUs = new ConcurrentHashMap<>();

    /** Notes a change applied to {@code view} that committed at {@code commitUs} at the source. */
    public void applied(String view, long commitUs) {
        newestCommitUs.computeIfAbsent(view, v -> new AtomicLong(Long.MIN_VALUE)).accumulateAndGet(commitUs, Math::max);
    }

    /** The views that applied a change with a commit time. */
    public Set<String> views() {
        return newestCommitUs.keySet();
    }

    /** Seconds from the source commit of the newest change {@code view} applied to {@code nowMs}; NaN before any. */
    public double ageSeconds(String view, long nowMs) {
        AtomicLong newest = newestCommitUs.get(view);
        if (newest == null || newest.get() == Long.MIN_VALUE) {
            return Double.NaN;
        }
        return (nowMs * 1000 - newest.get()) / 1_000_000.0;
    }
}
