package io.idaas.verify;

import io.idaas.verify.compare.ColumnPair;
import io.idaas.verify.compare.FetchedRow;
import io.idaas.verify.compare.RowComparer;
import io.idaas.verify.range.KeyRange;
import io.idaas.verify.range.RangeSplitter;
import io.idaas.verify.report.RowDifference;
import io.idaas.verify.report.TableReport;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Verifies one table: counts; or range checksums computed inside both databases, cut down where they differ until a
 * range is small enough to fetch and compare in Java; or the rows of given keys (incremental mode). Rows that differ
 * are read again by key, after a delay, before they are reported.
 *
 * <p>Key ranges are checked on {@code --parallel} lanes at once, each lane a connection to each database; every range's
 * two checksums still run at the same time on one lane. What is found does not depend on the number of lanes: the
 * differences are listed in key-range order, as one lane would list them.
 */
final class TableVerifier {

    private final VerifyConfig config;
    private final TableMapping mapping;
    private final Lanes lanes;
    private final TableSide source;
    private final TableSide target;
    private final ColumnPlan plan;
    private final ExecutorService pool;
    private final VerifyStats stats;
    private final Progress progress;
    private final RowComparer comparer;

    TableVerifier(VerifyConfig config, TableMapping mapping, Lanes lanes, ColumnPlan plan, ExecutorService pool, VerifyStats stats,
                  Progress progress) throws SQLException {
        this.config = config;
        this.mapping = mapping;
        this.lanes = lanes;
        Lane first = lanes.lane(0);
        this.source = first.source();
        this.target = first.target();
        this.plan = plan;
        this.pool = pool;
        this.stats = stats;
        this.progress = progress;
        this.comparer = new RowComparer(plan.keys());
    }

    /** Count mode. */
    TableReport count() throws Exception {
        long start = System.nanoTime();
        progress(mapping.source(), "count", 0, 1, 0);
        Both<Long> counts = both(source::count, target::count);
        progress(mapping.source(), "done", 1, 1, 0);
        return report(counts.source(), counts.target(), List.of(), -1, start);
    }

