package io.idaas.e2e.replication;

import io.idaas.e2e.pipeline.Db;
import io.idaas.e2e.pipeline.PlainSqlComparison;
import io.idaas.stack.LocalStack;
import io.idaas.stack.junit.LocalStackExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tools the replication tests judge with: the seeded workload does what it says, and the comparison sees
 * equal tables as equal and reports exactly the rows and fields that differ (so it can fail).
 */
@ExtendWith(LocalStackExtension.class)
class WorkloadAndComparisonTest {

    private static final List<String> COLUMNS = List.of("customer", "amount", "qty", "note", "updated_at", "extra");

    @Test
    void theComparisonFindsExactlyTheDifferencesBetweenAMariaDbTableAndItsCopy(LocalStack stack) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String source = "wl_src_" + run;
        String copy = "wl_copy_" + run;
        try (Connection db = Db.MARIADB.openDefault(stack); Statement sql = db.createStatement()) {
            RandomWorkload workload = new RandomWorkload(42, source, false);
            sql.execute(workload.createTable());
            RandomWorkload.Stats stats = workload.run(db, 2_000);
            assertThat(stats.inserts()).isGreaterThan(500);
            assertThat(stats.updates()).isGreaterThan(300);
            assertThat(stats.keyUpdates()).isGreaterThan(30);
            assertThat(stats.deletes()).isGreaterThan(100);
            assertThat(stats.transactions()).isGreaterThan(50);
            assertThat(stats.truncates()).isEqualTo(1);
            assertThat(stats.ddl()).isEqualTo(1);

            sql.execute("CREATE TABLE " + copy + " AS SELECT * FROM " + source);
            assertThat(PlainSqlComparison.differences(db, source, db, copy, "id", COLUMNS)).isEmpty();

            long changed;
            long deleted;
            try (var rs = sql.executeQuery("SELECT MIN(id), MAX(id) FROM " + copy)) {
                rs.next();
                changed = rs.getLong(1);
                deleted = rs.getLong(2);
            }
            sql.execute("UPDATE " + copy + " SET qty = qty + 1 WHERE id = " + changed);
            sql.execute("DELETE FROM " + copy + " WHERE id = " + deleted);
            sql.execute("INSERT INTO " + copy + " (id, customer) VALUES (999999, 'extra')");
            assertThat(PlainSqlComparison.differences(db, source, db, copy, "id", COLUMNS)).containsExactlyInAnyOrder(
                    source + " id=" + changed + " qty: source '" + qtyOf(db, source, changed) + "', target '" + qtyOf(db, copy, changed) + "'",
                    source + " id=" + deleted + ": missing in the target",
                    source + " id=999999: extra in the target");
        }
    }

    private static String qtyOf(Connection db, String table, long id) throws Exception {
        try (Statement st = db.createStatement(); var rs = st.executeQuery("SELECT qty FROM " + table + " WHERE id = " + id)) {
            rs.next();
            return new java.math.BigDecimal(rs.getString(1)).stripTrailingZeros().toPlainString();
        }
    }
}
