package io.idaas.transforms.ddml.process.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.idaas.ddml.Column;
import io.idaas.ddml.DdlChange;
import io.idaas.ddml.DdlOp;
import io.idaas.ddml.DdmlEvent;
import io.idaas.ddml.DmlChange;
import io.idaas.ddml.DmlOp;
import io.idaas.ddml.Row;
import io.idaas.ddml.TableRef;
import io.idaas.ddml.TableSchema;
import io.idaas.ddml.types.PortableType;
import io.idaas.transforms.ddml.Ddml;
import io.idaas.transforms.ddml.process.Orders;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

/** DdmlFilter on hand-made DDML records of both sides: tables, ops, and the row condition's rules for updates. */
class DdmlFilterTest {

    private static final Row PAID_BIG = Orders.row(7, "paid", "150.00", "a@b.c");
    private static final Row PAID_SMALL = Orders.row(7, "paid", "12.50", "a@b.c");
    private static final Row NEW_BIG = Orders.row(7, "new", "150.00", "a@b.c");

    @SafeVarargs
    private static <R extends ConnectRecord<R>> DdmlFilter<R> filter(Map.Entry<String, String>... props) {
        DdmlFilter<R> f = new DdmlFilter<>();
        f.configure(Map.ofEntries(props));
        return f;
    }

    private static Map.Entry<String, String> p(String key, String value) {
        return Map.entry(key, value);
    }

    /** The event the filter sends on for {@code event}, on both sides (the same on each); null when dropped. */
    @SafeVarargs
    private static DdmlEvent through(DdmlEvent event, Map.Entry<String, String>... props) {
        DdmlEvent fromSource = checked(DdmlFilterTest.<SourceRecord>filter(props).apply(Orders.source(event)));
        DdmlEvent fromSink = checked(DdmlFilterTest.<SinkRecord>filter(props).apply(Orders.sink(event)));
        assertThat(fromSink).isEqualTo(fromSource);
        return fromSource;
    }

    private static DdmlEvent checked(ConnectRecord<?> record) {
        return record == null ? null : Ddml.event(record);
    }

    @SafeVarargs
    private static DdmlEvent condition(DdmlEvent event, String condition, Map.Entry<String, String>... more) {
        Map.Entry<String, String>[] props = java.util.Arrays.copyOf(more, more.length + 1);
        props[more.length] = p("condition", condition);
        return through(event, props);
    }

    @Test
    void tablesIncludeAndExcludeMatchTheWholeQualifiedNameAndDropTheOthersDdlToo() {
        var include = p("tables.include", "shop\\.orders.*");
        var exclude = p("tables.exclude", "shop\\.orders_archive");
        DdmlEvent orders = Orders.dml(DmlChange.insert(PAID_BIG));
        assertThat(through(orders, include, exclude)).isEqualTo(orders);
        DdmlEvent archive = Orders.dml(Orders.table("shop", "orders_archive"), Orders.SCHEMA, DmlChange.insert(PAID_BIG));
        assertThat(through(archive, include, exclude)).isNull();
        DdmlEvent other = Orders.dml(Orders.table("crm", "orders"), Orders.SCHEMA, DmlChange.insert(PAID_BIG));
        assertThat(through(other, include, exclude)).isNull();
        DdmlEvent otherDdl = Orders.addColumn(Column.of("note", PortableType.STRING));
        otherDdl = new DdmlEvent(otherDdl.specVersion(), otherDdl.id(), Orders.table("crm", "orders"), otherDdl.position(),
            otherDdl.transaction(), otherDdl.time(), otherDdl.schema(), null, otherDdl.ddl());
        assertThat(through(otherDdl, include, exclude)).isNull();
        assertThat(through(Orders.addColumn(Column.of("note", PortableType.STRING)), include, exclude)).isNotNull();
    }

    @Test
    void aRenameCountsForItsOldAndItsNewName() {
        DdmlEvent rename = new DdmlEvent("1.0", "shop/x", Orders.table("shop", "orders_old"), Orders.create().position(),
            null, Orders.create().time(), Orders.SCHEMA, null, DdlChange.builder(DdlOp.RENAME_TABLE)
                .renamedFrom(new TableRef("shop", null, "orders")).build());
        assertThat(through(rename, p("tables.include", "shop\\.orders"))).isEqualTo(rename);
        assertThat(through(rename, p("tables.include", "shop\\.nothing"))).isNull();
    }

