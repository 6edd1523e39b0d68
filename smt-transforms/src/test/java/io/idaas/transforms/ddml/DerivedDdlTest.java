package io.idaas.transforms.ddml;

import static io.idaas.transforms.ddml.DebeziumRecords.typed;
import static org.assertj.core.api.Assertions.assertThat;

import io.idaas.ddml.Column;
import io.idaas.ddml.DdlOp;
import io.idaas.ddml.DdmlEvent;
import io.idaas.ddml.DdmlJson;
import io.idaas.ddml.types.PortableType;
import io.idaas.transforms.ddml.ddl.CatalogTable;
import io.idaas.transforms.ddml.ddl.CatalogTable.CatalogColumn;
import io.idaas.transforms.ddml.ddl.DerivedDdl;
import io.idaas.transforms.ddml.dml.DdmlOutput;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

/** DDL derived from PostgreSQL shape changes (SPEC §7.3). */
class DerivedDdlTest {

    private final DebeziumToDdml mapper = new DebeziumToDdml(new ToDdmlConfig(Map.of()), () -> Ddml.EMIT_US);
    private final DerivedDdl derived = new DerivedDdl(100);

    private static DebeziumRecords table(String valueType, Integer length, boolean withUnit) {
        DebeziumRecords r = DebeziumRecords.postgres("readings")
            .column("id", typed(SchemaBuilder.int32(), "INT4", 10, 0))
            .column("value", valueType.equals("NUMERIC")
                ? typed(org.apache.kafka.connect.data.Decimal.builder(2).optional().parameter("connect.decimal.precision", "10"), "NUMERIC", 10, 2)
                : typed(SchemaBuilder.string().optional(), valueType, length, 0));
        if (withUnit) {
            r.column("unit", typed(SchemaBuilder.string().optional(), "VARCHAR", 16, 0));
        }
        return r.key("id");
    }

    private DdmlEvent dml(DebeziumRecords r, Object... values) {
        return mapper.map(r.insert(values)).outputs().get(0).event();
    }

    /** Checks a derived event is valid DDML and round-trips. */
    private static DdmlEvent valid(DdmlEvent e) {
        SourceRecord base = new SourceRecord(Map.of(), Map.of(), "t", null, null, null, null, null);
        Ddml.event(DdmlRecords.toRecord(base, DdmlOutput.of("t", e), true));
        assertThat(DdmlJson.read(DdmlJson.write(e))).isEqualTo(e);
        return e;
    }

    @Test
    void theFirstChangeOfATableYieldsACreateTableJustBeforeIt() {
        DdmlEvent insert = dml(table("VARCHAR", 8, false), 1, "a");
        DdmlEvent create = valid(derived.derive(insert).orElseThrow());

        assertThat(create.ddl().op()).isEqualTo(DdlOp.CREATE_TABLE);
        assertThat(create.ddl().derived()).isTrue();
        assertThat(create.ddl().statement()).isNull();
        assertThat(create.ddl().added()).isEqualTo(insert.schema().columns());
        assertThat(create.ddl().primaryKey()).containsExactly("id");
        assertThat(create.schema()).isEqualTo(insert.schema());
        assertThat(create.position().sortable()).isEqualTo(insert.position().sortable().replace("/2/", "/1/"));
        assertThat(create.position().sortable()).isLessThan(insert.position().sortable());
        assertThat(derived.derive(insert)).as("same shape: nothing").isEmpty();
    }

    @Test
    void derivedColumnsTakeTheirDefaultsFromTheSourcesCatalog() {
        DerivedDdl withCatalog = new DerivedDdl(100).withCatalog((schema, table) -> java.util.Optional.of(new CatalogTable(1,
            List.of(new CatalogColumn(1, "id", false, false, "nextval('readings_id_seq'::regclass)"),
                new CatalogColumn(2, "value", false, false, null),
                new CatalogColumn(3, "unit", false, false, "'C'::character varying")))));
        withCatalog.derive(dml(table("VARCHAR", 8, false), 1, "a"));
        DdmlEvent insert = dml(table("VARCHAR", 8, true), 1, "a", "C");
        DdmlEvent add = valid(withCatalog.derive(insert).orElseThrow());

        assertThat(add.ddl().added()).singleElement().extracting(Column::defaultValue).isEqualTo("'C'::character varying");
        assertThat(add.schema().column("unit").orElseThrow().defaultValue()).isEqualTo("'C'::character varying");
        assertThat(add.schema().column("id").orElseThrow().defaultValue()).isEqualTo("nextval('readings_id_seq'::regclass)");
        assertThat(insert.schema().column("unit").orElseThrow().defaultValue()).as("DML schemas carry none").isNull();
        assertThat(withCatalog.derive(insert)).as("same DML shape: nothing").isEmpty();
    }

    @Test
    void addDropAndRetypeColumns() {
        derived.derive(dml(table("VARCHAR", 8, false), 1, "a"));

        DdmlEvent add = valid(derived.derive(dml(table("VARCHAR", 8, true), 1, "a", "C")).orElseThrow());
        assertThat(add.ddl().op()).isEqualTo(DdlOp.ALTER_TABLE);
        assertThat(add.ddl().added()).extracting(Column::name).containsExactly("unit");
        assertThat(add.ddl().added().get(0).type()).isEqualTo(PortableType.string(16));

        DdmlEvent retype = valid(derived.derive(dml(table("NUMERIC", null, true), 1, new java.math.BigDecimal("1.50"), "C")).orElseThrow());
        assertThat(retype.ddl().modified()).singleElement().satisfies(m -> {
            assertThat(m.before().type()).isEqualTo(PortableType.string(8));
            assertThat(m.after().type()).isEqualTo(PortableType.decimal(10, 2));
        });
        assertThat(retype.ddl().added()).isEmpty();

        DdmlEvent drop = valid(derived.derive(dml(table("NUMERIC", null, false), 1, new java.math.BigDecimal("1.50"))).orElseThrow());
        assertThat(drop.ddl().dropped()).containsExactly("unit");
        assertThat(drop.ddl().primaryKey()).isNull();
    }

    @Test
    void ddlEventsAreNotDerivedFrom() {
        DdmlEvent create = SchemaChangeTestSupport.create(mapper);
        assertThat(derived.derive(create)).isEmpty();
    }
}
