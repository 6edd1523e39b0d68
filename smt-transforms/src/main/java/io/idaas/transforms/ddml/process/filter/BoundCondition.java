package io.idaas.transforms.ddml.process.filter;

import io.idaas.ddml.Row;

/**
 * A {@link Condition} typed for one table schema ({@link Condition#bind}): each literal converted once to a value
 * comparable with its column's values. {@link #test} answers TRUE, FALSE or null (SQL's unknown).
 */
@FunctionalInterface
public interface BoundCondition {

    /** TRUE, FALSE, or null when unknown (a comparison with NULL). */
    Boolean test(Row row);
}
