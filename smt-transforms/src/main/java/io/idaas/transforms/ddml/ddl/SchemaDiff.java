package io.idaas.transforms.ddml.ddl;

import io.idaas.ddml.Column;
import io.idaas.ddml.DdlChange;
import io.idaas.ddml.DdlOp;
import io.idaas.ddml.ModifiedColumn;
import io.idaas.ddml.RenamedColumn;
import io.idaas.ddml.TableSchema;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The structured difference between two shapes of a table (SPEC §7): added, dropped, modified and
 * renamed columns and the new primary key. Which columns were renamed, and which names stand for another column, is
 * taken from the caller (a DDL statement, or the column numbers of the source's catalog); without them a rename is a
 * drop plus an add.
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
        return alter(before, after, renames, Set.of());
    }

    /**
     * An alter_table from {@code before} to {@code after}.
     *
     * @param renames  column renames, old name to new name; those {@link #applicable} leaves out are not described
     * @param replaced names in both shapes that stand for another column in {@code after} (the old one dropped, a new
     *                 one added under its name): each is both dropped and added
     */
    public static DdlChange.Builder alter(TableSchema before, TableSchema after, Map<String, String> renames,
                                          Set<String> replaced) {
        Map<String, String> applied = applicable(before, after, renames);
        List<RenamedColumn> renamed = new ArrayList<>();
        applied.forEach((from, to) -> renamed.add(new RenamedColumn(from, to)));
        Set<String> renamedTo = new HashSet<>(applied.values());
        Set<String> newColumn = new HashSet<>();
        for (String name : replaced) {
            if (!applied.containsKey(name) && !renamedTo.contains(name) && before.column(name).isPresent()
                && after.column(name).isPresent()) {
                newColumn.add(name);
            }
        }
        List<String> dropped = new ArrayList<>();
        List<ModifiedColumn> modified = new ArrayList<>();
        for (Column old : before.columns()) {
            String to = applied.get(old.name());
            Optional<Column> current = after.column(to != null ? to : old.name());
            if (to == null && (current.isEmpty() || renamedTo.contains(old.name()) || newColumn.contains(old.name()))) {
                dropped.add(old.name());
            } else if (!sameDefinition(old, current.get())) {
                modified.add(new ModifiedColumn(old, current.get()));
            }
        }
        List<Column> added = new ArrayList<>();
        for (Column c : after.columns()) {
            boolean existed = before.column(c.name()).isPresent() && !applied.containsKey(c.name()) && !newColumn.contains(c.name());
            if (!existed && !renamedTo.contains(c.name())) {
                added.add(c);
            }
        }
        DdlChange.Builder b = DdlChange.builder(DdlOp.ALTER_TABLE).added(added).dropped(dropped).modified(modified).renamed(renamed);
        if (!before.primaryKey().equals(after.primaryKey())) {
            b.primaryKey(after.primaryKey());
        }
        return b;
    }

    /**
     * An alter_table to {@code after} by {@code statement}, when the table's previous shape is not known (a task started
     * again, or reading the change again from an earlier offset, has seen no schema-change event of the table): the
     * columns the statement adds (their definitions from {@code after}, in table order), the columns it drops, its
     * column renames (each new name a column of {@code after}, in the statement's order), and {@code after}'s key when
     * the statement adds or drops the primary key. The same as {@link #alter} gives from the previous shape, except
     * {@code modified}, which needs the columns' definitions before the change and is left empty (the event's schema
     * is the authority, SPEC §7). A name both dropped and added (dropped, then added again) is in both lists.
     */
    public static DdlChange.Builder alterByStatement(TableSchema after, String statement) {
        DdlChange.Builder b = DdlChange.builder(DdlOp.ALTER_TABLE);
        Optional<DdlStatements.AlteredColumns> altered = DdlStatements.alteredColumns(statement);
        if (altered.isEmpty() || after == null) {
            return b;
        }
        Map<String, String> renames = DdlStatements.columnRenames(statement);
        Map<String, Long> targets = renames.values().stream().collect(Collectors.groupingBy(t -> t, Collectors.counting()));
        Map<String, String> pending = new LinkedHashMap<>();
        renames.forEach((from, to) -> {
            if (after.column(to).isPresent() && targets.get(to) == 1) {
                pending.put(from, to);
            }
        });
        List<RenamedColumn> renamed = new ArrayList<>();
        inApplicableOrder(pending).forEach((from, to) -> renamed.add(new RenamedColumn(from, to)));
        Set<String> addedNames = altered.get().added();
        List<Column> added = after.columns().stream()
            .filter(c -> addedNames.stream().anyMatch(n -> n.equalsIgnoreCase(c.name()))).toList();
        List<String> dropped = altered.get().dropped().stream().distinct().toList();
        b.added(added).dropped(dropped).renamed(renamed);
        if (altered.get().primaryKey()) {
            b.primaryKey(after.primaryKey());
        }
        return b;
    }

    /**
     * The renames that describe a change from {@code before} to {@code after}, in an order a consumer can apply one after
     * another (SPEC §7): each old name a column of {@code before}, each new name a column of {@code after}, no new name
     * twice; a new name that is an old column's name comes after that column's own rename (a chain: {@code b -> c}
     * before {@code a -> b}) or stands for a dropped column. Renames in a cycle (two columns swapping names) have no
     * such order and are left out.
     */
    public static Map<String, String> applicable(TableSchema before, TableSchema after, Map<String, String> renames) {
        Map<String, Long> targets = renames.values().stream().collect(Collectors.groupingBy(t -> t, Collectors.counting()));
        Map<String, String> pending = new LinkedHashMap<>();
        renames.forEach((from, to) -> {
            if (!from.equals(to) && before.column(from).isPresent() && after.column(to).isPresent() && targets.get(to) == 1) {
                pending.put(from, to);
            }
        });
        return inApplicableOrder(pending);
    }

    /** {@code pending}'s renames ordered so that each new name is free when its turn comes; those in a cycle left out. */
    private static Map<String, String> inApplicableOrder(Map<String, String> renames) {
        Map<String, String> pending = new LinkedHashMap<>(renames);
        Map<String, String> ordered = new LinkedHashMap<>();
        boolean progress = true;
        while (progress) {
            progress = false;
            for (Map.Entry<String, String> r : List.copyOf(pending.entrySet())) {
                if (!pending.containsKey(r.getValue())) {
                    ordered.put(r.getKey(), r.getValue());
                    pending.remove(r.getKey());
                    progress = true;
                }
            }
        }
        return ordered;
    }

    /** Whether two columns have the same definition apart from their names. */
    static boolean sameDefinition(Column a, Column b) {
        return a.type().equals(b.type()) && Objects.equals(a.nativeType(), b.nativeType()) && a.nullable() == b.nullable()
            && Objects.equals(a.defaultValue(), b.defaultValue()) && Objects.equals(a.length(), b.length())
            && Objects.equals(a.precision(), b.precision()) && Objects.equals(a.scale(), b.scale());
    }
}
