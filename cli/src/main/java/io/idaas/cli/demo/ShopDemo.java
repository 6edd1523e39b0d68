package io.idaas.cli.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.idaas.cli.connect.ConnectRestClient;
import io.idaas.cli.pipeline.ConnectorGenerator;
import io.idaas.cli.pipeline.ConnectorSpec;
import io.idaas.cli.pipeline.Pipeline;
import io.idaas.cli.pipeline.PipelineReader;
import io.idaas.configs.ConnectConfig;
import io.idaas.ddml.consistency.SourceLog;
import io.idaas.stack.Component;
import io.idaas.stack.JdbcServer;
import io.idaas.stack.LocalStack;
import io.idaas.verify.Verifier;
import io.idaas.verify.VerifyConfig;
import io.idaas.verify.report.ReportText;
import io.idaas.verify.report.VerifyReport;
import io.idaas.views.app.ViewApp;
import io.idaas.views.consistency.SourceDeclarations;
import io.idaas.views.declaration.ViewDeclarations;
import org.apache.kafka.clients.admin.Admin;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;
import java.util.Set;

/**
 * The main job of {@code idaas up}: on the local stack, a small shop in MariaDB (customers and orders) captured by
 * Debezium with ToDdml, replicated by the idaas JDBC sink into PostgreSQL, served as three views (a read cache, a
 * customer-360 document, sales per customer) with consistency tokens, kept in Redis by the idaas Redis sink (the
 * customers and the customer-360 documents, when the stack runs Redis), and kept changing by a workload. Each step
 * reuses what an earlier run left in the data folder (tables, connectors, view state).
 */
