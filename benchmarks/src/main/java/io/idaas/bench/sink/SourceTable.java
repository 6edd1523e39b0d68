package io.idaas.bench.sink;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

/**
 * A MariaDB table and the seeded workload on it: inserts of new keys and updates of existing ones, half each (the
 * first change is an insert). Every change sets {@code sent_at}, microseconds since the epoch, just before it is
 * committed, so the target can tell how long the change took to become visible there.
 */
public final class SourceTable {

    static final String COLUMNS = "id BIGINT PRIMARY KEY, name VARCHAR(64) NOT NULL, qty INT NOT NULL, "
            + "price DECIMAL(12,2) NOT NULL, note VARCHAR(200), sent_at BIGINT NOT NULL";

    private final Connection connection;
    private final String table;
    private final Random random;
    private final PreparedStatement insert;
    private final PreparedStatement update;
    private long rows;
    private long changes;
    private long lastKey;
    private Change listener;
    private long maxLagNanos;

    /** Told of each change as it is made: its key and its {@code sent_at}. */
    @FunctionalInterface
    public interface Change {
        void made(long key, long sentAtMicros);
    }

    private SourceTable(Connection connection, String table, long seed) throws SQLException {
        this.connection = connection;
        this.table = table;
        this.random = new Random(seed);
        this.insert = connection.prepareStatement("INSERT INTO " + table + " (id, name, qty, price, note, sent_at) VALUES (?, ?, ?, ?, ?, ?)");
        this.update = connection.prepareStatement("UPDATE " + table + " SET qty = ?, price = ?, note = ?, sent_at = ? WHERE id = ?");
    }

    /** Tells {@code listener} of every change from now on (null: nobody). */
    public void onChange(Change listener) {
        this.listener = listener;
    }

    /** Creates {@code table}, which must not exist. */
    public static void create(Connection connection, String table) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE TABLE " + table + " (" + COLUMNS + ")");
        }
    }

    /** The workload of {@code table}, an empty table made by {@link #create}. */
    public static SourceTable open(Connection connection, String table, long seed) throws SQLException {
        connection.setAutoCommit(true);
        return new SourceTable(connection, table, seed);
    }

    String name() {
        return table;
    }

    /** Changes made so far: each is one event in the table's topic. */
    public long changes() {
        return changes;
    }

    /**
     * Makes {@code count} changes at {@code rate} per second, each its own transaction, the i-th due at
     * {@code start + i / rate}.
     *
     * @return the rate achieved, changes per second (below {@code rate} when MariaDB cannot keep up)
     */
    public double paced(long count, double rate, long startNanos) throws SQLException {
        double nanosPerChange = 1e9 / rate;
        for (long i = 0; i < count; i++) {
            long due = startNanos + (long) (i * nanosPerChange);
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            maxLagNanos = Math.max(maxLagNanos, -wait);
            PreparedStatement statement = next();
            long sentAt = nowMicros();
            statement.setLong(statement == insert ? 6 : 4, sentAt);
            statement.executeUpdate();
            if (listener != null) {
                listener.made(lastKey, sentAt);
            }
        }
        return count * 1e9 / (System.nanoTime() - startNanos);
    }

    /**
     * Makes {@code count} changes as fast as MariaDB takes them, {@code perTransaction} to a transaction, each key
     * changed at most once in a transaction. (Two changes of one key in one transaction, in two statements, have the
     * same Debezium position, binlog {@code pos} and {@code row}, and idaas's sink keeps only the first: see README.md.)
     */
    public void backlog(long count, int perTransaction) throws SQLException {
        connection.setAutoCommit(false);
        try {
            for (long done = 0; done < count; ) {
                int n = (int) Math.min(perTransaction, count - done);
                Set<Long> touched = new HashSet<>();
                long before = rows;
                for (int i = 0; i < n; i++) {
                    PreparedStatement statement = next(before, touched);
                    long sentAt = nowMicros();
                    statement.setLong(statement == insert ? 6 : 4, sentAt);
                    statement.addBatch();
                    if (listener != null) {
                        listener.made(lastKey, sentAt); // told before the commit: a reader waits for it anyway
                    }
                }
                insert.executeBatch();
                update.executeBatch();
                connection.commit();
                done += n;
            }
        } finally {
            connection.setAutoCommit(true);
        }
    }

    /**
     * How far behind its schedule {@link #paced} fell at worst, in milliseconds: when MariaDB stalls, the changes due
     * meanwhile are sent in a burst once it answers, so a second of sending can hold more than the rate's changes.
     */
    public double maxLagMillis() {
        return maxLagNanos / 1e6;
    }

    public long rowCount() throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private PreparedStatement next() throws SQLException {
        return next(rows, null);
    }

    /**
     * The next change with every value but {@code sent_at} bound: an update of a key up to {@code updatable} not in
     * {@code touched} (null: any), else an insert.
     */
    private PreparedStatement next(long updatable, Set<Long> touched) throws SQLException {
        changes++;
        long key = updatable == 0 || random.nextBoolean() ? 0 : 1 + (long) (random.nextDouble() * updatable);
        if (key == 0 || (touched != null && !touched.add(key))) {
            rows++;
            lastKey = rows;
            insert.setLong(1, rows);
            insert.setString(2, "item-" + rows);
            insert.setInt(3, random.nextInt(1000));
            insert.setBigDecimal(4, BigDecimal.valueOf(random.nextInt(1_000_000), 2));
            insert.setString(5, note());
            return insert;
        }
        update.setInt(1, random.nextInt(1000));
        update.setBigDecimal(2, BigDecimal.valueOf(random.nextInt(1_000_000), 2));
        update.setString(3, note());
        update.setLong(5, key);
        lastKey = key;
        return update;
    }

    private String note() {
        return "note " + Long.toString(random.nextLong() & Long.MAX_VALUE, 36);
    }

    public static long nowMicros() {
        return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
    }
}
