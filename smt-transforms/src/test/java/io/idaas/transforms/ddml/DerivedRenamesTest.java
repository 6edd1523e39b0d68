package io.idaas.transforms.ddml;

import static io.idaas.transforms.ddml.DebeziumRecords.typed;
import static org.assertj.core.api.Assertions.assertThat;

import io.idaas.ddml.Column;
import io.idaas.ddml.DdlChange;
import io.idaas.ddml.DdlOp;
import io.idaas.ddml.DdmlEvent;
import io.idaas.ddml.DdmlJson;
import io.idaas.ddml.RenamedColumn;
import io.idaas.transforms.ddml.ddl.CatalogTable;
import io.idaas.transforms.ddml.ddl.CatalogTable.CatalogColumn;
import io.idaas.transforms.ddml.ddl.DerivedDdl;
import io.idaas.transforms.ddml.ddl.DerivedShape;
import io.idaas.transforms.ddml.ddl.SourceCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.junit.jupiter.api.Test;

/**
 * Renames derived from PostgreSQL shape changes (SPEC §7.3), with hand-made shapes and a hand-made catalog that, like
 * PostgreSQL's, keeps each column's number through renames, gives new columns new numbers and keeps dropped numbers.
 * The catalog is changed before the events are derived, as when the connector lags behind the DDL.
 */
class DerivedRenamesTest {

    private final DebeziumToDdml mapper = new DebeziumToDdml(new ToDdmlConfig(Map.of()), () -> Ddml.EMIT_US);
    private final Catalog catalog = new Catalog("id", "a", "c");
    private final DerivedDdl derived = new DerivedDdl(100).withCatalog(catalog);
    private long lsn = 0x16B374D48L;

    /** PostgreSQL's catalog of table t, as a test changes it. */
    static final class Catalog implements SourceCatalog {
        long oid = 16384;
        final List<CatalogColumn> columns = new ArrayList<>();

        Catalog(String... names) {
            for (String n : names) {
                add(n);
            }
        }

        Catalog add(String name) {
            columns.add(new CatalogColumn(columns.size() + 1, name, false, false, null));
            return this;
        }

        Catalog rename(String from, String to) {
            columns.replaceAll(c -> !c.dropped() && c.name().equals(from) ? new CatalogColumn(c.number(), to, false, false, null) : c);
            return this;
        }

        Catalog drop(String name) {
            columns.replaceAll(c -> !c.dropped() && c.name().equals(name)
                ? new CatalogColumn(c.number(), "........pg.dropped." + c.number() + "........", true, false, null) : c);
            return this;
        }

        @Override
        public Optional<CatalogTable> table(String schema, String table) {
            return Optional.of(new CatalogTable(oid, columns));
        }
    }

    /**
     * A change of table t (id int4 key, then the given columns: text, or int4 for "name:int"), read at a later
     * position than the one before.
     */
    private DdmlEvent change(String... columns) {
        DebeziumRecords r = DebeziumRecords.postgres("t").column("id", typed(SchemaBuilder.int32(), "INT4", 10, 0));
        for (String c : columns) {
            String[] p = c.split(":");
            r.column(p[0], p.length > 1 ? typed(SchemaBuilder.int32().optional(), "INT4", 10, 0)
                : typed(SchemaBuilder.string().optional(), "TEXT", Integer.MAX_VALUE, 0));
        }
        r.key("id");
        lsn += 0x100;
        r.at("lsn", lsn).at("sequence", "[\"" + lsn + "\",\"" + lsn + "\"]");
        Object[] values = new Object[columns.length + 1];
        values[0] = 1;
        return mapper.map(r.insert(values)).outputs().get(0).event();
    }

    private DdlChange ddl(DdmlEvent change) {
        return ddl(derived, change);
    }

