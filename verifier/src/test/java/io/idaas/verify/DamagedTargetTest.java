package io.idaas.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.idaas.stack.JdbcServer;
import io.idaas.stack.LocalStack;
import io.idaas.stack.junit.LocalStackExtension;
import io.idaas.verify.report.FieldDifference;
import io.idaas.verify.report.ReportJson;
import io.idaas.verify.report.ReportText;
import io.idaas.verify.report.RowDifference;
import io.idaas.verify.report.TableReport;
import io.idaas.verify.report.VerifyReport;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * A target damaged in known ways is reported with exactly those differences, and the repair statements, applied to it,
 * make it verify equal: from MariaDB to PostgreSQL and from PostgreSQL to MariaDB.
 */
@ExtendWith(LocalStackExtension.class)
class DamagedTargetTest {

    private static final int ROWS = 200;

    @ParameterizedTest(name = "from {0}")
    @ValueSource(strings = {"mariadb", "postgres"})
    void reportsExactlyTheDamageAndTheRepairMakesItEqual(String from, LocalStack stack) throws Exception {
        JdbcServer source = from.equals("mariadb") ? stack.mariadb() : stack.postgres();
        JdbcServer target = from.equals("mariadb") ? stack.postgres() : stack.mariadb();
        String table = "items_from_" + from;
        try (Connection src = StackDatabases.connect(source); Connection dst = StackDatabases.connect(target)) {
            create(src, table, source == stack.mariadb());
            create(dst, table, target == stack.mariadb());
            try (Statement s = dst.createStatement()) {
                s.execute("DELETE FROM " + table + " WHERE id IN (5, 6)");                                  // missing
                s.execute("INSERT INTO " + table + " (id, name, note, price, code, updated, flag) VALUES (1001, 'extra', NULL, 1.00, 'X', '2026-01-01 00:00:00', "
                        + (target == stack.mariadb() ? "0" : "false") + ")");                                 // extra
                s.execute("UPDATE " + table + " SET name = 'changed' WHERE id = 10");                       // a changed field
                s.execute("UPDATE " + table + " SET note = NULL WHERE id = 20");                           // '' in the source
                s.execute("UPDATE " + table + " SET price = price + 0.01 WHERE id = 30");                  // a decimal digit
                s.execute("UPDATE " + table + " SET name = SUBSTRING(name, 1, 5) WHERE id = 40");          // truncated
            }

            Verifier verifier = new Verifier(StackDatabases.config(source, target, table).build());
            VerifyReport report = verifier.run();
            TableReport t = report.tables().get(0);
            assertThat(report.equal()).isFalse();
            assertThat(ids(t, RowDifference.Kind.MISSING)).containsExactlyInAnyOrder("5", "6");
            assertThat(ids(t, RowDifference.Kind.EXTRA)).containsExactly("1001");
            Map<String, List<FieldDifference>> different = t.differences().stream().filter(d -> d.kind() == RowDifference.Kind.DIFFERENT)
                    .collect(Collectors.toMap(d -> d.key().get("id"), RowDifference::fields));
            assertThat(different).containsOnly(
                    entry("10", List.of(new FieldDifference("name", "name 10", "changed"))),
                    entry("20", List.of(new FieldDifference("note", "", null))),
                    entry("30", List.of(new FieldDifference("price", "31.3", "31.31"))),
                    entry("40", List.of(new FieldDifference("name", "name 40", "name "))));
            assertThat(t.missing()).isEqualTo(2);
            assertThat(t.extra()).isEqualTo(1);
            assertThat(t.different()).isEqualTo(4);
            assertThat(t.sourceRows()).isEqualTo(ROWS);
            assertThat(t.targetRows()).isEqualTo(ROWS - 2 + 1);

            JsonNode json = new ObjectMapper().readTree(ReportJson.write(report));
            assertThat(json.path("equal").asBoolean()).isFalse();
            assertThat(json.path("tables").get(0).path("missing").asLong()).isEqualTo(2);
            assertThat(json.path("tables").get(0).path("differences")).hasSize(7);
            assertThat(ReportText.write(report)).contains("DIFFERENT").contains("price: source '31.3', target '31.31'");

            try (Statement s = dst.createStatement()) {
                for (String statement : verifier.repairStatements()) {
                    if (!statement.startsWith("--")) {
                        s.execute(statement);
                    }
                }
            }
            VerifyReport repaired = new Verifier(StackDatabases.config(source, target, table).build()).run();
            assertThat(repaired.tables().get(0).differences()).isEmpty();
            assertThat(repaired.equal()).isTrue();
        }
    }

    private static List<String> ids(TableReport t, RowDifference.Kind kind) {
        return t.differences().stream().filter(d -> d.kind() == kind).map(d -> d.key().get("id")).toList();
    }

    /** id, name, note ('' in row 20), price (id + 1.30), code (CHAR), updated, flag (TINYINT(1) / boolean). */
    private static void create(Connection c, String table, boolean mariadb) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + table);
            s.execute("CREATE TABLE " + table + " (id BIGINT PRIMARY KEY, name VARCHAR(50) NOT NULL, note VARCHAR(50) NULL,"
                    + " price " + (mariadb ? "DECIMAL(10,2)" : "numeric(12,3)") + ", code CHAR(8), updated "
                    + (mariadb ? "DATETIME(6)" : "timestamp(6)") + ", flag " + (mariadb ? "TINYINT(1)" : "boolean") + ")");
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " (id, name, note, price, code, updated, flag) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            for (int id = 1; id <= ROWS; id++) {
                ps.setLong(1, id);
                ps.setString(2, "name " + id);
                ps.setString(3, id == 20 ? "" : id % 3 == 0 ? null : "note 'quoted' \\ " + id);
                ps.setBigDecimal(4, new java.math.BigDecimal(id + ".30").add(java.math.BigDecimal.ONE));
                ps.setString(5, "c" + id);
                ps.setObject(6, LocalDateTime.parse("2026-11-25T10:00:00.123456").plusSeconds(id));
                ps.setBoolean(7, id % 2 == 0);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
