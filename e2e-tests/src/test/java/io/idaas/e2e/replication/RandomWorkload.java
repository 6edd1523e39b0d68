package io.idaas.e2e.replication;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A seeded random workload on one table of a source database, in SQL that MariaDB, MySQL and PostgreSQL all accept:
 * inserts, updates, primary-key updates, deletes, multi-statement transactions, one truncate and one column added
 * half-way. The same seed gives the same statements, so a failure can be replayed.
 *
 * <p>The table: {@code id INT PRIMARY KEY, customer VARCHAR(100), amount DECIMAL(12,2), qty INT, note VARCHAR(200),
 * updated_at TIMESTAMP(6)}, plus {@code extra INT} once the DDL has run.
 */
public final class RandomWorkload {

    /** What the workload did. */
    public record Stats(int inserts, int updates, int keyUpdates, int deletes, int transactions, int truncates, int ddl) {
        public int changes() {
            return inserts + updates + keyUpdates + deletes + truncates + ddl;
        }
    }

    private final Random random;
    private final String table;
    private final boolean postgres;
    private final List<Integer> live = new ArrayList<>();
    private int nextId = 1;
    private boolean extraColumn;
    private int inserts;
    private int updates;
    private int keyUpdates;
    private int deletes;
    private int transactions;
    private int truncates;
    private int ddl;

    public RandomWorkload(long seed, String table, boolean postgres) {
        this.random = new Random(seed);
        this.table = table;
        this.postgres = postgres;
    }

    /** The CREATE TABLE statement of the workload's table. */
    public String createTable() {
        return "CREATE TABLE " + table + " (id INT PRIMARY KEY, customer VARCHAR(100), amount DECIMAL(12,2), qty INT, "
                + "note VARCHAR(200), updated_at " + (postgres ? "TIMESTAMP(6)" : "DATETIME(6)") + ")";
    }

    /**
     * Runs about {@code changes} row changes, committing as it goes (auto-commit, or a transaction of 2 to 5
     * statements one time in ten). The truncate comes at a third of the way, the added column at half.
     */
    public Stats run(Connection db, int changes) throws SQLException {
        db.setAutoCommit(true);
        while (inserts + updates + keyUpdates + deletes < changes) {
            int done = inserts + updates + keyUpdates + deletes;
            if (truncates == 0 && done >= changes / 3) {
                execute(db, "TRUNCATE TABLE " + table);
                live.clear();
                truncates++;
            }
            if (ddl == 0 && done >= changes / 2) {
                execute(db, "ALTER TABLE " + table + " ADD COLUMN extra INT");
                extraColumn = true;
                ddl++;
            }
            if (random.nextInt(10) == 0) {
                db.setAutoCommit(false);
                int statements = 2 + random.nextInt(4);
                for (int i = 0; i < statements; i++) {
                    step(db);
                }
                db.commit();
                db.setAutoCommit(true);
                transactions++;
            } else {
                step(db);
            }
        }
        return new Stats(inserts, updates, keyUpdates, deletes, transactions, truncates, ddl);
    }

    private void step(Connection db) throws SQLException {
        int dice = random.nextInt(100);
        if (live.size() < 20 || dice < 40) {
            insert(db);
        } else if (dice < 70) {
            update(db);
        } else if (dice < 75) {
            updateKey(db);
        } else {
            delete(db);
        }
    }

    private void insert(Connection db) throws SQLException {
        int id = nextId++;
        String sql = "INSERT INTO " + table + " (id, customer, amount, qty, note, updated_at" + (extraColumn ? ", extra" : "")
                + ") VALUES (?, ?, ?, ?, ?, ?" + (extraColumn ? ", ?" : "") + ")";
        try (PreparedStatement st = db.prepareStatement(sql)) {
            st.setInt(1, id);
            st.setString(2, "customer " + random.nextInt(1000) + (random.nextInt(5) == 0 ? " ünïcödé 😀" : ""));
            st.setBigDecimal(3, BigDecimal.valueOf(random.nextInt(10_000_000) - 5_000_000, 2));
            st.setInt(4, random.nextInt(100));
            st.setString(5, random.nextInt(4) == 0 ? null : "note " + random.nextInt());
            st.setObject(6, timestamp());
            if (extraColumn) {
                st.setInt(7, random.nextInt());
            }
            st.executeUpdate();
        }
        live.add(id);
        inserts++;
    }

    private void update(Connection db) throws SQLException {
        int id = pick();
        try (PreparedStatement st = db.prepareStatement("UPDATE " + table + " SET amount = ?, qty = qty + 1, note = ?, updated_at = ? WHERE id = ?")) {
            st.setBigDecimal(1, BigDecimal.valueOf(random.nextInt(10_000_000), 2));
            st.setString(2, random.nextInt(3) == 0 ? null : "updated " + random.nextInt());
            st.setObject(3, timestamp());
            st.setInt(4, id);
            st.executeUpdate();
        }
        updates++;
    }

    private void updateKey(Connection db) throws SQLException {
        int from = pick();
        int to = nextId++;
        try (PreparedStatement st = db.prepareStatement("UPDATE " + table + " SET id = ? WHERE id = ?")) {
            st.setInt(1, to);
            st.setInt(2, from);
            st.executeUpdate();
        }
        live.remove(Integer.valueOf(from));
        live.add(to);
        keyUpdates++;
    }

    private void delete(Connection db) throws SQLException {
        int id = pick();
        try (PreparedStatement st = db.prepareStatement("DELETE FROM " + table + " WHERE id = ?")) {
            st.setInt(1, id);
            st.executeUpdate();
        }
        live.remove(Integer.valueOf(id));
        deletes++;
    }

    private int pick() {
        return live.get(random.nextInt(live.size()));
    }

    private LocalDateTime timestamp() {
        return LocalDateTime.of(2026, 1, 1, 0, 0).plusNanos(random.nextLong(1_000_000_000_000_000L) / 1000 * 1000);
    }

    private static void execute(Connection db, String sql) throws SQLException {
        try (Statement st = db.createStatement()) {
            st.execute(sql);
        }
    }
}
