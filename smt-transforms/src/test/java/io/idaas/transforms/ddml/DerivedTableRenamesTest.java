package io.idaas.transforms.ddml;

import static io.idaas.transforms.ddml.DebeziumRecords.typed;
import static org.assertj.core.api.Assertions.assertThat;

import io.idaas.ddml.Column;
import io.idaas.ddml.DdlChange;
import io.idaas.ddml.DdlOp;
import io.idaas.ddml.DdmlEvent;
import io.idaas.ddml.DdmlJson;
import io.idaas.ddml.RenamedColumn;
import io.idaas.ddml.TableRef;
import io.idaas.transforms.ddml.ShapeCache.TableKey;
import io.idaas.transforms.ddml.ddl.CatalogTable;
import io.idaas.transforms.ddml.ddl.CatalogTable.CatalogColumn;
import io.idaas.transforms.ddml.ddl.DerivedDdl;
import io.idaas.transforms.ddml.ddl.DerivedShape;
import io.idaas.transforms.ddml.ddl.ShapeStore;
import io.idaas.transforms.ddml.ddl.SourceCatalog;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.junit.jupiter.api.Test;

/**
 * Tables renamed on a PostgreSQL source (SPEC §7.3, "Tables"): a table keeps its oid through {@code ALTER TABLE t RENAME
 * TO u}, so the first change of {@code u} yields a derived {@code rename_table} from {@code t}. With a hand-made catalog
 * of several tables that, like PostgreSQL's, keeps a table's oid and its columns' numbers through renames, changed
 * before the events are derived, as when the connector lags behind the DDL.
 */
class DerivedTableRenamesTest {

    private final DebeziumToDdml mapper = new DebeziumToDdml(new ToDdmlConfig(Map.of()), () -> Ddml.EMIT_US);
    private final Catalog catalog = new Catalog();
    private final DerivedDdl derived = new DerivedDdl(100).withCatalog(catalog);
    private long lsn = 0x16B374D48L;

    /** PostgreSQL's catalog of schema public: tables by name, each with its oid and numbered columns. */
    static final class Catalog implements SourceCatalog {
        private long nextOid = 16384;
        final Map<String, CatalogTable> tables = new LinkedHashMap<>();

        Catalog create(String table, String... columns) {
            List<CatalogColumn> cs = new ArrayList<>();
            for (String c : columns) {
                cs.add(new CatalogColumn(cs.size() + 1, c, false, false, null));
            }
            tables.put(table, new CatalogTable(nextOid++, cs));
            return this;
        }

        Catalog renameTable(String from, String to) {
            tables.put(to, tables.remove(from));
            return this;
        }

        Catalog drop(String table) {
            tables.remove(table);
            return this;
        }

        Catalog renameColumn(String table, String from, String to) {
            CatalogTable t = tables.get(table);
            tables.put(table, new CatalogTable(t.relationId(), t.columns().stream()
                .map(c -> !c.dropped() && c.name().equals(from) ? new CatalogColumn(c.number(), to, false, false, null) : c)
                .toList()));
            return this;
        }

        Catalog addColumn(String table, String name) {
            CatalogTable t = tables.get(table);
            List<CatalogColumn> cs = new ArrayList<>(t.columns());
            cs.add(new CatalogColumn(cs.size() + 1, name, false, false, null));
            tables.put(table, new CatalogTable(t.relationId(), cs));
            return this;
        }

        long oid(String table) {
            return tables.get(table).relationId();
        }

        @Override
        public Optional<CatalogTable> table(String schema, String table) {
            return Optional.ofNullable(tables.get(table));
        }
    }

    /** The offsets a task leaves: shapes by identity (with the table's name) and by name, as DerivedShapeOffsets keeps them. */
    static final class Offsets implements ShapeStore {
        final Map<Long, Stored> byRelation = new HashMap<>();
        final Map<TableKey, DerivedShape> byName = new HashMap<>();

        void keep(DerivedDdl.Derived d) {
            if (d.shape().relationId() != null) {
                byRelation.put(d.shape().relationId(), new Stored(d.table(), d.shape()));
            } else {
                byName.put(d.table(), d.shape());
            }
        }

        @Override
        public Optional<DerivedShape> byName(TableKey table) {
            return Optional.ofNullable(byName.get(table));
        }

        @Override
        public Optional<Stored> byRelation(String sourceName, String database, long relationId) {
            return Optional.ofNullable(byRelation.get(relationId));
        }
    }

