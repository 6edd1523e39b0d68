package io.idaas.transforms.ddml.ddl;

import io.idaas.ddml.Column;
import io.idaas.ddml.DdlChange;
import io.idaas.ddml.DdlOp;
import io.idaas.ddml.DmlChange;
import io.idaas.ddml.DmlOp;
import io.idaas.ddml.DdmlEvent;
import io.idaas.ddml.ModifiedColumn;
import io.idaas.ddml.SortablePosition.Phase;
import io.idaas.ddml.Source;
import io.idaas.ddml.TableRef;
import io.idaas.ddml.TableSchema;
import io.idaas.transforms.ddml.ShapeCache;
import io.idaas.transforms.ddml.ShapeCache.TableKey;
import io.idaas.transforms.ddml.dml.DdmlKeys;
import io.idaas.transforms.ddml.position.SourcePosition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Derives DDL from changes of a table's shape between DML events, for sources whose log carries no
 * DDL (PostgreSQL, SPEC §7.3): it remembers the last shape per table; a DML event whose fingerprint
 * differs yields a derived {@code alter_table} (added, dropped, modified and renamed columns), and the first DML event
 * of a table never seen yields a derived {@code create_table}, or a derived {@code rename_table} when the catalog shows
 * it is a table already known under another name (below). The derived event takes the position of the change with
 * phase 1, so it sorts just before it. One instance per connector task; not thread-safe.
 *
 * <p>The log carries neither column defaults nor renames. Both come from the {@link SourceCatalog}, read when an event is
 * derived: the derived event's columns (its {@code schema}, {@code added} and the {@code after} of {@code modified}) take
 * their defaults from it, and each shape's columns get their catalog numbers where {@link ColumnNumbers} can tell them.
 * A column of the previous shape and one of the new shape with the same number are one column: renamed when the names
 * differ. Where a column vanished and another appeared and their numbers cannot be told (no catalog, another table of
 * the same name, a catalog that changed too much since), the change is derived as a drop and an add, and a warning says
 * so with a running count; the same for columns that swapped names, which DDML's renames cannot describe. The DML events'
 * schemas carry no defaults, so their fingerprint is the one the shape had without defaults.
 *
 * <p>Tables: a table keeps its catalog identity (PostgreSQL's oid) through {@code ALTER TABLE t RENAME TO u}. The first
 * change of a name not remembered reads the catalog's identity of that name; when a table remembered under another name
 * of the same source and database has it, the change yields a {@code rename_table} from that name (with the column
 * changes since that table's last shape, told by the column numbers as for an {@code alter_table}), and the old name is
 * forgotten. What cannot be told exactly is logged at WARN with a running count ({@link #undecidedTables}): a new name
 * the catalog no longer lists, a new table whose first change is not an insert, a table renamed while a new table with
 * its old name and columns exists.
 *
 * <p>The last shape of a table is kept in memory (at most {@code maxTables}) and, by the caller, in the offset of the
 * derived record ({@link Derived#shape}); a table not in memory is looked up in a {@link ShapeStore} ({@link #withStore}):
 * by its identity, then by its name, so a task started again goes on from the shape it emitted last rather than from
 * nothing, and tells a table renamed while it was stopped.
 */
public final class DerivedDdl {

    private static final Logger LOG = LoggerFactory.getLogger(DerivedDdl.class);

    private final ShapeCache<TableKey, DerivedShape> last;
    private SourceCatalog catalog = SourceCatalog.NONE;
    private ShapeStore store = ShapeStore.NONE;
    private boolean positional = true;
    private long undecided;
    private long undecidedTables;
    /** Per table, the fingerprint of changes repaired by {@link #withKnownKey} (so the catalog is read once for them). */
    private final ShapeCache<TableKey, String> degraded;

    /**
     * A derived event, with the shape it leaves remembered for its table.
     *
     * @param event the derived DDL event
     * @param table the table
     * @param shape what is remembered of the table from now on
     */
    public record Derived(DdmlEvent event, TableKey table, DerivedShape shape) {
    }

    /** A deriver remembering at most {@code maxTables} tables. */
    public DerivedDdl(int maxTables) {
        this.last = new ShapeCache<>(maxTables);
        this.degraded = new ShapeCache<>(maxTables);
    }

    /** Reads column defaults and column numbers from {@code catalog} (none by default). */
    public DerivedDdl withCatalog(SourceCatalog catalog) {
        this.catalog = catalog;
        return this;
    }

    /** Looks up the last shape of a table not in memory in {@code store} (none by default). */
    public DerivedDdl withStore(ShapeStore store) {
        this.store = store;
        return this;
    }

    /**
     * Whether a DML event carries every column the source publishes (true by default); false when the connector filters
     * columns, so that an event's columns are numbered only where their names agree with the catalog's.
     */
    public DerivedDdl withAllColumns(boolean allColumns) {
        this.positional = allColumns;
        return this;
    }

    /**
     * The derived DDL event that must precede {@code event}, if its table's shape changed; remembers
     * the event's shape. Events that are not DML yield nothing.
     */
    public Optional<DdmlEvent> derive(DdmlEvent event) {
        return deriveWithShape(event).map(Derived::event);
    }

    /** As {@link #derive}, with the shape remembered for the table from now on. */
    public Optional<Derived> deriveWithShape(DdmlEvent event) {
        if (event.dml() == null) {
            return Optional.empty();
        }
        Source s = event.source();
        TableKey key = new TableKey(s.name(), s.database(), s.schema(), s.table());
        DerivedShape previous = last.get(key);
        if (previous != null) {
            return sameShape(previous, event) ? Optional.empty()
                : Optional.of(derive(event, key, previous, null, catalog.table(s.schema(), s.table())));
        }
        // A name not in memory: the task started since, the table left the cache, or a name never seen (a new table,
        // or a table renamed). The catalog's identity of the name tells which table it is now.
        Optional<CatalogTable> table = catalog.table(s.schema(), s.table());
        Known known = table.map(t -> known(key, t.relationId())).orElse(Known.NONE);
        if (known.stored() != null && !known.stored().table().equals(key)) {
            return Optional.of(derive(event, key, known.stored().shape(), known.stored().table(), table));
        }
        if (known.untold()) {
            return Optional.of(derive(event, key, null, null, table));
        }
        previous = Optional.ofNullable(known.stored()).map(ShapeStore.Stored::shape).or(() -> store.byName(key)).orElse(null);
        if (previous != null) {
            last.put(key, previous);
            if (sameShape(previous, event)) {
                return Optional.empty();
            }
        } else {
            warnIfNotNew(event, table);
        }
        return Optional.of(derive(event, key, previous, null, table));
    }

    /**
     * The event with its table's remembered primary key and nullability, when the source connector could not read them:
     * Debezium's PostgreSQL connector reads a table's key and its columns' nullability from the catalog by the table's
     * name when it decodes the table's changes, so a change read after the table was renamed or dropped (or its name
     * taken by another table) carries no key (or the other table's) and every column nullable. When the catalog no
     * longer has the remembered table under the event's name, the event's columns that the remembered shape has get
     * their remembered nullability, and the event the remembered key (when it has all of the key's columns); any other
     * event is returned as it is. Without the repair, the derived alter_table would drop the target's key and the change
     * would have no key to apply by.
     */
    public DdmlEvent withKnownKey(DdmlEvent event) {
        if (event.dml() == null || event.schema() == null || catalog == SourceCatalog.NONE) {
            return event;
        }
        Source s = event.source();
        TableKey key = new TableKey(s.name(), s.database(), s.schema(), s.table());
        DerivedShape known = last.get(key);
        TableSchema current = event.schema();
        String fingerprint = current.fingerprint();
        if (known == null || known.schema().fingerprint().equals(fingerprint)) {
            return event;
        }
        TableSchema schema = withKnownKey(current, known.schema());
        if (schema.fingerprint().equals(fingerprint)) {
            return event; // nothing to give back
        }
        if (!fingerprint.equals(degraded.get(key))) {
            Optional<CatalogTable> now = catalog.table(s.schema(), s.table());
            if (now.isPresent() && (known.relationId() == null || known.relationId() == now.get().relationId())) {
                return event; // the table is still there under its name: a real change of key or nullability
            }
            degraded.put(key, fingerprint);
            LOG.info("Changes of table {}.{} read after the table was renamed or dropped carry no primary key and every "
                + "column nullable (the source connector reads them from the catalog by name): they keep the key {} and "
                + "the nullability the table had", s.schema(), s.table(), schema.primaryKey());
        }
        DmlChange d = event.dml();
        DmlChange dml = DdmlKeys.withKeyRow(new DmlChange(d.op(), null, d.before(), d.after(), d.changed()), schema);
        return new DdmlEvent(event.specVersion(), event.id(), s, event.position(), event.transaction(), event.time(), schema,
            dml, null);
    }

    /** {@code now} with the nullability {@code known} gives its columns, and {@code known}'s key when {@code now} has its columns. */
    private static TableSchema withKnownKey(TableSchema now, TableSchema known) {
        List<Column> columns = new ArrayList<>();
        for (Column c : now.columns()) {
            boolean nullable = known.column(c.name()).map(Column::nullable).orElse(c.nullable());
            columns.add(nullable == c.nullable() ? c
                : new Column(c.name(), c.type(), c.nativeType(), nullable, c.defaultValue(), c.length(), c.precision(), c.scale()));
        }
        boolean keyColumns = known.primaryKey().stream().allMatch(k -> now.column(k).isPresent());
        return TableSchema.of(columns, keyColumns ? known.primaryKey() : now.primaryKey());
    }

    private static boolean sameShape(DerivedShape previous, DdmlEvent event) {
        return previous.schema().fingerprint().equals(event.schema().fingerprint());
    }

    /**
     * The table of identity {@code relation} in the key's source and database, as remembered in memory (under another
     * name: a name in memory is never looked up here) or in the store, with the name it had. Untold when the name the
     * store gives was taken over since by another table this task follows (logged and counted).
     */
    private Known known(TableKey key, long relation) {
        Optional<ShapeStore.Stored> inMemory = last.find((k, v) -> v.relationId() != null && v.relationId() == relation
                && java.util.Objects.equals(k.sourceName(), key.sourceName()) && java.util.Objects.equals(k.database(), key.database()))
            .map(e -> new ShapeStore.Stored(e.getKey(), e.getValue()));
        if (inMemory.isPresent()) {
            return new Known(inMemory.get(), false);
        }
        Optional<ShapeStore.Stored> stored = store.byRelation(key.sourceName(), key.database(), relation);
        if (stored.isPresent() && !stored.get().table().equals(key)) {
            TableKey was = stored.get().table();
            DerivedShape now = last.get(was);
            if (now != null && !Long.valueOf(relation).equals(now.relationId())) {
                LOG.warn("Table {}.{} has the catalog identity {} that table {}.{} had, but this task follows another "
                        + "table under the name {} since: derived as a new table (create_table); a target keeps the old "
                        + "table's rows under {}, with the other table's, and gets in {} only the rows changed since "
                        + "(idaas verify lists them). {} table(s) whose identity could not be told since this task started.",
                    key.schema(), key.table(), relation, was.schema(), was.table(), was.table(), was.table(), key.table(),
                    ++undecidedTables);
                return new Known(null, true);
            }
        }
        return new Known(stored.orElse(null), false);
    }

    /**
     * What is known of a table by its catalog identity.
     *
     * @param stored its last shape and the name it had; null when none
     * @param untold whether the identity is one that cannot be followed (logged and counted)
     */
    private record Known(ShapeStore.Stored stored, boolean untold) {
        static final Known NONE = new Known(null, false);
    }

    /**
     * The derived event before {@code event}: a create_table without {@code previous}, else an alter_table from it, or a
     * rename_table from {@code renamedFrom} (whose last shape {@code previous} is) with the column changes since.
     */
    private Derived derive(DdmlEvent event, TableKey key, DerivedShape previous, TableKey renamedFrom,
                           Optional<CatalogTable> table) {
        Source s = event.source();
        TableSchema current = event.schema();
        String position = event.position().sortable();
        // a table no longer in the catalog under its name (renamed or dropped since) is still the one remembered
        Long relation = table.map(CatalogTable::relationId).orElse(previous == null || renamedFrom != null ? null
            : previous.relationId());
        Map<String, Integer> numbers = table.map(t -> ColumnNumbers.assign(names(current), t,
            goneBefore(previous, relation, position), positional)).orElse(Map.of());
        DerivedShape shape = new DerivedShape(current, relation, numbers, position);
        DdlChange ddl;
        if (previous == null) {
            ddl = SchemaDiff.create(current).derived(true).build();
        } else if (renamedFrom == null) {
            ddl = alter(s, previous, shape).derived(true).build();
        } else {
            ddl = renamed(alter(s, previous, shape).build(), renamedFrom);
            last.remove(renamedFrom);
            LOG.info("Table {}.{} is table {}.{} renamed (catalog identity {}): derived rename_table", s.schema(), s.table(),
                renamedFrom.schema(), renamedFrom.table(), relation);
            warnIfTheOldNameIsTaken(renamedFrom, previous, relation, s);
        }
        last.put(key, shape);

        Map<String, String> defaults = table.map(CatalogTable::defaults).orElse(Map.of());
        TableSchema withDefaults = current;
        if (!defaults.isEmpty()) {
            withDefaults = TableSchema.of(current.columns().stream().map(c -> withDefault(c, defaults)).toList(), current.primaryKey());
            ddl = DdlChange.builder(ddl.op()).derived(true)
                .renamedFrom(ddl.renamedFrom())
                .added(ddl.added().stream().map(c -> withDefault(c, defaults)).toList())
                .dropped(ddl.dropped())
                .modified(ddl.modified().stream().map(m -> new ModifiedColumn(m.before(), withDefault(m.after(), defaults))).toList())
                .renamed(ddl.renamed())
                .primaryKey(ddl.primaryKey())
                .build();
        }
        return new Derived(DdmlEvent.builder()
            .source(s)
            .position(SourcePosition.withPhase(event.position(), Phase.DERIVED_DDL))
            .transaction(event.transaction())
            .time(event.time())
            .schema(withDefaults)
            .ddl(ddl)
            .build(), key, shape);
    }

    /** A rename_table from {@code from} carrying the column changes of {@code alter}. */
    private static DdlChange renamed(DdlChange alter, TableKey from) {
        return DdlChange.builder(DdlOp.RENAME_TABLE).derived(true)
            .renamedFrom(new TableRef(from.database(), from.schema(), from.table()))
            .added(alter.added())
            .dropped(alter.dropped())
            .modified(alter.modified())
            .renamed(alter.renamed())
            .primaryKey(alter.primaryKey())
            .build();
    }

    /**
     * After a rename from {@code from}: when another table now has the old name and the old shape's columns, changes of
     * it read before this one could not be told from the renamed table's (the catalog is read only when a shape
     * changes), so they went where the renamed table's went.
     */
    private void warnIfTheOldNameIsTaken(TableKey from, DerivedShape previous, Long relation, Source s) {
        Optional<CatalogTable> now = catalog.table(from.schema(), from.table());
        if (now.isPresent() && !Long.valueOf(now.get().relationId()).equals(relation)
            && liveNames(now.get()).equals(names(previous.schema()))) {
            LOG.warn("Table {}.{} is table {}.{} renamed (derived rename_table), and another table {}.{} with the same "
                    + "columns exists at the source now: changes of {}.{} read before this one and after the rename, if "
                    + "any, could not be told from the renamed table's, so a target holds them in {} and lacks them in "
                    + "{} (idaas verify lists them). {} table(s) whose identity could not be told since this task started.",
                s.schema(), s.table(), from.schema(), from.table(), from.schema(), from.table(), from.schema(), from.table(),
                s.table(), from.table(), ++undecidedTables);
        }
    }

    /**
     * Before the create_table of a table never seen: when the catalog no longer lists it, or its first change is not an
     * insert or a snapshot read, it may be a table renamed from one this connector did not follow, whose earlier rows a
     * target then lacks.
     */
    private void warnIfNotNew(DdmlEvent event, Optional<CatalogTable> table) {
        Source s = event.source();
        DmlOp op = event.dml().op();
        if (table.isEmpty() && catalog != SourceCatalog.NONE) {
            LOG.warn("Table {}.{} is not in the source's catalog (dropped or renamed since this change, or the catalog "
                    + "cannot be read), so whether it is a table this connector captured under another name cannot be "
                    + "told: derived as a new table (create_table); if it was renamed, a target keeps the old table under "
                    + "its old name and gets only the rows changed since. {} table(s) whose identity could not be told "
                    + "since this task started.", s.schema(), s.table(), ++undecidedTables);
        } else if (op == DmlOp.UPDATE || op == DmlOp.DELETE) {
            LOG.warn("The first change this connector reads of table {}.{} is an {}, so the table had rows before (renamed "
                    + "from a table the connector does not capture, captured since a filter change, or offsets reset): "
                    + "derived as a new table (create_table), and a target lacks the rows the source does not change again; "
                    + "an incremental snapshot of the table fills them in. {} table(s) whose identity could not be told "
                    + "since this task started.", s.schema(), s.table(), op.wireName(), ++undecidedTables);
        }
    }

    /** The live, published column names of a catalog table, in number order. */
    private static List<String> liveNames(CatalogTable table) {
        return table.columns().stream().filter(c -> !c.dropped() && !c.generated()).map(CatalogTable.CatalogColumn::name).toList();
    }

    /**
     * Numbers known gone before a change at {@code position}: those a fully numbered earlier shape of the same table did
     * not have. None when the previous shape is not earlier (a change read again after a restart).
     */
    private static Set<Integer> goneBefore(DerivedShape previous, Long relation, String position) {
        if (previous == null || relation == null || !relation.equals(previous.relationId()) || !previous.numbered()
            || previous.position().compareTo(position) > 0) {
            return Set.of();
        }
        return ColumnNumbers.goneBefore(previous.numbers());
    }

    /** The alter_table from the previous shape: renames and replaced columns where both shapes' numbers tell them. */
    private DdlChange.Builder alter(Source s, DerivedShape previous, DerivedShape shape) {
        TableSchema before = previous.schema();
        TableSchema after = shape.schema();
        boolean sameTable = previous.relationId() != null && previous.relationId().equals(shape.relationId());
        Map<String, String> renames = sameTable ? ColumnNumbers.renames(previous.numbers(), shape.numbers()) : Map.of();
        Set<String> replaced = sameTable ? ColumnNumbers.replaced(previous.numbers(), shape.numbers()) : Set.of();
        Map<String, String> applied = SchemaDiff.applicable(before, after, renames);

        Map<String, String> swapped = new LinkedHashMap<>(renames);
        applied.keySet().forEach(swapped::remove);
        List<String> vanished = new ArrayList<>();
        for (Column c : before.columns()) {
            if (after.column(c.name()).isEmpty() && !applied.containsKey(c.name())) {
                vanished.add(c.name());
            }
        }
        List<String> appeared = new ArrayList<>();
        for (Column c : after.columns()) {
            if (before.column(c.name()).isEmpty() && !applied.containsValue(c.name())) {
                appeared.add(c.name());
            }
        }
        boolean unknown = !sameTable || vanished.stream().anyMatch(v -> !previous.numbers().containsKey(v))
            || appeared.stream().anyMatch(a -> !shape.numbers().containsKey(a));
        if (!swapped.isEmpty()) {
            LOG.warn("Table {}.{}: columns swapped names {}, which a DDML rename cannot describe: the derived alter_table "
                    + "leaves them under their old names, so a target's rows written before hold each other's values until "
                    + "the source changes them (idaas verify lists them). {} derived change(s) with renames not described "
                    + "since this task started.", s.schema(), s.table(), swapped, ++undecided);
        } else if (!vanished.isEmpty() && !appeared.isEmpty() && unknown) {
            LOG.warn("Table {}.{}: column(s) {} vanished and {} appeared, and whether one was renamed to another cannot be "
                    + "told ({}): the derived alter_table drops and adds them, so a target loses the values of {} in the rows "
                    + "the source does not change again (idaas verify lists them). {} derived change(s) with renames not "
                    + "described since this task started.", s.schema(), s.table(), vanished, appeared,
                !sameTable ? (shape.relationId() == null ? "the source's catalog was not read"
                    : previous.relationId() == null ? "the previous shape has no catalog identity"
                    : "the table was dropped and created again under its name")
                    : "the source's catalog changed too much since the changes were written",
                vanished, ++undecided);
        }
        return SchemaDiff.alter(before, after, renames, replaced);
    }

    private static List<String> names(TableSchema schema) {
        return schema.columns().stream().map(Column::name).toList();
    }

    private static Column withDefault(Column c, Map<String, String> defaults) {
        String d = defaults.get(c.name());
        return d == null ? c : new Column(c.name(), c.type(), c.nativeType(), c.nullable(), d, c.length(), c.precision(), c.scale());
    }

    /** Derived changes whose renames could not be told or described, since this instance started. */
    public long undecided() {
        return undecided;
    }

    /** Tables whose identity (new, renamed, or another under a known name) could not be told, since this instance started. */
    public long undecidedTables() {
        return undecidedTables;
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
