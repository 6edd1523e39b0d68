package io.idaas.e2e.replication;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A seeded random workload on one or more tables of a source database, in SQL that MariaDB, MySQL and PostgreSQL all
 * accept: inserts, updates, primary-key updates, deletes, multi-statement transactions, and per table one truncate
 * and one column added part-way. The same seed gives the same statements, so a failure can be replayed.
 *
 * <p>Each table: {@code id INT PRIMARY KEY, customer VARCHAR(100), amount DECIMAL(12,2), qty INT, note VARCHAR(200),
 * updated_at TIMESTAMP(6)}, plus {@code extra INT} once its DDL has run. Statements are prepared once per connection
 * and table and reused.
 */
public final class RandomWorkload {

    /** The columns every table has at the end, besides {@code id}: what a comparison looks at. */
    public static final List<String> COLUMNS = List.of("customer", "amount", "qty", "note", "updated_at", "extra");

    /** What the workload did. */
    public record Stats(int inserts, int updates, int keyUpdates, int deletes, int transactions, int truncates, int ddl) {
        public int changes() {
            return inserts + updates + keyUpdates + deletes + truncates + ddl;
        }
    }

    private final Random random;
    private final List<TableState> tables = new ArrayList<>();
    private final boolean postgres;
    private final int transactionSize;
    private final AtomicInteger rowChanges = new AtomicInteger();
    private int inserts;
    private int updates;
    private int keyUpdates;
    private int deletes;
    private int transactions;
    private int truncates;
    private int ddl;

    /** One table; mostly auto-commit, a transaction of 2 to 5 statements one time in ten. */
    public RandomWorkload(long seed, String table, boolean postgres) {
        this(seed, List.of(table), postgres, 1);
    }

    /**
     * @param tables          the tables, each written at random (a transaction may touch several)
     * @param transactionSize 1: mostly auto-commit, a transaction of 2 to 5 statements one time in ten; N &gt; 1:
     *                        every statement in a transaction of 1 to 2N-1 statements (N on average), which is how a
     *                        workload of tens of thousands of changes stays quick
     */
    public RandomWorkload(long seed, List<String> tables, boolean postgres, int transactionSize) {
        this.random = new Random(seed);
        this.postgres = postgres;
        this.transactionSize = transactionSize;
        for (int i = 0; i < tables.size(); i++) {
            this.tables.add(new TableState(tables.get(i), i));
        }
    }

    /** The CREATE TABLE statement of the (first) table. */
    public String createTable() {
        return createTable(tables.get(0).name);
    }

    /** The CREATE TABLE statement of {@code table}. */
    public String createTable(String table) {
        return "CREATE TABLE " + table + " (id INT PRIMARY KEY, customer VARCHAR(100), amount DECIMAL(12,2), qty INT, "
                + "note VARCHAR(200), updated_at " + (postgres ? "TIMESTAMP(6)" : "DATETIME(6)") + ")";
    }

    public List<String> tables() {
        return tables.stream().map(t -> t.name).toList();
    }

    /** Row changes done so far (across calls, readable from any thread): to inject a fault part-way. */
    public int progress() {
        return rowChanges.get();
    }

    /**
     * Runs about {@code changes} more row changes, committing as it goes. Table number i is truncated once
     * {@code changes * (1/3 + i/20)} row changes of this call are done, and gets its column {@code extra} at
     * {@code changes * (1/2 + i/20)}; a later call does neither again.
     */
    public Stats run(Connection db, int changes) throws SQLException {
        Map<String, PreparedStatement> statements = new HashMap<>();
        try {
            db.setAutoCommit(true);
            int start = inserts + updates + keyUpdates + deletes;
            while (inserts + updates + keyUpdates + deletes - start < changes) {
                int done = inserts + updates + keyUpdates + deletes - start;
                for (TableState t : tables) {
                    if (!t.truncated && done >= changes / 3 + t.index * changes / 20) {
                        execute(db, "TRUNCATE TABLE " + t.name);
                        t.live.clear();
                        t.truncated = true;
                        truncates++;
                    }
                    if (!t.extraColumn && done >= changes / 2 + t.index * changes / 20) {
                        execute(db, "ALTER TABLE " + t.name + " ADD COLUMN extra INT");
                        t.extraColumn = true;
                        closeAll(statements); // the inserts change shape
                        ddl++;
                    }
                }
                int size = transactionSize > 1 ? 1 + random.nextInt(2 * transactionSize - 1)
                        : random.nextInt(10) == 0 ? 2 + random.nextInt(4) : 1;
                if (size > 1) {
                    db.setAutoCommit(false); // a no-op when already off
                    for (int i = 0; i < size; i++) {
                        step(db, statements);
                    }
                    db.commit();
                    if (transactionSize == 1) {
                        db.setAutoCommit(true);
                    }
                    transactions++;
                } else if (!db.getAutoCommit()) {
                    step(db, statements);
                    db.commit();
                } else {
                    step(db, statements);
                }
            }
        } finally {
            closeAll(statements);
        }
        return new Stats(inserts, updates, keyUpdates, deletes, transactions, truncates, ddl);
    }

