package io.idaas.e2e.usecases;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.idaas.e2e.pipeline.Db;
import io.idaas.stack.LocalStack;
import io.idaas.stack.junit.LocalStackExtension;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The ready pipeline files of {@code pipelines/} applied with {@code idaas pipeline apply} on the shared stack, their
 * endpoints given with {@code --var}: each gets a few rows (snapshot), then an update, a delete and an insert, and the
 * target is read with its own client (plain SQL, the MongoDB driver, Jedis). MySQL is Debezium's MySQL connector and
 * MySQL Connector/J against the stack's MariaDB, as in {@link UseCaseReplicationTest}. No Oracle runs here: its file is
 * checked by {@code idaas pipeline validate}, which Connect answers with every key accepted but the connection.
 */
@ExtendWith(LocalStackExtension.class)
class PipelineFilesTest {

    private static final Path PIPELINES = Path.of("..", "pipelines");
    private static final String MASK_KEY = "pipeline-files-test-key";

    @TempDir
    Path dir;

    @Test
    void theReadyPipelinesReplicateAndTheOracleOneIsValidatedByConnect(LocalStack stack) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 6);
        PipelineCli cli = new PipelineCli(stack);
        String mariaHost = stack.mariadb().host();
        String mariaPort = String.valueOf(stack.mariadb().port());
        String pgHost = stack.postgres().host();
        String pgPort = String.valueOf(stack.postgres().port());

        // mariadb-to-postgres-with-views: MariaDB -> PostgreSQL, e-mails hashed with a key from a file provider.
        String shopSrc = "pf_shop_src_" + run;
        String shopTgt = "pf_shop_tgt_" + run;
        Db.MARIADB.createDatabase(stack, shopSrc);
        Db.POSTGRES.createDatabase(stack, shopTgt);
        seed(Db.MARIADB.open(stack, shopSrc));
        Path secrets = dir.resolve("secrets.properties");
        Files.writeString(secrets, "mask.key=" + MASK_KEY + "\n");
        Map<String, String> shop = Map.of("mariadb_host", mariaHost, "mariadb_port", mariaPort, "mariadb_database", shopSrc,
                "pg_host", pgHost, "pg_port", pgPort, "pg_database", shopTgt,
                "mask_key", "${file:" + secrets.toAbsolutePath() + ":mask.key}");
        Path shopFile = PIPELINES.resolve("mariadb-to-postgres-with-views.yaml");

        // mysql-to-mysql
        String mmSrc = "pf_mm_src_" + run;
        String mmTgt = "pf_mm_tgt_" + run;
        Db.MARIADB.createDatabase(stack, mmSrc);
        Db.MARIADB.createDatabase(stack, mmTgt);
        seed(Db.MARIADB.open(stack, mmSrc));
        Map<String, String> mm = Map.of("mysql_host", mariaHost, "mysql_port", mariaPort, "source_database", mmSrc,
                "target_host", mariaHost, "target_port", mariaPort, "target_database", mmTgt);
        Path mmFile = PIPELINES.resolve("mysql-to-mysql.yaml");

        // postgres-to-mongodb
        String pmSrc = "pf_pm_src_" + run;
        String pmMongo = "pf_pm_" + run;
        Db.POSTGRES.createDatabase(stack, pmSrc);
        seed(Db.POSTGRES.open(stack, pmSrc));
        Map<String, String> pm = Map.of("pg_host", pgHost, "pg_port", pgPort, "pg_database", pmSrc,
                "mongodb_uri", stack.mongo().connectionString(), "mongodb_database", pmMongo);
        Path pmFile = PIPELINES.resolve("postgres-to-mongodb.yaml");

        // mysql-to-redis
        String mrSrc = "pf_mr_src_" + run;
        Db.MARIADB.createDatabase(stack, mrSrc);
        seed(Db.MARIADB.open(stack, mrSrc));
        Map<String, String> mr = Map.of("mysql_host", mariaHost, "mysql_port", mariaPort, "source_database", mrSrc,
                "redis_uri", stack.redis().uri());
        Path mrFile = PIPELINES.resolve("mysql-to-redis.yaml");

        for (var p : List.of(Map.entry(shopFile, shop), Map.entry(mmFile, mm), Map.entry(pmFile, pm), Map.entry(mrFile, mr))) {
            PipelineCli.Run applied = cli.run("apply", p.getKey(), p.getValue());
            assertThat(applied.exit()).as(p.getKey() + ": " + applied).isZero();
            assertThat(applied.out()).contains("Applied.");
        }
        change(Db.MARIADB.open(stack, shopSrc));
        change(Db.MARIADB.open(stack, mmSrc));
        change(Db.POSTGRES.open(stack, pmSrc));
        change(Db.MARIADB.open(stack, mrSrc));
        List<String> customers = List.of("1|Ada|Paris", "2|Bob|Lyon", "4|Dan|Nice");
        List<String> orders = List.of("10|1|paid|12.50", "11|2|shipped|99.00");

        awaitEqual(() -> rows(Db.POSTGRES.open(stack, shopTgt), "SELECT id, name, city FROM customers ORDER BY id"), customers);
        awaitEqual(() -> rows(Db.POSTGRES.open(stack, shopTgt), "SELECT id, customer_id, status, amount FROM orders ORDER BY id"), orders);
        assertThat(rows(Db.POSTGRES.open(stack, shopTgt), "SELECT email FROM customers ORDER BY id"))
                .as("e-mails hashed with HMAC-SHA256 and the file provider's key")
                .containsExactly(hmac("ada@example.com"), hmac("bob2@example.com"), hmac("dan@example.com"));

        awaitEqual(() -> rows(Db.MARIADB.open(stack, mmTgt), "SELECT id, name, city FROM customers ORDER BY id"), customers);
        awaitEqual(() -> rows(Db.MARIADB.open(stack, mmTgt), "SELECT id, customer_id, status, amount FROM orders ORDER BY id"), orders);
        assertThat(rows(Db.MARIADB.open(stack, mmTgt), "SELECT email FROM customers ORDER BY id"))
                .containsExactly("ada@example.com", "bob2@example.com", "dan@example.com");

        try (MongoClient mongo = MongoClients.create(stack.mongo().connectionString())) {
            awaitEqual(() -> {
                List<String> docs = new ArrayList<>();
                for (Document d : mongo.getDatabase(pmMongo).getCollection("customers").find()) {
                    docs.add(d.get("id") + "|" + d.get("name") + "|" + d.get("city"));
                }
                docs.sort(null);
                return docs;
            }, customers);
            assertThat(mongo.getDatabase(pmMongo).getCollection("orders").countDocuments()).isEqualTo(2);
        }

        try (Jedis redis = new Jedis(java.net.URI.create(stack.redis().uri()))) {
            awaitEqual(() -> {
                List<String> hashes = new ArrayList<>();
                for (String key : new TreeSet<>(redis.keys("cache:" + mrSrc + ".customers:*"))) {
                    Map<String, String> h = redis.hgetAll(key);
                    hashes.add(h.get("id") + "|" + h.get("name") + "|" + h.get("city"));
                }
                return hashes;
            }, customers);
            assertThat(redis.keys("cache:" + mrSrc + ".orders:*")).as("orders are not in the file's tables").isEmpty();
        }

        // oracle-to-mysql: Connect's validate endpoint reads every key; only the connection to Oracle fails.
        PipelineCli.Run oracle = cli.run("validate", PIPELINES.resolve("oracle-to-mysql.yaml"), Map.of("oracle_host", "127.0.0.1",
                "oracle_port", "1", "oracle_password", "x", "target_host", mariaHost, "target_port", mariaPort,
                "target_database", stack.mariadb().database(), "target_password", stack.mariadb().password()));
        assertThat(oracle.exit()).as(oracle.toString()).isEqualTo(1);
        assertThat(oracle.out()).as(oracle.toString()).contains("oracle-to-mysql-source: 1 error", "database.hostname: Unable to connect",
                "oracle-to-mysql-to-mysql: valid");

        for (var p : List.of(Map.entry(shopFile, shop), Map.entry(mmFile, mm), Map.entry(pmFile, pm), Map.entry(mrFile, mr))) {
            PipelineCli.Run deleted = cli.run("delete", p.getKey(), p.getValue(), "--purge", "--yes");
            assertThat(deleted.exit()).as(p.getKey() + ": " + deleted).isZero();
            // each sink applied rows, so it kept offsets in its target (JDBC, MongoDB, Redis), which the purge deleted
            assertThat(deleted.out()).as(p.getKey() + ": " + deleted).contains("deleted the offsets of ", " in its target (")
                    .doesNotContain("(0 rows", "(0 documents", "(no key ", "warning");
        }
    }

    private static String hmac(String value) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(MASK_KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
    }

    /** Three customers and two orders (the snapshot's rows). */
    private static void seed(Connection c) throws Exception {
        sql(c, "CREATE TABLE customers (id INT PRIMARY KEY, name VARCHAR(50) NOT NULL, email VARCHAR(100), city VARCHAR(50))",
                "CREATE TABLE orders (id INT PRIMARY KEY, customer_id INT NOT NULL, status VARCHAR(20) NOT NULL, amount DECIMAL(10,2) NOT NULL)",
                "INSERT INTO customers VALUES (1, 'Ada', 'ada@example.com', 'Paris'), (2, 'Bob', 'bob@example.com', 'Lyon'), "
                        + "(3, 'Cy', 'cy@example.com', 'Metz')",
                "INSERT INTO orders VALUES (10, 1, 'paid', 12.50), (11, 2, 'new', 99.00)");
    }

    /** After the snapshot: an update, a delete, an insert. */
    private static void change(Connection c) throws Exception {
        sql(c, "UPDATE customers SET email = 'bob2@example.com' WHERE id = 2", "UPDATE orders SET status = 'shipped' WHERE id = 11",
                "DELETE FROM customers WHERE id = 3", "INSERT INTO customers VALUES (4, 'Dan', 'dan@example.com', 'Nice')");
    }

    interface Rows {
        List<String> read() throws Exception;
    }

    private static void awaitEqual(Rows rows, List<String> expected) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .untilAsserted(() -> assertThat(rows.read()).isEqualTo(expected));
    }

    private static List<String> rows(Connection c, String query) throws Exception {
        try (c; Statement st = c.createStatement(); ResultSet rs = st.executeQuery(query)) {
            List<String> out = new ArrayList<>();
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    row.append(i > 1 ? "|" : "").append(rs.getString(i));
                }
                out.add(row.toString());
            }
            return out;
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