    @Test
    void opsKeepOnlyTheListedDmlAndDdlOps() {
        var ops = p("ops", "insert,update,delete,create_table");
        assertThat(through(Orders.dml(DmlChange.read(PAID_BIG)), ops)).isNull();
        assertThat(through(Orders.dml(DmlChange.truncate()), ops)).isNull();
        assertThat(through(Orders.dml(DmlChange.delete(PAID_BIG)), ops)).isNotNull();
        assertThat(through(Orders.create(), ops)).isNotNull();
        assertThat(through(Orders.addColumn(Column.of("note", PortableType.STRING)), ops)).isNull();
    }

    @Test
    void insertsReadsAndDeletesAreKeptWhenTheirRowMatches() {
        String cond = "status = 'paid' AND amount > 100";
        assertThat(condition(Orders.dml(DmlChange.insert(PAID_BIG)), cond)).isNotNull();
        assertThat(condition(Orders.dml(DmlChange.insert(PAID_SMALL)), cond)).isNull();
        assertThat(condition(Orders.dml(DmlChange.read(NEW_BIG)), cond)).isNull();
        assertThat(condition(Orders.dml(DmlChange.delete(PAID_BIG)), cond)).isNotNull();
        assertThat(condition(Orders.dml(DmlChange.delete(PAID_SMALL)), cond)).isNull();
        assertThat(condition(Orders.dml(DmlChange.truncate()), cond)).isNotNull();
    }

    @Test
    void anUpdateMovingOutOfTheConditionIsADeleteOfTheOldRowAndOneMovingInAnInsertOfTheNewRow() {
        String cond = "status = 'paid' AND amount > 100";
        DdmlEvent both = Orders.dml(DmlChange.update(PAID_BIG, Orders.row(7, "paid", "200.00", "x@y.z")));
        assertThat(condition(both, cond)).isEqualTo(both);

        DdmlEvent out = condition(Orders.dml(DmlChange.update(PAID_BIG, PAID_SMALL)), cond);
        assertThat(out.dml().op()).isEqualTo(DmlOp.DELETE);
        assertThat(out.dml().before()).isEqualTo(PAID_BIG);
        assertThat(out.dml().key().values()).isEqualTo(Map.of("id", 7L));
        assertThat(out.dml().after()).isNull();

        DdmlEvent in = condition(Orders.dml(DmlChange.update(NEW_BIG, PAID_BIG)), cond);
        assertThat(in.dml().op()).isEqualTo(DmlOp.INSERT);
        assertThat(in.dml().after()).isEqualTo(PAID_BIG);
        assertThat(in.dml().before()).isNull();
        assertThat(in.dml().changed()).isNull();

        assertThat(condition(Orders.dml(DmlChange.update(NEW_BIG, PAID_SMALL)), cond)).isNull();
    }

    @Test
    void anUpdateWithoutItsOldRowIsSentOnWhenItMatchesAndADeleteByKeyWhenNot() {
        String cond = "status = 'paid'";
        DdmlEvent matches = Orders.dml(DmlChange.update(null, PAID_BIG));
        assertThat(condition(matches, cond)).isEqualTo(matches);
        DdmlEvent gone = condition(Orders.dml(DmlChange.update(null, NEW_BIG)), cond);
        assertThat(gone.dml().op()).isEqualTo(DmlOp.DELETE);
        assertThat(gone.dml().before()).isNull();
        assertThat(gone.dml().key().values()).isEqualTo(Map.of("id", 7L));
        // A delete whose old row holds only the key cannot be told: it is sent on (deleting a missing row does nothing).
        DdmlEvent keyOnly = Orders.dml(DmlChange.delete(Row.of("id", 7L)));
        assertThat(condition(keyOnly, cond)).isEqualTo(keyOnly);
    }

