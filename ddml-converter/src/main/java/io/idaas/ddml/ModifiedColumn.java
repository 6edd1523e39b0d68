package io.idaas.ddml;

import java.util.Objects;

/**
 * A column whose definition changed (type, nullability, default, native attributes).
 *
 * @param before the definition before
 * @param after  the definition after; its name is the column's current name
 */
public record ModifiedColumn(Column before, Column after) {

    /** Checks both sides are present. */
    public ModifiedColumn {
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
    }
}
