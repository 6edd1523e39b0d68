package io.idaas.transforms.ddml;

import static io.idaas.transforms.ddml.SchemaChangeRecords.change;
import static io.idaas.transforms.ddml.SchemaChangeRecords.column;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.idaas.ddml.Column;
import io.idaas.ddml.DdlOp;
import io.idaas.ddml.DdmlEvent;
import io.idaas.ddml.RenamedColumn;
import io.idaas.ddml.TableRef;
import io.idaas.ddml.types.PortableType;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

/** DDL from MySQL/MariaDB schema-change events. */
class SchemaChangeTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final ToDdml<SourceRecord> toDdml = Ddml.transform();
    private final SchemaChangeRecords ddl = SchemaChangeRecords.mariadb();

    private static Struct[] orderColumns(Struct... more) {
        Struct[] base = {
            column("id", "BIGINT", null, null, 1, false, null),
            column("customer", "VARCHAR", 100, null, 2, false, null),
            column("amount", "DECIMAL", 10, 2, 3, false, "0.00"),
            column("status", "ENUM", 1, null, 4, false, "new", "'new'", "'paid'", "'shipped'"),
            column("paid", "TINYINT", 1, null, 5, true, null),
            column("placed_at", "TIMESTAMP", 6, null, 6, false, null),
            column("note", "TEXT", null, null, 7, true, null)};
        Struct[] all = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    private SourceRecord create() {
        return ddl.at("mariadb-bin.000004", 900, "0-1-50", "false").record("shop", "CREATE TABLE orders (...)",
            change("CREATE", "shop", "orders", List.of("id"), orderColumns()));
    }

    @Test
    void createTableGoesToTheTableTopicWithEveryColumnAdded() throws Exception {
        SourceRecord out = toDdml.apply(create());

        DdmlEvent e = Ddml.event(out);
        assertThat(out.topic()).isEqualTo("mariadb-main.shop.orders");
        assertThat(e.ddl().op()).isEqualTo(DdlOp.CREATE_TABLE);
        assertThat(e.ddl().statement()).isEqualTo("CREATE TABLE orders (...)");
        assertThat(e.ddl().derived()).isFalse();
        assertThat(e.ddl().added()).isEqualTo(e.schema().columns());
        assertThat(e.ddl().primaryKey()).containsExactly("id");
        assertThat(e.schema().fingerprint()).as("SPEC §13.1's table").isEqualTo("f5e43b1abe171db57dff096d086c2f24b3392d3ed67e38b38b05f885206507d9");
        assertThat(e.source().database()).isEqualTo("shop");
        assertThat(e.source().schema()).isNull();
        assertThat(e.id()).isEqualTo("mariadb-main/0000000004:00000000000000000900/2/0000000000");
        assertThat(Ddml.tree(out).get("transaction")).isEqualTo(MAPPER.readTree("{\"id\": \"0-1-50\", \"order\": 1, \"total\": 1}"));
        assertThat(Ddml.keyJson(out)).isEqualTo("{\"_ddml_id\":\"" + e.id() + "\"}");
        assertThat(Ddml.tree(out).get("time").get("capture_us").asLong()).isEqualTo(1_741_950_100_002_000L);
    }

    @Test
    void dmlAfterTheDdlCarriesItsDefaultsAndTheSameFingerprint() {
        DdmlEvent created = Ddml.event(toDdml.apply(create()));
        DebeziumRecords orders = MariaDbToDdmlTest.orders(DebeziumRecords.mariadb("orders"));
        DdmlEvent insert = Ddml.event(toDdml.apply(orders.insert(1L, "a", new BigDecimal("1.00"), "new", (short) 1,
            "2025-03-14T09:26:53Z", null)));

        assertThat(insert.schema()).isEqualTo(created.schema());
        assertThat(insert.schema().column("amount").orElseThrow().defaultValue()).isEqualTo("0.00");
    }

    @Test
    void addColumnIsSpecExampleFive() throws Exception {
        toDdml.apply(create());
        SourceRecord out = toDdml.apply(ddl.at("mariadb-bin.000004", 1024, "0-1-58", "false").record("shop",
            "ALTER TABLE orders ADD COLUMN discount DECIMAL(38,10) NULL",
            change("ALTER", "shop", "orders", List.of("id"), orderColumns(column("discount", "DECIMAL", 38, 10, 8, true, null)))));

        DdmlEvent e = Ddml.event(out);
        assertThat(e.ddl().op()).isEqualTo(DdlOp.ALTER_TABLE);
        assertThat(e.schema().fingerprint()).isEqualTo("58e2287db7241246e3f28b184a80abd8f3d7a24e4e9b5bde35f3519b4b3bf6d8");
        assertThat(Ddml.tree(out).get("ddl")).isEqualTo(MAPPER.readTree("""
            {"op": "alter_table", "statement": "ALTER TABLE orders ADD COLUMN discount DECIMAL(38,10) NULL", "derived": false,
             "added": [{"name": "discount", "type": "decimal(38,10)", "native_type": "DECIMAL(38,10)", "nullable": true,
                        "precision": 38, "scale": 10}]}"""));
        assertThat(e.id()).isEqualTo("mariadb-main/0000000004:00000000000000001024/2/0000000000");
    }

    @Test
    void defaultsAreSqlExpressionTextFromTheStatementWhereDebeziumLosesThem() {
        toDdml.apply(create());
        // Debezium's text: x for 'x', 1970-01-01 00:00:00 for CURRENT_TIMESTAMP, nothing for uuid()
        DdmlEvent e = Ddml.event(toDdml.apply(ddl.record("shop", "ALTER TABLE orders ADD COLUMN s VARCHAR(10) DEFAULT 'x', "
                + "ADD COLUMN at DATETIME DEFAULT CURRENT_TIMESTAMP, ADD COLUMN u UUID DEFAULT uuid()",
            change("ALTER", "shop", "orders", List.of("id"), orderColumns(column("s", "VARCHAR", 10, null, 8, true, "x"),
                column("at", "DATETIME", null, null, 9, true, "1970-01-01 00:00:00"),
                column("u", "UUID", null, null, 10, true, null))))));
        assertThat(e.ddl().added()).extracting(Column::defaultValue).containsExactly("'x'", "CURRENT_TIMESTAMP", "uuid()");
        assertThat(e.schema().column("status").orElseThrow().defaultValue()).isEqualTo("'new'");
        assertThat(e.schema().column("amount").orElseThrow().defaultValue()).isEqualTo("0.00");

        // A later statement that does not define them keeps them: no column reported modified.
        DdmlEvent next = Ddml.event(toDdml.apply(ddl.record("shop", "ALTER TABLE orders ADD COLUMN k INT",
            change("ALTER", "shop", "orders", List.of("id"), orderColumns(column("s", "VARCHAR", 10, null, 8, true, "x"),
                column("at", "DATETIME", null, null, 9, true, "1970-01-01 00:00:00"),
                column("u", "UUID", null, null, 10, true, null), column("k", "INT", null, null, 11, true, null))))));
        assertThat(next.ddl().modified()).isEmpty();
        assertThat(next.ddl().added()).extracting(Column::name).containsExactly("k");
    }

    @Test
    void dropAndChangeTypeOfColumns() {
        toDdml.apply(create());
        DdmlEvent e = Ddml.event(toDdml.apply(ddl.record("shop", "ALTER TABLE orders DROP COLUMN note, MODIFY customer TEXT",
            change("ALTER", "shop", "orders", List.of("id"),
                column("id", "BIGINT", null, null, 1, false, null),
                column("customer", "TEXT", null, null, 2, false, null),
                column("amount", "DECIMAL", 10, 2, 3, false, "0.00"),
                column("status", "ENUM", 1, null, 4, false, "new", "'new'", "'paid'", "'shipped'"),
                column("paid", "TINYINT", 1, null, 5, true, null),
                column("placed_at", "TIMESTAMP", 6, null, 6, false, null)))));

        assertThat(e.ddl().dropped()).containsExactly("note");
        assertThat(e.ddl().added()).isEmpty();
        assertThat(e.ddl().modified()).hasSize(1);
        assertThat(e.ddl().modified().get(0).before().type()).isEqualTo(PortableType.string(100));
        assertThat(e.ddl().modified().get(0).after().type()).isEqualTo(PortableType.STRING);
        assertThat(e.ddl().primaryKey()).as("unchanged key").isNull();
    }

    @Test
    void renameColumnIsReadFromTheStatement() {
        toDdml.apply(create());
        DdmlEvent e = Ddml.event(toDdml.apply(ddl.record("shop", "ALTER TABLE `orders` RENAME COLUMN `note` TO `remark`",
            change("ALTER", "shop", "orders", List.of("id"), orderColumns()[0], orderColumns()[1], orderColumns()[2],
                orderColumns()[3], orderColumns()[4], orderColumns()[5], column("remark", "TEXT", null, null, 7, true, null)))));

        assertThat(e.ddl().renamed()).containsExactly(new RenamedColumn("note", "remark"));
        assertThat(e.ddl().added()).isEmpty();
        assertThat(e.ddl().dropped()).isEmpty();
        assertThat(e.ddl().modified()).isEmpty();
    }

    @Test
    void changeColumnRenamesAndRetypes() {
        toDdml.apply(create());
        DdmlEvent e = Ddml.event(toDdml.apply(ddl.record("shop", "ALTER TABLE orders CHANGE COLUMN customer client VARCHAR(200) NOT NULL",
            change("ALTER", "shop", "orders", List.of("id"), orderColumns()[0], column("client", "VARCHAR", 200, null, 2, false, null),
                orderColumns()[2], orderColumns()[3], orderColumns()[4], orderColumns()[5], orderColumns()[6]))));

        assertThat(e.ddl().renamed()).containsExactly(new RenamedColumn("customer", "client"));
        assertThat(e.ddl().modified()).singleElement().satisfies(m -> {
            assertThat(m.before().name()).isEqualTo("customer");
            assertThat(m.after().type()).isEqualTo(PortableType.string(200));
        });
    }

    @Test
    void alterWithoutAKnownPreviousShapeCarriesTheSchemaOnly() {
        DdmlEvent e = Ddml.event(toDdml.apply(ddl.record("shop", "ALTER TABLE orders ADD INDEX (customer)",
            change("ALTER", "shop", "orders", List.of("id"), orderColumns()))));
        assertThat(e.ddl().op()).isEqualTo(DdlOp.ALTER_TABLE);
        assertThat(e.ddl().added()).isEmpty();
        assertThat(e.schema().columns()).hasSize(7);
    }

    @Test
    void dropTableCarriesTheLastShape() {
        toDdml.apply(create());
        Struct drop = new Struct(SchemaChangeRecords.CHANGE).put("type", "DROP").put("id", "\"shop\".\"orders\"");
        DdmlEvent e = Ddml.event(toDdml.apply(ddl.record("shop", "DROP TABLE `orders`", drop)));
        assertThat(e.ddl().op()).isEqualTo(DdlOp.DROP_TABLE);
        assertThat(e.schema().columns()).extracting(Column::name).contains("id", "note");
        assertThat(e.dml()).isNull();
    }

    @Test
    void renameTable() {
        toDdml.apply(create());
        SourceRecord out = toDdml.apply(ddl.record("shop", "RENAME TABLE orders TO orders_2024",
            change("ALTER", "shop", "orders_2024", List.of("id"), orderColumns())));
        DdmlEvent e = Ddml.event(out);
        assertThat(e.ddl().op()).isEqualTo(DdlOp.RENAME_TABLE);
        assertThat(e.ddl().renamedFrom()).isEqualTo(new TableRef("shop", null, "orders"));
        assertThat(e.source().table()).isEqualTo("orders_2024");
        assertThat(out.topic()).isEqualTo("mariadb-main.shop.orders_2024");
    }

    @Test
    void truncateTableStatement() {
        SourceRecord out = toDdml.apply(ddl.record("shop", "TRUNCATE TABLE shop.orders"));
        DdmlEvent e = Ddml.event(out);
        assertThat(e.ddl().op()).isEqualTo(DdlOp.TRUNCATE_TABLE);
        assertThat(e.source().table()).isEqualTo("orders");
        assertThat(out.topic()).isEqualTo("mariadb-main.shop.orders");
    }

    @Test
    void databaseLevelStatementsAreDropped() {
        assertThat(toDdml.apply(ddl.record("shop", "CREATE DATABASE shop"))).isNull();
    }

    @Test
    void severalTablesInOneRecordEmitTheFirstAndWarnAboutTheRest() {
        SourceRecord out = toDdml.apply(ddl.record("shop", "DROP TABLE a, b",
            new Struct(SchemaChangeRecords.CHANGE).put("type", "DROP").put("id", "\"shop\".\"a\""),
            new Struct(SchemaChangeRecords.CHANGE).put("type", "DROP").put("id", "\"shop\".\"b\"")));
        assertThat(out.topic()).isEqualTo("mariadb-main.shop.a");
        assertThat(Ddml.event(out).transaction().total()).isEqualTo(2L);

        DebeziumToDdml all = new DebeziumToDdml(new ToDdmlConfig(Map.of()), () -> Ddml.EMIT_US);
        assertThat(all.map(ddl.record("shop", "DROP TABLE a, b",
            new Struct(SchemaChangeRecords.CHANGE).put("type", "DROP").put("id", "\"shop\".\"a\""),
            new Struct(SchemaChangeRecords.CHANGE).put("type", "DROP").put("id", "\"shop\".\"b\""))).outputs())
            .extracting(o -> o.event().id())
            .containsExactly("mariadb-main/0000000004:00000000000000001024/2/0000000000",
                "mariadb-main/0000000004:00000000000000001024/2/0000000001");
    }

    @Test
    void snapshotDdlSortsBeforeTheSnapshotReads() {
        ddl.at("mariadb-bin.000003", 4, null, "true");
        DdmlEvent created = Ddml.event(toDdml.apply(ddl.record("shop", "CREATE TABLE orders (...)",
            change("CREATE", "shop", "orders", List.of("id"), orderColumns()))));
        DebeziumRecords orders = MariaDbToDdmlTest.orders(DebeziumRecords.mariadb("orders")).at("pos", 4L).at("snapshot", "first");
        DdmlEvent read = Ddml.event(toDdml.apply(orders.read(1L, "a", new BigDecimal("1.00"), "new", (short) 1, "2025-03-14T09:26:53Z", null)));

        assertThat(created.position().sortable()).isEqualTo("0000000003:00000000000000000004/0/0000000000");
        assertThat(read.position().sortable()).isEqualTo("0000000003:00000000000000000004/0/0000000001");
        assertThat(created.transaction()).isNull();
    }

    @Test
    void mysqlSchemaChangesMapTheSame() {
        SourceRecord out = Ddml.transform().apply(SchemaChangeRecords.mysql().at("binlog.000002", 300, "3E11FA47-71CA-11E1-9E33-C80AA9429562:23", "false")
            .record("shop", "CREATE TABLE t (id BIGINT UNSIGNED PRIMARY KEY, at DATETIME(3), tags SET('a','b'))",
                change("CREATE", "shop", "t", List.of("id"), column("id", "BIGINT UNSIGNED", null, null, 1, false, null),
                    column("at", "DATETIME", 3, null, 2, true, null), column("tags", "SET", 3, null, 3, true, null, "'a'", "'b'"))));
        DdmlEvent e = Ddml.event(out);
        assertThat(out.topic()).isEqualTo("mysql-main.shop.t");
        assertThat(e.schema().columns()).extracting(c -> c.type().toString() + " " + c.nativeType())
            .containsExactly("decimal(20,0) BIGINT UNSIGNED", "timestamp(3) DATETIME(3)", "set('a','b') SET('a','b')");
        assertThat(e.transaction().id()).isEqualTo("3E11FA47-71CA-11E1-9E33-C80AA9429562:23");
    }
}
