package io.idaas.verify;

import io.idaas.stack.JdbcServer;
import io.idaas.stack.LocalStack;
import io.idaas.stack.junit.LocalStackExtension;
import io.idaas.verify.report.FieldDifference;
import io.idaas.verify.report.ReportText;
import io.idaas.verify.report.RowDifference;
import io.idaas.verify.report.TableReport;
import io.idaas.verify.report.VerifyReport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.RedisClient;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The verifier against Redis copies written here by hand, as ddml-converter SPEC.md §11.1 lays them out (no sink): the
 * local stack's real Redis, MariaDB and PostgreSQL. Every expected field text is written out literally, so the test does
 * not take the encoding from the code it checks.
 */
@ExtendWith(LocalStackExtension.class)
class RedisCopyVerifyTest {

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String prefix = "v" + run;
    private RedisClient redis;
    private String redisUrl;

    @BeforeEach
    void connect(LocalStack stack) {
        redis = RedisClient.create(stack.redis().host(), stack.redis().port());
        redisUrl = stack.redis().uri();
    }

    @AfterEach
    void close() {
        redis.close();
    }

    private void row(String tableId, String key, Map<String, String> fields) {
        String redisKey = prefix + ":" + tableId + ":" + key;
        Map<String, String> all = new LinkedHashMap<>(fields);
        all.put("_ddml.sortable", "0000000001:00000000000000000100/2/0000000000");
        all.put("_ddml.fingerprint", "f1");
        redis.hset(redisKey, all);
        redis.sadd(prefix + ":keys:" + tableId, redisKey);
    }

    private static Map<String, String> fields(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return m;
    }

    /** The MariaDB table and its copy: equal rows, one of each kind of difference, and a recheck that sees a late fix. */
    private String mariaDbTableAndCopy(JdbcServer db) throws Exception {
        String table = "rv_" + run;
        try (Connection c = StackDatabases.connect(db); Statement s = c.createStatement()) {
            s.execute("SET time_zone = '+00:00'");
            s.execute("CREATE TABLE " + table + " (id INT PRIMARY KEY, name VARCHAR(40) NOT NULL, note VARCHAR(40) NULL, "
                    + "price DECIMAL(10,2) NOT NULL, data VARBINARY(16) NULL, at DATETIME(6) NULL, ts TIMESTAMP(3) NULL, "
                    + "flag TINYINT(1) NOT NULL, f DOUBLE NULL)");
            s.execute("INSERT INTO " + table + " VALUES "
                    + "(1, 'Ada', NULL, 12.50, X'00FF10', '2025-03-14 09:26:53.589793', '2025-03-14 09:26:53.589', 1, 1.5),"
                    + "(2, 'Bob', 'n', 1.00, NULL, NULL, NULL, 0, NULL),"
                    + "(3, 'Cy', NULL, 2.00, NULL, NULL, NULL, 0, NULL),"
                    + "(4, 'Di', NULL, 3.00, NULL, NULL, NULL, 0, NULL),"
                    + "(5, 'Ed', '', 4.00, NULL, NULL, NULL, 0, NULL),"
                    + "(6, 'Flo', NULL, 5.00, NULL, NULL, NULL, 0, NULL),"
                    + "(7, 'Gus', NULL, 6.00, X'0102', NULL, NULL, 0, NULL),"
                    + "(8, 'Hal', NULL, 7.00, X'0102', NULL, NULL, 0, NULL),"
                    + "(9, 'Ivy', NULL, 12.50, NULL, NULL, NULL, 0, NULL),"
                    + "(10, 'Jo', NULL, 8.00, NULL, '1999-12-31 23:59:59.000001', '2000-01-01 00:00:00.5', 1, -0.25)");
        }
        String id = db.database() + "." + table;
        row(id, "1", fields("id", "1", "name", "Ada", "price", "12.50", "at", "2025-03-14T09:26:53.589793",
                "ts", "2025-03-14T09:26:53.589000Z", "flag", "true", "f", "1.5"));
        redis.hset((prefix + ":" + id + ":1").getBytes(StandardCharsets.UTF_8), "data".getBytes(StandardCharsets.UTF_8),
                new byte[] {0x00, (byte) 0xFF, 0x10});
        // 2: missing
        row(id, "3", fields("id", "3", "name", "Cyrus", "price", "2.00", "flag", "false"));                 // a different field
        row(id, "4", fields("id", "4", "name", "Di", "price", "3.00", "flag", "false"));                    // NULL as an absent field
        row(id, "5", fields("id", "5", "name", "Ed", "price", "4.00", "flag", "false"));                    // '' absent: NULL
        row(id, "6", fields("id", "6", "name", "Flo", "note", "", "price", "5.00", "flag", "false"));       // NULL held as ''
        row(id, "7", fields("id", "7", "name", "Gus", "price", "6.00", "flag", "false"));
        redis.hset((prefix + ":" + id + ":7").getBytes(StandardCharsets.UTF_8), "data".getBytes(StandardCharsets.UTF_8),
                new byte[] {0x01, 0x02});
        row(id, "8", fields("id", "8", "name", "Hal", "price", "7.00", "flag", "false"));
        redis.hset((prefix + ":" + id + ":8").getBytes(StandardCharsets.UTF_8), "data".getBytes(StandardCharsets.UTF_8),
                new byte[] {0x01, 0x03});                                                                  // binary differs
        row(id, "9", fields("id", "9", "name", "Ivy", "price", "12.5", "flag", "false"));                  // decimal text
        // 10: the JSON shape, a string
        redis.set(prefix + ":" + id + ":10", """
                {"id":10,"name":"Jo","note":null,"price":"8.00","at":"1999-12-31T23:59:59.000001",\
                "ts":"2000-01-01T00:00:00.500000Z","flag":true,"f":-0.25,"_ddml":{"sortable":"x","fingerprint":"y"}}""");
        redis.sadd(prefix + ":keys:" + id, prefix + ":" + id + ":10");
        row(id, "99", fields("id", "99", "name", "Zed", "price", "1.00", "flag", "false"));                // extra
        redis.sadd(prefix + ":keys:" + id, prefix + ":" + id + ":77");                                      // listed, holds nothing
        return table;
    }

