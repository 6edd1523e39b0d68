package io.idaas.connect.jdbc.sink;

import io.idaas.connect.jdbc.JdbcSinkConfig;
import io.idaas.ddml.Column;
import io.idaas.ddml.DdlChange;
import io.idaas.ddml.DdlOp;
import io.idaas.ddml.DdmlEvent;
import io.idaas.ddml.DmlChange;
import io.idaas.ddml.Position;
import io.idaas.ddml.RenamedColumn;
import io.idaas.ddml.Row;
import io.idaas.ddml.SortablePosition;
import io.idaas.ddml.Source;
import io.idaas.ddml.SourceSystem;
import io.idaas.ddml.TableRef;
import io.idaas.ddml.TableSchema;
import io.idaas.ddml.Timing;
import io.idaas.ddml.types.PortableType;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RenamesTest {

    private static JdbcSinkConfig config(String... kv) {
        Map<String, String> props = new java.util.HashMap<>(Map.of("connection.url", "jdbc:postgresql://h/db"));
        for (int i = 0; i < kv.length; i += 2) {
            props.put(kv[i], kv[i + 1]);
        }
        return new JdbcSinkConfig(props);
    }

    @Test
    void badSyntaxIsRefusedNamingTheKeyAndTheFix() {
        for (String bad : List.of("orders", "orders:", ":x", "a:b:c", "shop..orders:x", "a.b.c.d:x", "a:x,a:y")) {
            assertThatThrownBy(() -> config("table.rename", bad)).as(bad).isInstanceOf(ConfigException.class)
                .hasMessageContaining("table.rename");
        }
        assertThatThrownBy(() -> config("table.rename", "orders")).hasMessageContaining("inventory.orders:orders_v2");
        assertThatThrownBy(() -> config("column.rename", "note:remark")).isInstanceOf(ConfigException.class)
            .hasMessageContaining("column.rename").hasMessageContaining("table.column");
        assertThatThrownBy(() -> config("table.rename", "orders:idaas_sink_offsets")).hasMessageContaining("offsets table");
        assertThatThrownBy(() -> config("column.rename", "t.a:_idaas_position")).hasMessageContaining("_idaas_position");
        assertThat(config("table.rename", " inventory.orders : orders_v2 , customers:clients").renames()
            .table(new TableRef("inventory", null, "orders"))).contains("orders_v2");
    }

    @Test
    void theMostSpecificTableEntryWins() {
        Renames r = Renames.parse("orders:any_orders,inventory.orders:inv_orders,shop.public.orders:pg_orders", null);
        assertThat(r.table(new TableRef("inventory", null, "orders"))).contains("inv_orders");
        assertThat(r.table(new TableRef("sales", null, "orders"))).contains("any_orders");
        assertThat(r.table(new TableRef("shop", "public", "orders"))).contains("pg_orders");
        assertThat(r.table(new TableRef("shop", "public", "items"))).isEmpty();
        TableNames names = new TableNames("x_${table}", r);
        assertThat(names.target(new TableRef("inventory", null, "orders"), "t")).isEqualTo("inv_orders");
        assertThat(names.target(new TableRef("inventory", null, "items"), "t")).isEqualTo("x_items");
    }

    @Test
    void columnRenamesReachSchemaKeyRowsAndDdl() {
        Renames r = Renames.parse(null, "orders.id:order_id,inventory.orders.note:remark");
        TableSchema schema = TableSchema.of(List.of(Column.of("id", PortableType.INT32), Column.of("note", PortableType.STRING)),
            List.of("id"));
        DdmlEvent.Builder base = DdmlEvent.builder().source(Source.of(SourceSystem.MARIADB, "m", "inventory", null, "orders"))
            .position(Position.of(SortablePosition.of(SortablePosition.mysql("bin.000001", 4), SortablePosition.Phase.CHANGE, 0), Map.of()))
            .time(Timing.of(1L, 2L, 3L)).schema(schema);
        DdmlEvent update = r.columns(base.dml(DmlChange.update(Row.of("id", 1, "note", "a"), Row.of("id", 1, "note", "b"))).build());
        assertThat(update.schema().columns()).extracting(Column::name).containsExactly("order_id", "remark");
        assertThat(update.schema().primaryKey()).containsExactly("order_id");
        assertThat(update.dml().after().values()).containsEntry("order_id", 1).containsEntry("remark", "b");
        assertThat(update.dml().key().values()).containsOnlyKeys("order_id");
        assertThat(update.dml().changed()).containsExactly("remark");

        DdmlEvent ddl = r.columns(base.dml(null).ddl(DdlChange.builder(DdlOp.ALTER_TABLE)
            .renamed(List.of(new RenamedColumn("memo", "note"))).dropped(List.of("id")).build()).build());
        assertThat(ddl.ddl().renamed()).containsExactly(new RenamedColumn("memo", "remark"));
        assertThat(ddl.ddl().dropped()).containsExactly("order_id");

        DdmlEvent other = base.ddl(null).dml(DmlChange.insert(Row.of("id", 1, "note", "x"))).source(
            Source.of(SourceSystem.MARIADB, "m", "sales", null, "orders")).build();
        assertThat(r.columns(other).schema().columns()).extracting(Column::name).containsExactly("order_id", "note");
    }
}
