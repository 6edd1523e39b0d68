package io.idaas.ddml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.idaas.ddml.types.PortableType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The model's rules: what an event must hold, and what readers refuse. */
class DdmlEventTest {

    private static final TableSchema SCHEMA = TableSchema.of(List.of(
        Column.builder("id", PortableType.INT32).nullable(false).build(), Column.of("a", PortableType.STRING),
        Column.of("b", PortableType.INT64)), List.of("id"));

    private static DdmlEvent.Builder base() {
        return DdmlEvent.builder().source(Source.of(SourceSystem.MYSQL, "m", "db", null, "t"))
            .position(Position.of(SortablePosition.of(SortablePosition.mysql("bin.000001", 4), SortablePosition.Phase.CHANGE, 0), Map.of("file", "bin.000001")))
            .time(Timing.of(1L, 2L, 3L)).schema(SCHEMA);
    }

    @Test
    void keyIsFilledFromThePrimaryKeyAndRowsFollowColumnOrder() {
        DdmlEvent e = base().dml(DmlChange.insert(Row.of("b", 5, "id", 1, "a", "x"))).build();
        assertThat(e.dml().key()).isEqualTo(Row.of("id", 1));
        assertThat(e.dml().after().columns()).containsExactly("id", "a", "b");
        assertThat(e.dml().after().get("b")).isEqualTo(5L);
        assertThat(e.kind()).isEqualTo(EventKind.DML);
        assertThat(e.id()).isEqualTo("m/0000000001:00000000000000000004/2/0000000000");
    }

    @Test
    void aRowShapedForTheEventsSchemaIsTakenAsItIsAndAnyOtherRowIsShapedAgain() {
        java.util.LinkedHashMap<String, Object> values = new java.util.LinkedHashMap<>();
        values.put("id", 1);
        values.put("b", 5);
        Row shaped = Row.shaped(SCHEMA, "after", values);
        assertThat(shaped.get("b")).as("normalized once, there").isEqualTo(5L);
        assertThat(base().dml(DmlChange.insert(shaped)).build().dml().after()).isSameAs(shaped);

        java.util.LinkedHashMap<String, Object> unordered = new java.util.LinkedHashMap<>();
        unordered.put("b", 7);
        unordered.put("id", 2);
        unordered.put("a", "x");
        Row reordered = Row.shaped(SCHEMA, "after", unordered);
        assertThat(reordered.columns()).as("in the schema's column order").containsExactly("id", "a", "b");
        assertThat(reordered).isEqualTo(Row.of("id", 2, "a", "x", "b", 7L));

        // shaped for an equal schema that is another instance: checked and copied as any row
        TableSchema equal = TableSchema.of(SCHEMA.columns(), SCHEMA.primaryKey());
        Row other = Row.shaped(equal, "after", new java.util.LinkedHashMap<>(Map.of("id", 3)));
        Row taken = base().dml(DmlChange.insert(other)).build().dml().after();
        assertThat(taken).isNotSameAs(other).isEqualTo(other);

        assertThatThrownBy(() -> Row.shaped(SCHEMA, "before", new java.util.LinkedHashMap<>(Map.of("id", 1, "zz", 2))))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("before names column zz, which is not in the table "
                + "schema");
        assertThatThrownBy(() -> Row.shaped(SCHEMA, "after", new java.util.LinkedHashMap<>(Map.of("id", "one"))))
            .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("after.id: ");
    }

    @Test
    void updateListsChangedColumns() {
        DmlChange u = DmlChange.update(Row.of("id", 1, "a", "x", "b", null), Row.of("id", 1, "a", "y", "b", null));
        assertThat(base().dml(u).build().dml().changed()).containsExactly("a");
        assertThat(DmlChange.update(null, Row.of("id", 1)).changed()).isNull();
    }

