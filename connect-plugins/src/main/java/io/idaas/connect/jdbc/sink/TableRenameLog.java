package io.idaas.connect.jdbc.sink;

import io.idaas.ddml.Column;
import io.idaas.ddml.DdlChange;
import io.idaas.ddml.DdmlEvent;
import io.idaas.ddml.DmlChange;
import io.idaas.ddml.ModifiedColumn;
import io.idaas.ddml.RenamedColumn;
import io.idaas.ddml.Row;
import io.idaas.ddml.Source;
import io.idaas.ddml.TableRef;
import io.idaas.ddml.TableSchema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The table renames ({@code rename_table} events) this task applied, so that an event of the old name that arrives after
 * the rename, but was written at the source before it, goes to the renamed table. A rename_table event travels on the
 * new name's topic and the old name's events on the old name's topic; a consumer reads the two topics at its own pace,
 * so the old name's last events can come after the rename (a sink behind, a new topic assigned while the old one still
 * has a backlog). An event of source table {@code t} whose position is before the position of the rename
 * {@code t -> u} is an event of the table now named {@code u}, whatever the target holds; one at or after it is of a
 * new table {@code t}. Such an event is rewritten as an event of {@code u}: its columns renamed and dropped as the
 * rename_table renamed and dropped them (a source that renamed the table and changed its columns in one step).
 * Positions are compared within one source (SPEC.md section 3.2). Kept in memory, at most {@value #MAX_RENAMES} renames,
 * oldest first forgotten; a task started again has none (the connect-plugins README says what that leaves). Not
 * thread-safe.
 */
public final class TableRenameLog {

    private static final Logger LOG = LoggerFactory.getLogger(TableRenameLog.class);
    static final int MAX_RENAMES = 10_000;
    /** Renames are followed in position order, so a chain ends; a bound all the same. */
    private static final int MAX_CHAIN = 1_000;

    private record Key(String sourceName, TableRef table) {
    }

    /** A rename: the new name from {@code position} on, the columns it renamed (old to new) and those it dropped. */
    private static final class Rename {
        final TableRef to;
        final String position;
        final Map<String, String> columns = new HashMap<>();
        final Set<String> dropped;
        long redirected;

        Rename(TableRef to, String position, DdlChange ddl) {
            this.to = to;
            this.position = position;
            ddl.renamed().forEach(r -> columns.put(r.from(), r.to()));
            this.dropped = new HashSet<>(ddl.dropped());
        }
    }

    private final Map<Key, Rename> renames = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Rename> eldest) {
            return size() > MAX_RENAMES;
        }
    };

    /** Remembers a rename_table event of a source: its old name is its new one from the event's position on. */
    public void renamed(DdmlEvent renameTable) {
        DdlChange ddl = renameTable.ddl();
        Key key = new Key(renameTable.source().name(), ddl.renamedFrom());
        String position = renameTable.position().sortable();
        Rename known = renames.get(key);
        if (known == null || known.position.compareTo(position) < 0) {
            renames.put(key, new Rename(renameTable.source().tableRef(), position, ddl));
        }
    }

    /**
     * The event as an event of the table its table is named now: {@code event} itself, or, when a rename at a later
     * position than the event's renamed its table (following renames one after another), the event with the new table
     * name and the renamed columns' new names, without the dropped columns.
     */
    public DdmlEvent current(DdmlEvent event) {
        String sourceName = event.source().name();
        DdmlEvent now = event;
        String at = event.position().sortable();
        for (int i = 0; i < MAX_CHAIN; i++) {
            Rename r = renames.get(new Key(sourceName, now.source().tableRef()));
            if (r == null || at.compareTo(r.position) >= 0) {
                break;
            }
            if (r.redirected++ == 0) {
                LOG.info("An event of table {} written at the source before it was renamed to {} arrived after the "
                    + "rename_table (the two names' topics are read at their own pace): it is applied to {}, and so are "
                    + "the old name's other such events", describe(now.source().tableRef()), describe(r.to), describe(r.to));
            }
            now = moved(now, r);
            at = r.position; // the table has the new name from there: only a later rename of it applies
        }
        return now;
    }

    /** The number of renames remembered. */
    public int size() {
        return renames.size();
    }

    private static DdmlEvent moved(DdmlEvent e, Rename r) {
        Source s = e.source();
        Source to = new Source(s.system(), s.name(), r.to.database(), r.to.schema(), r.to.table());
        return new DdmlEvent(e.specVersion(), e.id(), to, e.position(), e.transaction(), e.time(), schema(e.schema(), r),
            dml(e.dml(), r), ddl(e.ddl(), r));
    }

    private static String name(String n, Rename r) {
        return r.columns.getOrDefault(n, n);
    }

    private static List<String> names(List<String> names, Rename r) {
        return names == null ? null : names.stream().filter(n -> !r.dropped.contains(n)).map(n -> name(n, r)).toList();
    }

    private static Column column(Column c, Rename r) {
        return new Column(name(c.name(), r), c.type(), c.nativeType(), c.nullable(), c.defaultValue(), c.length(),
            c.precision(), c.scale());
    }

    private static List<Column> columns(List<Column> columns, Rename r) {
        return columns.stream().filter(c -> !r.dropped.contains(c.name())).map(c -> column(c, r)).toList();
    }

    private static TableSchema schema(TableSchema s, Rename r) {
        return s == null ? null : TableSchema.of(columns(s.columns(), r), names(s.primaryKey(), r));
    }

    private static Row row(Row row, Rename r) {
        if (row == null) {
            return null;
        }
        Map<String, Object> values = new LinkedHashMap<>();
        row.values().forEach((k, v) -> {
            if (!r.dropped.contains(k)) {
                values.put(name(k, r), v);
            }
        });
        return Row.of(values);
    }

    private static DmlChange dml(DmlChange d, Rename r) {
        return d == null ? null : new DmlChange(d.op(), row(d.key(), r), row(d.before(), r), row(d.after(), r),
            names(d.changed(), r));
    }

    /** A DDL event's names after its change are mapped; those before it (dropped, renamed from) are the table's then. */
    private static DdlChange ddl(DdlChange d, Rename r) {
        return d == null ? null : new DdlChange(d.op(), d.statement(), d.derived(), d.renamedFrom(),
            columns(d.added(), r), d.dropped(),
            d.modified().stream().filter(m -> !r.dropped.contains(m.after().name()))
                .map(m -> new ModifiedColumn(m.before(), column(m.after(), r))).toList(),
            d.renamed().stream().filter(c -> !r.dropped.contains(c.to()))
                .map(c -> new RenamedColumn(c.from(), name(c.to(), r))).toList(),
            names(d.primaryKey(), r));
    }

    private static String describe(TableRef t) {
        return (t.database() == null ? "" : t.database() + ".") + (t.schema() == null ? "" : t.schema() + ".") + t.table();
    }
}
