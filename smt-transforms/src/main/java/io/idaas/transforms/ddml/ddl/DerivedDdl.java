package io.idaas.transforms.ddml.ddl;

import io.idaas.ddml.DdlChange;
import io.idaas.ddml.DdmlEvent;
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
 */
public final class DerivedDdl {

    private final ShapeCache<TableKey, TableSchema> last;

    /** A deriver remembering at most {@code maxTables} tables. */
    public DerivedDdl(int maxTables) {
        this.last = ShapeCache.tables(maxTables);
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
        return Optional.of(DdmlEvent.builder()
            .source(s)
            .position(SourcePosition.withPhase(event.position(), Phase.DERIVED_DDL))
            .transaction(event.transaction())
            .time(event.time())
            .schema(current)
            .ddl(change.derived(true).build())
            .build());
    }

    /** The number of tables remembered. */
    public int size() {
        return last.size();
    }
}