    private void step(Connection db, Map<String, PreparedStatement> statements) throws SQLException {
        TableState t = tables.get(random.nextInt(tables.size()));
        int dice = random.nextInt(100);
        if (t.live.size() < 20 || dice < 40) {
            insert(db, statements, t);
        } else if (dice < 70) {
            update(db, statements, t);
        } else if (dice < 75) {
            updateKey(db, statements, t);
        } else {
            delete(db, statements, t);
        }
        rowChanges.incrementAndGet();
    }

    private void insert(Connection db, Map<String, PreparedStatement> statements, TableState t) throws SQLException {
        int id = t.nextId++;
        PreparedStatement st = prepared(db, statements, "insert " + t.name, "INSERT INTO " + t.name
                + " (id, customer, amount, qty, note, updated_at" + (t.extraColumn ? ", extra" : "")
                + ") VALUES (?, ?, ?, ?, ?, ?" + (t.extraColumn ? ", ?" : "") + ")");
        st.setInt(1, id);
        st.setString(2, "customer " + random.nextInt(1000) + (random.nextInt(5) == 0 ? " ünïcödé 😀" : ""));
        st.setBigDecimal(3, BigDecimal.valueOf(random.nextInt(10_000_000) - 5_000_000, 2));
        st.setInt(4, random.nextInt(100));
        st.setString(5, random.nextInt(4) == 0 ? null : "note " + random.nextInt());
        st.setObject(6, timestamp());
        if (t.extraColumn) {
            st.setInt(7, random.nextInt());
        }
        st.executeUpdate();
        t.live.add(id);
        inserts++;
    }

    private void update(Connection db, Map<String, PreparedStatement> statements, TableState t) throws SQLException {
        int id = t.pick(random);
        PreparedStatement st = prepared(db, statements, "update " + t.name,
                "UPDATE " + t.name + " SET amount = ?, qty = qty + 1, note = ?, updated_at = ? WHERE id = ?");
        st.setBigDecimal(1, BigDecimal.valueOf(random.nextInt(10_000_000), 2));
        st.setString(2, random.nextInt(3) == 0 ? null : "updated " + random.nextInt());
        st.setObject(3, timestamp());
        st.setInt(4, id);
        st.executeUpdate();
        updates++;
    }

    private void updateKey(Connection db, Map<String, PreparedStatement> statements, TableState t) throws SQLException {
        int from = t.pick(random);
        int to = t.nextId++;
        PreparedStatement st = prepared(db, statements, "key " + t.name, "UPDATE " + t.name + " SET id = ? WHERE id = ?");
        st.setInt(1, to);
        st.setInt(2, from);
        st.executeUpdate();
        t.live.remove(Integer.valueOf(from));
        t.live.add(to);
        keyUpdates++;
    }

    private void delete(Connection db, Map<String, PreparedStatement> statements, TableState t) throws SQLException {
        int id = t.pick(random);
        PreparedStatement st = prepared(db, statements, "delete " + t.name, "DELETE FROM " + t.name + " WHERE id = ?");
        st.setInt(1, id);
        st.executeUpdate();
        t.live.remove(Integer.valueOf(id));
        deletes++;
    }

    private static PreparedStatement prepared(Connection db, Map<String, PreparedStatement> statements, String key, String sql)
            throws SQLException {
        PreparedStatement st = statements.get(key);
        if (st == null) {
            st = db.prepareStatement(sql);
            statements.put(key, st);
        }
        return st;
    }

    private static void closeAll(Map<String, PreparedStatement> statements) throws SQLException {
        for (PreparedStatement st : statements.values()) {
            st.close();
        }
        statements.clear();
    }

    private LocalDateTime timestamp() {
        return LocalDateTime.of(2026, 1, 1, 0, 0).plusNanos(random.nextLong(1_000_000_000_000_000L) / 1000 * 1000);
    }

    /** Runs a TRUNCATE or an ALTER on its own, in auto-commit (MariaDB commits them implicitly anyway). */
    private static void execute(Connection db, String sql) throws SQLException {
        db.setAutoCommit(true);
        try (Statement st = db.createStatement()) {
            st.execute(sql);
        }
    }

    /** What the workload knows of one table: its live keys, the next key, whether its truncate and DDL ran. */
    private static final class TableState {
        final String name;
        final int index;
        final List<Integer> live = new ArrayList<>();
        int nextId = 1;
        boolean truncated;
        boolean extraColumn;

        TableState(String name, int index) {
            this.name = name;
            this.index = index;
        }

        int pick(Random random) {
            return live.get(random.nextInt(live.size()));
        }
    }
}