    @Test
    void refusesInconsistentEvents() {
        assertThatThrownBy(() -> base().dml(DmlChange.insert(Row.of("id", 1, "zzz", 1))).build())
            .hasMessageContaining("zzz").hasMessageContaining("not in the table schema");
        assertThatThrownBy(() -> base().dml(DmlChange.insert(Row.of("a", "x"))).build()).hasMessageContaining("primary key column id");
        assertThatThrownBy(() -> base().dml(DmlChange.insert(Row.of("id", "one"))).build()).hasMessageContaining("after.id");
        assertThatThrownBy(() -> base().schema(null).dml(DmlChange.truncate()).build()).hasMessageContaining("table schema");
        assertThatThrownBy(() -> base().build()).hasMessageContaining("exactly one of dml and ddl");
        assertThatThrownBy(() -> new DmlChange(DmlOp.INSERT, null, Row.of("id", 1), Row.of("id", 1), null)).hasMessageContaining("insert");
        assertThatThrownBy(() -> new DmlChange(DmlOp.TRUNCATE, Row.of("id", 1), null, null, null)).hasMessageContaining("truncate");
        assertThatThrownBy(() -> DdlChange.builder(DdlOp.RENAME_TABLE).build()).hasMessageContaining("renamed_from");
        assertThatThrownBy(() -> base().schema(null).ddl(DdlChange.builder(DdlOp.ALTER_TABLE).build()).build()).hasMessageContaining("alter_table");
        assertThatThrownBy(() -> base().specVersion("2.0").dml(DmlChange.truncate()).build()).hasMessageContaining("2.0");
    }

    @Test
    void readersIgnoreUnknownFieldsAndAcceptLaterMinorVersionsAndNewSystems() {
        DdmlEvent e = base().dml(DmlChange.truncate()).build();
        String json = new String(DdmlJson.write(e), StandardCharsets.UTF_8)
            .replace("\"spec_version\":\"1.0\"", "\"spec_version\":\"1.7\",\"future\":{\"x\":1}")
            .replace("\"system\":\"mysql\"", "\"system\":\"cockroachdb\",\"region\":\"eu\"");
        DdmlEvent read = DdmlJson.read(json.getBytes(StandardCharsets.UTF_8));
        assertThat(read.specVersion()).isEqualTo("1.7");
        assertThat(read.source().system()).isEqualTo("cockroachdb");
        assertThat(SourceSystem.of("cockroachdb")).isEmpty();
    }

    @Test
    void readersNameTheBadField() {
        DdmlEvent e = base().dml(DmlChange.insert(Row.of("id", 1, "b", 2))).build();
        String json = new String(DdmlJson.write(e), StandardCharsets.UTF_8);
        assertThatThrownBy(() -> DdmlJson.read(json.replace("\"b\":2", "\"b\":\"two\"").getBytes(StandardCharsets.UTF_8)))
            .hasMessageContaining("after.b");
        assertThatThrownBy(() -> DdmlJson.read(json.replace("\"spec_version\":\"1.0\"", "\"spec_version\":\"2.0\"").getBytes(StandardCharsets.UTF_8)))
            .hasMessageContaining("not readable");
        assertThatThrownBy(() -> DdmlJson.read("{".getBytes(StandardCharsets.UTF_8))).hasMessageContaining("not JSON");
        byte[] avro = DdmlAvro.serialize(e);
        assertThatThrownBy(() -> DdmlAvro.deserialize(java.util.Arrays.copyOf(avro, avro.length - 3))).hasMessageContaining("not an Avro DDML event");
    }

    @Test
    void ddlEventsRoundTrip() {
        Column before = Column.of("a", PortableType.string(10));
        Column after = Column.of("a", PortableType.STRING);
        DdmlEvent e = base().ddl(DdlChange.builder(DdlOp.ALTER_TABLE).statement("ALTER TABLE t MODIFY a TEXT")
            .modified(List.of(new ModifiedColumn(before, after))).renamed(List.of(new RenamedColumn("c", "b")))
            .dropped(List.of("d")).primaryKey(List.of()).build()).build();
        assertThat(DdmlJson.read(DdmlJson.write(e))).isEqualTo(e);
        assertThat(DdmlAvro.deserialize(DdmlAvro.serialize(e))).isEqualTo(e);
        DdmlEvent rename = base().schema(null).source(Source.of(SourceSystem.MYSQL, "m", "db", null, "t2"))
            .ddl(DdlChange.builder(DdlOp.RENAME_TABLE).renamedFrom(new TableRef("db", null, "t")).build()).build();
        assertThat(DdmlAvro.deserialize(DdmlAvro.serialize(rename))).isEqualTo(rename);
        assertThat(DdmlJson.read(DdmlJson.write(rename))).isEqualTo(rename);
    }
}