    /** A change of public.{@code table} (id int4 key, then text columns), read at a later position than the one before. */
    private DdmlEvent insert(String table, String... columns) {
        return mapper.map(records(table, columns).insert(values(columns))).outputs().get(0).event();
    }

    private DdmlEvent update(String table, String... columns) {
        return mapper.map(records(table, columns).update(null, values(columns))).outputs().get(0).event();
    }

    private DebeziumRecords records(String table, String... columns) {
        DebeziumRecords r = DebeziumRecords.postgres(table).column("id", typed(SchemaBuilder.int32(), "INT4", 10, 0));
        for (String c : columns) {
            r.column(c, typed(SchemaBuilder.string().optional(), "TEXT", Integer.MAX_VALUE, 0));
        }
        r.key("id");
        lsn += 0x100;
        return r.at("lsn", lsn).at("sequence", "[\"" + lsn + "\",\"" + lsn + "\"]");
    }

    /**
     * An update of public.{@code table} as Debezium's PostgreSQL connector writes it when it decodes a change after the
     * table's name left the catalog: no key, every column optional.
     */
    private DdmlEvent keylessUpdate(String table, String... columns) {
        DebeziumRecords r = DebeziumRecords.postgres(table).column("id", typed(SchemaBuilder.int32().optional(), "INT4", 10, 0));
        for (String c : columns) {
            r.column(c, typed(SchemaBuilder.string().optional(), "TEXT", Integer.MAX_VALUE, 0));
        }
        lsn += 0x100;
        r.at("lsn", lsn).at("sequence", "[\"" + lsn + "\",\"" + lsn + "\"]");
        return mapper.map(r.update(null, values(columns))).outputs().get(0).event();
    }

    private static Object[] values(String... columns) {
        Object[] values = new Object[columns.length + 1];
        values[0] = 1;
        return values;
    }

    private DdmlEvent ddl(DdmlEvent change) {
        return ddl(derived, change);
    }

    private static DdmlEvent ddl(DerivedDdl deriver, DdmlEvent change) {
        DdmlEvent e = deriver.derive(change).orElseThrow();
        assertThat(DdmlJson.read(DdmlJson.write(e))).isEqualTo(e);
        return e;
    }

    private static TableRef table(String name) {
        return new TableRef("idaas", "public", name);
    }

    @Test
    void aTableRenamedArrivesAsARenameBeforeTheNewNamesFirstChange() {
        catalog.create("t", "id", "a");
        assertThat(ddl(insert("t", "a")).ddl().op()).isEqualTo(DdlOp.CREATE_TABLE);
        catalog.renameTable("t", "u");
        DdmlEvent rename = ddl(update("u", "a"));
        assertThat(rename.ddl().op()).isEqualTo(DdlOp.RENAME_TABLE);
        assertThat(rename.ddl().derived()).isTrue();
        assertThat(rename.ddl().renamedFrom()).isEqualTo(table("t"));
        assertThat(rename.source().table()).isEqualTo("u");
        assertThat(rename.schema().columns()).extracting(Column::name).containsExactly("id", "a");
        assertThat(rename.ddl().added()).isEmpty();
        assertThat(rename.ddl().dropped()).isEmpty();
        assertThat(rename.ddl().renamed()).isEmpty();
        assertThat(rename.position().sortable()).contains("/1/");
        assertThat(derived.derive(update("u", "a"))).as("the same shape: nothing").isEmpty();
        assertThat(derived.undecidedTables()).isZero();
        assertThat(derived.size()).as("t forgotten").isEqualTo(1);
    }

    @Test
    void aTableRenamedTwiceBeforeTheConnectorReadsIsOneRename() {
        catalog.create("t", "id", "a");
        ddl(insert("t", "a"));
        catalog.renameTable("t", "u").renameTable("u", "v");
        assertThat(ddl(update("v", "a")).ddl().renamedFrom()).isEqualTo(table("t"));
    }

