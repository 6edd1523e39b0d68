package io.idaas.connect.redis;

import io.idaas.ddml.TableRef;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A per-table setting written as comma-separated entries, the way the JDBC sink's {@code table.rename} and
 * {@code column.rename} are: a table is named by its last one, two or three name parts ({@code orders},
 * {@code inventory.orders}, {@code shop.public.orders}, matched against the event's database, schema and table exactly
 * as the source spells them; a view's changelog has only the view's name), or {@code *} for every table; the most
 * specific entry wins.
 *
 * <ul>
 *   <li>table entries, {@code <table>:<value>}: the value is everything after the first {@code :} (so a key template
 *   may hold colons), e.g. {@code inventory.orders:shop:orders:{id}};</li>
 *   <li>column entries, {@code <table>.<column>} (the column is the last part), e.g. {@code orders.customer_id};</li>
 *   <li>column values, {@code <table>.<column>:<value>}, e.g. {@code orders.note:remark}.</li>
 * </ul>
 * A name holding {@code ,} or {@code :} (and, for column entries, a column holding {@code .}) cannot be written.
 */
final class TableSettings<T> {

    private final Map<List<String>, T> entries;

    private TableSettings(Map<List<String>, T> entries) {
        this.entries = entries;
    }

    /** An empty setting. */
    static <T> TableSettings<T> none() {
        return new TableSettings<>(Map.of());
    }

    /**
     * Table entries {@code <table>:<value>}.
     *
     * @throws IllegalArgumentException naming the entry that breaks the syntax, with an example
     */
    static TableSettings<String> tableValues(String spec, String example) {
        Map<List<String>, String> out = new HashMap<>();
        for (String e : split(spec)) {
            int colon = e.indexOf(':');
            if (colon <= 0 || colon == e.length() - 1) {
                throw new IllegalArgumentException("entry '" + e + "' is not <table>:<value>; write comma-separated "
                    + "entries such as " + example);
            }
            List<String> table = tableParts(e.substring(0, colon).trim(), example);
            if (out.put(table, e.substring(colon + 1).trim()) != null) {
                throw new IllegalArgumentException("table " + String.join(".", table) + " is set twice; keep one entry for it");
            }
        }
        return out.isEmpty() ? none() : new TableSettings<>(out);
    }

    /**
     * Column entries {@code <table>.<column>}: per table, the set of columns named.
     *
     * @throws IllegalArgumentException naming the entry that breaks the syntax, with an example
     */
    static TableSettings<Set<String>> columns(String spec, String example) {
        Map<List<String>, Set<String>> out = new HashMap<>();
        for (String e : split(spec)) {
            if (e.indexOf(':') >= 0) {
                throw new IllegalArgumentException("entry '" + e + "' is not <table>.<column>; write comma-separated "
                    + "entries such as " + example);
            }
            String[] tc = tableAndColumn(e, example);
            out.computeIfAbsent(tableParts(tc[0], example), t -> new LinkedHashSet<>()).add(tc[1]);
        }
        return out.isEmpty() ? none() : new TableSettings<>(out);
    }

    /**
     * Column value entries {@code <table>.<column>:<value>}: per table, column to value.
     *
     * @throws IllegalArgumentException naming the entry that breaks the syntax, with an example
     */
    static TableSettings<Map<String, String>> columnValues(String spec, String example) {
        return columnValues(spec, example, false);
    }

    /**
     * Column value entries {@code <table>.<column>:<value>} whose value may hold colons (everything after the first
     * {@code :}), such as a Redis key name.
     */
    static TableSettings<Map<String, String>> columnNames(String spec, String example) {
        return columnValues(spec, example, true);
    }

    private static TableSettings<Map<String, String>> columnValues(String spec, String example, boolean colonsInValue) {
        Map<List<String>, Map<String, String>> out = new HashMap<>();
        for (String e : split(spec)) {
            int colon = e.indexOf(':');
            if (colon <= 0 || colon == e.length() - 1 || !colonsInValue && e.indexOf(':', colon + 1) >= 0) {
                throw new IllegalArgumentException("entry '" + e + "' is not <table>.<column>:<value>; write "
                    + "comma-separated entries such as " + example);
            }
            String[] tc = tableAndColumn(e.substring(0, colon).trim(), example);
            if (out.computeIfAbsent(tableParts(tc[0], example), t -> new LinkedHashMap<>())
                .put(tc[1], e.substring(colon + 1).trim()) != null) {
                throw new IllegalArgumentException("column " + e.substring(0, colon).trim() + " is set twice; keep one "
                    + "entry for it");
            }
        }
        return out.isEmpty() ? none() : new TableSettings<>(out);
    }

    private static List<String> split(String spec) {
        List<String> out = new ArrayList<>();
        if (spec == null || spec.isBlank()) {
            return out;
        }
        for (String entry : spec.split(",", -1)) {
            String e = entry.trim();
            if (e.isEmpty()) {
                throw new IllegalArgumentException("an entry is empty (two commas in a row, or a trailing comma); "
                    + "remove it");
            }
            out.add(e);
        }
        return out;
    }

    private static String[] tableAndColumn(String entry, String example) {
        int dot = entry.lastIndexOf('.');
        if (dot <= 0 || dot == entry.length() - 1) {
            throw new IllegalArgumentException("'" + entry + "' is not <table>.<column> (table, database.table or "
                + "database.schema.table, then the column); e.g. " + example);
        }
        return new String[] {entry.substring(0, dot).trim(), entry.substring(dot + 1).trim()};
    }

    private static List<String> tableParts(String table, String example) {
        if (table.equals("*")) {
            return List.of("*");
        }
        List<String> parts = Arrays.stream(table.split("\\.", -1)).map(String::trim).toList();
        if (parts.size() > 3 || parts.stream().anyMatch(String::isEmpty)) {
            throw new IllegalArgumentException("'" + table + "' must be *, table, database.table or "
                + "database.schema.table with no empty part; e.g. " + example);
        }
        return parts;
    }

    /** The most specific entry for a table (three name parts, two, one, then {@code *}); null when none. */
    T get(TableRef ref) {
        if (entries.isEmpty()) {
            return null;
        }
        List<String> all = new ArrayList<>(3);
        for (String p : new String[] {ref.database(), ref.schema(), ref.table()}) {
            if (p != null && !p.isEmpty()) {
                all.add(p);
            }
        }
        for (int n = Math.min(3, all.size()); n >= 1; n--) {
            T v = entries.get(List.copyOf(all.subList(all.size() - n, all.size())));
            if (v != null) {
                return v;
            }
        }
        return entries.get(List.of("*"));
    }

    /** The same entries with each value mapped. */
    <U> TableSettings<U> map(Function<T, U> f) {
        if (entries.isEmpty()) {
            return none();
        }
        Map<List<String>, U> out = new HashMap<>();
        entries.forEach((k, v) -> out.put(k, f.apply(v)));
        return new TableSettings<>(out);
    }

    /** The entry given for exactly these table name parts (no matching), or null. */
    T entry(List<String> tableParts) {
        return entries.get(tableParts);
    }

    /** The table name parts of every entry. */
    Set<List<String>> tables() {
        return entries.keySet();
    }

    /** Every value, to check them once at start. */
    List<T> values() {
        return List.copyOf(entries.values());
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }
}
