package io.idaas.ddml.connect;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/** A small thread-safe cache that drops its least recently used entry beyond {@code capacity} entries. */
final class LruCache<K, V> {

    private final Map<K, V> entries;

    LruCache(int capacity) {
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The cached value of {@code key}, computed (outside the lock) and kept when absent. */
    V get(K key, Function<K, V> compute) {
        synchronized (entries) {
            V known = entries.get(key);
            if (known != null) {
                return known;
            }
        }
        V value = compute.apply(key);
        synchronized (entries) {
            entries.putIfAbsent(key, value);
        }
        return value;
    }

    /** The cached value of {@code key}, or null. */
    V peek(K key) {
        synchronized (entries) {
            return entries.get(key);
        }
    }

    /** Keeps {@code value} for {@code key}. */
    void put(K key, V value) {
        synchronized (entries) {
            entries.put(key, value);
        }
    }

    int size() {
        synchronized (entries) {
            return entries.size();
        }
    }
}