    @Test
    void aTableRenamedTwiceWithChangesBetweenIsTwoRenames() {
        catalog.create("t", "id", "a");
        ddl(insert("t", "a"));
        catalog.renameTable("t", "u");
        DdmlEvent first = update("u", "a");
        catalog.renameTable("u", "v");
        // read after both renames: u is no longer in the catalog, but the table remembered as t has u's oid no more
        // either: u cannot be told. v then is the renamed t.
        assertThat(ddl(first).ddl().op()).isEqualTo(DdlOp.CREATE_TABLE);
        assertThat(derived.undecidedTables()).isEqualTo(1);
        assertThat(ddl(update("v", "a")).ddl().renamedFrom()).isEqualTo(table("t"));

        // read in step: each rename from the name before
        catalog.create("x", "id", "a");
        ddl(insert("x", "a"));
        catalog.renameTable("x", "y");
        assertThat(ddl(update("y", "a")).ddl().renamedFrom()).isEqualTo(table("x"));
        catalog.renameTable("y", "z");
        assertThat(ddl(update("z", "a")).ddl().renamedFrom()).isEqualTo(table("y"));
    }

    @Test
    void aRenameWithColumnChangesCarriesThem() {
        catalog.create("t", "id", "a", "c");
        ddl(insert("t", "a", "c"));
        catalog.renameTable("t", "u").renameColumn("u", "a", "b").addColumn("u", "d");
        DdlChange d = ddl(update("u", "b", "c", "d")).ddl();
        assertThat(d.op()).isEqualTo(DdlOp.RENAME_TABLE);
        assertThat(d.renamedFrom()).isEqualTo(table("t"));
        assertThat(d.renamed()).containsExactly(new RenamedColumn("a", "b"));
        assertThat(d.added()).extracting(Column::name).containsExactly("d");
        assertThat(d.dropped()).isEmpty();
        assertThat(derived.undecided()).isZero();
    }

    @Test
    void aNewTableUnderTheOldNameIsANewTable() {
        catalog.create("t", "id", "a");
        ddl(insert("t", "a"));
        catalog.renameTable("t", "u").create("t", "id", "x");
        assertThat(ddl(update("u", "a")).ddl().renamedFrom()).isEqualTo(table("t"));
        assertThat(derived.undecidedTables()).as("the new t has other columns: no change of it was taken for u's").isZero();
        DdmlEvent created = ddl(insert("t", "x"));
        assertThat(created.ddl().op()).isEqualTo(DdlOp.CREATE_TABLE);
        assertThat(created.source().table()).isEqualTo("t");
    }

    @Test
    void aNewTableUnderTheOldNameWithTheSameColumnsIsCounted() {
        catalog.create("t", "id", "a");
        ddl(insert("t", "a"));
        catalog.renameTable("t", "u").create("t", "id", "a");
        // a change of the new t read now would pass as the old t's (same shape): it cannot be told, so it is counted
        assertThat(derived.derive(insert("t", "a"))).isEmpty();
        assertThat(ddl(update("u", "a")).ddl().renamedFrom()).isEqualTo(table("t"));
        assertThat(derived.undecidedTables()).isEqualTo(1);
        assertThat(ddl(insert("t", "a")).ddl().op()).as("after the rename, t is new").isEqualTo(DdlOp.CREATE_TABLE);
    }

    @Test
    void aTableRenamedAndDroppedBeforeTheConnectorReadsCannotBeTold() {
        catalog.create("t", "id", "a");
        ddl(insert("t", "a"));
        catalog.renameTable("t", "u").drop("u");
        assertThat(ddl(update("u", "a")).ddl().op()).isEqualTo(DdlOp.CREATE_TABLE);
        assertThat(derived.undecidedTables()).isEqualTo(1);
    }

    @Test
    void aTableWhoseFirstChangeIsAnUpdateHadRowsBeforeAndIsCounted() {
        // renamed into the connector's table filter from a table it did not capture: no rename can be derived
        catalog.create("u", "id", "a");
        assertThat(ddl(update("u", "a")).ddl().op()).isEqualTo(DdlOp.CREATE_TABLE);
        assertThat(derived.undecidedTables()).isEqualTo(1);
        catalog.create("w", "id", "a");
        assertThat(ddl(insert("w", "a")).ddl().op()).isEqualTo(DdlOp.CREATE_TABLE);
        assertThat(derived.undecidedTables()).as("an insert: a new table").isEqualTo(1);
    }

