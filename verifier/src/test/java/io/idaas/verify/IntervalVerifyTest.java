package io.idaas.verify;

import io.idaas.stack.JdbcServer;
import io.idaas.stack.LocalStack;
import io.idaas.stack.junit.LocalStackExtension;
import io.idaas.verify.report.FieldDifference;
import io.idaas.verify.report.RowDifference;
import io.idaas.verify.report.TableReport;
import io.idaas.verify.report.VerifyReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * PostgreSQL intervals against their copies as text (Debezium's {@code interval.handling.mode=string} writes ISO 8601,
 * {@code P0Y0M1DT2H3M4S}, which a MariaDB or PostgreSQL target keeps as text) compare by meaning: equal ones verify
 * equal by range checksums alone, both ways, and intervals of other months, days or microseconds are reported, with
 * repair statements that make the copy equal.
 */
@ExtendWith(LocalStackExtension.class)
class IntervalVerifyTest {

    /** PostgreSQL's interval input, and the text Debezium writes for it. */
    private static final List<String[]> ROWS = List.of(
            new String[] {"1 day 02:03:04", "P0Y0M1DT2H3M4S"},                                 // issue 10, item 11
            new String[] {"1 year 2 mons 3 days 04:05:06.789", "P1Y2M3DT4H5M6.789S"},
            new String[] {"-1 years -2 mons -3 days -04:05:06.5", "P-1Y-2M-3DT-4H-5M-6.5S"},     // negative parts
            new String[] {"1 mon -1 days +100:00:00.000001", "P0Y1M-1DT100H0M0.000001S"},      // mixed signs, 100 hours
            new String[] {"1 day -01:30:00", "P0Y0M1DT-1H-30M0S"},
            new String[] {"-0.5 seconds", "P0Y0M0DT0H0M-0.5S"},
            new String[] {"0", "P0Y0M0DT0H0M0S"},
            new String[] {"1 mon", "P0Y1M0DT0H0M0S"},
            new String[] {"1 day", "P0Y0M1DT0H0M0S"},
            new String[] {"00:00:00.000001", "P0Y0M0DT0H0M0.000001S"},
            new String[] {null, null});

    @Test
    void intervalsAndTheirTextCopiesVerifyEqualByChecksumsBothWays(LocalStack stack) throws Exception {
        create(stack, "iv_equal", Map.of());
        for (boolean fromPostgres : new boolean[] {true, false}) {
            VerifyConfig config = (fromPostgres ? StackDatabases.config(stack.postgres(), stack.mariadb(), "iv_equal")
                    : StackDatabases.config(stack.mariadb(), stack.postgres(), "iv_equal")).build();
            Verifier verifier = new Verifier(config);
            VerifyReport report = verifier.run();
            assertThat(report.tables().get(0).differences()).as("from %s", fromPostgres ? "PostgreSQL" : "MariaDB").isEmpty();
            assertThat(report.equal()).isTrue();
            assertThat(report.tables().get(0).sourceRows()).isEqualTo(ROWS.size());
            // each database computed the same months, days and microseconds: no row was fetched
            assertThat(verifier.stats().get("iv_equal").rowsFetched()).isZero();
        }
    }

