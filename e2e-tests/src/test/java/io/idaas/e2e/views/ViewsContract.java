package io.idaas.e2e.views;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idaas.configs.ConnectConfig;
import io.idaas.ddml.consistency.ConsistencyToken;
import io.idaas.ddml.consistency.ConsistencyTokens;
import io.idaas.ddml.consistency.SourceLog;
import io.idaas.e2e.ConnectRest;
import io.idaas.e2e.KafkaTopics;
import io.idaas.e2e.SourceDatabase;
import io.idaas.e2e.pipeline.PlainSqlComparison;
import io.idaas.e2e.replication.RandomWorkload;
import io.idaas.stack.LocalStack;
import io.idaas.stack.junit.LocalStackExtension;
import io.idaas.views.app.ViewApp;
import io.idaas.views.app.ViewService;
import io.idaas.views.consistency.SourceDeclaration;
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
 * Views over real changes of a source database (its Debezium connector with ToDdml, on the local stack), the same
 * checks for every source:
 *
 * <ul>
 *   <li>table, join, merge and aggregate views stay equal to the same queries run on the source, under a seeded
 *   random workload of inserts, updates (including moving an order to another customer), primary-key changes and
 *   deletes on both tables;</li>
 *   <li>a table view follows a column added upstream part-way, without a restart, and its DDML changelog topic, run
 *   through the idaas JDBC sink into PostgreSQL, gives a copy equal to the source table.</li>
 * </ul>
 */
@ExtendWith(LocalStackExtension.class)
abstract class ViewsContract {

    private static final int CUSTOMERS = 12;
    private static final String HEARTBEATS = "idaas_heartbeat";
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    /** The database whose changes the views read. */
    abstract SourceDatabase source();

    @Test
    void tableJoinMergeAndAggregateViewsEqualTheSameQueriesOnTheSource(LocalStack stack, @TempDir Path state) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String customers = "vc_" + run;
        String orders = "vo_" + run;
        String prefix = "views_" + run;
        SourceDatabase db = source();
        SourceLog system = db == SourceDatabase.POSTGRES ? SourceLog.POSTGRESQL : SourceLog.MARIADB;
        try (Connection c = db.open(stack); Statement sql = c.createStatement()) {
            sql.execute("CREATE TABLE " + customers + " (id INT PRIMARY KEY, name VARCHAR(50))");
            sql.execute("CREATE TABLE " + orders + " (id INT PRIMARY KEY, customer_id INT, status VARCHAR(20), amount DECIMAL(10,2))");
            for (int i = 1; i <= CUSTOMERS; i++) {
                sql.execute("INSERT INTO " + customers + " VALUES (" + i + ", 'customer " + i + "')");
            }
            sql.execute(system.createHeartbeatTable(HEARTBEATS));
        }
        ConnectRest connect = new ConnectRest(stack.connect().restUrl());
        startCapture(stack, connect, run, prefix, customers, orders, HEARTBEATS);
        ViewApp app = null;
        try {
            String customerTopic = db.topicOf(stack, prefix, customers);
            String orderTopic = db.topicOf(stack, prefix, orders);
            KafkaTopics.awaitTopic(stack, customerTopic);
            // The orders topic appears with the first order: write one before the views start (they check topics).
            try (Connection c = db.open(stack); Statement sql = c.createStatement()) {
                sql.execute("INSERT INTO " + orders + " VALUES (1, 1, 'new', 10.00)");
            }
            KafkaTopics.awaitTopic(stack, orderTopic);

            Properties extra = new Properties();
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
                    List.of(new SourceDeclaration("src", system,
                            db.server(stack).jdbcUrl(), db.server(stack).user(), db.server(stack).password(), HEARTBEATS,
                            db.topicOf(stack, prefix, HEARTBEATS), Duration.ofSeconds(1))),
                    settings(stack, run, state));
            awaitRunning(app);
            // The join's, the merge's and the aggregate's changelogs (nested documents as json columns) copied into PostgreSQL.
            startSink(stack, connect, "views-copy-" + run, "${table}_" + run, "views-" + run + ".view.orders_with_customer",
                    "views-" + run + ".view.customer_orders", "views-" + run + ".view.sales");