    private static DdlChange ddl(DerivedDdl deriver, DdmlEvent change) {
        DdmlEvent e = deriver.derive(change).orElseThrow();
        assertThat(DdmlJson.read(DdmlJson.write(e))).isEqualTo(e);
        return e.ddl();
    }

    private static List<String> added(DdlChange d) {
        return d.added().stream().map(Column::name).toList();
    }

    @Test
    void aRenameReadInStepIsARename() {
        assertThat(ddl(change("a", "c")).op()).isEqualTo(DdlOp.CREATE_TABLE);
        catalog.rename("a", "b");
        DdlChange d = ddl(change("b", "c"));
        assertThat(d.op()).isEqualTo(DdlOp.ALTER_TABLE);
        assertThat(d.derived()).isTrue();
        assertThat(d.renamed()).containsExactly(new RenamedColumn("a", "b"));
        assertThat(d.dropped()).isEmpty();
        assertThat(d.added()).isEmpty();
        assertThat(derived.undecided()).isZero();
    }

    @Test
    void aRenameReadAfterANewColumnTookTheOldName() {
        ddl(change("a", "c"));
        catalog.rename("a", "b").add("a");
        DdlChange renamed = ddl(change("b", "c"));
        assertThat(renamed.renamed()).containsExactly(new RenamedColumn("a", "b"));
        assertThat(renamed.added()).isEmpty();
        DdlChange added = ddl(change("b", "c", "a"));
        assertThat(added.renamed()).isEmpty();
        assertThat(added(added)).containsExactly("a");
        assertThat(added.dropped()).isEmpty();
    }

    @Test
    void aRenameAndANewColumnOfTheOldNameSeenInOneChange() {
        ddl(change("a", "c"));
        catalog.rename("a", "b").add("a");
        DdlChange d = ddl(change("b", "c", "a"));
        assertThat(d.renamed()).containsExactly(new RenamedColumn("a", "b"));
        assertThat(added(d)).containsExactly("a");
        assertThat(d.dropped()).isEmpty();
    }

    @Test
    void aColumnRenamedTwice() {
        ddl(change("a", "c"));
        catalog.rename("c", "d").rename("d", "e");
        assertThat(ddl(change("a", "d")).renamed()).containsExactly(new RenamedColumn("c", "d"));
        assertThat(ddl(change("a", "e")).renamed()).containsExactly(new RenamedColumn("d", "e"));

        // twice between two changes: one rename
        catalog.rename("e", "f").rename("f", "g");
        assertThat(ddl(change("a", "g")).renamed()).containsExactly(new RenamedColumn("e", "g"));
    }

    @Test
    void aRenameWithATypeChange() {
        ddl(change("a", "c"));
        catalog.rename("a", "m");
        DdlChange d = ddl(change("m:int", "c"));
        assertThat(d.renamed()).containsExactly(new RenamedColumn("a", "m"));
        assertThat(d.modified()).singleElement().satisfies(m -> {
            assertThat(m.before().name()).isEqualTo("a");
            assertThat(m.after().name()).isEqualTo("m");
            assertThat(m.after().type().toString()).isEqualTo("int32");
            assertThat(m.before().type()).isNotEqualTo(m.after().type());
        });
    }

    @Test
    void aRenameThenADropReadAfterBoth() {
        ddl(change("a", "c"));
        catalog.rename("c", "q").drop("q");
        assertThat(ddl(change("a", "q")).renamed()).containsExactly(new RenamedColumn("c", "q"));
        DdlChange drop = ddl(change("a"));
        assertThat(drop.dropped()).containsExactly("q");
        assertThat(drop.renamed()).isEmpty();
    }

    @Test
    void aDropAndANewColumnAreNoRename() {
        ddl(change("a", "c"));
        catalog.drop("a").add("b");
        DdlChange d = ddl(change("c", "b"));
        assertThat(d.renamed()).isEmpty();
        assertThat(d.dropped()).containsExactly("a");
        assertThat(added(d)).containsExactly("b");
        assertThat(derived.undecided()).as("certain: no warning").isZero();
    }

