package io.idaas.e2e.usecases;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.idaas.e2e.KafkaTopics;
import io.idaas.e2e.pipeline.Db;
import io.idaas.stack.LocalStack;
import io.idaas.stack.junit.LocalStackExtension;
import io.idaas.views.app.ViewApp;
import io.idaas.views.consistency.SourceDeclarations;
import io.idaas.views.declaration.ViewDeclarations;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The shipped view file {@code pipelines/mariadb-to-postgres-with-views.views.yaml} run over the topics of its
 * pipeline, {@code mariadb-to-postgres-with-views.yaml}, applied with {@code idaas pipeline apply} on the shared stack
 * from a fresh MariaDB database. The view file is the shipped one with only the database part of its topics
 * ({@code shop.idaas.}) replaced by the test's database; the view app is started as {@code idaas views --file} starts
 * it, in this JVM so that the test can close it. Its HTTP API must answer the exact documents of the {@code orders}
 * table view and of the {@code customer_360} merge view after the snapshot, then after an update, a delete and an
 * insert on each table.
 */
@ExtendWith(LocalStackExtension.class)
class PipelineViewFileTest {

    private static final Path PIPELINES = Path.of("..", "pipelines");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    void theShippedViewFileServesTheOrdersAndCustomer360OfThePipelinesTopics(LocalStack stack) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 6);
        String source = "pf_views_src_" + run;
        String target = "pf_views_tgt_" + run;
        Db.MARIADB.createDatabase(stack, source);
        Db.POSTGRES.createDatabase(stack, target);
        sql(Db.MARIADB.open(stack, source),
                "CREATE TABLE customers (id INT PRIMARY KEY, name VARCHAR(50) NOT NULL, email VARCHAR(100), city VARCHAR(50))",
                "CREATE TABLE orders (id INT PRIMARY KEY, customer_id INT NOT NULL, status VARCHAR(20) NOT NULL, amount DECIMAL(10,2) NOT NULL)",
                "INSERT INTO customers VALUES (1, 'Ada', 'ada@example.com', 'Paris'), (2, 'Bob', 'bob@example.com', 'Lyon'), "
                        + "(3, 'Cy', 'cy@example.com', 'Metz')",
                "INSERT INTO orders VALUES (10, 1, 'paid', 12.50), (11, 2, 'new', 99.00), (12, 1, 'new', 5.00)");
        Path secrets = dir.resolve("secrets.properties");
        Files.writeString(secrets, "mask.key=pipeline-view-file-test-key\n");
        Map<String, String> vars = Map.of("mariadb_host", stack.mariadb().host(), "mariadb_port", String.valueOf(stack.mariadb().port()),
                "mariadb_database", source, "pg_host", stack.postgres().host(), "pg_port", String.valueOf(stack.postgres().port()),
                "pg_database", target, "mask_key", "${file:" + secrets.toAbsolutePath() + ":mask.key}");
        Path pipeline = PIPELINES.resolve("mariadb-to-postgres-with-views.yaml");
        PipelineCli cli = new PipelineCli(stack);
        PipelineCli.Run applied = cli.run("apply", pipeline, vars);
        assertThat(applied.exit()).as(applied.toString()).isZero();

        String applicationId = "pf-views-" + run; // not under shop.*, which the pipeline's delete --purge removes
        ViewApp app = null;
        try {
            KafkaTopics.awaitTopic(stack, "shop." + source + ".customers");
            KafkaTopics.awaitTopic(stack, "shop." + source + ".orders");
            String shipped = Files.readString(PIPELINES.resolve("mariadb-to-postgres-with-views.views.yaml"));
            assertThat(shipped).contains("shop.idaas.customers", "shop.idaas.orders");
            Path views = dir.resolve("shop.views.yaml");
            Files.writeString(views, shipped.replace("shop.idaas.", "shop." + source + "."));
            app = startAsIdaasViewsDoes(views, stack.kafka().bootstrapServers(), applicationId, dir.resolve("state"));
            String api = "http://127.0.0.1:" + app.httpPort();
            await("GET /ready").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                    .until(() -> get(api + "/ready").statusCode() == 200);

            // The snapshot.
            awaitRows(api, "orders", """
                    [{"key": "{\\"id\\":10}", "document": {"id": 10, "customer_id": 1, "status": "paid", "amount": "12.50"}},
                     {"key": "{\\"id\\":11}", "document": {"id": 11, "customer_id": 2, "status": "new", "amount": "99.00"}},
                     {"key": "{\\"id\\":12}", "document": {"id": 12, "customer_id": 1, "status": "new", "amount": "5.00"}}]""");
            awaitRows(api, "customer_360", """
                    [{"key": "{\\"id\\":1}", "document": {"id": 1, "name": "Ada", "city": "Paris", "orders": [
                        {"id": 10, "status": "paid", "amount": "12.50"}, {"id": 12, "status": "new", "amount": "5.00"}]}},
                     {"key": "{\\"id\\":2}", "document": {"id": 2, "name": "Bob", "city": "Lyon", "orders": [
                        {"id": 11, "status": "new", "amount": "99.00"}]}},
                     {"key": "{\\"id\\":3}", "document": {"id": 3, "name": "Cy", "city": "Metz", "orders": []}}]""");

            // An update, a delete and an insert on each table.
            sql(Db.MARIADB.open(stack, source),
                    "UPDATE customers SET city = 'Lille' WHERE id = 2", "UPDATE orders SET status = 'shipped' WHERE id = 11",
                    "DELETE FROM orders WHERE id = 12", "DELETE FROM customers WHERE id = 3",
                    "INSERT INTO customers VALUES (4, 'Dan', 'dan@example.com', 'Nice')", "INSERT INTO orders VALUES (13, 4, 'new', 7.25)");

            awaitRows(api, "orders", """
                    [{"key": "{\\"id\\":10}", "document": {"id": 10, "customer_id": 1, "status": "paid", "amount": "12.50"}},
                     {"key": "{\\"id\\":11}", "document": {"id": 11, "customer_id": 2, "status": "shipped", "amount": "99.00"}},
                     {"key": "{\\"id\\":13}", "document": {"id": 13, "customer_id": 4, "status": "new", "amount": "7.25"}}]""");
            awaitRows(api, "customer_360", """
                    [{"key": "{\\"id\\":1}", "document": {"id": 1, "name": "Ada", "city": "Paris", "orders": [
                        {"id": 10, "status": "paid", "amount": "12.50"}]}},
                     {"key": "{\\"id\\":2}", "document": {"id": 2, "name": "Bob", "city": "Lille", "orders": [
                        {"id": 11, "status": "shipped", "amount": "99.00"}]}},
                     {"key": "{\\"id\\":4}", "document": {"id": 4, "name": "Dan", "city": "Nice", "orders": [
                        {"id": 13, "status": "new", "amount": "7.25"}]}}]""");
            // One document by key, with the request the file's own comment shows.
            Matcher example = Pattern.compile("curl 'localhost:8090(/views/customer_360/key\\?id=1)'").matcher(shipped);
            assertThat(example.find()).as("the file shows a key lookup of customer_360").isTrue();
            HttpResponse<String> ada = get(api + example.group(1));
            assertThat(ada.statusCode()).as(ada.body()).isEqualTo(200);
            assertThat(JSON.readTree(ada.body()).get("document")).isEqualTo(JSON.readTree("""
                    {"id": 1, "name": "Ada", "city": "Paris", "orders": [{"id": 10, "status": "paid", "amount": "12.50"}]}"""));
            HttpResponse<String> cy = get(api + "/views/customer_360/key?id=3");
            assertThat(cy.statusCode()).as("the deleted customer: " + cy.body()).isEqualTo(404);
        } finally {
            if (app != null) {
                app.close();
            }
            deleteTopicsOf(stack, applicationId);
            PipelineCli.Run deleted = cli.run("delete", pipeline, vars, "--purge", "--yes");
            assertThat(deleted.exit()).as(deleted.toString()).isZero();
        }
    }

    /**
     * What {@code idaas views --file FILE --bootstrap-server ... --application-id ID --http-port 0 --state-dir DIR
     * --warmup-events 0} starts ({@code cli} {@code ViewsCommand}): the views and sources read from the file, the app with
     * {@code auto.offset.reset=earliest}. Started here rather than through the command, which runs until the JVM stops.
     */
    private static ViewApp startAsIdaasViewsDoes(Path file, String bootstrapServers, String applicationId, Path stateDir) {
        Properties extra = new Properties();
        extra.put("auto.offset.reset", "earliest");
        return ViewApp.start(ViewDeclarations.read(file), SourceDeclarations.read(file),
                new ViewApp.Settings(bootstrapServers, applicationId, "127.0.0.1", 0, stateDir, extra, 0));
    }

    /** Waits until {@code GET /views/<view>/rows} answers exactly {@code expected}: each row's key and document, in order. */
    private static void awaitRows(String api, String view, String expected) throws Exception {
        JsonNode rows = JSON.readTree(expected);
        await("the rows of view " + view).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(keysAndDocuments(api, view)).isEqualTo(rows));
    }

    /** The view's rows (one page: the views here are small), each as {@code {"key", "document"}}. */
    private static JsonNode keysAndDocuments(String api, String view) throws Exception {
        HttpResponse<String> answer = get(api + "/views/" + view + "/rows?limit=1000");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode page = JSON.readTree(answer.body());
        assertThat(page.get("next").isNull()).as("one page holds every row").isTrue();
        var rows = JSON.createArrayNode();
        for (JsonNode row : page.get("rows")) {
            rows.addObject().put("key", row.get("key").asText()).set("document", row.get("document"));
        }
        return rows;
    }

    private static HttpResponse<String> get(String uri) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The view app's changelog and internal topics, all named after its application id. */
    private static void deleteTopicsOf(LocalStack stack, String applicationId) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers()))) {
            var topics = admin.listTopics().names().get().stream().filter(t -> t.startsWith(applicationId)).toList();
            admin.deleteTopics(topics).all().get();
        }
    }

    private static void sql(Connection c, String... statements) throws Exception {
        try (c; Statement st = c.createStatement()) {
            for (String s : statements) {
                st.execute(s);
            }
        }
    }
}
