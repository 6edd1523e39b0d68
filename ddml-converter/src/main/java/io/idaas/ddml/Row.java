package io.idaas.ddml;

import io.idaas.ddml.types.PortableValues;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An immutable row: column names to values in {@link PortableValues} form, in column order. A
 * column present with a null value is SQL NULL; an absent column is unknown. Equality compares
 * values by content (byte arrays by bytes, decimals by numeric value).
 */
public final class Row {

    private static final Row EMPTY = new Row(new LinkedHashMap<>());

    private final Map<String, Object> values;
    /** The schema this row was {@link #shaped} for (its values normalized, in its column order), else null. */
    private final TableSchema shapedFor;

    private Row(LinkedHashMap<String, Object> values) {
        this(values, null);
    }

    private Row(LinkedHashMap<String, Object> values, TableSchema shapedFor) {
        this.values = Collections.unmodifiableMap(values);
        this.shapedFor = shapedFor;
    }

    private Row(ColumnValues values, TableSchema shapedFor) {
        this.values = values;
        this.shapedFor = shapedFor;
    }

    /**
     * A builder of a row of {@code schema}, column by column by index: for producers that read a row in the schema's
     * column order (ToDdml). {@link Builder#shaped} checks and normalizes it as {@link #shaped} does; the row holds its
     * values in one array by column index rather than a map.
     */
    public static Builder builder(TableSchema schema) {
        return new Builder(schema);
    }

    /** Builds a row of a schema column by column ({@link #builder}). Not reusable: {@link #shaped} takes its values. */
    public static final class Builder {
        private final TableSchema schema;
        private final Object[] values;
        private int size;

        private Builder(TableSchema schema) {
            this.schema = schema;
            this.values = new Object[schema.columns().size()];
            java.util.Arrays.fill(values, ColumnValues.ABSENT);
        }

        /** Sets the value (null for NULL) of the column at {@code index} in the schema's columns. */
        public Builder put(int index, Object value) {
            if (values[index] == ColumnValues.ABSENT) {
                size++;
            }
            values[index] = value;
            return this;
        }

        /** The number of columns set. */
        public int size() {
            return size;
        }

        /**
         * The row, each value normalized for its column's type ({@link PortableValues#normalize}) in column order: a
         * row shaped for the schema, as {@link Row#shaped} gives it.
         *
         * @param what the row's place in its change ({@code "before"}, {@code "after"}, {@code "key"}), for messages
         * @throws IllegalArgumentException naming {@code what} and the column, when a value does not fit its type
         */
        public Row shaped(String what) {
            List<Column> columns = schema.columns();
            for (int i = 0; i < values.length; i++) {
                if (values[i] != ColumnValues.ABSENT) {
                    values[i] = normalized(columns.get(i), what, values[i]);
                }
            }
            return new Row(new ColumnValues(columns, values, size), schema);
        }
    }

    /**
     * A row of {@code schema}: every column of {@code values} must be one of the schema's, each value is normalized
     * for its column's type ({@link PortableValues#normalize}), and the row is in the schema's column order, as a
     * {@link DdmlEvent} of a schema makes its rows; so an event of that same schema takes this row as it is, without
     * checking and copying it again. For producers that build rows column by column (ToDdml, the event readers).
     * {@code values} is taken over: the caller must not use it after.
     *
     * @param what the row's place in its change ({@code "before"}, {@code "after"}, {@code "key"}), for messages
     * @throws IllegalArgumentException naming {@code what} and the column, when a column is not the schema's or a
     *                                  value does not fit its type
     */
    public static Row shaped(TableSchema schema, String what, LinkedHashMap<String, Object> values) {
        return shape(schema, what, values, true);
    }

