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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Derives DDL from changes of a table's shape between DML events, for sources whose log carries no
 * DDL (PostgreSQL, SPEC §7.3): it remembers the last shape per table; a DML event whose fingerprint
 * differs yields a derived {@code alter_table} (added, dropped, modified and renamed columns), and the first DML event
 * of a table never seen yields a derived {@code create_table}. The derived event takes the position of the change with
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
 * <p>The last shape of a table is kept in memory (at most {@code maxTables}) and, by the caller, in the offset of the
 * derived record ({@link Derived#shape}); a table not in memory is looked up with {@link #withStore}, so a task started
 * again goes on from the shape it emitted last rather than from nothing.
 */
public final class DerivedDdl {

    private static final Logger LOG = LoggerFactory.getLogger(DerivedDdl.class);

    private final ShapeCache<TableKey, DerivedShape> last;
    private SourceCatalog catalog = SourceCatalog.NONE;
    private Function<TableKey, Optional<DerivedShape>> store = key -> Optional.empty();
    private boolean positional = true;
    private long undecided;

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
    }

    /** Reads column defaults and column numbers from {@code catalog} (none by default). */
    public DerivedDdl withCatalog(SourceCatalog catalog) {
        this.catalog = catalog;
        return this;
    }

    /** Looks up the last shape of a table not in memory in {@code store} (none by default). */
    public DerivedDdl withStore(Function<TableKey, Optional<DerivedShape>> store) {
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
        if (previous == null) {
            previous = store.apply(key).orElse(null);
            if (previous != null) {
                last.put(key, previous);
            }
        }
        return derive(event, key, previous);
    }

    private Optional<Derived> derive(DdmlEvent event, TableKey key, DerivedShape previous) {
        Source s = event.source();
        TableSchema current = event.schema();
        if (previous != null && previous.schema().fingerprint().equals(current.fingerprint())) {
            return Optional.empty();
        }
        Optional<CatalogTable> table = catalog.table(s.schema(), s.table());
        String position = event.position().sortable();
        Long relation = table.map(CatalogTable::relationId).orElse(null);
        Map<String, Integer> numbers = table.map(t -> ColumnNumbers.assign(names(current), t,
            goneBefore(previous, relation, position), positional)).orElse(Map.of());
        DerivedShape shape = new DerivedShape(current, relation, numbers, position);
        DdlChange ddl = (previous == null ? SchemaDiff.create(current) : alter(s, previous, shape)).derived(true).build();
        last.put(key, shape);

        Map<String, String> defaults = table.map(CatalogTable::defaults).orElse(Map.of());
        TableSchema withDefaults = current;
        if (!defaults.isEmpty()) {
            withDefaults = TableSchema.of(current.columns().stream().map(c -> withDefault(c, defaults)).toList(), current.primaryKey());
            ddl = DdlChange.builder(ddl.op()).derived(true)
                .added(ddl.added().stream().map(c -> withDefault(c, defaults)).toList())
                .dropped(ddl.dropped())
                .modified(ddl.modified().stream().map(m -> new ModifiedColumn(m.before(), withDefault(m.after(), defaults))).toList())
                .renamed(ddl.renamed())
                .primaryKey(ddl.primaryKey())
                .build();
        }
        return Optional.of(new Derived(DdmlEvent.builder()
            .source(s)
            .position(SourcePosition.withPhase(event.position(), Phase.DERIVED_DDL))
            .transaction(event.transaction())
            .time(event.time())
            .schema(withDefaults)
            .ddl(ddl)
            .build(), key, shape));
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

    /** Closes the catalog's connection, if any. */
    public void closeCatalog() {
        catalog.close();
    }

    /** The number of tables remembered. */
    public int size() {
        return last.size();
    }
}
