package io.idaas.views.declaration;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One aggregate of an aggregate view's group: {@code {op: sum, field: amount}}.
 *
 * @param op    what to compute
 * @param field the row field it reads; {@code null} for {@code count}
 */
public record Aggregate(Op op, String field) {

    /** The aggregate functions. */
    public enum Op {
        /** Rows in the group. */
        COUNT,
        /** Sum of a numeric field (DDML decimals, written as strings, sum exactly); NULLs are skipped. */
        SUM,
        /** Smallest value (numbers by value, else by text); NULLs are skipped. */
        MIN,
        /** Largest value; NULLs are skipped. */
        MAX,
        /** The value of the row changed last (by source position). */
        LATEST;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Optional<Op> of(String id) {
            return Arrays.stream(values()).filter(o -> o.id().equals(id)).findFirst();
        }

        static String choices() {
            return Arrays.stream(values()).map(Op::id).collect(Collectors.joining(", "));
        }
    }
}