    private VerifyConfig.Builder config(JdbcServer source, String table) {
        return VerifyConfig.builder().source(source.jdbcUrl(), source.user(), source.password())
                .target(redisUrl, null, null).redisPrefix(prefix).table(table).recheck(1, Duration.ZERO);
    }

    @Test
    void countsTheKeySetAgainstTheTable(LocalStack stack) throws Exception {
        String table = mariaDbTableAndCopy(stack.mariadb());
        VerifyReport report = new Verifier(config(stack.mariadb(), table).mode(Mode.COUNT).build()).run();
        TableReport t = report.tables().get(0);
        assertThat(t.sourceRows()).isEqualTo(10);
        assertThat(t.targetRows()).as("nine rows, the extra one and the member that holds nothing").isEqualTo(11);
        assertThat(report.equal()).isFalse();
    }

    @Test
    void reportsMissingExtraAndDifferentRowsWithTheFieldsThatDiffer(LocalStack stack) throws Exception {
        String table = mariaDbTableAndCopy(stack.mariadb());
        String id = stack.mariadb().database() + "." + table;
        VerifyReport report = new Verifier(config(stack.mariadb(), table).build()).run();
        TableReport t = report.tables().get(0);
        System.out.println(ReportText.write(report));
        assertThat(keys(t, RowDifference.Kind.MISSING)).containsExactly("2");
        assertThat(keys(t, RowDifference.Kind.EXTRA)).containsExactlyInAnyOrder("99", prefix + ":" + id + ":77");
        Map<String, List<FieldDifference>> different = t.differences().stream()
                .filter(d -> d.kind() == RowDifference.Kind.DIFFERENT)
                .collect(Collectors.toMap(d -> d.key().get("id"), RowDifference::fields));
        assertThat(different).containsOnlyKeys("3", "5", "6", "8", "9");
        assertThat(different.get("3")).containsExactly(new FieldDifference("name", "Cy", "Cyrus"));
        assertThat(different.get("5")).as("'' in the source, an absent field (NULL) in the copy")
                .containsExactly(new FieldDifference("note", "", null));
        assertThat(different.get("6")).as("NULL in the source, '' in the copy").containsExactly(new FieldDifference("note", null, ""));
        assertThat(different.get("8")).containsExactly(new FieldDifference("data", "0102", "0103"));
        assertThat(different.get("9")).as("the decimal's canonical text keeps its scale").containsExactly(new FieldDifference("price", "12.50", "12.5"));
        assertThat(t.sourceRows()).isEqualTo(10);
        assertThat(t.targetRows()).isEqualTo(10 - 1 + 2);
        assertThat(t.equal()).isFalse();
        assertThat(ReportText.write(report)).contains("missing (id=2)").contains("note: source '', target NULL");
    }

    @Test
    void rowsFixedBeforeTheRecheckAreNotReported(LocalStack stack) throws Exception {
        String table = mariaDbTableAndCopy(stack.mariadb());
        String id = stack.mariadb().database() + "." + table;
        VerifyReport report = new Verifier(config(stack.mariadb(), table).mode(Mode.ROW).build())
                .progress((t, phase, done, total, rows) -> {
                    if (phase.equals("recheck")) { // the copy catches up between the first read and the recheck
                        redis.hset(prefix + ":" + id + ":3", "name", "Cy");
                        row(id, "2", fields("id", "2", "name", "Bob", "note", "n", "price", "1.00", "flag", "false"));
                        redis.del(prefix + ":" + id + ":99");
                        redis.srem(prefix + ":keys:" + id, prefix + ":" + id + ":99", prefix + ":" + id + ":77");
                    }
                }).run();
        TableReport t = report.tables().get(0);
        assertThat(t.missing()).isZero();
        assertThat(t.extra()).isZero();
        assertThat(keys(t, RowDifference.Kind.DIFFERENT)).containsExactlyInAnyOrder("5", "6", "8", "9");
        assertThat(t.differences()).allSatisfy(d -> assertThat(d.fields()).as("row mode lists no fields").isEmpty());
    }

