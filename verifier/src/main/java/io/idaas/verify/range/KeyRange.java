package io.idaas.verify.range;

import java.util.List;

/**
 * A range of primary keys: {@code lower <= key < upper}, compared as tuples in key order; a null bound is open.
 *
 * @param lower the first key of the range (inclusive), or null for no lower bound
 * @param upper the first key after the range (exclusive), or null for no upper bound
 */
public record KeyRange(List<Object> lower, List<Object> upper) {

    public static final KeyRange ALL = new KeyRange(null, null);

    public KeyRange {
        lower = lower == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(lower));
        upper = upper == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(upper));
    }

    /** A range of a one-column integer key, {@code lower <= key < upper}; null bounds are open. */
    public static KeyRange ofLongs(Long lower, Long upper) {
        return new KeyRange(lower == null ? null : List.of(lower), upper == null ? null : List.of(upper));
    }

    /** The lower bound of a one-column integer key, or null. */
    public Long lowerLong() {
        return lower == null ? null : ((Number) lower.get(0)).longValue();
    }

    /** The upper bound of a one-column integer key, or null. */
    public Long upperLong() {
        return upper == null ? null : ((Number) upper.get(0)).longValue();
    }

    @Override
    public String toString() {
        return "[" + (lower == null ? "-inf" : lower.size() == 1 ? lower.get(0) : lower) + ", "
                + (upper == null ? "+inf" : upper.size() == 1 ? upper.get(0) : upper) + ")";
    }
}