    @Test
    void aNewRowLackingAColumnTakesTheOldRowsValueForIt() {
        Row after = Row.of("id", 7L, "amount", new java.math.BigDecimal("150.00")); // status unchanged, left out
        DdmlEvent in = condition(Orders.dml(DmlChange.update(Orders.row(7, "paid", "12.50", "a@b.c"), after)),
            "status = 'paid' AND amount > 100");
        assertThat(in.dml().op()).isEqualTo(DmlOp.INSERT);
        assertThat(in.dml().after().get("status")).isEqualTo("paid");
        assertThat(in.dml().after().get("email")).isEqualTo("a@b.c");
        DdmlEvent unknown = Orders.dml(DmlChange.update(null, after));
        assertThat(condition(unknown, "status = 'paid'")).isEqualTo(unknown);
    }

    @Test
    void comparisonsAreTypedAndFollowSqlsThreeValuedLogic() {
        DdmlEvent nullStatus = Orders.dml(DmlChange.insert(Orders.row(8, null, "150.00", null)));
        assertThat(condition(nullStatus, "status = 'paid'")).isNull();
        assertThat(condition(nullStatus, "NOT (status = 'paid')")).isNull(); // NOT unknown is unknown
        assertThat(condition(nullStatus, "status IS NULL AND email IS NULL")).isNotNull();
        assertThat(condition(nullStatus, "status IS NOT NULL OR amount >= 150")).isNotNull();
        DdmlEvent paid = Orders.dml(DmlChange.insert(PAID_BIG));
        assertThat(condition(paid, "amount = 150")).isNotNull(); // 150.00 equals 150 numerically
        assertThat(condition(paid, "amount <> 150.0 OR id IN (1, 2)")).isNull();
        assertThat(condition(paid, "status IN ('paid', 'shipped') AND id NOT IN (8, 9)")).isNotNull();
        assertThat(condition(paid, "email LIKE '%@b.c' AND status NOT LIKE 'pa_'")).isNotNull();
        assertThat(condition(paid, "created > '2025-03-14 09:00:00' AND created < '2025-03-14T10:00:00'")).isNotNull();
        assertThat(condition(paid, "created >= '2025-03-15 00:00:00'")).isNull();
        assertThat(condition(paid, "\"status\" = 'paid' and (ID = 7 OR `id` = 7)", p("condition.missing.column", "null")))
            .isNotNull(); // keywords in any case; ID is not id and reads as NULL
    }

    @Test
    void aLiteralOfTheWrongTypeFailsTheRecordNamingTheColumnAndTheFix() {
        DdmlEvent paid = Orders.dml(DmlChange.insert(PAID_BIG));
        assertThatThrownBy(() -> condition(paid, "amount > '100'")).isInstanceOf(DataException.class)
            .hasMessageContaining("table shop.orders").hasMessageContaining("column 'amount' of type decimal(10,2)")
            .hasMessageContaining("write a number without quotes");
        assertThatThrownBy(() -> condition(paid, "created > 'yesterday'")).isInstanceOf(DataException.class)
            .hasMessageContaining("'2025-03-14 09:30:00'");
    }

    @Test
    void aColumnTheTableLacksFailsOrReadsAsNullAsConfigured() {
        DdmlEvent paid = Orders.dml(DmlChange.insert(PAID_BIG));
        assertThatThrownBy(() -> condition(paid, "country = 'DE'")).isInstanceOf(DataException.class)
            .hasMessageContaining("column 'country', which the table does not have")
            .hasMessageContaining("condition.missing.column=null").hasMessageContaining("condition.tables");
        assertThat(condition(paid, "country = 'DE'", p("condition.missing.column", "null"))).isNull();
        assertThat(condition(paid, "country IS NULL", p("condition.missing.column", "null"))).isNotNull();
        // condition.tables: the condition applies only to the tables it names
        assertThat(condition(paid, "country = 'DE'", p("condition.tables", "shop\\.customers"))).isNotNull();
    }

    @Test
    void afterADropColumnTheConditionSeesTheNewShape() {
        TableSchema withoutStatus = TableSchema.of(List.of(Orders.ID, Orders.AMOUNT, Orders.EMAIL, Orders.CREATED), List.of("id"));
        DdmlEvent later = Orders.dml(Orders.table("shop", "orders"), withoutStatus,
            DmlChange.insert(Row.of("id", 9L, "amount", new java.math.BigDecimal("1.00"), "email", null, "created", null)));
        DdmlFilter<SourceRecord> f = filter(p("condition", "status = 'paid'"));
        assertThat(f.apply(Orders.source(Orders.dml(DmlChange.insert(PAID_BIG))))).isNotNull();
        assertThatThrownBy(() -> f.apply(Orders.source(later))).isInstanceOf(DataException.class)
            .hasMessageContaining("'status'");
    }

