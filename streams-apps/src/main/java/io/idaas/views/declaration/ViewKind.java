package io.idaas.views.declaration;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** What a view computes from its topics. */
public enum ViewKind {
    /** The rows of one table, keyed by primary key, filtered and projected: the read cache. */
    TABLE,
    /** Rows of one table enriched with the row they reference in another (many-to-one). */
    JOIN,
    /** A parent row with the list of its child rows, as one document (one-to-many). */
    MERGE,
    /** Count, sum, min, max and latest per group. */
    AGGREGATE;

    /** The name used in declaration files. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<ViewKind> of(String id) {
        return Arrays.stream(values()).filter(k -> k.id().equals(id)).findFirst();
    }

    static String choices() {
        return Arrays.stream(values()).map(ViewKind::id).collect(Collectors.joining(", "));
    }
}