            ViewService views = app.service();
            // At sampled moments (every 100 changes, the workload paused), with a token taken right then, every view
            // equals the queries at once: no waiting for it to catch up beyond what the token asks.
            workload(customers, orders, 400, db.open(stack), 100, () -> {
                try (Connection c = db.open(stack)) {
                    ConsistencyToken token = ConsistencyTokens.current(c, "src");
                    for (String view : List.of("open_orders", "orders_with_customer", "customer_orders", "sales")) {
                        assertThat(views.consistency().orElseThrow().await(view, token, Duration.ofSeconds(60)))
                                .as("view %s reaches %s", view, token).isEmpty();
                    }
                    assertViewsEqualTheQueries(views, c, customers, orders);
                }
            });

            await("views equal the queries on " + db).atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                    .untilAsserted(() -> {
                        try (Connection c = db.open(stack)) {
                            assertViewsEqualTheQueries(views, c, customers, orders);
                        }
                    });
            await("the copies made from the join's, the merge's and the aggregate's changelogs equal the views").atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofSeconds(1)).ignoreExceptionsInstanceOf(java.sql.SQLException.class)
                    .untilAsserted(() -> {
                        try (Connection pg = SourceDatabase.POSTGRES.open(stack)) {
                            assertThat(query(pg, "SELECT id, customer FROM orders_with_customer_" + run, r -> "{\"id\":" + r.getInt(1) + "}",
                                    r -> document("id", r.getInt(1), "customer", json(r.getString(2)))))
                                    .isEqualTo(documents(views, "orders_with_customer"));
                            assertThat(query(pg, "SELECT id, name, orders FROM customer_orders_" + run, r -> "{\"id\":" + r.getInt(1) + "}",
                                    r -> document("id", r.getInt(1), "name", r.getString(2), "orders", json(r.getString(3)))))
                                    .isEqualTo(documents(views, "customer_orders"));
                            assertThat(query(pg, "SELECT customer_id, orders, total FROM sales_" + run, r -> "{\"customer_id\":" + r.getInt(1) + "}",
                                    r -> document("customer_id", r.getInt(1), "orders", r.getLong(2), "total", r.getString(3))))
                                    .isEqualTo(documents(views, "sales"));
                        }
                    });
        } finally {
            if (app != null) {
                app.close();
            }
            connect.delete("views-copy-" + run);
            stopCapture(stack, connect, run, prefix);
        }
    }

    /** The four views' documents equal the same queries run on the source now. */
    private static void assertViewsEqualTheQueries(ViewService views, Connection c, String customers, String orders) throws Exception {
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

    /** A JSON object of the names and values given in turn, as the view's documents print. */
    private static String document(Object... namesAndValues) {
        ObjectNode document = JSON.createObjectNode();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            document.set((String) namesAndValues[i], JSON.valueToTree(namesAndValues[i + 1]));
        }
        return document.toString();
    }

    private static JsonNode json(String text) throws java.io.IOException {
        return text == null ? JSON.nullNode() : JSON.readTree(text);
    }

    /** The idaas JDBC sink from {@code topics} (DDML JSON) into the stack's PostgreSQL, tables named by {@code tableFormat}. */
    private static void startSink(LocalStack stack, ConnectRest connect, String name, String tableFormat, String... topics) {
        ObjectNode sink = ConnectConfig.named("mariadb-to-postgres").render(Map.of("name", name, "topic.prefix", name,
                "mariadb.database", "unused", "postgres.jdbc.url", stack.postgres().jdbcUrl(),
                "postgres.user", stack.postgres().user(), "postgres.password", stack.postgres().password(),
                "kafka.bootstrap", stack.kafka().bootstrapServers()));
        ((ObjectNode) sink.get("config")).put("topics.regex", KafkaTopics.exactly(topics));
        ((ObjectNode) sink.get("config")).put("table.name.format", tableFormat);
        connect.create(sink);
        connect.awaitRunning(name, Duration.ofSeconds(60));
    }

    @Test
    void aTableViewFollowsAColumnAddedUpstreamAndItsChangelogCopiesThroughTheJdbcSink(LocalStack stack, @TempDir Path state) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String table = "vw_" + run;
        String copy = "vcopy_" + run;
        String prefix = "viewsddl_" + run;
        SourceDatabase db = source();
        RandomWorkload workload = new RandomWorkload(7, table, db == SourceDatabase.POSTGRES);
        try (Connection c = db.open(stack); Statement sql = c.createStatement()) {
            sql.execute(workload.createTable(table));
            sql.execute("INSERT INTO " + table + " (id, customer) VALUES (0, 'before capture')");
        }
        ConnectRest connect = new ConnectRest(stack.connect().restUrl());
        startCapture(stack, connect, run, prefix, table);
        String sinkName = "views-sink-" + run;
        ViewApp app = null;
        try {
            KafkaTopics.awaitTopic(stack, db.topicOf(stack, prefix, table));
            app = ViewApp.start(ViewDeclarations.parse("""
                    views:
                      - {name: rows, kind: table, topic: %s, changelog_topic: %s}
                    """.formatted(db.topicOf(stack, prefix, table), prefix + ".view.rows"), "test"), settings(stack, run, state));
            awaitRunning(app);

            // The changelog into PostgreSQL, as any DDML topic: the JDBC sink with JsonConverter, schemas off.
            startSink(stack, connect, sinkName, copy, prefix + ".view.rows");

            RandomWorkload.Stats stats;
            try (Connection c = db.open(stack)) {
                stats = workload.run(c, 600); // adds the column `extra` part-way, and one truncate
            }
            assertThat(stats.ddl()).as("the workload added a column").isEqualTo(1);
            assertThat(stats.keyUpdates()).as("primary-key changes").isPositive();

            ViewService views = app.service();
            await("the copy made from the view's changelog equals " + table).atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofSeconds(1)).ignoreExceptionsInstanceOf(java.sql.SQLException.class)
                    .untilAsserted(() -> {
                        try (Connection c = db.open(stack); Connection pg = SourceDatabase.POSTGRES.open(stack)) {
                            List<String> differences = PlainSqlComparison.differences(c, table, pg, copy, "id", RandomWorkload.COLUMNS);
                            assertThat(differences).as("differences, source against the copy").isEmpty();
                            // The view itself shows the added column on the rows written since (no restart).
                            assertThat(withExtra(views)).isEqualTo(count(c, "SELECT COUNT(extra) FROM " + table)).isPositive();
                        }
                    });
        } finally {
            if (app != null) {
                app.close();
            }
            connect.delete(sinkName);
            stopCapture(stack, connect, run, prefix);
        }
    }

    private void startCapture(LocalStack stack, ConnectRest connect, String run, String prefix, String... tables) {
        SourceDatabase db = source();
        ObjectNode connector = db.connector(stack, db.ddmlConfig(), "views-src-" + run, prefix);
        ((ObjectNode) connector.get("config")).put("table.include.list",
                java.util.Arrays.stream(tables).map(t -> db.qualified(stack, t)).collect(java.util.stream.Collectors.joining(",")));
        connect.create(connector);
        connect.awaitRunning("views-src-" + run, Duration.ofSeconds(60));
    }

    private void stopCapture(LocalStack stack, ConnectRest connect, String run, String prefix) {
        connect.delete("views-src-" + run);
        source().release(stack, prefix);
    }

    private static ViewApp.Settings settings(LocalStack stack, String run, Path state) {
        Properties extra = new Properties();
        extra.put("auto.offset.reset", "earliest");
        extra.put("commit.interval.ms", "200");
        return new ViewApp.Settings(stack.kafka().bootstrapServers(), "views-" + run, "127.0.0.1", 0, state, extra);
    }

    private static void awaitRunning(ViewApp app) {
        await("the view app runs").atMost(Duration.ofSeconds(60)).until(() -> app.state() == KafkaStreams.State.RUNNING);
    }

    private static long withExtra(ViewService views) {
        return documents(views, "rows").values().stream().filter(d -> !d.contains("\"extra\":null") && d.contains("\"extra\":")).count();
    }

    private static long count(Connection c, String sql) throws Exception {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    /**
     * Seeded changes on both tables: orders inserted, updated (status, amount, customer), given a new key, deleted;
     * customers inserted, renamed, given a new key, deleted. Orders now and then reference a customer that does not
     * exist (yet, or any more).
     */
    private static void workload(String customers, String orders, int changes, Connection connection) throws Exception {
        workload(customers, orders, changes, connection, changes, () -> { });
    }

    /** A check run after every {@code every} changes, the workload paused. */
    interface Sample {
        void check() throws Exception;
    }

    private static void workload(String customers, String orders, int changes, Connection connection, int every, Sample sample)
            throws Exception {
        Random random = new Random(42);
        List<Integer> live = new ArrayList<>(List.of(1));
        List<Integer> liveCustomers = new ArrayList<>();
        for (int i = 1; i <= CUSTOMERS; i++) {
            liveCustomers.add(i);
        }
        int next = 2;
        int nextCustomer = CUSTOMERS + 1;
        String[] statuses = {"new", "paid", "shipped", "cancelled"};
        try (Connection c = connection;
             PreparedStatement insert = c.prepareStatement("INSERT INTO " + orders + " VALUES (?, ?, ?, ?)");
             PreparedStatement update = c.prepareStatement("UPDATE " + orders + " SET customer_id = ?, status = ?, amount = ? WHERE id = ?");
             PreparedStatement rekey = c.prepareStatement("UPDATE " + orders + " SET id = ? WHERE id = ?");
             PreparedStatement delete = c.prepareStatement("DELETE FROM " + orders + " WHERE id = ?");
             PreparedStatement addCustomer = c.prepareStatement("INSERT INTO " + customers + " VALUES (?, ?)");
             PreparedStatement rename = c.prepareStatement("UPDATE " + customers + " SET name = ? WHERE id = ?");
             PreparedStatement rekeyCustomer = c.prepareStatement("UPDATE " + customers + " SET id = ? WHERE id = ?");
             PreparedStatement deleteCustomer = c.prepareStatement("DELETE FROM " + customers + " WHERE id = ?")) {
            for (int i = 0; i < changes; i++) {
                int dice = random.nextInt(100);
                BigDecimal amount = BigDecimal.valueOf(random.nextInt(100_000), 2);
                int customer = 1 + random.nextInt(nextCustomer + 1); // now and then a customer that does not exist
                if (dice < 40 || live.isEmpty()) {
                    insert.setInt(1, next);
                    insert.setInt(2, customer);
                    insert.setString(3, statuses[random.nextInt(statuses.length)]);
                    insert.setBigDecimal(4, amount);
                    insert.executeUpdate();
                    live.add(next++);
                } else if (dice < 70) {
                    update.setInt(1, customer);
                    update.setString(2, statuses[random.nextInt(statuses.length)]);
                    update.setBigDecimal(3, amount);
                    update.setInt(4, live.get(random.nextInt(live.size())));
                    update.executeUpdate();
                } else if (dice < 77) {
                    int index = random.nextInt(live.size());
                    rekey.setInt(1, next);
                    rekey.setInt(2, live.get(index));
                    rekey.executeUpdate();
                    live.set(index, next++);
                } else if (dice < 87) {
                    delete.setInt(1, live.remove(random.nextInt(live.size())));
                    delete.executeUpdate();
                } else if (dice < 90 || liveCustomers.isEmpty()) {
                    addCustomer.setInt(1, nextCustomer);
                    addCustomer.setString(2, "customer " + nextCustomer);
                    addCustomer.executeUpdate();
                    liveCustomers.add(nextCustomer++);
                } else if (dice < 95) {
                    rename.setString(1, "customer " + random.nextInt(1000));
                    rename.setInt(2, liveCustomers.get(random.nextInt(liveCustomers.size())));
                    rename.executeUpdate();
                } else if (dice < 97) {
                    int index = random.nextInt(liveCustomers.size());
                    rekeyCustomer.setInt(1, nextCustomer);
                    rekeyCustomer.setInt(2, liveCustomers.get(index));
                    rekeyCustomer.executeUpdate();
                    liveCustomers.set(index, nextCustomer++);
                } else {
                    deleteCustomer.setInt(1, liveCustomers.remove(random.nextInt(liveCustomers.size())));
                    deleteCustomer.executeUpdate();
                }
                if ((i + 1) % every == 0) {
                    sample.check();
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
        // each customer's orders in the keys' natural order (numbers as numbers: {"id":6} before {"id":41})
        Map<Integer, TreeMap<Integer, Integer>> byCustomer = new TreeMap<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT id, customer_id FROM " + orders)) {
            while (r.next()) {
                byCustomer.computeIfAbsent(r.getInt(2), k -> new TreeMap<>()).put(r.getInt(1), r.getInt(1));
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