    /**
     * {@link #shaped}, for {@code values} the caller owns ({@code owned}: normalized in place when already in the
     * schema's column order) or not (copied). Every column is checked first, in the row's order; then each value is
     * normalized in the schema's column order, so the first error named is the same whatever the row's order.
     */
    @SuppressWarnings("unchecked")
    static Row shape(TableSchema schema, String what, Map<String, ?> values, boolean owned) {
        List<Column> columns = schema.columns();
        int next = 0;
        boolean inOrder = true;
        for (String name : values.keySet()) {
            int i = next;
            while (i < columns.size() && !columns.get(i).name().equals(name)) {
                i++;
            }
            if (i < columns.size()) {
                next = i + 1;
            } else if (schema.column(name).isEmpty()) {
                throw new IllegalArgumentException(what + " names column " + name + ", which is not in the table schema");
            } else {
                inOrder = false;
            }
        }
        if (owned && inOrder) {
            // in the schema's order: normalized in place, entry by entry, each column found walking on from the last
            LinkedHashMap<String, Object> row = (LinkedHashMap<String, Object>) values;
            int i = 0;
            for (Map.Entry<String, Object> e : row.entrySet()) {
                while (!columns.get(i).name().equals(e.getKey())) {
                    i++;
                }
                e.setValue(normalized(columns.get(i), what, e.getValue()));
                i++;
            }
            return new Row(row, schema);
        }
        LinkedHashMap<String, Object> row = new LinkedHashMap<>();
        for (Column c : columns) {
            if (values.containsKey(c.name())) {
                row.put(c.name(), normalized(c, what, values.get(c.name())));
            }
        }
        return new Row(row, schema);
    }

    /** A value normalized for its column, or an error naming the row's place and the column. */
    private static Object normalized(Column c, String what, Object value) {
        try {
            return PortableValues.normalize(c.type(), value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + "." + c.name() + ": " + e.getMessage(), e);
        }
    }

    /** Whether this row was {@link #shaped} for exactly {@code schema} (the same instance). */
    boolean isShapedFor(TableSchema schema) {
        return shapedFor == schema;
    }

    /** A row of the given columns and values (the map may hold nulls); its order is kept. */
    public static Row of(Map<String, ?> values) {
        return new Row(new LinkedHashMap<>(values));
    }

    /** A row from alternating column names and values: {@code Row.of("id", 1L, "name", "a")}. */
    public static Row of(Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values must alternate");
        }
        LinkedHashMap<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            m.put((String) Objects.requireNonNull(namesAndValues[i], "column name"), namesAndValues[i + 1]);
        }
        return new Row(m);
    }

    /** The row without columns. */
    public static Row empty() {
        return EMPTY;
    }

    /** The values by column name, unmodifiable, in column order; may hold nulls. */
    public Map<String, Object> values() {
        return values;
    }

    /** The column names, in order. */
    public Set<String> columns() {
        return values.keySet();
    }

    /** Whether the row holds {@code column} (possibly as NULL). */
    public boolean has(String column) {
        return values.containsKey(column);
    }

    /** The value of {@code column}; null for NULL or an absent column. */
    public Object get(String column) {
        return values.get(column);
    }

    /** The number of columns. */
    public int size() {
        return values.size();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Row other) || !values.keySet().equals(other.values.keySet())) {
            return false;
        }
        for (Map.Entry<String, Object> e : values.entrySet()) {
            if (!valueEquals(e.getValue(), other.values.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = 0;
        for (Map.Entry<String, Object> e : values.entrySet()) {
            h += e.getKey().hashCode() ^ valueHash(e.getValue());
        }
        return h;
    }

    /** Content equality of two values in {@link PortableValues} form. */
    static boolean valueEquals(Object a, Object b) {
        if (a instanceof byte[] x && b instanceof byte[] y) {
            return Arrays.equals(x, y);
        }
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
            return x.compareTo(y) == 0;
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!valueEquals(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return Objects.equals(a, b);
    }

    private static int valueHash(Object v) {
        if (v instanceof byte[] b) {
            return Arrays.hashCode(b);
        }
        if (v instanceof BigDecimal d) {
            return d.signum() == 0 ? 0 : d.stripTrailingZeros().hashCode();
        }
        if (v instanceof List<?> l) {
            int h = 1;
            for (Object e : l) {
                h = 31 * h + valueHash(e);
            }
            return h;
        }
        return Objects.hashCode(v);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        values.forEach((k, v) -> sb.append(sb.length() > 1 ? ", " : "").append(k).append('=')
            .append(v instanceof byte[] b ? "byte[" + b.length + "]" : v));
        return sb.append('}').toString();
    }
}
