package io.idaas.ddml;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * A position's native fields (SPEC.md section 3.1): an unmodifiable map of strings in key order (as a {@code TreeMap}
 * orders them), held in two arrays, so that making one per event costs two small arrays, and writers read it by index
 * ({@link #keyAt}, {@link #valueAt}).
 */
public final class NativeFields extends AbstractMap<String, String> {

    private static final NativeFields EMPTY = new NativeFields(new String[0], new String[0]);
    /** Up to this many fields are sorted in place; more go through a TreeMap. */
    private static final int SORTED_IN_PLACE = 16;

    private final String[] keys;
    private final String[] values;

    private NativeFields(String[] keys, String[] values) {
        this.keys = keys;
        this.values = values;
    }

    /**
     * The fields of {@code fields} in key order (itself when it is a {@code NativeFields}); none for null.
     *
     * @throws NullPointerException for a null key
     */
    public static NativeFields of(Map<String, String> fields) {
        if (fields instanceof NativeFields n) {
            return n;
        }
        if (fields == null || fields.isEmpty()) {
            return EMPTY;
        }
        if (fields.size() > SORTED_IN_PLACE) {
            fields = new TreeMap<>(fields);
        }
        int n = fields.size();
        String[] k = new String[n];
        String[] v = new String[n];
        int size = 0;
        for (Map.Entry<String, String> e : fields.entrySet()) {
            String key = Objects.requireNonNull(e.getKey(), "a native position field without a name");
            int j = size++;
            while (j > 0 && k[j - 1].compareTo(key) > 0) { // insertion sort: a handful of fields
                k[j] = k[j - 1];
                v[j] = v[j - 1];
                j--;
            }
            k[j] = key;
            v[j] = e.getValue();
        }
        return new NativeFields(k, v);
    }

    /** A builder that keeps the fields in key order as they are put, for a source's reader to fill field by field. */
    public static Builder builder() {
        return new Builder();
    }

    /** Native fields put one at a time, kept in key order; a name put again replaces its value. */
    public static final class Builder {

        private String[] keys = new String[8];
        private String[] values = new String[8];
        private int size;

        private Builder() {
        }

        /**
         * Puts a field.
         *
         * @throws NullPointerException for a null name
         */
        public Builder put(String key, String value) {
            Objects.requireNonNull(key, "a native position field without a name");
            int j = size;
            while (j > 0 && keys[j - 1].compareTo(key) >= 0) {
                if (keys[j - 1].equals(key)) {
                    values[j - 1] = value;
                    return this;
                }
                j--;
            }
            if (size == keys.length) {
                keys = Arrays.copyOf(keys, size * 2);
                values = Arrays.copyOf(values, size * 2);
            }
            System.arraycopy(keys, j, keys, j + 1, size - j);
            System.arraycopy(values, j, values, j + 1, size - j);
            keys[j] = key;
            values[j] = value;
            size++;
            return this;
        }

        /** The fields put so far. */
        public NativeFields build() {
            return size == 0 ? EMPTY : new NativeFields(Arrays.copyOf(keys, size), Arrays.copyOf(values, size));
        }
    }

    /** The name of the {@code i}th field, in key order. */
    public String keyAt(int i) {
        return keys[i];
    }

    /** The value of the {@code i}th field, in key order. */
    public String valueAt(int i) {
        return values[i];
    }

    @Override
    public int size() {
        return keys.length;
    }

    private int indexOf(Object key) {
        for (int i = 0; i < keys.length; i++) {
            if (keys[i].equals(key)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public boolean containsKey(Object key) {
        return indexOf(key) >= 0;
    }

    @Override
    public String get(Object key) {
        int i = indexOf(key);
        return i < 0 ? null : values[i];
    }

    @Override
    public Set<Entry<String, String>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, String>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < keys.length;
                    }

                    @Override
                    public Entry<String, String> next() {
                        if (next >= keys.length) {
                            throw new NoSuchElementException();
                        }
                        int i = next++;
                        return new SimpleImmutableEntry<>(keys[i], values[i]);
                    }
                };
            }

            @Override
            public int size() {
                return keys.length;
            }
        };
    }
}
