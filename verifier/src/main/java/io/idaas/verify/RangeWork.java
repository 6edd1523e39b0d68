package io.idaas.verify;

import io.idaas.verify.range.KeyRange;
import io.idaas.verify.report.RowDifference;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The key ranges of one table still to check, shared by the lanes that check them. Depth first: the parts of a range
 * whose checksums differ are taken before the next top-level range, so what waits stays small (the top-level ranges
 * and a few parts per level). Each range carries its place in the tree of cuts (its path), and what it found is kept by
 * path, so {@link #candidates()} lists the differences in key-range order however many lanes took part.
 */
final class RangeWork {

    /** A range to check and its path: its index among the top-level ranges, then among the parts at each cut. */
    record Item(KeyRange range, int[] path) {
    }

    private final Deque<Item> waiting = new ArrayDeque<>();
    private final Map<int[], List<RowDifference>> found = new TreeMap<>(Arrays::compare);
    private int active;
    private long done;
    private long sourceRows;
    private boolean failed;

    RangeWork(List<KeyRange> topLevel) {
        for (int i = 0; i < topLevel.size(); i++) {
            waiting.addLast(new Item(topLevel.get(i), new int[] {i}));
        }
    }

    /** The next range to check; waits while others are being checked (they may be cut into parts); null when all are done or a lane failed. */
    synchronized Item take() throws InterruptedException {
        while (waiting.isEmpty() && active > 0 && !failed) {
            wait();
        }
        if (failed || waiting.isEmpty()) {
            return null;
        }
        active++;
        return waiting.pollFirst();
    }

    /** A taken range is checked: the source rows it counted (0 when cut), the differences found in it, and its parts to check. */
    synchronized void finish(Item item, long rows, List<RowDifference> differences, List<KeyRange> parts) {
        active--;
        done++;
        sourceRows += rows;
        if (!differences.isEmpty()) {
            found.put(item.path(), differences);
        }
        for (int i = parts.size() - 1; i >= 0; i--) { // the first part is taken first
            int[] path = Arrays.copyOf(item.path(), item.path().length + 1);
            path[path.length - 1] = i;
            waiting.addFirst(new Item(parts.get(i), path));
        }
        notifyAll();
    }

    /** A lane failed: the others stop at their next range. */
    synchronized void fail() {
        failed = true;
        notifyAll();
    }

    /** Ranges waiting or being checked. */
    synchronized int pending() {
        return waiting.size() + active;
    }

    /** Ranges checked. */
    synchronized long done() {
        return done;
    }

    /** The source's rows in every range checked and not cut. */
    synchronized long sourceRows() {
        return sourceRows;
    }

    /** The differences found, in key-range order. */
    synchronized List<RowDifference> candidates() {
        List<RowDifference> all = new ArrayList<>();
        found.values().forEach(all::addAll);
        return all;
    }
}
