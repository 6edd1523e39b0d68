package io.idaas.transforms.ddml.ddl;

import io.idaas.ddml.Column;
import io.idaas.ddml.DdlChange;
import io.idaas.ddml.DdmlEvent;
import io.idaas.ddml.ModifiedColumn;
import io.idaas.ddml.SortablePosition.Phase;
import io.idaas.ddml.Source;
import io.idaas.ddml.TableSchema;
import io.idaas.transforms.ddml.ShapeCache;
import io.idaas.transforms.ddml.ShapeCache.TableKey;
import io.idaas.transforms.ddml.position.SourcePosition;
import java.util.Map;
import java.util.Optional;

/**
 * Derives DDL from changes of a table's shape between DML events, for sources whose log carries no
 * DDL (PostgreSQL, SPEC §7.3): it remembers the last schema per table; a DML event whose fingerprint
 * differs yields a derived {@code alter_table} (added, dropped and modified columns; a rename is a
 * drop plus an add), and the first DML event of a table never seen yields a derived
 * {@code create_table}. The derived event takes the position of the change with phase 1, so it sorts
 * just before it. One instance per connector task; not thread-safe.
 *
 * <p>The log does not carry column defaults: the derived event's columns (its {@code schema}, {@code added} and the
 * {@code after} of {@code modified}) take theirs from the {@link SourceCatalog}, read when the event is derived. The
 * DML events' schemas carry none, so their fingerprint is the one the shape had without defaults.
 */
public final class DerivedDdl {

    private final ShapeCache<TableKey, TableSchema> last;
    private SourceCatalog catalog = SourceCatalog.NONE;

    /** A deriver remembering at most {@code maxTables} tables. */
    public DerivedDdl(int maxTables) {
        this.last = ShapeCache.tables(maxTables);
    }

    /** Reads column defaults from {@code catalog} (none by default). */
    public DerivedDdl withCatalog(SourceCatalog catalog) {
        this.catalog = catalog;
        return this;
    }

    /**
     * The derived DDL event that must precede {@code event}, if its table's shape changed; remembers
     * the event's shape. Events that are not DML yield nothing.
     */
    public Optional<DdmlEvent> derive(DdmlEvent event) {
        if (event.dml() == null) {
            return Optional.empty();
        }
        Source s = event.source();
        TableKey key = new TableKey(s.name(), s.database(), s.schema(), s.table());
        TableSchema previous = last.get(key);
        TableSchema current = event.schema();
        last.put(key, current);
        if (previous != null && previous.fingerprint().equals(current.fingerprint())) {
            return Optional.empty();
        }
        DdlChange.Builder change = previous == null ? SchemaDiff.create(current) : SchemaDiff.alter(previous, current, Map.of());
        DdlChange ddl = change.derived(true).build();
        Map<String, String> defaults = catalog.defaults(s.schema(), s.table());
        if (!defaults.isEmpty()) {
            current = TableSchema.of(current.columns().stream().map(c -> withDefault(c, defaults)).toList(), current.primaryKey());
            ddl = DdlChange.builder(ddl.op()).derived(true)
                .added(ddl.added().stream().map(c -> withDefault(c, defaults)).toList())
                .dropped(ddl.dropped())
                .modified(ddl.modified().stream().map(m -> new ModifiedColumn(m.before(), withDefault(m.after(), defaults))).toList())
                .renamed(ddl.renamed())
                .primaryKey(ddl.primaryKey())
                .build();
        }
        return Optional.of(DdmlEvent.builder()
            .source(s)
            .position(SourcePosition.withPhase(event.position(), Phase.DERIVED_DDL))
            .transaction(event.transaction())
            .time(event.time())
            .schema(current)
            .ddl(ddl)
            .build());
    }

    private static Column withDefault(Column c, Map<String, String> defaults) {
        String d = defaults.get(c.name());
        return d == null ? c : new Column(c.name(), c.type(), c.nativeType(), c.nullable(), d, c.length(), c.precision(), c.scale());
    }

    /** Closes the catalog's connection, if any. */
    public void closeCatalog() {
        catalog.close();
    }

    /** The number of tables remembered. */
    public int size() {
        return last.size();
    }
}