    @Test
    void intervalsOfOtherMeaningAreReportedAndRepaired(LocalStack stack) throws Exception {
        // one month is not 30 days, one day not 24 hours, a sign and a microsecond matter
        Map<Integer, String> damage = Map.of(1, "P0Y0M1DT2H3M5S", 3, "P1Y2M3DT4H5M6.5S", 8, "P0Y0M30DT0H0M0S", 9, "P0Y0M0DT24H0M0S",
                10, "P0Y0M0DT0H0M0.000002S", 11, "P0Y0M0DT0H0M0S");
        create(stack, "iv_damaged", damage);
        VerifyConfig config = StackDatabases.config(stack.postgres(), stack.mariadb(), "iv_damaged").build();
        Verifier verifier = new Verifier(config);
        TableReport table = verifier.run().tables().get(0);

        Map<String, List<FieldDifference>> different = table.differences().stream()
                .filter(d -> d.kind() == RowDifference.Kind.DIFFERENT)
                .collect(Collectors.toMap(d -> d.key().get("id"), RowDifference::fields));
        assertThat(different).containsOnly(
                entry("1", List.of(new FieldDifference("iv", "P0Y0M1DT2H3M4S", "P0Y0M1DT2H3M5S"))),
                entry("3", List.of(new FieldDifference("iv", "P-1Y-2M-3DT-4H-5M-6.5S", "P1Y2M3DT4H5M6.5S"))),
                entry("8", List.of(new FieldDifference("iv", "P0Y1M0DT0H0M0S", "P0Y0M30DT0H0M0S"))),
                entry("9", List.of(new FieldDifference("iv", "P0Y0M1DT0H0M0S", "P0Y0M0DT24H0M0S"))),
                entry("10", List.of(new FieldDifference("iv", "P0Y0M0DT0H0M0.000001S", "P0Y0M0DT0H0M0.000002S"))),
                entry("11", List.of(new FieldDifference("iv", null, "P0Y0M0DT0H0M0S"))));
        assertThat(table.different()).isEqualTo(damage.size());

        try (Connection target = StackDatabases.connect(stack.mariadb()); Statement s = target.createStatement()) {
            for (String statement : verifier.repairStatements()) {
                if (!statement.startsWith("--")) {
                    s.execute(statement);
                }
            }
        }
        VerifyReport repaired = new Verifier(config).run();
        assertThat(repaired.tables().get(0).differences()).isEmpty();
        assertThat(repaired.equal()).isTrue();
    }

    @Test
    void aPostgresCopyHoldingTheTextAsTextVerifiesEqual(LocalStack stack) throws Exception {
        // postgres-to-postgres: the sink creates text for the portable string an interval travels as
        JdbcServer pg = stack.postgres();
        try (Connection c = StackDatabases.connect(pg); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS iv_copy CASCADE");
            s.execute("CREATE SCHEMA iv_copy");
        }
        fill(pg, "iv_pg", "interval", 0, Map.of());
        fill(pg, "iv_copy.iv_pg", "text", 1, Map.of());
        Verifier verifier = new Verifier(VerifyConfig.builder().source(pg.jdbcUrl(), pg.user(), pg.password())
                .target(pg.jdbcUrl(), pg.user(), pg.password()).table("iv_pg=iv_copy.iv_pg").build());
        VerifyReport report = verifier.run();
        assertThat(report.tables().get(0).differences()).isEmpty();
        assertThat(report.equal()).isTrue();
        assertThat(verifier.stats().get("iv_pg").rowsFetched()).isZero();
    }

    /** {@code table} with PostgreSQL's intervals, and in MariaDB with their text, {@code damage} replacing some (by id). */
    private static void create(LocalStack stack, String table, Map<Integer, String> damage) throws SQLException {
        fill(stack.postgres(), table, "interval", 0, Map.of());
        fill(stack.mariadb(), table, "LONGTEXT", 1, damage);
    }

    private static void fill(JdbcServer server, String table, String type, int column, Map<Integer, String> damage) throws SQLException {
        try (Connection c = StackDatabases.connect(server); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + table);
            s.execute("CREATE TABLE " + table + " (id INT PRIMARY KEY, iv " + type + ")");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " (id, iv) VALUES (?, "
                    + (type.equals("interval") ? "?::interval" : "?") + ")")) {
                for (int i = 0; i < ROWS.size(); i++) {
                    ps.setInt(1, i + 1);
                    ps.setString(2, damage.getOrDefault(i + 1, ROWS.get(i)[column]));
                    ps.executeUpdate();
                }
            }
        }
    }
}
