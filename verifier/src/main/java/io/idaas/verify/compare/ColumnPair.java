package io.idaas.verify.compare;

import io.idaas.verify.sql.Column;

/**
 * A source column and the target column it is compared with.
 *
 * @param source   the source column
 * @param target   the target column
 * @param semantic how their values compare
 * @param padded   whether either side pads with trailing spaces (then both compare without them)
 * @param key      whether the column is part of the primary key
 */
public record ColumnPair(Column source, Column target, Semantic semantic, boolean padded, boolean key) {

    public static ColumnPair of(Column source, Column target, boolean key) {
        return new ColumnPair(source, target, Semantic.of(source, target), source.padded() || target.padded(), key);
    }

    /** The name the report uses: the source column's. */
    public String name() {
        return source.name();
    }

    /**
     * Whether both columns hold numbers of one fixed scale (integers, booleans, or decimals of equal scale): their plain
     * texts then compare as they are, without trimming trailing zeros.
     */
    public boolean sameScale() {
        Integer a = scale(source);
        return a != null && a.equals(scale(target));
    }

    private static Integer scale(Column c) {
        return switch (c.type().kind()) {
            case BOOLEAN, INT8, INT16, INT32, INT64 -> 0;
            case DECIMAL -> c.nativeType().equalsIgnoreCase("money") ? null : c.type().scale();
            default -> null;
        };
    }

    /** The column of one side. */
    public Column on(boolean sourceSide) {
        return sourceSide ? source : target;
    }
}