    @Test
    void aTaskStartedAgainTellsATableRenamedWhileItWasStopped() {
        Offsets offsets = new Offsets();
        catalog.create("t", "id", "a");
        offsets.keep(derived.deriveWithShape(insert("t", "a")).orElseThrow());
        assertThat(offsets.byRelation).containsOnlyKeys(catalog.oid("t"));

        catalog.renameTable("t", "u").renameColumn("u", "a", "b");
        DerivedDdl restarted = new DerivedDdl(100).withCatalog(catalog).withStore(offsets);
        DerivedDdl.Derived rename = restarted.deriveWithShape(update("u", "b")).orElseThrow();
        assertThat(rename.event().ddl().op()).isEqualTo(DdlOp.RENAME_TABLE);
        assertThat(rename.event().ddl().renamedFrom()).isEqualTo(table("t"));
        assertThat(rename.event().ddl().renamed()).containsExactly(new RenamedColumn("a", "b"));
        offsets.keep(rename);
        assertThat(offsets.byRelation.get(catalog.oid("u")).table().table()).isEqualTo("u");

        DerivedDdl again = new DerivedDdl(100).withCatalog(catalog).withStore(offsets);
        assertThat(again.derive(update("u", "b"))).as("the stored shape of u: nothing").isEmpty();
    }

    @Test
    void aStoredNameTakenOverByAnotherTableIsNoRename() {
        Offsets offsets = new Offsets();
        catalog.create("t", "id", "a");
        offsets.keep(derived.deriveWithShape(insert("t", "a")).orElseThrow());
        catalog.renameTable("t", "u").create("t", "id", "x");
        DerivedDdl restarted = new DerivedDdl(100).withCatalog(catalog).withStore(offsets);
        // the new t's change is read first (with another shape: derived against nothing remembered of the new oid)
        assertThat(ddl(restarted, insert("t", "x")).ddl().op()).isEqualTo(DdlOp.CREATE_TABLE);
        // u has the oid the store names t, but t is another table now: no rename of it, and counted
        assertThat(ddl(restarted, update("u", "a")).ddl().op()).isEqualTo(DdlOp.CREATE_TABLE);
        assertThat(restarted.undecidedTables()).isEqualTo(1);
    }

    @Test
    void aChangeReadAfterTheRenameKeepsTheTablesKey() {
        catalog.create("t", "id", "a");
        ddl(insert("t", "a"));
        catalog.renameTable("t", "u");
        DdmlEvent late = keylessUpdate("t", "a");
        assertThat(late.schema().primaryKey()).as("as Debezium reads it late").isEmpty();
        DdmlEvent known = derived.withKnownKey(late);
        assertThat(known.schema().primaryKey()).containsExactly("id");
        assertThat(known.schema().column("id").orElseThrow().nullable()).isFalse();
        assertThat(known.dml().key().values()).containsExactly(Map.entry("id", 1));
        assertThat(known.id()).isEqualTo(late.id());
        assertThat(derived.derive(known)).as("the table's shape: nothing derived").isEmpty();
        assertThat(ddl(update("u", "a")).ddl().renamedFrom()).as("still a rename").isEqualTo(table("t"));

        // a column added before the rename, its change read after it: an alter_table of t, which is still the table
        // that u's changes then rename
        catalog.create("c", "id", "a");
        ddl(insert("c", "a"));
        catalog.addColumn("c", "b").renameTable("c", "d");
        DdmlEvent widened = derived.withKnownKey(keylessUpdate("c", "a", "b"));
        assertThat(widened.schema().primaryKey()).containsExactly("id");
        DdlChange alter = ddl(widened).ddl();
        assertThat(alter.op()).isEqualTo(DdlOp.ALTER_TABLE);
        assertThat(alter.added()).extracting(Column::name).containsExactly("b");
        assertThat(alter.primaryKey()).as("the key unchanged").isNull();
        assertThat(ddl(update("d", "a", "b")).ddl().renamedFrom()).isEqualTo(table("c"));

        // while the table is still there under its name, a lost key is a real change
        catalog.create("k", "id", "a");
        ddl(insert("k", "a"));
        DdmlEvent real = keylessUpdate("k", "a");
        assertThat(derived.withKnownKey(real)).isSameAs(real);
        assertThat(ddl(real).ddl().primaryKey()).isEmpty();
    }

    @Test
    void withoutACatalogARenamedTableIsANewOne() {
        DerivedDdl blind = new DerivedDdl(100);
        assertThat(ddl(blind, insert("t", "a")).ddl().op()).isEqualTo(DdlOp.CREATE_TABLE);
        assertThat(ddl(blind, insert("u", "a")).ddl().op()).isEqualTo(DdlOp.CREATE_TABLE);
    }
}
