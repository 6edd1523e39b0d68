package io.idaas.transforms.ddml.process;

import io.idaas.ddml.DdlOp;
import io.idaas.ddml.DdmlEvent;
import io.idaas.ddml.TableRef;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Which tables a processor applies to: a table is selected when its qualified name ({@link Events#qualified}) matches
 * one of the include patterns as a whole and none of the exclude patterns. A {@code rename_table} event is selected
 * when its old name or its new name is.
 */
public final class TableSelector {

    /** Selects every table. */
    public static final TableSelector ALL = new TableSelector(List.of(Pattern.compile(".*")), List.of());

    private final List<Pattern> include;
    private final List<Pattern> exclude;

    public TableSelector(List<Pattern> include, List<Pattern> exclude) {
        this.include = List.copyOf(include);
        this.exclude = List.copyOf(exclude);
    }

    /** Whether the table of that qualified name is selected. */
    public boolean selects(String qualifiedName) {
        return matchesAny(include, qualifiedName) && !matchesAny(exclude, qualifiedName);
    }

    /** Whether the table is selected. */
    public boolean selects(TableRef table) {
        return selects(Events.qualified(table));
    }

    /** Whether the event's table (for a rename_table, its old or its new name) is selected. */
    public boolean selects(DdmlEvent event) {
        if (selects(event.source().tableRef())) {
            return true;
        }
        return event.ddl() != null && event.ddl().op() == DdlOp.RENAME_TABLE && selects(event.ddl().renamedFrom());
    }

    private static boolean matchesAny(List<Pattern> patterns, String name) {
        for (Pattern p : patterns) {
            if (p.matcher(name).matches()) {
                return true;
            }
        }
        return false;
    }
}
