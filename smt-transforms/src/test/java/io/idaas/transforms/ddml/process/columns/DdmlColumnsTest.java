package io.idaas.transforms.ddml.process.columns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.idaas.ddml.Column;
import io.idaas.ddml.DdlChange;
import io.idaas.ddml.DdlOp;
import io.idaas.ddml.DdmlEvent;
import io.idaas.ddml.DmlChange;
import io.idaas.ddml.ModifiedColumn;
import io.idaas.ddml.RenamedColumn;
import io.idaas.ddml.Row;
import io.idaas.ddml.TableSchema;
import io.idaas.ddml.types.PortableType;
import io.idaas.transforms.ddml.Ddml;
import io.idaas.transforms.ddml.process.Orders;
import io.idaas.transforms.ddml.process.Processors;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

/** DdmlColumns: drop, keep and rename in rows, key, changed, schema with its fingerprint, and DDL. */
class DdmlColumnsTest {

    private static final Row PAID = Orders.row(7, "paid", "12.50", "a@b.c");

    private static DdmlEvent through(Map<String, String> props, DdmlEvent event) {
        return Processors.through(DdmlColumns::new, props, event);
    }

    @Test
    void aDroppedColumnLeavesRowsChangedAndTheSchemaWhoseFingerprintIsTheStandardsOneForTheNewShape() {
        DdmlEvent update = Orders.dml(DmlChange.update(PAID, Orders.row(7, "shipped", "12.50", "x@y.z")));
        DdmlEvent out = through(Map.of("drop", "email,created"), update);
        assertThat(out.dml().before().values()).containsOnlyKeys("id", "status", "amount");
        assertThat(out.dml().after().values()).containsOnlyKeys("id", "status", "amount").containsEntry("status", "shipped");
        assertThat(out.dml().changed()).containsExactly("status");
        assertThat(out.dml().key().values()).isEqualTo(Map.of("id", 7L));
        assertThat(out.schema().columns()).extracting(Column::name).containsExactly("id", "status", "amount");
        assertThat(out.schema().fingerprint()).isEqualTo(Processors.fingerprint("ddml-schema-v1",
            "c\tid\tint64\tBIGINT\t0\t\\N\t\\N\t\\N\t\\N",
            "c\tstatus\tstring(16)\tVARCHAR(16)\t1\t'new'\t16\t\\N\t\\N",
            "c\tamount\tdecimal(10,2)\tDECIMAL(10,2)\t1\t\\N\t\\N\t10\t2",
            "k\tid")).isNotEqualTo(update.schema().fingerprint());
        DdmlEvent delete = through(Map.of("drop", "email"), Orders.dml(DmlChange.delete(PAID)));
        assertThat(delete.dml().before().values()).doesNotContainKey("email");
    }

    @Test
    void keepKeepsOnlyTheListedColumns() {
        DdmlEvent out = through(Map.of("keep", "id,amount"), Orders.dml(DmlChange.insert(PAID)));
        assertThat(out.dml().after().values()).isEqualTo(Map.of("id", 7L, "amount", new java.math.BigDecimal("12.50")));
        assertThat(out.schema().columns()).extracting(Column::name).containsExactly("id", "amount");
    }

    @Test
    void aRenamedKeyColumnIsRenamedInTheKeyThePrimaryKeyAndTheRecordKey() {
        DdmlEvent update = Orders.dml(DmlChange.update(PAID, Orders.row(7, "shipped", "12.50", "a@b.c")));
        for (var record : Orders.bothSides(update)) {
            @SuppressWarnings({"unchecked", "rawtypes"})
            var out = (org.apache.kafka.connect.connector.ConnectRecord<?>) Processors.run(DdmlColumns::new,
                Map.of("rename", "id:order_id,status:state"), (org.apache.kafka.connect.connector.ConnectRecord) record);
            DdmlEvent event = Ddml.event(out);
            assertThat(out.key()).isEqualTo(Map.of("order_id", 7L));
            assertThat(event.schema().primaryKey()).containsExactly("order_id");
            assertThat(event.schema().columns()).extracting(Column::name)
                .containsExactly("order_id", "state", "amount", "email", "created");
            assertThat(event.schema().column("state").orElseThrow().defaultValue()).isEqualTo("'new'");
            assertThat(event.dml().changed()).containsExactly("state");
            assertThat(event.dml().before().get("state")).isEqualTo("paid");
            assertThat(Ddml.headers(out)).containsEntry("ddml.fingerprint", event.schema().fingerprint());
        }
    }

