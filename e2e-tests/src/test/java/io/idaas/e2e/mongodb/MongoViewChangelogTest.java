package io.idaas.e2e.mongodb;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.idaas.configs.ConnectConfig;
import io.idaas.e2e.ConnectRest;
import io.idaas.e2e.KafkaTopics;
import io.idaas.e2e.SourceDatabase;
import io.idaas.e2e.pipeline.DeadLetters;
import io.idaas.stack.LocalStack;
import io.idaas.stack.junit.LocalStackExtension;
import io.idaas.views.app.ViewApp;
import io.idaas.views.app.ViewService;
import io.idaas.views.declaration.ViewDeclarations;
import io.idaas.views.table.ViewRow;
import org.apache.kafka.streams.KafkaStreams;
import org.bson.BsonDocument;
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
 * The {@code customer_360} view (a merge: each customer with the array of its orders) over MariaDB tables, its DDML
 * changelog read by the MongoDB sink through the shipped {@code view-to-mongodb} config: after a seeded workload
 * (orders inserted, updated, moved to another customer, given a new key, deleted; customers added, renamed, given a
 * new key, deleted), the collection holds exactly the view's documents, one per customer, each equal field by field
 * (the orders an array of embedded documents, in the view's order) to the view's own, read from the view app; and as
 * many documents as the source has customers. The view is first awaited to hold the source's orders per customer:
 * the customers' side of the merge can reach the copy before the orders' side (it goes through two repartition
 * topics), and a copy equal to a view that has not caught up proves less.
 */
@ExtendWith(LocalStackExtension.class)
class MongoViewChangelogTest {

    private static final int CUSTOMERS = 20;

    @Test
    void customer360EndsAsTheViewsDocumentsInMongoDb(LocalStack stack, @TempDir Path state) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String customers = "mc_" + run;
        String orders = "mo_" + run;
        String prefix = "viewmongo_" + run;
        String changelog = prefix + ".view.customer_360";
        String database = "views_" + run;
        SourceDatabase db = SourceDatabase.MARIADB;
        try (Connection c = db.open(stack); Statement sql = c.createStatement()) {
            sql.execute("CREATE TABLE " + customers + " (id INT PRIMARY KEY, name VARCHAR(50))");
            sql.execute("CREATE TABLE " + orders + " (id INT PRIMARY KEY, customer_id INT, status VARCHAR(20), amount DECIMAL(10,2))");
            for (int i = 1; i <= CUSTOMERS; i++) {
                sql.execute("INSERT INTO " + customers + " VALUES (" + i + ", 'customer " + i + "')");
            }
            sql.execute("INSERT INTO " + orders + " VALUES (1, 1, 'new', 10.00)");
        }
        ConnectRest connect = new ConnectRest(stack.connect().restUrl());
        ObjectNode source = db.connector(stack, db.ddmlConfig(), prefix + "-src", prefix);
        ((ObjectNode) source.get("config")).put("table.include.list", db.qualified(stack, customers) + "," + db.qualified(stack, orders));
        connect.create(source);
        String sink = prefix + "-sink";
        ViewApp app = null;
        try (MongoClient client = MongoClients.create(stack.mongo().connectionString())) {
            MongoDatabase target = client.getDatabase(database);
            connect.awaitRunning(prefix + "-src", Duration.ofSeconds(60));
            String customerTopic = db.topicOf(stack, prefix, customers);
            String orderTopic = db.topicOf(stack, prefix, orders);
            KafkaTopics.awaitTopic(stack, customerTopic);
            KafkaTopics.awaitTopic(stack, orderTopic);
            Properties extra = new Properties();
            extra.put("auto.offset.reset", "earliest");
            extra.put("commit.interval.ms", "200");
            app = ViewApp.start(ViewDeclarations.parse("""
                    views:
                      - name: customer_360
                        kind: merge
                        topic: %s
                        fields: [id, name]
                        children: [{topic: %s, on: {customer_id: id}, as: orders, fields: [id, status, amount]}]
                        changelog_topic: %s
                    """.formatted(customerTopic, orderTopic, changelog), "test"),
                new ViewApp.Settings(stack.kafka().bootstrapServers(), "views-" + run, "127.0.0.1", 0, state, extra));
            ViewApp started = app;
            await("the view app runs").atMost(Duration.ofSeconds(60)).until(() -> started.state() == KafkaStreams.State.RUNNING);
            KafkaTopics.awaitTopic(stack, changelog);
            connect.create(ConnectConfig.named("view-to-mongodb").render(Map.of("name", sink, "view.changelog.topic", changelog,
                "mongodb.uri", stack.mongo().connectionString(), "mongodb.database", database,
                "kafka.bootstrap", stack.kafka().bootstrapServers())));
            connect.awaitRunning(sink, Duration.ofSeconds(60));

            try (Connection c = db.open(stack)) {
                workload(c, customers, orders, 600);
            }
            ViewService views = app.service();
            await("MongoDB holds the customer_360 view's documents").atMost(Duration.ofSeconds(180))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    Map<String, BsonDocument> view = documents(views);
                    try (Connection c = db.open(stack)) {
                        assertThat(orderIds(view)).as("the view has caught up with the source's orders")
                            .isEqualTo(sourceOrderIds(c, customers, orders));
                    }
                    Map<String, BsonDocument> copy = new TreeMap<>();
                    for (BsonDocument d : target.getCollection("customer_360", BsonDocument.class).find()) {
                        BsonDocument fields = d.clone();
                        String key = "{\"id\":" + fields.remove("_id").asInt32().getValue() + "}";
                        fields.remove("_ddml");
                        copy.put(key, fields);
                    }
                    assertThat(copy).isEqualTo(view);
                    try (Connection c = db.open(stack); Statement st = c.createStatement();
                         ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + customers)) {
                        rs.next();
                        assertThat(copy).hasSize(rs.getInt(1));
                    }
                });
            assertThat(documents(views).values()).as("customers with orders").anySatisfy(d ->
                assertThat(d.getArray("orders")).isNotEmpty());
            try (DeadLetters dlq = new DeadLetters(stack.kafka().bootstrapServers(), changelog + ".dlq")) {
                assertThat(dlq.reasons()).isEmpty();
            }
        } finally {
            if (app != null) {
                app.close();
            }
            connect.delete(sink);
            connect.delete(prefix + "-src");
            db.release(stack, prefix);
        }
    }

    /** The view's documents by key text, parsed by the official driver's JSON reader. */
    private static Map<String, BsonDocument> documents(ViewService views) {
        Map<String, BsonDocument> rows = new TreeMap<>();
        String from = null;
        do {
            ViewService.Page page = views.page("customer_360", from, null, 1000);
            for (Map.Entry<String, ViewRow> e : page.rows()) {
                rows.put(e.getKey(), BsonDocument.parse(e.getValue().document().toString()));
            }
            from = page.next();
        } while (from != null);
        return rows;
    }

    /** Each customer's key text with the sorted ids of its orders in the view's documents. */
    private static Map<String, List<Integer>> orderIds(Map<String, BsonDocument> view) {
        Map<String, List<Integer>> ids = new TreeMap<>();
        view.forEach((key, document) -> {
            List<Integer> orderIds = new ArrayList<>();
            document.getArray("orders").forEach(o -> orderIds.add(o.asDocument().getInt32("id").getValue()));
            orderIds.sort(null);
            ids.put(key, orderIds);
        });
        return ids;
    }

    /** Each source customer's key text with the sorted ids of its orders in the source tables. */
    private static Map<String, List<Integer>> sourceOrderIds(Connection c, String customers, String orders) throws Exception {
        Map<String, List<Integer>> ids = new TreeMap<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT c.id, o.id FROM " + customers + " c LEFT JOIN " + orders
                 + " o ON o.customer_id = c.id ORDER BY c.id, o.id")) {
            while (rs.next()) {
                List<Integer> orderIds = ids.computeIfAbsent("{\"id\":" + rs.getInt(1) + "}", k -> new ArrayList<>());
                int order = rs.getInt(2);
                if (!rs.wasNull()) {
                    orderIds.add(order);
                }
            }
        }
        return ids;
    }

    /** Seeded changes of both tables (as ViewsContract's workload): orders move between customers, keys change. */
    private static void workload(Connection c, String customers, String orders, int changes) throws Exception {
        Random random = new Random(7);
        List<Integer> live = new ArrayList<>(List.of(1));
        List<Integer> liveCustomers = new ArrayList<>();
        for (int i = 1; i <= CUSTOMERS; i++) {
            liveCustomers.add(i);
        }
        int next = 2;
        int nextCustomer = CUSTOMERS + 1;
        String[] statuses = {"new", "paid", "shipped", "cancelled"};
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + orders + " VALUES (?, ?, ?, ?)");
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
                int customer = 1 + random.nextInt(nextCustomer + 1);
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
            }
        }
    }
}
