package io.idaas.e2e.replication;

import io.idaas.e2e.pipeline.Direction;
import io.idaas.e2e.pipeline.ShippedPipeline;
import io.idaas.stack.LocalStack;
import io.idaas.stack.junit.LocalStackExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The DDML processors on a real sink: MariaDB to PostgreSQL with the shipped configs, the sink running DdmlFilter
 * (one table, rows with {@code status = 'paid' AND amount > 100}), DdmlColumns (drop {@code secret} and a column a
 * later DDL adds) and DdmlMask ({@code email} hashed) as {@code transforms}, and DDL flowing through them
 * ({@code ALTER TABLE ... ADD COLUMN}). Judged with plain SQL on PostgreSQL: the rows that match and no others (updates
 * moving rows out of and into the condition become deletes and inserts), the columns the transforms leave (the added
 * one included, the dropped ones never created), and the hashes computed here with the JDK's HMAC. And DdmlRoute with
 * DdmlComputedColumn: shards merged into one table through DDL.
 */
@ExtendWith(LocalStackExtension.class)
class ProcessorsReplicationTest {

    private static final String KEY = "e2e-processors-hash-key-0123456789";
    private static final Duration BOUND = Duration.ofSeconds(180);

    @Test
    void aSinkWithFilterColumnsAndMaskKeepsTheMatchingRowsWithoutTheDroppedColumnsAndHashedThroughDdl(LocalStack stack)
            throws Exception {
        try (ShippedPipeline p = new ShippedPipeline(stack, Direction.MARIADB_TO_POSTGRES, "proc")) {
            p.source("CREATE TABLE orders (id INT PRIMARY KEY, status VARCHAR(16), amount DECIMAL(10,2), "
                    + "email VARCHAR(64), secret VARCHAR(32))",
                "CREATE TABLE other (id INT PRIMARY KEY, x INT)",
                "INSERT INTO orders VALUES (1, 'paid', 150.00, 'a@example.com', 's1'), (2, 'new', 900.00, 'b@example.com', 's2'),"
                    + " (3, 'paid', 20.00, 'c@example.com', 's3'), (4, 'paid', 500.00, 'd@example.com', 's4')",
                "INSERT INTO other VALUES (1, 1)");
            p.startSource();
            p.awaitTopics("orders", "other");
            p.startSink(Map.of(
                "transforms", "filter,cols,mask",
                "transforms.filter.type", "io.idaas.transforms.ddml.process.filter.DdmlFilter",
                "transforms.filter.tables.include", p.sourceDb() + "\\.orders",
                "transforms.filter.condition", "status = 'paid' AND amount > 100",
                "transforms.cols.type", "io.idaas.transforms.ddml.process.columns.DdmlColumns",
                "transforms.cols.drop", "secret,ssn",
                "transforms.mask.type", "io.idaas.transforms.ddml.process.mask.DdmlMask",
                "transforms.mask.columns", "email:hash",
                "transforms.mask.hash.key", KEY));

            awaitRows(p, Map.of(1, row("paid", "150.00", "a@example.com", null), 4, row("paid", "500.00", "d@example.com", null)),
                false);
            assertThat(columns(p)).containsExactly("id", "status", "amount", "email");
            assertThat(tableExists(p, "other")).as("a table the filter leaves out is never created").isFalse();

            p.source("ALTER TABLE orders ADD COLUMN note VARCHAR(20) DEFAULT 'x'",
                "ALTER TABLE orders ADD COLUMN ssn VARCHAR(11)",
                "UPDATE orders SET amount = 50.00 WHERE id = 1", // leaves the condition: deleted from the target
                "UPDATE orders SET amount = 950.00 WHERE id = 2", // still not paid: never in the target
                "UPDATE orders SET amount = 300.00, ssn = '123-45-6789' WHERE id = 3", // enters it: inserted
                "INSERT INTO orders VALUES (5, 'paid', 1000.00, 'e@example.com', 's5', 'hello', '987-65-4321')",
                "INSERT INTO orders VALUES (6, 'void', 1000.00, 'f@example.com', 's6', 'no', NULL)",
                "INSERT INTO other VALUES (2, 2)");

            awaitRows(p, Map.of(3, row("paid", "300.00", "c@example.com", "x"), 4, row("paid", "500.00", "d@example.com", "x"),
                5, row("paid", "1000.00", "e@example.com", "hello")), true);
            assertThat(columns(p)).as("the added column arrives, the dropped ones never do")
                .containsExactly("id", "status", "amount", "email", "note");
            assertThat(tableExists(p, "other")).isFalse();
            p.assertRunning();
            assertThat(p.deadLetters().count()).as("records in the dead-letter topic").isZero();
        }
    }

