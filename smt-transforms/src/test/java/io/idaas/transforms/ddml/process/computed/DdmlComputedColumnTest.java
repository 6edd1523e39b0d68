package io.idaas.transforms.ddml.process.computed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.idaas.ddml.Column;
import io.idaas.ddml.DdmlEvent;
import io.idaas.ddml.DmlChange;
import io.idaas.ddml.Row;
import io.idaas.ddml.TableSchema;
import io.idaas.ddml.types.PortableType;
import io.idaas.transforms.ddml.process.Orders;
import io.idaas.transforms.ddml.process.Processors;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

/** DdmlComputedColumn: values from columns, literals and metadata, typed, in rows, schema and DDL. */
class DdmlComputedColumnTest {

    private static final Row PAID = Orders.row(7, "paid", "12.50", "a@b.c");
    /** Orders.dml's commit time, 1_741_944_413_000_000 microseconds. */
    private static final Instant COMMIT = Instant.parse("2025-03-14T09:26:53Z");

    private static DdmlEvent through(Map<String, String> props, DdmlEvent event) {
        return Processors.through(DdmlComputedColumn::new, props, event);
    }

    private static Map<String, String> column(String name, String type, String expression) {
        return Map.of("column", name, "column.type", type, "expression", expression);
    }

    @Test
    void aConcatenationOfColumnsAndLiteralsIsInBeforeAfterChangedAndTheSchema() {
        DdmlEvent update = Orders.dml(DmlChange.update(PAID, Orders.row(7, "shipped", "12.50", "a@b.c")));
        DdmlEvent out = through(column("label", "string(100)", "status || ' / ' || email || ' / ' || amount"), update);
        assertThat(out.dml().before().get("label")).isEqualTo("paid / a@b.c / 12.50");
        assertThat(out.dml().after().get("label")).isEqualTo("shipped / a@b.c / 12.50");
        assertThat(out.dml().changed()).containsExactly("status", "label");
        List<Column> columns = new ArrayList<>(Orders.SCHEMA.columns());
        columns.add(Column.of("label", PortableType.string(100)));
        assertThat(out.schema()).isEqualTo(TableSchema.of(columns, List.of("id")));
        assertThat(out.schema().fingerprint()).isNotEqualTo(Orders.SCHEMA.fingerprint());
        DdmlEvent nullEmail = through(column("label", "string", "status || email"),
            Orders.dml(DmlChange.insert(Orders.row(8, "new", "1.00", null))));
        assertThat(nullEmail.dml().after().values()).containsEntry("label", null); // a NULL term: NULL, SQL's rule
    }

    @Test
    void aConstantAndSourceMetadataAreTheSameInBeforeAndAfter() {
        DdmlEvent update = Orders.dml(DmlChange.update(PAID, Orders.row(7, "shipped", "12.50", "a@b.c")));
        DdmlEvent region = through(column("region", "string(2)", "'EU'"), update);
        assertThat(region.dml().before().get("region")).isEqualTo("EU");
        assertThat(region.dml().after().get("region")).isEqualTo("EU");
        assertThat(region.dml().changed()).containsExactly("status");
        DdmlEvent origin = through(column("origin", "string", "@source.name || ':' || @source.database || '.' || @source.table"),
            Orders.dml(DmlChange.insert(PAID)));
        assertThat(origin.dml().after().get("origin")).isEqualTo("shop:shop.orders");
        DdmlEvent weight = through(column("weight", "decimal(5,1)", "1.5"), Orders.dml(DmlChange.insert(PAID)));
        assertThat(weight.dml().after().get("weight")).isEqualTo(new java.math.BigDecimal("1.5"));
    }

    @Test
    void theCommitTimeIsTypedAsDeclaredAndBelongsToTheChangeNotToTheOldRow() {
        DdmlEvent update = Orders.dml(DmlChange.update(PAID, Orders.row(7, "shipped", "12.50", "a@b.c")));
        DdmlEvent tz = through(column("changed_at", "timestamptz(6)", "@commit_time"), update);
        assertThat(tz.dml().after().get("changed_at")).isEqualTo(COMMIT);
        assertThat(tz.dml().before().has("changed_at")).isFalse(); // unknown: the old row's commit time is not in the event
        assertThat(tz.dml().changed()).containsExactly("status", "changed_at");
        DdmlEvent micros = through(column("changed_us", "int64", "@commit_time"), update);
        assertThat(micros.dml().after().get("changed_us")).isEqualTo(1_741_944_413_000_000L);
        DdmlEvent text = through(column("changed_text", "string", "'at ' || @commit_time"), update);
        assertThat(text.dml().after().get("changed_text")).isEqualTo("at 2025-03-14T09:26:53.000000Z");
    }

