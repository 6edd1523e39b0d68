package io.idaas.ddml;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The shape of a table at an event.
 *
 * @param fingerprint {@link SchemaFingerprint} of the columns and key; changes whenever either does
 * @param columns     the columns, in table order
 * @param primaryKey  the primary-key column names in key order; empty when the table has none
 */
public record TableSchema(String fingerprint, List<Column> columns, List<String> primaryKey) {

    /** Checks names, key and fingerprint. */
    public TableSchema {
        columns = List.copyOf(columns);
        primaryKey = primaryKey == null ? List.of() : List.copyOf(primaryKey);
        Set<String> names = new HashSet<>();
        for (Column c : columns) {
            if (!names.add(c.name())) {
                throw new IllegalArgumentException("duplicate column " + c.name());
            }
        }
        for (String k : primaryKey) {
            if (!names.contains(k)) {
                throw new IllegalArgumentException("primary key column " + k + " is not a column");
            }
        }
        String expected = SchemaFingerprint.of(columns, primaryKey);
        if (fingerprint == null) {
            fingerprint = expected;
        } else if (!fingerprint.equals(expected)) {
            throw new IllegalArgumentException("schema fingerprint " + fingerprint + " does not match its columns and key: " + expected);
        }
    }

    /** A schema with its fingerprint computed. */
    public static TableSchema of(List<Column> columns, List<String> primaryKey) {
        return new TableSchema(null, columns, primaryKey);
    }

    /** The column named {@code name}. */
    public Optional<Column> column(String name) {
        Objects.requireNonNull(name);
        for (Column c : columns) { // a loop, not a stream: called for every value of every event
            if (c.name().equals(name)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