public final class ShopDemo implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final String PREFIX = "demo";
    static final String SOURCE = "demo-mariadb-source";
    static final String SINK = "demo-mariadb-to-postgres";
    static final String REDIS_SINK = "demo-mariadb-to-redis";
    static final String VIEW_REDIS_SINK = "demo-customer-360-to-redis";
    /** The Redis sink's {@code redis.prefix} in the demo: the sink's default. */
    static final String REDIS_PREFIX = "idaas";
    static final String APPLICATION_ID = "idaas-demo-views";
    /** The view app's changelog topic of the customer_360 view (streams-apps README, "Changelog topics"). */
    static final String CUSTOMER_360_TOPIC = APPLICATION_ID + ".view.customer_360";
    static final List<String> TABLES = List.of("demo_customers", "demo_orders");
    private static final int CUSTOMERS = 50;
    private static final int ORDERS = 200;

    private final LocalStack stack;
    private final ViewApp views;
    private final DemoWorkload workload;
    private final Path viewFile;

    private ShopDemo(LocalStack stack, ViewApp views, DemoWorkload workload, Path viewFile) {
        this.stack = stack;
        this.views = views;
        this.workload = workload;
        this.viewFile = viewFile;
    }

    /**
     * Sets the shop up and starts it, printing each step to {@code out}.
     *
     * @param viewsPort the views' HTTP port (0: a free one)
     * @param pauseMillis the workload's pause between changes
     * @param maxChanges  the workload stops after this many changes, saying so; 0: never
     */
    public static ShopDemo start(LocalStack stack, int viewsPort, long pauseMillis, long maxChanges, PrintWriter out) throws Exception {
        JdbcServer mariadb = stack.mariadb();
        String db = mariadb.database();
        step(out, "shop tables in MariaDB (" + db + ".demo_customers, " + db + ".demo_orders)");
        createShop(mariadb);

        ConnectRestClient connect = new ConnectRestClient(stack.connect().restUrl());
        step(out, "source connector " + SOURCE + ": Debezium's MariaDB connector wrapped by DdmlSourceConnector, topics " + PREFIX + "." + db + ".*");
        Map<String, ObjectNode> connectors = pipelineConnectors(stack);
        if (!connect.exists(SOURCE)) {
            connect.create(connectors.get(SOURCE));
        }
        awaitRunning(connect, SOURCE);
        awaitTopics(stack, Set.of(topic(db, "demo_customers"), topic(db, "demo_orders")));

        step(out, "sink connector " + SINK + ": the idaas JDBC sink into PostgreSQL (" + stack.postgres().database() + ")");
        if (!connect.exists(SINK)) {
            createTopic(stack, PREFIX + ".dlq"); // else Connect logs an ERROR on start while it creates it itself
            connect.create(connectors.get(SINK));
        }
        awaitRunning(connect, SINK);

        Path viewFile = stack.dataDir().resolve("demo-views.yaml");
        Files.writeString(viewFile, viewDeclarations(stack));
        step(out, "view app: the views declared in " + viewFile);
        Properties extra = new Properties();
        extra.put("auto.offset.reset", "earliest");
        extra.put("commit.interval.ms", "100");
        ViewApp views = ViewApp.start(ViewDeclarations.read(viewFile), SourceDeclarations.read(viewFile),
                new ViewApp.Settings(stack.kafka().bootstrapServers(), APPLICATION_ID, "127.0.0.1", viewsPort,
                        stack.dataDir().resolve("views"), extra));

        if (stack.components().contains(Component.REDIS)) {
            step(out, "sink connectors " + REDIS_SINK + " and " + VIEW_REDIS_SINK + ": the idaas Redis sink keeping demo_customers "
                    + "(hashes) and the customer_360 documents (JSON) in Redis (" + stack.redis().uri() + ")");
            if (!connect.exists(REDIS_SINK)) {
                connect.create(connectors.get(REDIS_SINK));
            }
            if (!connect.exists(VIEW_REDIS_SINK)) {
                createTopic(stack, CUSTOMER_360_TOPIC + ".dlq");
                connect.create(viewRedisSinkConfig(stack));
            }
            awaitRunning(connect, REDIS_SINK);
            awaitRunning(connect, VIEW_REDIS_SINK);
        }

        step(out, "workload: a few changes a second to the shop's orders and customers");
        DemoWorkload workload = new DemoWorkload(mariadb.jdbcUrl(), mariadb.user(), mariadb.password(), pauseMillis, maxChanges, out);
        workload.start();
        ShopDemo demo = new ShopDemo(stack, views, workload, viewFile);
        demo.verify(out);
        return demo;
    }

    /** Waits until the connector and its tasks run; fails with the FAILED trace's head, or the state, when they do not. */
    private static void awaitRunning(ConnectRestClient connect, String connector) throws InterruptedException {
        Optional<String> notRunning = connect.awaitRunning(connector, Duration.ofSeconds(120));
        if (notRunning.isPresent()) {
            throw new IllegalStateException(notRunning.get());
        }
    }

    /**
     * Verifies PostgreSQL's copy against MariaDB while the workload runs: rows that differ because the sink is a moment
     * behind are re-read until they agree (or are reported). Prints the verifier's report.
     */
    public VerifyReport verify(PrintWriter out) throws Exception {
        step(out, "verification: PostgreSQL's demo tables against MariaDB's, row by row (idaas verify)");
        awaitTablesIn(stack.postgres(), TABLES, Duration.ofSeconds(120));
        JdbcServer m = stack.mariadb();
        JdbcServer p = stack.postgres();
        VerifyConfig.Builder config = VerifyConfig.builder()
                .source(m.jdbcUrl(), m.user(), m.password())
                .target(p.jdbcUrl(), p.user(), p.password())
                // After a restart the sink may need half a minute before it consumes again (its group rebalances while the
                // killed worker's session expires), and the tables are already full: re-read for up to 90 s.
                .recheck(90, Duration.ofSeconds(1));
        TABLES.forEach(config::table);
        VerifyReport report = new Verifier(config.build()).run();
        for (String line : ReportText.write(report).split("\n")) {
            out.println("    " + line);
        }
        out.flush();
        if (stack.components().contains(Component.REDIS)) {
            step(out, "verification: Redis's copy of demo_customers against MariaDB's, field by field (idaas verify --target redis://...)");
            VerifyReport redis = new Verifier(VerifyConfig.builder()
                    .source(m.jdbcUrl(), m.user(), m.password())
                    .target(stack.redis().uri(), null, null).redisPrefix(REDIS_PREFIX)
                    .table("demo_customers")
                    .recheck(90, Duration.ofSeconds(1))
                    .build()).run();
            for (String line : ReportText.write(redis).split("\n")) {
                out.println("    " + line);
            }
            out.flush();
            report = new VerifyReport(report.mode(), report.source(), report.target() + ", " + redis.target(), report.started(),
                    report.until(), java.util.stream.Stream.concat(report.tables().stream(), redis.tables().stream()).toList());
        }
        return report;
    }

    /** Waits until the sink has created {@code tables} in {@code db} and written rows to them. */
    private static void awaitTablesIn(JdbcServer db, List<String> tables, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
                 Statement sql = c.createStatement()) {
                boolean all = true;
                for (String table : tables) {
                    try (ResultSet r = sql.executeQuery("SELECT COUNT(*) FROM " + table)) {
                        r.next();
                        all &= r.getLong(1) > 0;
                    }
                }
                if (all) {
                    return;
                }
            } catch (SQLException e) {
                // not created yet
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the sink did not fill " + tables + " in PostgreSQL within "
                        + timeout.toSeconds() + " s; see the sink's status: GET /connectors/" + SINK + "/status");
            }
            Thread.sleep(500);
        }
    }

    /** What to try now: the URLs of the views and the token endpoint, and the tables to compare. */
    public void printUsage(PrintWriter out) {
        String base = "http://127.0.0.1:" + views.httpPort();
        out.printf("%nThe demo runs: MariaDB %s.demo_* --Debezium, as DDML--> Kafka --idaas JDBC sink--> PostgreSQL %s.demo_*,%n",
                stack.mariadb().database(), stack.postgres().database());
        out.printf("and the views, kept fresh from the same topics (declared in %s):%n", viewFile);
        out.printf("  curl %s/views%n", base);
        out.printf("  curl '%s/views/orders/key?id=7'%n", base);
        out.printf("  curl '%s/views/customer_360/key?id=3'%n", base);
        out.printf("  curl '%s/views/sales_per_customer/key?customer_id=3'%n", base);
        out.printf("  curl '%s/token'    then add &at_least=<token> to a read, to read your own writes%n", base);
        JdbcServer m = stack.mariadb();
        JdbcServer p = stack.postgres();
        out.printf("Verify the copy again at any time (exit code 0: equal, 1: differences):%n");
        out.printf("  bin/idaas verify --source '%s' --source-user %s --source-password %s \\%n"
                        + "      --target '%s' --target-user %s --target-password %s --table demo_customers --table demo_orders%n",
                m.jdbcUrl(), m.user(), m.password(), p.jdbcUrl(), p.user(), p.password());
        if (stack.components().contains(Component.REDIS)) {
            int port = stack.redis().port();
            out.printf("The Redis copy (%s, sink %s): look with redis-cli (Debian: apt-get install redis-tools), e.g.%n",
                    stack.redis().uri(), REDIS_SINK);
            out.printf("  redis-cli -p %d HGETALL %s%n", port, redisKey(stack, "demo_customers", 3));
            out.printf("  redis-cli -p %d GET %s:customer_360:3%n", port, REDIS_PREFIX);
            out.printf("  redis-cli -p %d GET %s:applied:%s    (the newest source position applied: consistency tokens)%n",
                    port, REDIS_PREFIX, PREFIX);
            out.printf("and verify it: bin/idaas verify --source '%s' --source-user %s --source-password %s --target %s --table demo_customers%n",
                    m.jdbcUrl(), m.user(), m.password(), stack.redis().uri());
        }
        out.flush();
    }

    /** A demo table's row in Redis (ddml-converter SPEC.md §11.1): {@code <prefix>:<database>.<table>:<id>}. */
    static String redisKey(LocalStack stack, String table, int id) {
        return REDIS_PREFIX + ":" + stack.mariadb().database() + "." + table + ":" + id;
    }

    /** The Redis sink of the customer_360 documents, from connect-configs' {@code view-to-redis} (JSON strings). */
    private static ObjectNode viewRedisSinkConfig(LocalStack stack) {
        Map<String, String> values = new HashMap<>();
        values.put("name", VIEW_REDIS_SINK);
        values.put("view.changelog.topic", CUSTOMER_360_TOPIC);
        values.put("redis.uri", stack.redis().uri());
        values.put("redis.prefix", REDIS_PREFIX);
        values.put("kafka.bootstrap", stack.kafka().bootstrapServers());
        return ConnectConfig.named("view-to-redis").render(values);
    }

    private static void createShop(JdbcServer mariadb) throws SQLException {
        try (Connection c = DriverManager.getConnection(mariadb.jdbcUrl(), mariadb.user(), mariadb.password());
             Statement sql = c.createStatement()) {
            sql.execute("CREATE TABLE IF NOT EXISTS demo_customers (id INT PRIMARY KEY, name VARCHAR(100) NOT NULL, "
                    + "city VARCHAR(50) NOT NULL)");
            sql.execute("CREATE TABLE IF NOT EXISTS demo_orders (id INT PRIMARY KEY, customer_id INT NOT NULL, "
                    + "status VARCHAR(20) NOT NULL, amount DECIMAL(10,2) NOT NULL, "
                    + "placed_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3))");
            // Before the connector starts: its snapshot must know the heartbeat table.
            sql.execute(SourceLog.MARIADB.createHeartbeatTable("idaas_heartbeat"));
            try (ResultSet r = sql.executeQuery("SELECT COUNT(*) FROM demo_customers")) {
                r.next();
                if (r.getInt(1) > 0) {
                    return; // seeded by an earlier run
                }
            }
            Random random = new Random(2026);
            for (int id = 1; id <= CUSTOMERS; id++) {
                sql.execute("INSERT INTO demo_customers VALUES (" + id + ", 'Customer " + id + "', '"
                        + DemoWorkload.CITIES[random.nextInt(DemoWorkload.CITIES.length)] + "')");
            }
            for (int id = 1; id <= ORDERS; id++) {
                sql.execute("INSERT INTO demo_orders (id, customer_id, status, amount) VALUES (" + id + ", "
                        + (1 + random.nextInt(CUSTOMERS)) + ", '" + DemoWorkload.STATUSES[random.nextInt(DemoWorkload.STATUSES.length)]
                        + "', " + (5 + random.nextInt(500)) + "." + (10 + random.nextInt(90)) + ")");
            }
        }
    }

    /** The demo's pipeline file, on the classpath (in the repository: {@code pipelines/idaas-up-demo.yaml}). */
    static final String PIPELINE = "pipelines/idaas-up-demo.yaml";

    /**
     * The demo's replication connectors by name, made from {@value #PIPELINE} with the stack's endpoints, as
     * {@code idaas pipeline apply} makes them: the source, the PostgreSQL sink, and the Redis sink when the stack runs Redis.
     */
    static Map<String, ObjectNode> pipelineConnectors(LocalStack stack) {
        JdbcServer m = stack.mariadb();
        JdbcServer p = stack.postgres();
        Map<String, String> vars = new HashMap<>(Map.of("mariadb_host", m.host(), "mariadb_port", String.valueOf(m.port()),
                "mariadb_user", m.user(), "mariadb_password", m.password(), "mariadb_database", m.database(),
                "pg_url", p.jdbcUrl(), "pg_user", p.user(), "pg_password", p.password()));
        boolean redis = stack.components().contains(Component.REDIS);
        if (redis) {
            vars.put("redis_uri", stack.redis().uri());
        }
        Pipeline pipeline = PipelineReader.readResource(PIPELINE, vars).pipeline().withTargets(t -> redis || !t.kind().equals("redis"));
        Map<String, ObjectNode> bodies = new java.util.LinkedHashMap<>();
        for (ConnectorSpec spec : ConnectorGenerator.generate(pipeline, stack.kafka().bootstrapServers())) {
            ObjectNode body = JSON.createObjectNode().put("name", spec.name());
            ObjectNode config = body.putObject("config");
            spec.config().forEach(config::put);
            bodies.put(spec.name(), body);
        }
        return bodies;
    }

    static String topic(String db, String table) {
        return PREFIX + "." + db + "." + table;
    }

    private static String viewDeclarations(LocalStack stack) {
        JdbcServer m = stack.mariadb();
        String db = m.database();
        return """
                # The demo's views (idaas up). Edit and run your own with: bin/idaas views --file <file>
                views:
                  - name: orders                       # the read cache: orders by primary key
                    kind: table
                    topic: %1$s
                  - name: customer_360                 # each customer with the list of its orders
                    kind: merge
                    topic: %2$s
                    fields: [id, name, city]
                    children:
                      - {topic: %1$s, on: {customer_id: id}, as: orders, fields: [id, status, amount]}
                  - name: sales_per_customer           # aggregates per customer, cancelled orders left out
                    kind: aggregate
                    topic: %1$s
                    where: [{field: status, op: ne, value: cancelled}]
                    group_by: [customer_id]
                    aggregates:
                      orders: {op: count}
                      total: {op: sum, field: amount}
                      largest: {op: max, field: amount}
                      last_status: {op: latest, field: status}
                sources:                               # consistency tokens: GET /token, then reads with at_least=<token>
                  - name: shop
                    system: mariadb
                    jdbc_url: "%3$s"
                    user: "%4$s"
                    password: "%5$s"
                    heartbeat_topic: %6$s
                """.formatted(topic(db, "demo_orders"), topic(db, "demo_customers"), m.jdbcUrl(), m.user(), m.password(),
                topic(db, "idaas_heartbeat"));
    }

    private static void createTopic(LocalStack stack, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.kafka().bootstrapServers()))) {
            if (!admin.listTopics().names().get().contains(topic)) {
                admin.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic(topic, 1, (short) 1))).all().get();
            }
        }
    }

    private static void awaitTopics(LocalStack stack, Set<String> topics) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.kafka().bootstrapServers()))) {
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (!admin.listTopics().names().get().containsAll(topics)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the source connector did not create " + topics + " within 120 s");
                }
                Thread.sleep(250);
            }
        }
    }

    private static void step(PrintWriter out, String what) {
        out.println("  - " + what);
        out.flush();
    }

    @Override
    public void close() {
        workload.close();
        views.close();
    }
}
