package io.idaas.ddml;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The values of a row made column by column for its schema ({@link Row#builder}): an unmodifiable map of the present
 * columns' names to their values, in the schema's column order, held as one array by column index, so that a row costs
 * an array rather than a map entry per value, and writers read it by index ({@link #has(int)}, {@link #valueAt}).
 */
final class ColumnValues extends AbstractMap<String, Object> {

    /** Marks a column the row does not hold (unknown), as opposed to one holding NULL. */
    static final Object ABSENT = new Object();

    private final List<Column> columns;
    private final Object[] values;
    private final int size;

    /** @param values by column index, {@link #ABSENT} for a column the row does not hold; taken over */
    ColumnValues(List<Column> columns, Object[] values, int size) {
        this.columns = columns;
        this.values = values;
        this.size = size;
    }

    /** The columns this row's values are indexed by: its schema's. */
    List<Column> columns() {
        return columns;
    }

    /** Whether the row holds the column at {@code index} (possibly as NULL). */
    boolean has(int index) {
        return values[index] != ABSENT;
    }

    /** The value of the column at {@code index}; null for NULL or an absent column. */
    Object valueAt(int index) {
        Object v = values[index];
        return v == ABSENT ? null : v;
    }

    private int indexOf(Object name) {
        for (int i = 0; i < values.length; i++) {
            if (columns.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public boolean containsKey(Object name) {
        int i = indexOf(name);
        return i >= 0 && values[i] != ABSENT;
    }

    @Override
    public Object get(Object name) {
        int i = indexOf(name);
        return i < 0 ? null : valueAt(i);
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, Object>> iterator() {
                return new Iterator<>() {
                    private int next = skipAbsent(0);

                    @Override
                    public boolean hasNext() {
                        return next < values.length;
                    }

                    @Override
                    public Entry<String, Object> next() {
                        if (next >= values.length) {
                            throw new NoSuchElementException();
                        }
                        int i = next;
                        next = skipAbsent(i + 1);
                        return new SimpleImmutableEntry<>(columns.get(i).name(), values[i]);
                    }
                };
            }

            @Override
            public int size() {
                return size;
            }
        };
    }

    private int skipAbsent(int from) {
        int i = from;
        while (i < values.length && values[i] == ABSENT) {
            i++;
        }
        return i;
    }
}