    @Test
    void aSingleColumnIsConvertedToTheDeclaredTypeAndARowLackingItGetsNoValue() {
        DdmlEvent amount = through(column("amount_text", "string", "amount"), Orders.dml(DmlChange.insert(PAID)));
        assertThat(amount.dml().after().get("amount_text")).isEqualTo("12.50");
        DdmlEvent keyOnly = through(column("label", "string", "status"), Orders.dml(DmlChange.delete(Row.of("id", 7L))));
        assertThat(keyOnly.dml().before().values()).isEqualTo(Map.of("id", 7L));
    }

    @Test
    void ddlGetsTheColumnAndLosesItsStatement() {
        DdmlEvent create = through(column("region", "string(2)", "'EU'"), Orders.create());
        assertThat(create.ddl().added()).extracting(Column::name).endsWith("created", "region");
        assertThat(create.ddl().primaryKey()).containsExactly("id");
        assertThat(create.ddl().statement()).isNull();
        DdmlEvent alter = through(column("region", "string(2)", "'EU'"), Orders.addColumn(Column.of("note", PortableType.STRING)));
        assertThat(alter.schema().columns()).extracting(Column::name).endsWith("note", "region");
        assertThat(alter.ddl().added()).extracting(Column::name).containsExactly("note");
    }

    @Test
    void aTableLackingAColumnReadOrHavingTheNewOneAlreadyFailsAndSoDoesAValueTooLong() {
        assertThatThrownBy(() -> through(column("label", "string", "country || status"), Orders.dml(DmlChange.insert(PAID))))
            .isInstanceOf(DataException.class).hasMessageContaining("reads column 'country', which the table does not have");
        assertThatThrownBy(() -> through(column("email", "string", "'x'"), Orders.dml(DmlChange.insert(PAID))))
            .isInstanceOf(DataException.class).hasMessageContaining("the table already has a column 'email'");
        assertThatThrownBy(() -> through(column("label", "string(4)", "status || email"), Orders.dml(DmlChange.insert(PAID))))
            .isInstanceOf(DataException.class).hasMessageContaining("label").hasMessageContaining("Change column, type or expression");
    }

    @Test
    void validateReportsBadExpressionsTypesAndTheirMismatch() {
        DdmlComputedColumn<SourceRecord> t = new DdmlComputedColumn<>();
        assertThat(Processors.errors(t, column("c", "string", "first_name || "), "expression")).singleElement().asString()
            .contains("at position 14").contains("after ||");
        assertThat(Processors.errors(t, column("c", "string", "first_name + last_name"), "expression")).singleElement()
            .asString().contains("expected || (concatenation)");
        assertThat(Processors.errors(t, column("c", "string", "@source.host"), "expression")).singleElement().asString()
            .contains("'@source.host' is not metadata").contains("@source.table");
        assertThat(Processors.errors(t, column("c", "varchar(10)", "'x'"), "column.type")).singleElement().asString()
            .contains("'varchar(10)' is not a portable type");
        assertThat(Processors.errors(t, column("c", "int64", "a || b"), "column.type")).singleElement().asString()
            .contains("declare string or string(n)");
        assertThat(Processors.errors(t, column("c", "decimal(10,2)", "@commit_time"), "column.type")).singleElement().asString()
            .contains("declare timestamptz(6), timestamp(6), int64 (microseconds) or string");
        assertThat(Processors.errors(t, column("c", "int64", "'abc'"), "column.type")).singleElement().asString()
            .contains("the literal 'abc' is not a int64 value");
        assertThat(Processors.errors(t, Map.of(), "column")).singleElement().asString().contains("Missing required");
        assertThat(Processors.errors(t, column("c", "timestamptz(6)", "@commit_time"), "column.type")).isEmpty();
        assertThatThrownBy(() -> t.configure(column("c", "int64", "a || b"))).isInstanceOf(ConfigException.class)
            .hasMessageContaining("declare string");
        DdmlComputedColumnConfig.CONFIG_DEF.configKeys().values().forEach(k -> assertThat(k.documentation).as(k.name).isNotBlank());
        // Connect gives a transform every transforms.<name>.* key, its class as 'type': no key of ours may be 'type'
        assertThat(DdmlComputedColumnConfig.CONFIG_DEF.names()).doesNotContain("type");
    }
}
