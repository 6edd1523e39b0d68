package io.idaas.cli.demo;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Random;

/**
 * The demo's shop, changing: a few changes a second to orders (placed, paid, shipped, cancelled, deleted) and now and
 * then a customer moving to another city, so that replication and the views have something to follow.
 */
final class DemoWorkload implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DemoWorkload.class);
    static final String[] STATUSES = {"placed", "paid", "shipped", "cancelled"};
    static final String[] CITIES = {"Lisbon", "Porto", "Madrid", "Paris", "Berlin", "Oslo", "Rome", "Vienna"};

    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final long pauseMillis;
    private final long maxChanges;
    private final java.io.PrintWriter out;
    private final Thread thread;
    private volatile boolean closed;
    private long changes;

    /**
     * @param maxChanges the workload stops after this many changes and says so on {@code out}; 0: it runs until closed
     */
    DemoWorkload(String jdbcUrl, String user, String password, long pauseMillis, long maxChanges, java.io.PrintWriter out) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        this.pauseMillis = pauseMillis;
        this.maxChanges = maxChanges;
        this.out = out;
        this.thread = new Thread(this::run, "idaas-demo-workload");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void run() {
        Random random = new Random();
        while (!closed) {
            try (Connection c = DriverManager.getConnection(jdbcUrl, user, password)) {
                int customers = count(c, "SELECT COUNT(*) FROM demo_customers");
                int nextOrder = count(c, "SELECT COALESCE(MAX(id), 0) + 1 FROM demo_orders");
                try (PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO demo_orders (id, customer_id, status, amount) VALUES (?, ?, 'placed', ?)");
                     PreparedStatement advance = c.prepareStatement("UPDATE demo_orders SET status = ? WHERE id = ?");
                     PreparedStatement delete = c.prepareStatement("DELETE FROM demo_orders WHERE id = ?");
                     PreparedStatement move = c.prepareStatement("UPDATE demo_customers SET city = ? WHERE id = ?")) {
                    while (!closed) {
                        if (maxChanges > 0 && changes >= maxChanges) {
                            out.printf("  - workload: %d changes made; it stops here (--demo-changes)%n", changes);
                            out.flush();
                            return;
                        }
                        int dice = random.nextInt(100);
                        int order = 1 + random.nextInt(Math.max(1, nextOrder - 1));
                        if (dice < 45) {
                            insert.setInt(1, nextOrder++);
                            insert.setInt(2, 1 + random.nextInt(customers));
                            insert.setBigDecimal(3, BigDecimal.valueOf(500 + random.nextInt(50_000), 2));
                            insert.executeUpdate();
                        } else if (dice < 85) {
                            advance.setString(1, STATUSES[1 + random.nextInt(STATUSES.length - 1)]);
                            advance.setInt(2, order);
                            advance.executeUpdate();
                        } else if (dice < 95) {
                            delete.setInt(1, order);
                            delete.executeUpdate();
                        } else {
                            move.setString(1, CITIES[random.nextInt(CITIES.length)]);
                            move.setInt(2, 1 + random.nextInt(customers));
                            move.executeUpdate();
                        }
                        changes++;
                        Thread.sleep(pauseMillis);
                    }
                }
            } catch (InterruptedException e) {
                return;
            } catch (SQLException e) {
                if (!closed) {
                    LOG.warn("the demo workload's change failed ({}); retrying in a second", e.getMessage());
                    try {
                        Thread.sleep(1_000);
                    } catch (InterruptedException ie) {
                        return;
                    }
                }
            }
        }
    }

    private static int count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getInt(1);
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
