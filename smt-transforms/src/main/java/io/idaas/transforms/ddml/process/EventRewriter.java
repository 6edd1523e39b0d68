package io.idaas.transforms.ddml.process;

import io.idaas.ddml.Column;
import io.idaas.ddml.DdlChange;
import io.idaas.ddml.DdmlEvent;
import io.idaas.ddml.DmlChange;
import io.idaas.ddml.ModifiedColumn;
import io.idaas.ddml.RenamedColumn;
import io.idaas.ddml.Row;
import io.idaas.ddml.TableSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Applies a {@link ColumnMapping} to a whole DDML event, so that every part of it agrees (SPEC.md sections 5 to 7):
 *
 * <ul>
 *   <li>the table schema: columns renamed, dropped or redefined, the primary key renamed, and the fingerprint
 *       computed again ({@link TableSchema#of}, SPEC.md section 5.2);</li>
 *   <li>a DML change: {@code before}, {@code after}, {@code key} and {@code changed};</li>
 *   <li>a DDL change: {@code added}, {@code dropped}, {@code modified} (an entry the mapping makes a no-op is left
 *       out), {@code renamed}, {@code primary_key}. A source rename from a column the mapping drops to one it keeps
 *       becomes an added column (the target never had the old one); from a kept column to a dropped one, a dropped
 *       column. When the mapping changes anything of a DDL event, its {@code statement} no longer describes it and is
 *       left out (it is optional in DDML; the idaas sinks apply the structured description and the schema).</li>
 * </ul>
 *
 * An event the mapping does not change is returned as it is.
 *
 * @throws IllegalArgumentException (from {@link #rewrite}) when the mapping would drop a primary-key column, or give
 *                                  two columns one name; the caller names the table and the fix
 */
public final class EventRewriter {

    /** The mapping that changes nothing (for an {@link ColumnAppender} alone). */
    public static final ColumnMapping IDENTITY = column -> column;

    private static final int SCHEMAS_REMEMBERED = 1_000;

    private final ColumnMapping mapping;
    private final ColumnAppender appender;
    private final Map<String, TableSchema> schemas = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, TableSchema> eldest) {
            return size() > SCHEMAS_REMEMBERED;
        }
    };

    public EventRewriter(ColumnMapping mapping) {
        this(mapping, null);
    }

    /**
     * @param mapping  what to do to the table's columns
     * @param appender columns to add at the end of the table (after the mapping); null for none
     */
    public EventRewriter(ColumnMapping mapping, ColumnAppender appender) {
        this.mapping = mapping;
        this.appender = appender;
    }


    /** The event with the mapping applied; {@code event} itself when nothing changes. */
    public DdmlEvent rewrite(DdmlEvent event) {
        TableSchema original = event.schema();
        if (event.dml() != null) {
            if (appender == null && !mapping.touches(original)) {
                return event;
            }
            return Events.with(event, schema(original), dml(event, original), null);
        }
        TableSchema schema = original == null ? null : schema(original);
        DdlChange ddl = ddl(event.ddl(), original, schema);
        if (Objects.equals(schema, original) && ddl.equals(event.ddl())) {
            return event;
        }
        return Events.with(event, schema, null, Events.copy(ddl).statement(null).build());
    }

    /** The schema after the mapping, remembered by fingerprint. */
    public TableSchema schema(TableSchema schema) {
        TableSchema mapped = schemas.get(schema.fingerprint());
        if (mapped == null) {
            List<Column> columns = columns(schema.columns());
            List<String> key = key(schema.primaryKey());
            if (appender != null) {
                for (Column c : appender.columns()) {
                    if (columns.stream().anyMatch(m -> m.name().equals(c.name()))) {
                        throw new IllegalArgumentException("the table already has a column '" + c.name() + "'");
                    }
                    columns.add(c);
                }
                key = withAppendedKey(key);
            }
            try {
                mapped = TableSchema.of(columns, key);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("the columns would be " + columns.stream().map(Column::name).toList()
                    + ", not a valid table: " + e.getMessage(), e);
            }
            schemas.put(schema.fingerprint(), mapped);
        }
        return mapped;
    }

    /** A non-empty primary key with the appended columns that join it. */
    private List<String> withAppendedKey(List<String> key) {
        if (appender == null || !appender.inKey() || key.isEmpty()) {
            return key;
        }
        List<String> out = new ArrayList<>(key);
        appender.columns().forEach(c -> out.add(c.name()));
        return out;
    }

    private List<String> key(List<String> primaryKey) {
        List<String> out = new ArrayList<>(primaryKey.size());
        for (String k : primaryKey) {
            String n = mapping.name(k);
            if (n == null) {
                throw new IllegalArgumentException("column '" + k + "' is in the primary key " + primaryKey + ", and the "
                    + "sinks write, update and delete rows by their key, so a key column cannot be dropped");
            }
            out.add(n);
        }
        return out;
    }

    /** The columns after the mapping, those it drops left out. */
    private List<Column> columns(List<Column> columns) {
        List<Column> out = new ArrayList<>(columns.size());
        for (Column c : columns) {
            Column m = column(c);
            if (m != null) {
                out.add(m);
            }
        }
        return out;
    }

    private Column column(Column c) {
        String name = mapping.name(c.name());
        return name == null ? null : mapping.define(c, name);
    }

    private DmlChange dml(DdmlEvent event, TableSchema schema) {
        DmlChange dml = event.dml();
        List<String> changed = dml.changed() == null ? null : names(dml.changed());
        Row before = row(dml.before(), schema);
        Row after = row(dml.after(), schema);
        Row key = row(dml.key(), schema);
        if (appender != null) {
            Row full = after != null ? after : before;
            before = appended(before, event, before, "before");
            after = appended(after, event, after, "after");
            if (key != null && appender.inKey() && !schema.primaryKey().isEmpty()) {
                key = appended(key, event, full, "key");
            }
            if (changed != null && before != null && after != null) {
                changed = new ArrayList<>(changed);
                for (Column c : appender.columns()) {
                    if (after.has(c.name()) && (!before.has(c.name())
                            || !Objects.equals(before.get(c.name()), after.get(c.name())))) {
                        changed.add(c.name());
                    }
                }
            }
        }
        return new DmlChange(dml.op(), key, before, after, changed, dml.omitted());
    }

    /** {@code row} with the appended columns' values for {@code source}, those {@link ColumnAppender#ABSENT} left out. */
    private Row appended(Row row, DdmlEvent event, Row source, String role) {
        if (row == null) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>(row.values());
        for (Column c : appender.columns()) {
            Object v = appender.value(c, event, source, role);
            if (v != ColumnAppender.ABSENT) {
                out.put(c.name(), v);
            }
        }
        return Row.of(out);
    }

    private Row row(Row row, TableSchema schema) {
        if (row == null) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : row.values().entrySet()) {
            String name = mapping.name(e.getKey());
            if (name != null) {
                out.put(name, mapping.value(schema.column(e.getKey()).orElseThrow(), e.getValue()));
            }
        }
        return Row.of(out);
    }

    private List<String> names(List<String> names) {
        List<String> out = new ArrayList<>(names.size());
        for (String n : names) {
            String m = mapping.name(n);
            if (m != null) {
                out.add(m);
            }
        }
        return out;
    }

    private DdlChange ddl(DdlChange ddl, TableSchema after, TableSchema mappedAfter) {
        List<Column> added = columns(ddl.added());
        List<String> dropped = names(ddl.dropped());
        List<ModifiedColumn> modified = new ArrayList<>();
        for (ModifiedColumn m : ddl.modified()) {
            Column a = column(m.after());
            Column b = mapping.name(m.before().name()) == null ? null : column(m.before());
            if (a != null && b != null && !a.equals(b)) {
                modified.add(new ModifiedColumn(b, a));
            }
        }
        List<RenamedColumn> renamed = new ArrayList<>();
        for (RenamedColumn r : ddl.renamed()) {
            String from = mapping.name(r.from());
            String to = mapping.name(r.to());
            if (from != null && to != null) {
                if (!from.equals(to)) {
                    renamed.add(new RenamedColumn(from, to));
                }
            } else if (from != null) {
                dropped.add(from);
            } else if (to != null && after != null) {
                after.column(r.to()).map(this::column).ifPresent(added::add);
            }
        }
        List<String> primaryKey = ddl.primaryKey() == null ? null : withAppendedKey(key(ddl.primaryKey()));
        if (appender != null && ddl.op() == io.idaas.ddml.DdlOp.CREATE_TABLE && mappedAfter != null) {
            for (Column c : appender.columns()) {
                if (added.stream().noneMatch(a -> a.name().equals(c.name()))) {
                    added.add(c);
                }
            }
        }
        return Events.copy(ddl).added(added).dropped(dropped).modified(modified).renamed(renamed).primaryKey(primaryKey)
            .build();
    }
}
