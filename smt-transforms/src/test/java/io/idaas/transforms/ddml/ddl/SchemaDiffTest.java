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

    @Test
    void withoutThePreviousShapeTheStatementNamesTheAddedDroppedAndRenamedColumns() {
        DdlChange d = SchemaDiff.alterByStatement(shape("id:int", "b", "extra:int", "more"),
            "ALTER TABLE `db`.`t` ADD COLUMN extra INT DEFAULT 0 AFTER b, DROP COLUMN gone, ADD INDEX i (b), "
                + "CHANGE `a` `b` VARCHAR(20), ADD (more VARCHAR(3), UNIQUE KEY u (more)), DROP FOREIGN KEY fk, ALGORITHM=INPLACE").build();
        assertThat(d.added()).extracting(Column::name).containsExactly("extra", "more");
        assertThat(d.dropped()).containsExactly("gone");
        assertThat(d.renamed()).containsExactly(new RenamedColumn("a", "b"));
        assertThat(d.modified()).isEmpty();
        assertThat(d.primaryKey()).isNull();
    }

    @Test
    void withoutThePreviousShapeAKeyChangeGivesTheNewKeyAndAnIndexNothing() {
        assertThat(SchemaDiff.alterByStatement(shape("id:int", "a"), "alter table t drop primary key, add primary key (id)")
            .build().primaryKey()).containsExactly("id");
        DdlChange index = SchemaDiff.alterByStatement(shape("id:int", "a"), "ALTER TABLE t ADD INDEX ia (a), DROP KEY kb").build();
        assertThat(index.added()).isEmpty();
        assertThat(index.dropped()).isEmpty();
        assertThat(index.primaryKey()).isNull();
        DdlChange ifs = SchemaDiff.alterByStatement(shape("id:int", "a"), "ALTER TABLE t ADD IF NOT EXISTS a TEXT, DROP IF EXISTS `x`").build();
        assertThat(ifs.added()).extracting(Column::name).containsExactly("a");
        assertThat(ifs.dropped()).containsExactly("x");
    }
}
