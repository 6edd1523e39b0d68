package io.idaas.connect.jdbc.sink;

import io.idaas.ddml.Column;
import io.idaas.ddml.DdlChange;
import io.idaas.ddml.DdmlEvent;
import io.idaas.ddml.DmlChange;
import io.idaas.ddml.ModifiedColumn;
import io.idaas.ddml.RenamedColumn;
import io.idaas.ddml.Row;
import io.idaas.ddml.TableRef;
import io.idaas.ddml.TableSchema;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code table.rename} and {@code column.rename} maps: a source table, named by its last one, two or three name
 * parts ({@code orders}, {@code inventory.orders}, {@code shop.public.orders}, matched against the source's database,
 * schema and table, exactly as the source spells them), goes to a target table of another name; a column of such a
 * table gets another name. The most specific entry wins. Column renames are applied to the whole event (schema, key,
 * rows, changed columns, DDL), so DML and DDL see the same names.
 */
public final class Renames {

    /** An empty map. */
    public static final Renames NONE = new Renames(Map.of(), Map.of());

    private final Map<List<String>, String> tables;
    private final Map<List<String>, Map<String, String>> columns;

    private Renames(Map<List<String>, String> tables, Map<List<String>, Map<String, String>> columns) {
        this.tables = tables;
        this.columns = columns;
    }

    /**
     * Parses the two settings.
     *
     * @throws IllegalArgumentException naming the entry that breaks the syntax and how to write it
     */
    public static Renames parse(String tableSpec, String columnSpec) {
        Map<List<String>, String> tables = new HashMap<>();
        for (String[] e : entries(tableSpec, "inventory.orders:orders_v2")) {
            List<String> source = parts(e[0], 1, "inventory.orders:orders_v2");
            if (tables.put(source, e[1]) != null) {
                throw new IllegalArgumentException("table " + e[0] + " is mapped twice; keep one entry for it");
            }
        }
        Map<List<String>, Map<String, String>> columns = new HashMap<>();
        for (String[] e : entries(columnSpec, "orders.note:remark")) {
            List<String> source = parts(e[0], 2, "orders.note:remark");
            List<String> table = source.subList(0, source.size() - 1);
            String column = source.get(source.size() - 1);
            if (columns.computeIfAbsent(List.copyOf(table), t -> new LinkedHashMap<>()).put(column, e[1]) != null) {
                throw new IllegalArgumentException("column " + e[0] + " is mapped twice; keep one entry for it");
            }
        }
        return tables.isEmpty() && columns.isEmpty() ? NONE : new Renames(tables, columns);
    }

    private static List<String[]> entries(String spec, String example) {
        List<String[]> out = new ArrayList<>();
        if (spec == null || spec.isBlank()) {
            return out;
        }
        for (String entry : spec.split(",", -1)) {
            String e = entry.trim();
            int colon = e.indexOf(':');
            if (colon <= 0 || colon == e.length() - 1 || e.indexOf(':', colon + 1) >= 0) {
                throw new IllegalArgumentException("entry '" + e + "' is not source:target; write comma-separated "
                    + "entries such as " + example);
            }
            out.add(new String[] {e.substring(0, colon).trim(), e.substring(colon + 1).trim()});
        }
        return out;
    }

    private static List<String> parts(String source, int min, String example) {
        List<String> parts = Arrays.stream(source.split("\\.", -1)).map(String::trim).toList();
        if (parts.size() < min || parts.size() > min + 2 || parts.stream().anyMatch(String::isEmpty)) {
            throw new IllegalArgumentException("'" + source + "' must be " + (min == 1 ? "table, database.table or "
                + "database.schema.table" : "table.column, database.table.column or database.schema.table.column")
                + " with no empty part; e.g. " + example);
        }
        return parts;
    }

    /** Whether any column is renamed. */
    public boolean renamesColumns() {
        return !columns.isEmpty();
    }

    /** The target tables named by table.rename, to check them against reserved names. */
    public List<String> targetTables() {
        return List.copyOf(tables.values());
    }

    /** The new column names of column.rename. */
    public List<String> targetColumns() {
        List<String> out = new ArrayList<>();
        columns.values().forEach(m -> out.addAll(m.values()));
        return out;
    }

    /** The target table configured for a source table, if any. */
    public Optional<String> table(TableRef source) {
        return Optional.ofNullable(mostSpecific(tables, source));
    }

    /** The event with its columns renamed; the same event when none of its table's columns are. */
    public DdmlEvent columns(DdmlEvent event) {
        if (columns.isEmpty()) {
            return event;
        }
        Map<String, String> map = new HashMap<>();
        TableRef ref = event.source().tableRef();
        // the least specific first, so that a more specific entry overrides it
        for (int n = 1; n <= 3; n++) {
            Map<String, String> m = columns.get(suffix(ref, n));
            if (m != null) {
                map.putAll(m);
            }
        }
        if (map.isEmpty()) {
            return event;
        }
        return new DdmlEvent(event.specVersion(), event.id(), event.source(), event.position(), event.transaction(),
            event.time(), schema(event.schema(), map), dml(event.dml(), map), ddl(event.ddl(), map));
    }

    private static <T> T mostSpecific(Map<List<String>, T> map, TableRef ref) {
        for (int n = 3; n >= 1; n--) {
            List<String> key = suffix(ref, n);
            if (key != null && map.containsKey(key)) {
                return map.get(key);
            }
        }
        return null;
    }

    /** The last n non-null name parts of the source (database, schema, table); null when it has fewer. */
    private static List<String> suffix(TableRef ref, int n) {
        List<String> all = new ArrayList<>(3);
        for (String p : new String[] {ref.database(), ref.schema(), ref.table()}) {
            if (p != null && !p.isEmpty()) {
                all.add(p);
            }
        }
        return all.size() < n ? null : List.copyOf(all.subList(all.size() - n, all.size()));
    }

    private static String name(String n, Map<String, String> map) {
        return map.getOrDefault(n, n);
    }

    private static List<String> names(List<String> names, Map<String, String> map) {
        return names == null ? null : names.stream().map(n -> name(n, map)).toList();
    }

    private static Column column(Column c, Map<String, String> map) {
        return c == null ? null : new Column(name(c.name(), map), c.type(), c.nativeType(), c.nullable(), c.defaultValue(),
            c.length(), c.precision(), c.scale());
    }

    private static TableSchema schema(TableSchema s, Map<String, String> map) {
        return s == null ? null : TableSchema.of(s.columns().stream().map(c -> column(c, map)).toList(),
            names(s.primaryKey(), map));
    }

    private static Row row(Row r, Map<String, String> map) {
        if (r == null) {
            return null;
        }
        Map<String, Object> values = new LinkedHashMap<>();
        r.values().forEach((k, v) -> values.put(name(k, map), v));
        return Row.of(values);
    }

    private static DmlChange dml(DmlChange d, Map<String, String> map) {
        return d == null ? null : d.withRows(row(d.key(), map), row(d.before(), map), row(d.after(), map),
            names(d.changed(), map));
    }

    private static DdlChange ddl(DdlChange d, Map<String, String> map) {
        return d == null ? null : new DdlChange(d.op(), d.statement(), d.derived(), d.renamedFrom(),
            d.added().stream().map(c -> column(c, map)).toList(), names(d.dropped(), map),
            d.modified().stream().map(m -> new ModifiedColumn(column(m.before(), map), column(m.after(), map))).toList(),
            d.renamed().stream().map(r -> new RenamedColumn(name(r.from(), map), name(r.to(), map))).toList(),
            names(d.primaryKey(), map));
    }
}
