package io.idaas.connect.jdbc.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.idaas.ddml.Column;
import io.idaas.ddml.DdlChange;
import io.idaas.ddml.DdlOp;
import io.idaas.ddml.DdmlEvent;
import io.idaas.ddml.DmlChange;
import io.idaas.ddml.Position;
import io.idaas.ddml.RenamedColumn;
import io.idaas.ddml.Row;
import io.idaas.ddml.Source;
import io.idaas.ddml.SourceSystem;
import io.idaas.ddml.TableRef;
import io.idaas.ddml.TableSchema;
import io.idaas.ddml.Timing;
import io.idaas.ddml.types.PortableType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Events of a renamed table's old name, written before the rename and read after it, go to the renamed table with
 * the rename's column changes; later ones stay a new table of the old name.
 */
class TableRenameLogTest {

    private static TableSchema schema(String... columns) {
        List<Column> cs = new java.util.ArrayList<>(List.of(Column.builder("id", PortableType.INT32).nullable(false).build()));
        for (String c : columns) {
            cs.add(Column.of(c, PortableType.STRING));
        }
        return TableSchema.of(cs, List.of("id"));
    }

    private static DdmlEvent.Builder at(String source, String table, String position, TableSchema schema) {
        return DdmlEvent.builder().source(Source.of(SourceSystem.POSTGRESQL, source, "db", "public", table))
            .position(Position.of(position, Map.of())).time(Timing.of(1L, 2L, 3L)).schema(schema);
    }

    private static DdmlEvent rename(String from, String to, String position, DdlChange.Builder columns) {
        return at("pg", to, position, schema()).ddl(columns.renamedFrom(new TableRef("db", "public", from)).build()).build();
    }

    private static DdlChange.Builder noColumns() {
        return DdlChange.builder(DdlOp.RENAME_TABLE);
    }

    private static DdmlEvent row(String source, String table, String position, String... columns) {
        Object[] values = new Object[2 + 2 * columns.length];
        values[0] = "id";
        values[1] = 1;
        for (int i = 0; i < columns.length; i++) {
            values[2 + 2 * i] = columns[i];
            values[3 + 2 * i] = "v" + i;
        }
        return at(source, table, position, schema(columns)).dml(DmlChange.insert(Row.of(values))).build();
    }

    @Test
    void anEventBeforeTheRenameBelongsToTheRenamedTable() {
        TableRenameLog log = new TableRenameLog();
        DdmlEvent early = row("pg", "t", "0005/2/0");
        assertThat(log.current(early)).isSameAs(early);
        log.renamed(rename("t", "u", "0010/1/0", noColumns()));
        assertThat(log.current(early).source().table()).isEqualTo("u");
        assertThat(log.current(early).id()).isEqualTo(early.id());
        assertThat(log.current(row("pg", "t", "0010/2/0")).source().table()).as("a new table t, after the rename").isEqualTo("t");
        assertThat(log.current(row("other", "t", "0005/2/0")).source().table()).as("another source's t").isEqualTo("t");
    }

    @Test
    void theRenamesColumnChangesApplyToTheLateEvent() {
        TableRenameLog log = new TableRenameLog();
        log.renamed(rename("t", "u", "0010/1/0", noColumns().renamed(List.of(new RenamedColumn("b", "c"),
            new RenamedColumn("a", "b"))).dropped(List.of("q"))));
        DdmlEvent moved = log.current(row("pg", "t", "0005/2/0", "a", "b", "q"));
        assertThat(moved.schema().columns()).extracting(Column::name).containsExactly("id", "b", "c");
        assertThat(moved.dml().after().values()).containsExactly(Map.entry("id", 1), Map.entry("b", "v0"), Map.entry("c", "v1"));
    }

    @Test
    void renamesFollowOneAnother() {
        TableRenameLog log = new TableRenameLog();
        log.renamed(rename("t", "u", "0010/1/0", noColumns()));
        log.renamed(rename("u", "v", "0020/1/0", noColumns()));
        assertThat(log.current(row("pg", "t", "0005/2/0")).source().table()).isEqualTo("v");
        assertThat(log.current(row("pg", "u", "0015/2/0")).source().table()).isEqualTo("v");
        assertThat(log.current(row("pg", "u", "0025/2/0")).source().table()).isEqualTo("u");
    }

    @Test
    void aReplayedOlderRenameDoesNotHideANewerOne() {
        TableRenameLog log = new TableRenameLog();
        log.renamed(rename("t", "u", "0030/1/0", noColumns()));
        log.renamed(rename("t", "v", "0010/1/0", noColumns()));
        assertThat(log.current(row("pg", "t", "0020/2/0")).source().table()).isEqualTo("u");
    }

    @Test
    void aSwapBackEnds() {
        TableRenameLog log = new TableRenameLog();
        log.renamed(rename("t", "u", "0010/1/0", noColumns()));
        log.renamed(rename("u", "t", "0020/1/0", noColumns()));
        assertThat(log.current(row("pg", "t", "0005/2/0")).source().table()).as("renamed to u, then back to t").isEqualTo("t");
        assertThat(log.current(row("pg", "u", "0015/2/0")).source().table()).isEqualTo("t");
    }
}