    @Test
    void aTombstoneOfASelectedTablesTopicGetsItsKeyRenamed() {
        DdmlColumns<SourceRecord> t = new DdmlColumns<>();
        t.configure(Map.of("rename", "id:order_id"));
        SourceRecord before = Processors.tombstone(Map.of("id", 7L));
        assertThat(t.apply(before)).isSameAs(before); // no event seen on the topic yet: its table is unknown
        t.apply(Orders.source(Orders.dml(DmlChange.delete(PAID))));
        SourceRecord out = t.apply(Processors.tombstone(Map.of("id", 7L)));
        assertThat(out.key()).isEqualTo(Map.of("order_id", 7L));
        assertThat(out.value()).isNull();
    }

    @Test
    void tablesNotSelectedPassUntouched() {
        SourceRecord insert = Orders.source(Orders.dml(DmlChange.insert(PAID)));
        assertThat(Processors.run(DdmlColumns::new, Map.of("drop", "email", "tables.include", "crm\\..*"), insert))
            .isSameAs(insert);
        assertThat(Processors.run(DdmlColumns::new, Map.of("drop", "nothing_like_it"), insert)).isSameAs(insert);
    }

    @Test
    void createTableAndAddColumnDescribeTheNewShapeAndLoseTheirStatement() {
        DdmlEvent create = through(Map.of("drop", "email", "rename", "status:state"), Orders.create());
        assertThat(create.ddl().added()).extracting(Column::name).containsExactly("id", "state", "amount", "created");
        assertThat(create.ddl().primaryKey()).containsExactly("id");
        assertThat(create.ddl().statement()).isNull();
        assertThat(create.schema().columns()).extracting(Column::name).containsExactly("id", "state", "amount", "created");

        DdmlEvent addDropped = through(Map.of("drop", "note"), Orders.addColumn(Column.of("note", PortableType.STRING)));
        assertThat(addDropped.ddl().added()).isEmpty();
        assertThat(addDropped.schema()).isEqualTo(Orders.SCHEMA);
        assertThat(addDropped.ddl().statement()).isNull();

        DdmlEvent untouched = Orders.addColumn(Column.of("note", PortableType.STRING));
        assertThat(through(Map.of("drop", "other"), untouched)).isEqualTo(untouched); // statement kept
    }

    private static DdmlEvent alter(DdlChange.Builder ddl, List<Column> columns) {
        return Orders.ddl(ddl.statement("ALTER TABLE orders ...").build(), TableSchema.of(columns, List.of("id")));
    }