    /**
     * DdmlRoute and DdmlComputedColumn on the sink: two shards {@code orders_0} and {@code orders_1}, each with a row
     * of key 1, into one PostgreSQL table {@code orders} keyed by {@code [id, source_table]}, with a computed
     * {@code label} ({@code status || '@' || @source.table}, computed before the route, so it names the shard); then an {@code ADD COLUMN} on both shards, updates and a
     * delete. Judged with plain SQL: both rows of key 1 kept apart, labels as computed here, the added column there.
     */
    @Test
    void aSinkWithRouteAndComputedColumnMergesShardsIntoOneTableThroughDdl(LocalStack stack) throws Exception {
        try (ShippedPipeline p = new ShippedPipeline(stack, Direction.MARIADB_TO_POSTGRES, "shard")) {
            p.source("CREATE TABLE orders_0 (id INT PRIMARY KEY, status VARCHAR(16))",
                "CREATE TABLE orders_1 (id INT PRIMARY KEY, status VARCHAR(16))",
                "INSERT INTO orders_0 VALUES (1, 'new'), (2, 'paid')",
                "INSERT INTO orders_1 VALUES (1, 'shipped')");
            p.startSource();
            p.awaitTopics("orders_0", "orders_1");
            p.startSink(Map.of(
                "transforms", "label,route", // the label before the route: @source.table is then the shard's name
                "transforms.route.type", "io.idaas.transforms.ddml.process.route.DdmlRoute",
                "transforms.route.table.regex", "orders_(\\d+)",
                "transforms.route.table.replacement", "orders",
                "transforms.route.key.table.column", "source_table",
                "transforms.label.type", "io.idaas.transforms.ddml.process.computed.DdmlComputedColumn",
                "transforms.label.column", "label",
                "transforms.label.column.type", "string(64)",
                "transforms.label.expression", "status || '@' || @source.table"));

            awaitShardRows(p, Map.of("1/orders_0", List.of("new", "new@orders_0"), "2/orders_0", List.of("paid", "paid@orders_0"),
                "1/orders_1", List.of("shipped", "shipped@orders_1")), false);

            p.source("ALTER TABLE orders_0 ADD COLUMN note VARCHAR(20)",
                "ALTER TABLE orders_1 ADD COLUMN note VARCHAR(20)",
                "UPDATE orders_0 SET status = 'paid', note = 'n0' WHERE id = 1",
                "UPDATE orders_1 SET note = 'n1' WHERE id = 1",
                "DELETE FROM orders_0 WHERE id = 2",
                "INSERT INTO orders_1 VALUES (2, 'new', 'n2')");

            awaitShardRows(p, Map.of("1/orders_0", List.of("paid", "paid@orders_0", "n0"),
                "1/orders_1", List.of("shipped", "shipped@orders_1", "n1"), "2/orders_1", List.of("new", "new@orders_1", "n2")), true);
            assertThat(primaryKey(p)).as("the routed table's key holds the source table").containsExactly("id", "source_table");
            assertThat(tableExists(p, "orders_0") || tableExists(p, "orders_1")).as("no table per shard").isFalse();
            p.assertRunning();
            assertThat(p.deadLetters().count()).as("records in the dead-letter topic").isZero();
        }
    }

    private static void awaitShardRows(ShippedPipeline p, Map<String, List<String>> expected, boolean withNote) {
        await("the target's orders are " + expected).atMost(BOUND).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
            .untilAsserted(() -> {
                Map<String, List<String>> out = new TreeMap<>();
                try (Connection pg = p.openTarget(); Statement st = pg.createStatement();
                     ResultSet rs = st.executeQuery("SELECT id, source_table, status, label" + (withNote ? ", note" : "")
                         + " FROM orders")) {
                    while (rs.next()) {
                        List<String> r = new ArrayList<>(List.of(rs.getString(3), rs.getString(4)));
                        if (withNote) {
                            r.add(rs.getString(5));
                        }
                        out.put(rs.getInt(1) + "/" + rs.getString(2), r);
                    }
                }
                assertThat(out).isEqualTo(new TreeMap<>(expected));
            });
    }

    private static List<String> primaryKey(ShippedPipeline p) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection pg = p.openTarget(); Statement st = pg.createStatement();
             ResultSet rs = st.executeQuery("SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid "
                 + "AND a.attnum = ANY(i.indkey) WHERE i.indrelid = 'public.orders'::regclass AND i.indisprimary "
                 + "ORDER BY array_position(i.indkey, a.attnum)")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private static List<String> row(String status, String amount, String email, String note) throws Exception {
        List<String> r = new ArrayList<>(List.of(status, amount, hmac(email)));
        r.add(note);
        return r;
    }

    /** HMAC-SHA256 of the text in hex, with the JDK rather than the transform's code. */
    private static String hmac(String text) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static void awaitRows(ShippedPipeline p, Map<Integer, List<String>> expected, boolean withNote) {
        await("the target's orders are " + expected).atMost(BOUND).pollInterval(Duration.ofSeconds(1))
            .ignoreExceptions().untilAsserted(() -> assertThat(rows(p, withNote)).isEqualTo(new TreeMap<>(expected)));
    }

    private static Map<Integer, List<String>> rows(ShippedPipeline p, boolean withNote) throws SQLException {
        Map<Integer, List<String>> out = new TreeMap<>();
        try (Connection pg = p.openTarget(); Statement st = pg.createStatement();
             ResultSet rs = st.executeQuery("SELECT id, status, amount::text, email" + (withNote ? ", note" : "")
                 + " FROM orders")) {
            while (rs.next()) {
                List<String> r = new ArrayList<>(List.of(rs.getString(2), rs.getString(3), rs.getString(4)));
                r.add(withNote ? rs.getString(5) : null);
                out.put(rs.getInt(1), r);
            }
        }
        return out;
    }

    private static List<String> columns(ShippedPipeline p) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection pg = p.openTarget(); Statement st = pg.createStatement();
             ResultSet rs = st.executeQuery("SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' "
                 + "AND table_name = 'orders' AND column_name NOT LIKE '\\_idaas\\_%' ORDER BY ordinal_position")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private static boolean tableExists(ShippedPipeline p, String table) throws SQLException {
        try (Connection pg = p.openTarget(); Statement st = pg.createStatement();
             ResultSet rs = st.executeQuery("SELECT to_regclass('public." + table + "') IS NOT NULL")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }
}
