package io.idaas.transforms.ddml;

import static io.idaas.transforms.ddml.DebeziumRecords.typed;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.idaas.ddml.DdmlEvent;
import io.idaas.ddml.DmlOp;
import java.math.BigDecimal;
import java.util.List;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

/** Every op of the MariaDB connector, on the orders table of SPEC §13.1. */
class MariaDbToDdmlTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final ToDdml<SourceRecord> toDdml = Ddml.transform();

    static DebeziumRecords orders(DebeziumRecords r) {
        return r
            .column("id", typed(SchemaBuilder.int64(), "BIGINT", null, null))
            .column("customer", typed(SchemaBuilder.string(), "VARCHAR", 100, null))
            .column("amount", typed(Decimal.builder(2).parameter("connect.decimal.precision", "10"), "DECIMAL", 10, 2))
            .column("status", typed(SchemaBuilder.string().name("io.debezium.data.Enum").parameter("allowed", "new,paid,shipped"), "ENUM", 1, null))
            .column("paid", typed(SchemaBuilder.int16().optional(), "TINYINT", 1, null))
            .column("placed_at", typed(SchemaBuilder.string().name("io.debezium.time.ZonedTimestamp"), "TIMESTAMP", 6, null))
            .column("note", typed(SchemaBuilder.string().optional(), "TEXT", null, null))
            .key("id");
    }

    private final DebeziumRecords orders = orders(DebeziumRecords.mariadb("orders"));

    private static Object[] row(long id, String status, Short paid, String note) {
        return new Object[] {id, "Zoë 🚀", new BigDecimal("1234.50"), status, paid, "2025-03-14T09:26:53.589793Z", note};
    }

    @Test
    void insertIsSpecExampleOne() throws Exception {
        SourceRecord out = toDdml.apply(orders.transaction("0-1-42", 1, 1).insert(row(1001, "new", (short) 0, null)));

        DdmlEvent e = Ddml.event(out);
        assertThat(out.topic()).isEqualTo("mariadb-main.shop.orders");
        assertThat(e.id()).isEqualTo("mariadb-main/0000000003:00000000000000004567/2/0000000000");
        assertThat(Ddml.keyJson(out)).isEqualTo("{\"id\":1001}");
        assertThat(Ddml.tree(out).get("dml")).isEqualTo(MAPPER.readTree("""
            {"op": "insert", "key": {"id": 1001}, "after": {"id": 1001, "customer": "Zoë 🚀", "amount": "1234.50",
             "status": "new", "paid": false, "placed_at": "2025-03-14T09:26:53.589793Z", "note": null}}"""));
        assertThat(Ddml.tree(out).get("source")).isEqualTo(MAPPER.readTree("""
            {"system": "mariadb", "name": "mariadb-main", "database": "shop", "table": "orders"}"""));
        assertThat(Ddml.tree(out).get("position").get("native")).isEqualTo(MAPPER.readTree("""
            {"file": "mariadb-bin.000003", "gtid": "0-1-42", "pos": "4567", "row": "0", "server_id": "1"}"""));
        assertThat(Ddml.tree(out).get("transaction")).isEqualTo(MAPPER.readTree("{\"id\": \"0-1-42\", \"order\": 1, \"table_order\": 1}"));
        assertThat(Ddml.tree(out).get("time")).isEqualTo(MAPPER.readTree(
            "{\"commit_us\": 1741944413589793, \"capture_us\": 1741944413601234, \"emit_us\": " + Ddml.EMIT_US + "}"));
        assertThat(Ddml.tree(out).get("schema").get("columns")).isEqualTo(MAPPER.readTree("""
            [{"name": "id", "type": "int64", "native_type": "BIGINT", "nullable": false},
             {"name": "customer", "type": "string(100)", "native_type": "VARCHAR(100)", "nullable": false, "length": 100},
             {"name": "amount", "type": "decimal(10,2)", "native_type": "DECIMAL(10,2)", "nullable": false, "precision": 10, "scale": 2},
             {"name": "status", "type": "enum('new','paid','shipped')", "native_type": "ENUM('new','paid','shipped')", "nullable": false},
             {"name": "paid", "type": "boolean", "native_type": "TINYINT(1)", "nullable": true},
             {"name": "placed_at", "type": "timestamptz(6)", "native_type": "TIMESTAMP(6)", "nullable": false},
             {"name": "note", "type": "string", "native_type": "TEXT", "nullable": true}]"""));
        assertThat(e.schema().primaryKey()).containsExactly("id");
        assertThat(Ddml.headers(out)).containsEntry("ddml.op", "insert");
    }

    @Test
    void updateListsTheChangedColumns() {
        SourceRecord out = toDdml.apply(orders.at("pos", 5120L).transaction("0-1-43", 1, 1)
            .update(row(1001, "new", (short) 0, null), row(1001, "paid", (short) 1, "paid by card")));

        DdmlEvent e = Ddml.event(out);
        assertThat(e.dml().op()).isEqualTo(DmlOp.UPDATE);
        assertThat(e.dml().changed()).containsExactly("status", "paid", "note");
        assertThat(e.dml().before().get("paid")).isEqualTo(false);
        assertThat(e.position().sortable()).isEqualTo("0000000003:00000000000000005120/2/0000000000");
    }

    @Test
    void deleteTakesTheRowAsIndex() {
        SourceRecord out = toDdml.apply(orders.at("file", "mariadb-bin.000004").at("pos", 389L).at("row", 1)
            .transaction("0-1-57", 2, 2).delete(row(1001, "paid", (short) 1, "paid by card")));

        DdmlEvent e = Ddml.event(out);
        assertThat(e.id()).isEqualTo("mariadb-main/0000000004:00000000000000000389/2/0000000001");
        assertThat(e.dml().op()).isEqualTo(DmlOp.DELETE);
        assertThat(e.dml().after()).isNull();
        assertThat(e.dml().key().get("id")).isEqualTo(1001L);
        assertThat(e.transaction().order()).isEqualTo(2);
        assertThat(e.transaction().tableOrder()).isEqualTo(2L);
        assertThat(Ddml.keyJson(out)).isEqualTo("{\"id\":1001}");
    }

    @Test
    void snapshotReadsArePhaseZeroCountedInOrderWithoutTransaction() {
        orders.at("pos", 4L).at("snapshot", "first").transaction("ignored", 1, 1);
        DdmlEvent first = Ddml.event(toDdml.apply(orders.read(row(1000, "shipped", (short) 1, "first \"order\""))));
        orders.at("snapshot", "true");
        DdmlEvent second = Ddml.event(toDdml.apply(orders.read(row(1001, "new", (short) 0, null))));
        orders.at("snapshot", "last");
        DdmlEvent third = Ddml.event(toDdml.apply(orders.read(row(1002, "new", (short) 0, null))));

        assertThat(first.position().sortable()).isEqualTo("0000000003:00000000000000000004/0/0000000000");
        assertThat(second.position().sortable()).isEqualTo("0000000003:00000000000000000004/0/0000000001");
        assertThat(third.position().sortable()).isEqualTo("0000000003:00000000000000000004/0/0000000002");
        assertThat(first.position().nativeFields()).containsEntry("snapshot", "true").doesNotContainKey("row");
        assertThat(first.transaction()).isNull();
        assertThat(first.dml().op()).isEqualTo(DmlOp.READ);

        orders.at("snapshot", "first").at("pos", 8000L);
        assertThat(Ddml.event(toDdml.apply(orders.read(row(1000, "new", (short) 0, null)))).position().sortable())
            .as("a new snapshot, at a new position, counts from 0").endsWith("00000000000000008000/0/0000000000");
    }

    @Test
    void truncateHasNoKeyAndIsKeyedByItsId() {
        SourceRecord out = toDdml.apply(orders.at("pos", 9000L).truncate());

        DdmlEvent e = Ddml.event(out);
        assertThat(e.dml().op()).isEqualTo(DmlOp.TRUNCATE);
        assertThat(e.dml().key()).isNull();
        assertThat(Ddml.keyJson(out)).isEqualTo("{\"_ddml_id\":\"" + e.id() + "\"}");
    }

    @Test
    void aTinyint1HoldingNeitherZeroNorOneIsRefused() {
        DdmlEvent e = Ddml.event(toDdml.apply(orders.insert(row(1, "new", (short) 5, null))));
        assertThat(e.source().table()).isEqualTo("orders");
        assertThat(e.dml().key().columns()).containsExactly("id");
        assertThat(e.dml().omitted().detail()).startsWith("column paid (after").contains("0 or 1");
    }

    @Test
    void keysComeInKeyOrderForCompositeKeys() {
        DebeziumRecords lines = DebeziumRecords.mariadb("lines")
            .column("line", typed(SchemaBuilder.int32(), "INT", null, null))
            .column("order_id", typed(SchemaBuilder.int64(), "BIGINT", null, null))
            .column("qty", typed(SchemaBuilder.int32().optional(), "INT", null, null))
            .key("order_id", "line");
        SourceRecord out = toDdml.apply(lines.insert(2, 1001L, 5));
        assertThat(Ddml.event(out).schema().primaryKey()).isEqualTo(List.of("order_id", "line"));
        assertThat(Ddml.keyJson(out)).isEqualTo("{\"order_id\":1001,\"line\":2}");
    }
}
