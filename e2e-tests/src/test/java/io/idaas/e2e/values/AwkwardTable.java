package io.idaas.e2e.values;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** A source table of awkward values: its columns, and one row per value (that column set, every other NULL). */
final class AwkwardTable {

    private final List<AwkwardColumn> columns = new ArrayList<>();
    private final List<AwkwardValue> values = new ArrayList<>();
    /** Columns whose definition is not plain {@code name type} (e.g. NOT NULL with a default). */
    private final java.util.Map<String, String> definitions = new java.util.HashMap<>();

    AwkwardColumn column(String name, String nativeType, ValueKind kind) {
        AwkwardColumn c = AwkwardColumn.of(name, nativeType, kind);
        columns.add(c);
        return c;
    }

    /** A column declared with {@code definition} (after its name) rather than its bare type. */
    AwkwardColumn column(String name, String nativeType, ValueKind kind, String definition) {
        AwkwardColumn c = column(name, nativeType, kind);
        definitions.put(name, definition);
        return c;
    }

    /** {@code old} replaced by {@code replacement} (same name), which is returned. */
    AwkwardColumn replace(AwkwardColumn old, AwkwardColumn replacement) {
        columns.set(columns.indexOf(old), replacement);
        return replacement;
    }

    AwkwardValue value(AwkwardColumn column, String literal) {
        AwkwardValue v = new AwkwardValue(column, literal);
        values.add(v);
        return v;
    }

    List<AwkwardColumn> columns() {
        return columns;
    }

    List<AwkwardValue> values() {
        return values;
    }

    String createTable(String table) {
        return "CREATE TABLE " + table + " (id INT PRIMARY KEY, " + columns.stream()
                .map(c -> c.name() + " " + definitions.getOrDefault(c.name(), c.nativeType()))
                .collect(Collectors.joining(", ")) + ")";
    }

    /** The INSERT of row {@code id} with every column at its default. */
    String insertDefaults(String table, int id) {
        return "INSERT INTO " + table + " (id) VALUES (" + id + ")";
    }

    /** The UPDATE of row {@code id} that sets the column of value {@code index} to it. */
    String update(String table, int id, int index) {
        AwkwardValue v = values.get(index);
        return "UPDATE " + table + " SET " + v.column().name() + " = " + v.literal() + " WHERE id = " + id;
    }

    /** The INSERT of value {@code index} as row {@code id}: its column set, the others left to their default. */
    String insert(String table, int id, int index) {
        AwkwardValue v = values.get(index);
        return "INSERT INTO " + table + " (id, " + v.column().name() + ") VALUES (" + id + ", " + v.literal() + ")";
    }
}
