package io.idaas.verify;

import io.idaas.stack.JdbcServer;
import io.idaas.stack.LocalStack;
import io.idaas.stack.junit.LocalStackExtension;
import io.idaas.verify.report.RowDifference;
import io.idaas.verify.report.TableReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A 20,000-row table with a few scattered differences: range checksums find them, bisection narrows them down, and
 * only a small fraction of the rows crosses the network. Also with a key that is not an integer (ranges cut at
 * boundary keys that the database gives).
 */
@ExtendWith(LocalStackExtension.class)
class BisectionTest {

    private static final int ROWS = 20_000;

    @Test
    void findsScatteredDifferencesFetchingFewRows(LocalStack stack) throws Exception {
        try (Connection maria = StackDatabases.connect(stack.mariadb()); Connection pg = StackDatabases.connect(stack.postgres())) {
            fill(maria, "big", "BIGINT", "DOUBLE", false);
            fill(pg, "big", "bigint", "double precision", false);
            try (Statement s = pg.createStatement()) {
                s.execute("UPDATE big SET label = 'x' WHERE id = 777");
                s.execute("UPDATE big SET amount = amount + 0.01 WHERE id = 12345");
                s.execute("DELETE FROM big WHERE id = 19999");
            }
            Verifier verifier = bisecting(stack.mariadb(), stack.postgres(), "big");
            TableReport report = verifier.run().tables().get(0);

            assertThat(report.differences()).extracting(d -> d.kind() + " " + d.key().get("id"))
                    .containsExactlyInAnyOrder("DIFFERENT 777", "DIFFERENT 12345", "MISSING 19999");
            VerifyStats stats = verifier.stats().get("big");
            // three leaves of at most 100 rows on each side, plus the re-check by key: about 600 of 40,000 rows
            assertThat(stats.rowsFetched()).isLessThan(ROWS * 2 / 20);
            assertThat(stats.rangesCompared()).isLessThanOrEqualTo(3);
            assertThat(stats.checksumQueries()).isGreaterThan(20);
            assertThat(report.sourceRows()).isEqualTo(ROWS);

            // one lane or four: the same differences, listed in the same (key-range) order, the same counts
            for (int parallel : new int[] {1, 4}) {
                Verifier other = new Verifier(StackDatabases.config(stack.mariadb(), stack.postgres(), "big")
                        .chunkRows(2_000).leafRows(100).fanout(8).parallel(parallel).build());
                TableReport again = other.run().tables().get(0);
                assertThat(again.differences()).as("parallel %d", parallel).isEqualTo(report.differences());
                assertThat(again.sourceRows()).isEqualTo(ROWS);
                assertThat(other.stats().get("big").checksumQueries()).isEqualTo(stats.checksumQueries());
            }
            assertThat(stats.checksumQueries(true)).isEqualTo(stats.checksumQueries(false)).isEqualTo(stats.checksumQueries() / 2);
        }
    }

    @Test
    void cutsRangesOfATextKeyAtBoundaryKeys(LocalStack stack) throws Exception {
        try (Connection maria = StackDatabases.connect(stack.mariadb()); Connection pg = StackDatabases.connect(stack.postgres())) {
            fill(maria, "big_text_key", "VARCHAR(20)", "DOUBLE", true);
            fill(pg, "big_text_key", "varchar(20)", "double precision", true);
            try (Statement s = maria.createStatement()) {
                s.execute("UPDATE big_text_key SET label = 'changed' WHERE id = 'k0004242'");
                s.execute("INSERT INTO big_text_key (id, label, amount, ratio) VALUES ('k0099999', 'extra', 1, 1)");
            }
            Verifier verifier = bisecting(stack.postgres(), stack.mariadb(), "big_text_key");
            TableReport report = verifier.run().tables().get(0);

            assertThat(report.differences()).extracting(d -> d.kind() + " " + d.key().get("id"))
                    .containsExactlyInAnyOrder("DIFFERENT k0004242", "EXTRA k0099999");
            assertThat(report.differences()).filteredOn(d -> d.kind() == RowDifference.Kind.DIFFERENT)
                    .flatExtracting(RowDifference::fields).extracting(f -> f.column() + ": " + f.source() + " -> " + f.target())
                    .containsExactly("label: label k0004242 -> changed");
            assertThat(verifier.stats().get("big_text_key").rowsFetched()).isLessThan(ROWS * 2 / 20);
        }
    }

    /** Top-level ranges of 2,000 rows, cut in 8 down to leaves of 100. */
    private static Verifier bisecting(JdbcServer source, JdbcServer target, String table) {
        return new Verifier(StackDatabases.config(source, target, table).chunkRows(2_000).leafRows(100).fanout(8).build());
    }

    private static void fill(Connection c, String table, String keyType, String doubleType, boolean textKey) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + table);
            s.execute("CREATE TABLE " + table + " (id " + keyType + " PRIMARY KEY, label VARCHAR(40), amount DECIMAL(12,2), ratio " + doubleType + ")");
        }
        c.setAutoCommit(false);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " (id, label, amount, ratio) VALUES (?, ?, ?, ?)")) {
            for (int i = 1; i <= ROWS; i++) {
                if (textKey) {
                    ps.setString(1, String.format("k%07d", i));
                } else {
                    ps.setLong(1, i);
                }
                ps.setString(2, "label " + (textKey ? String.format("k%07d", i) : String.valueOf(i)));
                ps.setBigDecimal(3, java.math.BigDecimal.valueOf(i * 7L, 2));
                ps.setDouble(4, i / 3.0);
                ps.addBatch();
                if (i % 2000 == 0) {
                    ps.executeBatch();
                }
            }
            ps.executeBatch();
        }
        c.commit();
        c.setAutoCommit(true);
        try (Statement s = c.createStatement()) {
            s.execute(keyType.startsWith("VARCHAR") || keyType.equals("BIGINT") ? "ANALYZE TABLE " + table : "ANALYZE " + table);
        }
    }
}