    @Test
    void renamesModificationsAndDropsInDdlFollowTheMapping() {
        Column mail = new Column("mail", Orders.EMAIL.type(), "VARCHAR(64)", true, null, 64, null, null);
        // the source renames email (dropped here) to mail: the target never had email, so mail is added
        DdmlEvent renamed = through(Map.of("drop", "email"), alter(DdlChange.builder(DdlOp.ALTER_TABLE)
            .renamed(List.of(new RenamedColumn("email", "mail"))), List.of(Orders.ID, Orders.STATUS, Orders.AMOUNT, mail,
            Orders.CREATED)));
        assertThat(renamed.ddl().renamed()).isEmpty();
        assertThat(renamed.ddl().added()).containsExactly(mail);
        // the source renames status to email (dropped here): the target's status goes
        DdmlEvent renamedAway = through(Map.of("drop", "email"), alter(DdlChange.builder(DdlOp.ALTER_TABLE)
            .dropped(List.of("email")).renamed(List.of(new RenamedColumn("status", "email"))),
            List.of(Orders.ID, Orders.AMOUNT, new Column("email", Orders.STATUS.type(), "VARCHAR(16)", true, null, 16,
                null, null), Orders.CREATED)));
        assertThat(renamedAway.ddl().dropped()).containsExactly("status");
        assertThat(renamedAway.ddl().renamed()).isEmpty();
        // a rename of a renamed column: the target's name on the left
        DdmlEvent chain = through(Map.of("rename", "status:state"), alter(DdlChange.builder(DdlOp.ALTER_TABLE)
            .renamed(List.of(new RenamedColumn("status", "phase"))), List.of(Orders.ID,
            new Column("phase", Orders.STATUS.type(), "VARCHAR(16)", true, "'new'", 16, null, null), Orders.AMOUNT,
            Orders.EMAIL, Orders.CREATED)));
        assertThat(chain.ddl().renamed()).containsExactly(new RenamedColumn("state", "phase"));
        // a type change of a dropped column is no change at all
        Column wider = new Column("email", PortableType.string(128), "VARCHAR(128)", true, null, 128, null, null);
        DdmlEvent modified = through(Map.of("drop", "email"), alter(DdlChange.builder(DdlOp.ALTER_TABLE)
            .modified(List.of(new ModifiedColumn(Orders.EMAIL, wider))), List.of(Orders.ID, Orders.STATUS, Orders.AMOUNT,
            wider, Orders.CREATED)));
        assertThat(modified.ddl().modified()).isEmpty();
        DdmlEvent modifiedRenamed = through(Map.of("rename", "email:mail"), alter(DdlChange.builder(DdlOp.ALTER_TABLE)
            .modified(List.of(new ModifiedColumn(Orders.EMAIL, wider))), List.of(Orders.ID, Orders.STATUS, Orders.AMOUNT,
            wider, Orders.CREATED)));
        assertThat(modifiedRenamed.ddl().modified()).singleElement().satisfies(m -> {
            assertThat(m.before().name()).isEqualTo("mail");
            assertThat(m.after().name()).isEqualTo("mail");
            assertThat(m.after().type()).isEqualTo(PortableType.string(128));
        });
    }

    @Test
    void droppingAKeyColumnOrRenamingOntoAColumnFailsTheRecordNamingTheFix() {
        assertThatThrownBy(() -> through(Map.of("drop", "id"), Orders.dml(DmlChange.insert(PAID))))
            .isInstanceOf(DataException.class).hasMessageContaining("table shop.orders")
            .hasMessageContaining("column 'id' is in the primary key [id]").hasMessageContaining("must be kept");
        assertThatThrownBy(() -> through(Map.of("keep", "status,amount"), Orders.create()))
            .isInstanceOf(DataException.class).hasMessageContaining("column 'id' is in the primary key");
        assertThatThrownBy(() -> through(Map.of("rename", "status:email"), Orders.dml(DmlChange.insert(PAID))))
            .isInstanceOf(DataException.class).hasMessageContaining("duplicate column email")
            .hasMessageContaining("must not be a column the table keeps");
    }

    @Test
    void validateReportsContradictoryAndMalformedSettings() {
        DdmlColumns<SourceRecord> t = new DdmlColumns<>();
        assertThat(Processors.errors(t, Map.of("drop", "a", "keep", "b"), "drop")).singleElement().asString()
            .contains("drop and keep are both set");
        assertThat(Processors.errors(t, Map.of("rename", "a-b"), "rename")).singleElement().asString()
            .contains("'a-b' is not a rename: write old:new");
        assertThat(Processors.errors(t, Map.of("rename", "a:b,b:c"), "rename")).singleElement().asString()
            .contains("chain renames").contains("a:c");
        assertThat(Processors.errors(t, Map.of("rename", "a:c,b:c"), "rename")).singleElement().asString()
            .contains("two columns are renamed to 'c'");
        assertThat(Processors.errors(t, Map.of("rename", "a:b", "drop", "a"), "rename")).singleElement().asString()
            .contains("column 'a' is both dropped and renamed");
        assertThat(Processors.errors(t, Map.of("rename", "a:b", "keep", "id,b"), "rename")).singleElement().asString()
            .contains("add 'a' (its name before the rename) to keep");
        assertThat(Processors.errors(t, Map.of("drop", "a,a"), "drop")).singleElement().asString()
            .contains("column 'a' is named twice");
        assertThat(Processors.errors(t, Map.of("rename", "a:b", "keep", "id,a"), "rename")).isEmpty();
        assertThatThrownBy(() -> t.configure(Map.of("drop", "a", "keep", "b"))).isInstanceOf(ConfigException.class)
            .hasMessageContaining("drop and keep are both set");
        DdmlColumnsConfig.CONFIG_DEF.configKeys().values().forEach(k -> assertThat(k.documentation).as(k.name).isNotBlank());
    }

}