    /** Row and field modes over the whole table. */
    TableReport rows() throws Exception {
        long start = System.nanoTime();
        plan.requireKey(mapping);
        RangeWork work = new RangeWork(topRanges());
        List<Future<?>> others = new ArrayList<>();
        try {
            // every lane waits for work: one that never gets a range (a small table) never opens its connections
            for (int i = 1; i < config.parallel(); i++) {
                int lane = i;
                others.add(pool.submit(() -> {
                    check(lane, work);
                    return null;
                }));
            }
            check(0, work);
            for (Future<?> f : others) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof Exception x ? x : e;
                }
            }
        } catch (Exception e) {
            work.fail();
            others.forEach(f -> f.cancel(true));
            throw e;
        }
        List<RowDifference> confirmed = recheck(merge(work.candidates()));
        progress(mapping.source(), "done", work.done(), work.done(), stats.rowsFetched());
        long sourceRows = work.sourceRows();
        // the target's rows as the confirmed differences give them (a target that caught up during the re-checks counts as it is now)
        return report(sourceRows, sourceRows - missing(confirmed) + extra(confirmed), confirmed, -1, start);
    }

    /** One lane's share of {@link #rows()}: takes ranges until none is left, cutting those whose checksums differ. */
    private void check(int number, RangeWork work) throws Exception {
        Lane lane = null;
        for (RangeWork.Item item = work.take(); item != null; item = work.take()) {
            boolean finished = false;
            try {
                if (lane == null) {
                    lane = lanes.lane(number);
                }
                KeyRange range = item.range();
                Lane on = lane;
                Both<TableSide.Checksum> sums = both(() -> on.source().checksum(range), () -> on.target().checksum(range));
                long rows = Math.max(sums.source().rows(), sums.target().rows());
                List<RowDifference> found = List.of();
                List<KeyRange> parts = List.of();
                if (sums.source().equals(sums.target())) {
                    if (!plan.javaOnly().isEmpty() && rows > 0) {
                        found = compareRange(lane, range, plan.javaOnly());
                    }
                } else if (rows <= config.leafRows()) {
                    found = compareRange(lane, range, plan.compared());
                } else {
                    parts = split(lane, range, rows, sums.source().rows() > 0);
                    if (parts.size() <= 1) {
                        parts = List.of();
                        found = compareRange(lane, range, plan.compared());
                    }
                }
                // a range cut into parts counts its rows through its parts
                work.finish(item, parts.isEmpty() ? sums.source().rows() : 0, found, parts);
                finished = true;
                progress(mapping.source(), "ranges", work.done(), work.done() + work.pending(), stats.rowsFetched());
            } finally {
                if (!finished) {
                    work.fail();
                }
            }
        }
    }

    /** Incremental mode: only these keys (values in key order). */
    TableReport keys(List<List<Object>> keys) throws Exception {
        long start = System.nanoTime();
        plan.requireKey(mapping);
        progress(mapping.source(), "keys", 0, keys.size(), 0);
        List<RowDifference> candidates = compareKeys(keys);
        List<RowDifference> confirmed = recheck(candidates);
        progress(mapping.source(), "done", keys.size(), keys.size(), stats.rowsFetched());
        return report(-1, -1, confirmed, keys.size(), start);
    }

    private List<KeyRange> topRanges() throws Exception {
        long estimate = Math.max(source.shape().estimatedRows(), target.shape().estimatedRows());
        int parts = (int) Math.max(1, Math.min(100_000, (estimate + config.chunkRows() - 1) / config.chunkRows()));
        if (plan.integerKey()) {
            Both<long[]> minMax = both(source::minMax, target::minMax);
            if (minMax.source() == null && minMax.target() == null) {
                return List.of(KeyRange.ALL);
            }
            min = Math.min(minMax.source() == null ? Long.MAX_VALUE : minMax.source()[0], minMax.target() == null ? Long.MAX_VALUE : minMax.target()[0]);
            max = Math.max(minMax.source() == null ? Long.MIN_VALUE : minMax.source()[1], minMax.target() == null ? Long.MIN_VALUE : minMax.target()[1]);
            return RangeSplitter.integers(KeyRange.ALL, min, max, parts);
        }
        return List.of(KeyRange.ALL);
    }

    private long min;
    private long max;
    private List<RowDifference> differences = List.of();

    /** Every difference found by the last run (the report lists at most the configured number). */
    List<RowDifference> differences() {
        return differences;
    }

    private List<KeyRange> split(Lane lane, KeyRange range, long rows, boolean sourceHasRows) throws SQLException {
        if (plan.integerKey()) {
            return RangeSplitter.integers(range, min, max, config.fanout());
        }
        // a large range (the whole table at first) is cut at chunk size, a smaller one in fanout parts
        long step = rows > (long) config.chunkRows() * config.fanout() ? config.chunkRows()
                : Math.max(1, (rows + config.fanout() - 1) / config.fanout());
        List<List<Object>> boundaries = (sourceHasRows ? lane.source() : lane.target()).boundaries(range, step);
        return RangeSplitter.atBoundaries(range, boundaries);
    }

    private List<RowDifference> compareRange(Lane lane, KeyRange range, List<ColumnPair> columns) throws Exception {
        stats.rangeCompared();
        Both<Map<String, FetchedRow>> rows = both(() -> lane.source().fetch(range, columns), () -> lane.target().fetch(range, columns));
        return comparer.compare(rows.source(), rows.target(), columns);
    }

    private List<RowDifference> compareKeys(List<List<Object>> keys) throws Exception {
        List<ColumnPair> columns = plan.compared();
        Both<Map<String, FetchedRow>> rows = both(() -> source.fetchKeys(keys, columns), () -> target.fetchKeys(keys, columns));
        return comparer.compare(rows.source(), rows.target(), columns);
    }

    /**
     * Reads the differing rows again by key: first at once (a row near a range bound may sit in different ranges on the
     * two sides when their key orders differ), then {@code recheckRounds} times after the delay, keeping only the rows
     * that still differ.
     */
    private List<RowDifference> recheck(List<RowDifference> candidates) throws Exception {
        List<RowDifference> current = candidates;
        for (int round = 0; round <= config.recheckRounds() && !current.isEmpty(); round++) {
            if (round > 0) {
                progress(mapping.source(), "recheck", round, config.recheckRounds(), stats.rowsFetched());
                Thread.sleep(config.recheckDelay().toMillis());
            }
            stats.recheck();
            current = compareKeys(current.stream().map(RowDifference::keyValues).toList());
        }
        return current;
    }

    /** Removes duplicates (a key seen in two ranges), keeping the fullest description. */
    private static List<RowDifference> merge(List<RowDifference> candidates) {
        Map<Map<String, String>, RowDifference> byKey = new LinkedHashMap<>();
        for (RowDifference d : candidates) {
            byKey.merge(d.key(), d, (a, b) -> a.kind() == RowDifference.Kind.DIFFERENT ? a : b);
        }
        return new ArrayList<>(byKey.values());
    }

    private TableReport report(long sourceRows, long targetRows, List<RowDifference> differences, long keysChecked, long startNanos) {
        this.differences = List.copyOf(differences);
        int listed = Math.min(differences.size(), config.maxListed());
        List<RowDifference> shown = differences.subList(0, listed);
        if (config.mode() == Mode.ROW) {
            shown = shown.stream().map(d -> new RowDifference(d.kind(), d.key(), d.keyValues(), List.of(), d.sourceRow())).toList();
        }
        return new TableReport(source.shape().qualifiedName(), target.shape().qualifiedName(), sourceRows, targetRows,
                missing(differences), extra(differences), count(differences, RowDifference.Kind.DIFFERENT), shown,
                listed < differences.size(), plan.javaOnly().stream().map(ColumnPair::name).toList(), plan.onlyInSource(),
                plan.onlyInTarget(), keysChecked, stats.checksumQueries(), stats.rowsFetched(), (System.nanoTime() - startNanos) / 1_000_000);
    }

    private static long missing(List<RowDifference> d) {
        return count(d, RowDifference.Kind.MISSING);
    }

    private static long extra(List<RowDifference> d) {
        return count(d, RowDifference.Kind.EXTRA);
    }

    private static long count(List<RowDifference> d, RowDifference.Kind kind) {
        return d.stream().filter(x -> x.kind() == kind).count();
    }

    /** Progress from any lane, one update at a time (a {@link Progress} need not be thread-safe). */
    private void progress(String table, String phase, long done, long total, long rowsFetched) {
        synchronized (progress) {
            progress.update(table, phase, done, total, rowsFetched);
        }
    }

    /** Runs both calls at once, one per database: the source's in the pool, the target's in this thread. */
    private <T> Both<T> both(Callable<T> onSource, Callable<T> onTarget) throws Exception {
        Future<T> fa = pool.submit(onSource);
        T rb;
        try {
            rb = onTarget.call();
        } catch (Exception e) {
            fa.cancel(true);
            throw e;
        }
        try {
            return new Both<>(fa.get(), rb);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception x ? x : e;
        }
    }

    /** What each side answered. */
    private record Both<T>(T source, T target) {
    }

    /** One lane: this table's two sides, each on the lane's connection to its database. */
    record Lane(TableSide source, TableSide target) {
    }

    /** The lanes of a verification, by number (0 is the first; connections open when a lane is first used). */
    @FunctionalInterface
    interface Lanes {
        Lane lane(int number) throws SQLException;
    }
}
