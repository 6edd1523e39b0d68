package io.idaas.verify.range;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits key ranges: a one-column integer key by arithmetic on the key values (no query), any other key at boundary
 * keys that the database gives (every n-th key in key order).
 */
public final class RangeSplitter {

    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private RangeSplitter() {
    }

    /**
     * Splits the integer keys {@code min..max} (both inclusive) into at most {@code parts} ranges of equal width, none
     * empty of keys, that together cover exactly {@code min..max}; the last range has an open upper bound when
     * {@code max} is {@link Long#MAX_VALUE}.
     */
    public static List<KeyRange> integers(long min, long max, int parts) {
        if (min > max) {
            throw new IllegalArgumentException("empty key span " + min + ".." + max);
        }
        if (parts < 1) {
            throw new IllegalArgumentException("parts must be at least 1, not " + parts);
        }
        BigInteger lo = BigInteger.valueOf(min);
        BigInteger end = BigInteger.valueOf(max).add(BigInteger.ONE); // exclusive
        BigInteger span = end.subtract(lo);
        BigInteger n = BigInteger.valueOf(parts).min(span);
        BigInteger width = span.add(n).subtract(BigInteger.ONE).divide(n); // ceiling
        List<KeyRange> ranges = new ArrayList<>();
        for (BigInteger from = lo; from.compareTo(end) < 0; from = from.add(width)) {
            BigInteger to = from.add(width).min(end);
            ranges.add(KeyRange.ofLongs(from.longValueExact(), to.compareTo(LONG_MAX) > 0 ? null : to.longValueExact()));
        }
        return ranges;
    }

    /**
     * Splits {@code range} of a one-column integer key into at most {@code parts} ranges; its open bounds are closed at
     * {@code min} and {@code max}, the smallest and largest keys of the table.
     */
    public static List<KeyRange> integers(KeyRange range, long min, long max, int parts) {
        long lo = range.lowerLong() == null ? min : range.lowerLong();
        long hi = range.upperLong() == null ? max : range.upperLong() - 1;
        if (lo > hi) {
            return List.of(range);
        }
        List<KeyRange> split = integers(lo, hi, parts);
        if (range.lower() == null || range.upper() == null) {
            // keep the open ends open, so keys outside min..max (written since) still fall in a range
            List<KeyRange> open = new ArrayList<>(split);
            KeyRange first = open.get(0);
            KeyRange last = open.get(open.size() - 1);
            if (range.lower() == null) {
                open.set(0, new KeyRange(null, first.upper()));
            }
            last = open.get(open.size() - 1);
            if (range.upper() == null) {
                open.set(open.size() - 1, new KeyRange(last.lower(), null));
            }
            return open;
        }
        return split;
    }

    /** Splits {@code range} at the given boundary keys (in key order, each inside the range): n boundaries give n+1 ranges. */
    public static List<KeyRange> atBoundaries(KeyRange range, List<List<Object>> boundaries) {
        List<KeyRange> ranges = new ArrayList<>();
        List<Object> from = range.lower();
        for (List<Object> boundary : boundaries) {
            if (from != null && from.equals(boundary)) {
                continue;
            }
            ranges.add(new KeyRange(from, boundary));
            from = boundary;
        }
        ranges.add(new KeyRange(from, range.upper()));
        return ranges;
    }
}