    @Test
    void anEqualCopyIsEqualInEveryMode(LocalStack stack) throws Exception {
        String table = "re_" + run;
        try (Connection c = StackDatabases.connect(stack.mariadb()); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + table + " (a INT, b VARCHAR(10), v VARCHAR(10) NULL, PRIMARY KEY (a, b))");
            s.execute("INSERT INTO " + table + " VALUES (1, 'x', 'one'), (2, 'y', NULL)");
        }
        String id = stack.mariadb().database() + "." + table;
        row(id, "[1,\"x\"]", fields("a", "1", "b", "x", "v", "one"));
        row(id, "[2,\"y\"]", fields("a", "2", "b", "y"));
        for (Mode mode : Mode.values()) {
            VerifyReport report = new Verifier(config(stack.mariadb(), table).mode(mode).build()).run();
            assertThat(report.equal()).as(mode + ": " + ReportText.write(report)).isTrue();
        }
        redis.hset(prefix + ":" + id + ":[2,\"y\"]", "v", "two");
        VerifyReport changed = new Verifier(config(stack.mariadb(), table).build()).run();
        assertThat(changed.tables().get(0).differences()).singleElement().satisfies(d -> {
            assertThat(d.key()).containsExactly(Map.entry("a", "2"), Map.entry("b", "y"));
            assertThat(d.fields()).containsExactly(new FieldDifference("v", null, "two"));
        });
    }

    @Test
    void aPostgresTableIsFoundUnderDatabaseSchemaAndTableAndItsExtraKeysAreReadBackByType(LocalStack stack) throws Exception {
        String table = "rp_" + run;
        UUID a = UUID.fromString("3f2504e0-4f89-11d3-9a0c-0305e82c3301");
        UUID b = UUID.fromString("eccbc87e-4b5c-e2fe-2830-8fd9f2a7baf3");
        try (Connection c = StackDatabases.connect(stack.postgres()); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + table + " (id uuid PRIMARY KEY, amount numeric(12,3), at timestamptz(6), raw bytea)");
            s.execute("INSERT INTO " + table + " VALUES ('" + a + "', 10.500, '2025-03-14 09:26:53.589793+01', '\\x00ff'), "
                    + "('" + b + "', NULL, NULL, NULL)");
        }
        String id = stack.postgres().database() + ".public." + table;
        row(id, a.toString(), fields("id", a.toString(), "amount", "10.500", "at", "2025-03-14T08:26:53.589793Z"));
        redis.hset((prefix + ":" + id + ":" + a).getBytes(StandardCharsets.UTF_8), "raw".getBytes(StandardCharsets.UTF_8),
                new byte[] {0x00, (byte) 0xFF});
        String extra = "00000000-0000-0000-0000-000000000001";
        row(id, extra, fields("id", extra));
        VerifyReport report = new Verifier(config(stack.postgres(), "public." + table).build()).run();
        TableReport t = report.tables().get(0);
        assertThat(t.targetTable()).contains(prefix + ":" + id + ":");
        assertThat(keys(t, RowDifference.Kind.MISSING)).containsExactly(b.toString());
        assertThat(keys(t, RowDifference.Kind.EXTRA)).containsExactly(extra);
        assertThat(t.different()).isZero();

        // the source now has the extra key: the recheck reads it back from PostgreSQL by its uuid
        VerifyReport later = new Verifier(config(stack.postgres(), "public." + table).mode(Mode.ROW).build())
                .progress((x, phase, done, total, rows) -> {
                    if (phase.equals("recheck")) {
                        try (Connection c = StackDatabases.connect(stack.postgres()); Statement s = c.createStatement()) {
                            s.execute("INSERT INTO " + table + " (id) VALUES ('" + extra + "')");
                            s.execute("DELETE FROM " + table + " WHERE id = '" + b + "'");
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }
                }).run();
        assertThat(later.equal()).as(ReportText.write(later)).isTrue();
    }

    @Test
    void badUseIsRefusedWithTheFix(LocalStack stack) {
        assertThatThrownBy(() -> config(stack.mariadb(), "t").redisPrefix("a b").build()).hasMessageContaining("--redis-prefix 'a b'");
        assertThatThrownBy(() -> config(stack.mariadb(), "t").bootstrapServers("x:1").changesTopic("t", "topic").build())
                .hasMessageContaining("compares SQL targets only");
        assertThatThrownBy(() -> VerifyConfig.builder().source(redisUrl, null, null).target(redisUrl, null, null).table("t").build())
                .hasMessageContaining("the source must be a database");
        assertThat(new VerifyConfig.Database("redis://u:secret@h:1/0", null, null).displayUrl()).isEqualTo("redis://u:***@h:1/0");
    }

    private static List<String> keys(TableReport t, RowDifference.Kind kind) {
        return t.differences().stream().filter(d -> d.kind() == kind)
                .map(d -> d.key().containsKey("redis key") ? d.key().get("redis key") : String.join(",", d.key().values())).toList();
    }
}
