package io.idaas.e2e.views;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idaas.e2e.ConnectRest;
import io.idaas.e2e.KafkaTopics;
import io.idaas.e2e.SourceDatabase;
import io.idaas.stack.LocalStack;
import io.idaas.stack.junit.LocalStackExtension;
import io.idaas.views.app.ViewApp;
import io.idaas.views.app.ViewService;
import io.idaas.views.declaration.ViewDeclarations;
import io.idaas.views.table.ViewRow;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Views over real MariaDB changes (Debezium's MariaDB connector with ToDdml, on the local stack) stay equal to the
 * same queries run on MariaDB, under a seeded random workload of inserts, updates (including moving an order to
 * another customer) and deletes on two tables.
 */
@ExtendWith(LocalStackExtension.class)
class ViewsOnMariaDbTest {

    private static final int CUSTOMERS = 12;

    @Test
    void tableJoinMergeAndAggregateViewsEqualTheSameQueriesOnTheSource(LocalStack stack, @TempDir Path state) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String customers = "vc_" + run;
        String orders = "vo_" + run;
        String prefix = "views_" + run;
        String db = stack.mariadb().database();
        try (Connection c = SourceDatabase.MARIADB.open(stack); Statement sql = c.createStatement()) {
            sql.execute("CREATE TABLE " + customers + " (id INT PRIMARY KEY, name VARCHAR(50))");
            sql.execute("CREATE TABLE " + orders + " (id INT PRIMARY KEY, customer_id INT, status VARCHAR(20), amount DECIMAL(10,2))");
            for (int i = 1; i <= CUSTOMERS; i++) {
                sql.execute("INSERT INTO " + customers + " VALUES (" + i + ", 'customer " + i + "')");
            }
        }
        ObjectNode source = SourceDatabase.MARIADB.connector(stack, "mariadb-ddml-source", "views-src-" + run, prefix);
        ((ObjectNode) source.get("config")).put("table.include.list", db + "." + customers + "," + db + "." + orders);
        ConnectRest connect = new ConnectRest(stack.connect().restUrl());
        connect.create(source);
        ViewApp app = null;
        try {
            connect.awaitRunning("views-src-" + run, Duration.ofSeconds(60));
            String customerTopic = prefix + "." + db + "." + customers;
            String orderTopic = prefix + "." + db + "." + orders;
            KafkaTopics.awaitTopic(stack, customerTopic);
            // The orders topic appears with the first order: write one before the views start (they check topics).
            try (Connection c = SourceDatabase.MARIADB.open(stack); Statement sql = c.createStatement()) {
                sql.execute("INSERT INTO " + orders + " VALUES (1, 1, 'new', 10.00)");
            }
            KafkaTopics.awaitTopic(stack, orderTopic);

            Properties extra = new Properties();
            extra.put("auto.offset.reset", "earliest");
            extra.put("commit.interval.ms", "200");
            app = ViewApp.start(ViewDeclarations.parse("""
                    views:
                      - name: open_orders
                        kind: table
                        topic: %2$s
                        fields: {order: id, status: status, amount: amount}
                        where: [{field: status, op: ne, value: cancelled}]
                      - name: orders_with_customer
                        kind: join
                        topic: %2$s
                        fields: [id]
                        join: {topic: %1$s, on: {customer_id: id}, as: customer, fields: [name]}
                      - name: customer_orders
                        kind: merge
                        topic: %1$s
                        fields: [id, name]
                        children: [{topic: %2$s, on: {customer_id: id}, as: orders, fields: [id]}]
                      - name: sales
                        kind: aggregate
                        topic: %2$s
                        where: [{field: status, op: ne, value: cancelled}]
                        group_by: [customer_id]
                        aggregates: {orders: {op: count}, total: {op: sum, field: amount}}
                    """.formatted(customerTopic, orderTopic), "test"),
                    new ViewApp.Settings(stack.kafka().bootstrapServers(), "views-" + run, "127.0.0.1", 0, state, extra));
            ViewApp started = app;
            await("the view app runs").atMost(Duration.ofSeconds(60)).until(() -> started.state() == KafkaStreams.State.RUNNING);

            workload(stack, customers, orders, 400);

            ViewService views = app.service();
            await("views equal the queries on MariaDB").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                    .untilAsserted(() -> {
                        try (Connection c = SourceDatabase.MARIADB.open(stack)) {
                            assertThat(documents(views, "open_orders")).isEqualTo(query(c,
                                    "SELECT id, status, amount FROM " + orders + " WHERE status <> 'cancelled'",
                                    r -> "{\"id\":" + r.getInt(1) + "}",
                                    r -> "{\"order\":" + r.getInt(1) + ",\"status\":\"" + r.getString(2) + "\",\"amount\":\""
                                            + r.getBigDecimal(3).toPlainString() + "\"}"));
                            assertThat(documents(views, "orders_with_customer")).isEqualTo(query(c,
                                    "SELECT o.id, c.name FROM " + orders + " o LEFT JOIN " + customers + " c ON c.id = o.customer_id",
                                    r -> "{\"id\":" + r.getInt(1) + "}",
                                    r -> "{\"id\":" + r.getInt(1) + ",\"customer\":" + (r.getString(2) == null ? "null"
                                            : "{\"name\":\"" + r.getString(2) + "\"}") + "}"));
                            assertThat(documents(views, "customer_orders")).isEqualTo(merged(c, customers, orders));
                            assertThat(documents(views, "sales")).isEqualTo(query(c,
                                    "SELECT customer_id, COUNT(*), SUM(amount) FROM " + orders + " WHERE status <> 'cancelled' "
                                            + "GROUP BY customer_id",
                                    r -> "{\"customer_id\":" + r.getInt(1) + "}",
                                    r -> "{\"customer_id\":" + r.getInt(1) + ",\"orders\":" + r.getLong(2) + ",\"total\":\""
                                            + r.getBigDecimal(3).toPlainString() + "\"}"));
                        }
                    });
        } finally {
            if (app != null) {
                app.close();
            }
            connect.delete("views-src-" + run);
        }
    }

    /** Seeded inserts, updates (status, amount, customer) and deletes of orders, and customers renamed or deleted. */
    private static void workload(LocalStack stack, String customers, String orders, int changes) throws Exception {
        Random random = new Random(42);
        List<Integer> live = new ArrayList<>(List.of(1));
        int next = 2;
        String[] statuses = {"new", "paid", "shipped", "cancelled"};
        try (Connection c = SourceDatabase.MARIADB.open(stack);
             PreparedStatement insert = c.prepareStatement("INSERT INTO " + orders + " VALUES (?, ?, ?, ?)");
             PreparedStatement update = c.prepareStatement("UPDATE " + orders + " SET customer_id = ?, status = ?, amount = ? WHERE id = ?");
             PreparedStatement delete = c.prepareStatement("DELETE FROM " + orders + " WHERE id = ?");
             PreparedStatement rename = c.prepareStatement("UPDATE " + customers + " SET name = ? WHERE id = ?")) {
            for (int i = 0; i < changes; i++) {
                int dice = random.nextInt(100);
                BigDecimal amount = BigDecimal.valueOf(random.nextInt(100_000), 2);
                int customer = 1 + random.nextInt(CUSTOMERS + 2); // now and then a customer that does not exist
                if (dice < 45 || live.isEmpty()) {
                    insert.setInt(1, next);
                    insert.setInt(2, customer);
                    insert.setString(3, statuses[random.nextInt(statuses.length)]);
                    insert.setBigDecimal(4, amount);
                    insert.executeUpdate();
                    live.add(next++);
                } else if (dice < 80) {
                    update.setInt(1, customer);
                    update.setString(2, statuses[random.nextInt(statuses.length)]);
                    update.setBigDecimal(3, amount);
                    update.setInt(4, live.get(random.nextInt(live.size())));
                    update.executeUpdate();
                } else if (dice < 95) {
                    delete.setInt(1, live.remove(random.nextInt(live.size())));
                    delete.executeUpdate();
                } else {
                    rename.setString(1, "customer " + random.nextInt(1000));
                    rename.setInt(2, 1 + random.nextInt(CUSTOMERS));
                    rename.executeUpdate();
                }
            }
        }
    }

    private static Map<String, String> documents(ViewService views, String view) {
        Map<String, String> rows = new TreeMap<>();
        String from = null;
        do {
            ViewService.Page page = views.page(view, from, null, 1000);
            for (Map.Entry<String, ViewRow> e : page.rows()) {
                rows.put(e.getKey(), e.getValue().document().toString());
            }
            from = page.next();
        } while (from != null);
        return rows;
    }

    private interface Column {
        String read(ResultSet r) throws Exception;
    }

    private static Map<String, String> query(Connection c, String sql, Column key, Column document) throws Exception {
        Map<String, String> rows = new TreeMap<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                rows.put(key.read(r), document.read(r));
            }
        }
        return rows;
    }

    /** Each customer with the ids of its orders, in the order of the orders' key text, as the merge view lists them. */
    private static Map<String, String> merged(Connection c, String customers, String orders) throws Exception {
        Map<String, String> rows = new TreeMap<>();
        Map<Integer, TreeMap<String, Integer>> byCustomer = new TreeMap<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT id, customer_id FROM " + orders)) {
            while (r.next()) {
                byCustomer.computeIfAbsent(r.getInt(2), k -> new TreeMap<>()).put("{\"id\":" + r.getInt(1) + "}", r.getInt(1));
            }
        }
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT id, name FROM " + customers)) {
            while (r.next()) {
                StringBuilder list = new StringBuilder();
                for (int id : byCustomer.getOrDefault(r.getInt(1), new TreeMap<>()).values()) {
                    list.append(list.length() == 0 ? "" : ",").append("{\"id\":").append(id).append('}');
                }
                rows.put("{\"id\":" + r.getInt(1) + "}", "{\"id\":" + r.getInt(1) + ",\"name\":\"" + r.getString(2)
                        + "\",\"orders\":[" + list + "]}");
            }
        }
        return rows;
    }
}