    @Test
    void anOldDropLeavesNoDoubtOnceAShapeWasNumberedInStep() {
        catalog.drop("a");
        ddl(change("c"));
        // read late: c was renamed d, then e, and f added. The dropped number 2 could be the event's d by position,
        // but the earlier shape, numbered in step, had no 2: it was gone before.
        catalog.rename("c", "e").add("f");
        DdlChange d = ddl(change("d"));
        assertThat(d.renamed()).containsExactly(new RenamedColumn("c", "d"));
    }

    @Test
    void withoutTheCatalogARenameIsADropAndAnAddAndCounted() {
        DerivedDdl blind = new DerivedDdl(100);
        ddl(blind, change("a", "c"));
        DdlChange d = ddl(blind, change("b", "c"));
        assertThat(d.renamed()).isEmpty();
        assertThat(d.dropped()).containsExactly("a");
        assertThat(added(d)).containsExactly("b");
        assertThat(blind.undecided()).isEqualTo(1);
    }

    @Test
    void aTableDroppedAndCreatedAgainHasNoRenamesFromTheOldOne() {
        ddl(change("a", "c"));
        catalog.oid = 99999;
        catalog.rename("a", "b");
        DdlChange d = ddl(change("b", "c"));
        assertThat(d.renamed()).isEmpty();
        assertThat(d.dropped()).containsExactly("a");
        assertThat(derived.undecided()).isEqualTo(1);
    }

    @Test
    void columnsThatSwapNamesAreNotDescribedAndCounted() {
        ddl(change("a", "c"));
        catalog.rename("a", "tmp").rename("c", "a").rename("tmp", "c");
        DdlChange d = ddl(change("c", "a"));
        assertThat(d.renamed()).isEmpty();
        assertThat(d.dropped()).isEmpty();
        assertThat(d.added()).isEmpty();
        assertThat(derived.undecided()).isEqualTo(1);
    }

    @Test
    void aTaskStartedAgainGoesOnFromTheStoredShape() {
        DerivedDdl.Derived first = derived.deriveWithShape(change("a", "c")).orElseThrow();
        String stored = first.shape().toJson();
        assertThat(DerivedShape.fromJson(stored)).isEqualTo(first.shape());

        DerivedDdl restarted = new DerivedDdl(100).withCatalog(catalog)
            .withStore(table -> table.equals(first.table()) ? Optional.of(DerivedShape.fromJson(stored)) : Optional.empty());
        catalog.rename("a", "b");
        DdlChange d = ddl(restarted, change("b", "c"));
        assertThat(d.op()).isEqualTo(DdlOp.ALTER_TABLE);
        assertThat(d.renamed()).containsExactly(new RenamedColumn("a", "b"));
        assertThat(restarted.derive(change("b", "c"))).as("same shape: nothing").isEmpty();

        DerivedDdl unchanged = new DerivedDdl(100).withCatalog(catalog).withStore(table -> Optional.of(DerivedShape.fromJson(stored)));
        assertThat(unchanged.derive(change("a", "c"))).as("the stored shape: nothing to derive").isEmpty();
    }

    @Test
    void changesReadAgainAfterARestartRenameBackAndForth() {
        // the stored shape is newer than the changes the connector reads again from its older offset
        DdmlEvent older = change("a", "c");
        catalog.rename("a", "b");
        DerivedDdl.Derived newer = derived.deriveWithShape(change("b", "c")).orElseThrow();
        DerivedDdl restarted = new DerivedDdl(100).withCatalog(catalog).withStore(table -> Optional.of(newer.shape()));
        assertThat(ddl(restarted, older).renamed()).containsExactly(new RenamedColumn("b", "a"));
        assertThat(ddl(restarted, change("b", "c")).renamed()).containsExactly(new RenamedColumn("a", "b"));
    }
}