    @Test
    void ddlIsNotTestedByTheConditionAndTombstonesOfLeftOutTablesAreDropped() {
        DdmlEvent alter = Orders.addColumn(Column.of("note", PortableType.STRING));
        assertThat(condition(alter, "status = 'paid'")).isEqualTo(alter);
        DdmlFilter<SourceRecord> f = filter(p("tables.exclude", "shop\\.orders"));
        SourceRecord insert = Orders.source(Orders.dml(DmlChange.insert(PAID_BIG)));
        assertThat(f.apply(insert)).isNull();
        SourceRecord tombstone = insert.newRecord(insert.topic(), null, null, Map.of("id", 7L), null, null, 0L);
        assertThat(f.apply(tombstone)).isNull();
        SourceRecord otherTopic = tombstone.newRecord("shop.shop.customers", null, null, Map.of("id", 7L), null, null, 0L);
        assertThat(f.apply(otherTopic)).isSameAs(otherTopic);
    }

    private static List<String> errors(Map<String, String> props, String key) {
        for (ConfigValue v : new DdmlFilter<SourceRecord>().config().validate(props)) {
            if (v.name().equals(key)) {
                return v.errorMessages();
            }
        }
        throw new AssertionError("no key " + key);
    }

    @Test
    void validateReportsABadConditionWithItsPositionAndTheFix() {
        assertThat(errors(Map.of("condition", "status = 'paid' AND amount >> 100"), "condition")).singleElement()
            .asString().contains("at position 29").contains("expected a value after amount >")
            .contains("a 'quoted string', a number, TRUE or FALSE");
        assertThat(errors(Map.of("condition", "status = paid"), "condition")).singleElement().asString()
            .contains("at position 10").contains("quote text with single quotes ('paid')");
        assertThat(errors(Map.of("condition", "(status = 'paid'"), "condition")).singleElement().asString()
            .contains("expected ')' to close the '(' at position 1");
        assertThat(errors(Map.of("condition", "status = NULL"), "condition")).singleElement().asString()
            .contains("write IS NULL or IS NOT NULL");
        assertThat(errors(Map.of("condition", "status = 'paid"), "condition")).singleElement().asString()
            .contains("at position 10").contains("is not closed");
        assertThat(errors(Map.of("condition", "status = 'paid' amount > 1"), "condition")).singleElement().asString()
            .contains("expected AND, OR or the end of the condition, found 'amount'");
        assertThat(errors(Map.of("condition", "status = 'paid' AND (amount > 1 OR id IN (1, 2))"), "condition")).isEmpty();
    }

    @Test
    void validateReportsBadTablesOpsAndAConditionWithoutInsertAndDelete() {
        assertThat(errors(Map.of("tables.include", "shop\\.orders(", "condition", ""), "tables.include")).singleElement()
            .asString().contains("'shop\\.orders(' is not a valid Java regular expression").contains("escaping");
        assertThat(errors(Map.of("ops", "insert,upsert"), "ops")).singleElement().asString()
            .contains("'upsert' is not one of [insert, update, delete");
        assertThat(errors(Map.of("ops", ""), "ops")).singleElement().asString().contains("the list is empty");
        Map<String, String> props = new HashMap<>(Map.of("ops", "insert,update", "condition", "status = 'paid'"));
        assertThat(errors(props, "ops")).singleElement().asString().contains("list insert and delete too");
        assertThatThrownBy(() -> new DdmlFilter<SourceRecord>().configure(props)).isInstanceOf(ConfigException.class)
            .hasMessageContaining("list insert and delete too");
        props.put("ops", "insert,update,delete");
        assertThat(errors(props, "ops")).isEmpty();
    }

    @Test
    void everyKeyIsDocumentedWithADisplayName() {
        DdmlFilterConfig.CONFIG_DEF.configKeys().values().forEach(k -> {
            assertThat(k.documentation).as(k.name).isNotBlank();
            assertThat(k.displayName).as(k.name).isNotBlank();
            assertThat(k.group).as(k.name).isNotBlank();
        });
        assertThat(new DdmlFilter<SourceRecord>().version()).isNotBlank();
    }
}
