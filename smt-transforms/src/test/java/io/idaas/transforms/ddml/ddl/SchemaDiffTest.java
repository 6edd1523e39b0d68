package io.idaas.transforms.ddml.ddl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.idaas.ddml.Column;
import io.idaas.ddml.DdlChange;
import io.idaas.ddml.ModifiedColumn;
import io.idaas.ddml.RenamedColumn;
import io.idaas.ddml.TableSchema;
import io.idaas.ddml.types.PortableType;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Structured differences with renames, on hand-made shapes. */
class SchemaDiffTest {

    /** A table keyed by id: each entry a column name, "name:int" for an int64 column (else string). */
    private static TableSchema shape(String... columns) {
        return TableSchema.of(Arrays.stream(columns).map(c -> {
            String[] p = c.split(":");
            return Column.of(p[0], PortableType.parse(p.length > 1 ? "int64" : "string"));
        }).toList(), List.of("id"));
    }

    private static DdlChange alter(TableSchema before, TableSchema after, Map<String, String> renames, Set<String> replaced) {
        return SchemaDiff.alter(before, after, renames, replaced).build();
    }

    @Test
    void aRenameAndANewColumnUnderTheOldName() {
        DdlChange d = alter(shape("id:int", "a"), shape("id:int", "b", "a"), Map.of("a", "b"), Set.of());
        assertThat(d.renamed()).containsExactly(new RenamedColumn("a", "b"));
        assertThat(d.added()).extracting(Column::name).containsExactly("a");
        assertThat(d.dropped()).isEmpty();
    }

    @Test
    void aRenameWithATypeChangeIsRenamedAndModified() {
        DdlChange d = alter(shape("id:int", "a"), shape("id:int", "m:int"), Map.of("a", "m"), Set.of());
        assertThat(d.renamed()).containsExactly(new RenamedColumn("a", "m"));
        assertThat(d.modified()).extracting(ModifiedColumn::before).extracting(Column::name).containsExactly("a");
        assertThat(d.modified()).extracting(ModifiedColumn::after).extracting(Column::name).containsExactly("m");
        assertThat(d.added()).isEmpty();
        assertThat(d.dropped()).isEmpty();
    }

    @Test
    void aChainIsOrderedSoThatEachNewNameIsFree() {
        // b became c, and a became b
        Map<String, String> renames = new java.util.LinkedHashMap<>();
        renames.put("a", "b");
        renames.put("b", "c");
        DdlChange d = alter(shape("id:int", "a", "b"), shape("id:int", "b", "c"), renames, Set.of());
        assertThat(d.renamed()).containsExactly(new RenamedColumn("b", "c"), new RenamedColumn("a", "b"));
        assertThat(d.added()).isEmpty();
        assertThat(d.dropped()).isEmpty();
    }

    @Test
    void aSwapIsNotDescribed() {
        TableSchema before = shape("id:int", "a", "b");
        TableSchema after = shape("id:int", "b", "a");
        assertThat(SchemaDiff.applicable(before, after, Map.of("a", "b", "b", "a"))).isEmpty();
        DdlChange d = alter(before, after, Map.of("a", "b", "b", "a"), Set.of());
        assertThat(d.renamed()).isEmpty();
        assertThat(d.dropped()).isEmpty();
        assertThat(d.added()).isEmpty();
    }

    @Test
    void aRenameOntoTheNameOfADroppedColumn() {
        DdlChange d = alter(shape("id:int", "a", "b"), shape("id:int", "b"), Map.of("a", "b"), Set.of());
        assertThat(d.renamed()).containsExactly(new RenamedColumn("a", "b"));
        assertThat(d.dropped()).containsExactly("b");
        assertThat(d.added()).isEmpty();
    }

    @Test
    void aReplacedColumnIsDroppedAndAdded() {
        DdlChange d = alter(shape("id:int", "a"), shape("id:int", "a"), Map.of(), Set.of("a"));
        assertThat(d.dropped()).containsExactly("a");
        assertThat(d.added()).extracting(Column::name).containsExactly("a");
    }

    @Test
    void renamesThatDoNotFitTheShapesAreLeftOut() {
        TableSchema before = shape("id:int", "a", "c");
        TableSchema after = shape("id:int", "b", "d");
        // x is no column; two renames to b
        assertThat(SchemaDiff.applicable(before, after, Map.of("x", "d", "a", "b", "c", "b"))).isEmpty();
        assertThat(SchemaDiff.applicable(before, after, Map.of("a", "b", "c", "d"))).containsOnly(entry("a", "b"), entry("c", "d"));
    }

    @Test
    void withoutRenamesARenameIsADropAndAnAdd() {
        DdlChange d = alter(shape("id:int", "a"), shape("id:int", "b"), Map.of(), Set.of());
        assertThat(d.dropped()).containsExactly("a");
        assertThat(d.added()).extracting(Column::name).containsExactly("b");
    }
}
