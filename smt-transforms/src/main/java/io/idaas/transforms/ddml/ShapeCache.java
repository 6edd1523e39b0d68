package io.idaas.transforms.ddml;

import io.idaas.ddml.TableSchema;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The last known shape of each table (or any other per-key value), least recently used entries
 * evicted beyond a bound. One per connector task; not thread-safe.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class ShapeCache<K, V> {

    private final Map<K, V> entries;

    /** A cache of at most {@code maxEntries} entries. */
    public ShapeCache(int maxEntries) {
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > maxEntries;
            }
        };
    }

    /** The value for {@code key}, or null. */
    public V get(K key) {
        return entries.get(key);
    }

    /** Remembers {@code value} for {@code key}. */
    public void put(K key, V value) {
        entries.put(key, value);
    }

    /** Forgets {@code key}. */
    public V remove(K key) {
        return entries.remove(key);
    }

    /** The first entry (least recently used first) matching {@code test}, without touching the order of use. */
    public java.util.Optional<Map.Entry<K, V>> find(java.util.function.BiPredicate<K, V> test) {
        return entries.entrySet().stream().filter(e -> test.test(e.getKey(), e.getValue())).findFirst().map(e -> Map.entry(e.getKey(), e.getValue()));
    }

    /** The number of entries. */
    public int size() {
        return entries.size();
    }

    /** A cache of table shapes keyed by {@link io.idaas.ddml.TableRef} within a source. */
    public static ShapeCache<TableKey, TableSchema> tables(int maxEntries) {
        return new ShapeCache<>(maxEntries);
    }

    /**
     * A table within a source.
     *
     * @param sourceName the logical server name
     * @param database   the database, may be null
     * @param schema     the schema, may be null
     * @param table      the table
     */
    public record TableKey(String sourceName, String database, String schema, String table) {
    }
}
