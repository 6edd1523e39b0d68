package io.idaas.transforms.ddml.ddl;

import io.idaas.ddml.Column;
import io.idaas.ddml.DdlChange;
import io.idaas.ddml.DdlOp;
import io.idaas.ddml.ModifiedColumn;
import io.idaas.ddml.RenamedColumn;
import io.idaas.ddml.TableSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The structured difference between two shapes of a table (SPEC §7): added, dropped, modified and
 * renamed columns and the new primary key. Renames are taken only from what the caller knows (a DDL
 * statement); without them a rename is a drop plus an add.
 */
public final class SchemaDiff {

    private SchemaDiff() {
    }

    /** A create_table: every column added, the key set. */
    public static DdlChange.Builder create(TableSchema schema) {
        return DdlChange.builder(DdlOp.CREATE_TABLE).added(schema.columns()).primaryKey(schema.primaryKey());
    }

    /**
     * An alter_table from {@code before} to {@code after}.
     *
     * @param renames column renames known from the statement, old name to new name
     */
    public static DdlChange.Builder alter(TableSchema before, TableSchema after, Map<String, String> renames) {
        Map<String, String> applied = new LinkedHashMap<>();
        renames.forEach((from, to) -> {
            if (before.column(from).isPresent() && before.column(to).isEmpty()
                && after.column(to).isPresent() && after.column(from).isEmpty()) {
                applied.put(from, to);
            }
        });
        List<RenamedColumn> renamed = new ArrayList<>();
        applied.forEach((from, to) -> renamed.add(new RenamedColumn(from, to)));
        List<String> dropped = new ArrayList<>();
        List<ModifiedColumn> modified = new ArrayList<>();
        for (Column old : before.columns()) {
            String now = applied.getOrDefault(old.name(), old.name());
            Optional<Column> current = after.column(now);
            if (current.isEmpty() || (!applied.containsKey(old.name()) && applied.containsValue(old.name()))) {
                dropped.add(old.name());
            } else if (!sameDefinition(old, current.get())) {
                modified.add(new ModifiedColumn(old, current.get()));
            }
        }
        List<Column> added = new ArrayList<>();
        for (Column c : after.columns()) {
            boolean existed = before.column(c.name()).isPresent() && !applied.containsKey(c.name());
            if (!existed && !applied.containsValue(c.name())) {
                added.add(c);
            }
        }
        DdlChange.Builder b = DdlChange.builder(DdlOp.ALTER_TABLE).added(added).dropped(dropped).modified(modified).renamed(renamed);
        if (!before.primaryKey().equals(after.primaryKey())) {
            b.primaryKey(after.primaryKey());
        }
        return b;
    }

    /** Whether two columns have the same definition apart from their names. */
    static boolean sameDefinition(Column a, Column b) {
        return a.type().equals(b.type()) && Objects.equals(a.nativeType(), b.nativeType()) && a.nullable() == b.nullable()
            && Objects.equals(a.defaultValue(), b.defaultValue()) && Objects.equals(a.length(), b.length())
            && Objects.equals(a.precision(), b.precision()) && Objects.equals(a.scale(), b.scale());
    }
}
