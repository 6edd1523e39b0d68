package io.idaas.e2e.mongodb;

import com.fasterxml.jackson.databind.JsonNode;
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
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The MongoDB sink's master-detail merge end to end: MariaDB or PostgreSQL tables parent and child under a seeded random workload
 * (parents inserted, renamed, deleted before their children, which are deleted in a later transaction; children inserted,
 * updated, moved to another parent, deleted), through the shipped {@code <source>-ddml-source} and
 * {@code <source>-to-mongodb} configs (PostgreSQL's default replica identity: a before image holding only the key, so
 * moves and deletes pull by the child key from every parent) with {@code mongodb.merge.arrays}. Judged by a plain reader (JDBC and the official
 * driver, none of the sink's code): each parent row's document holds its fields and an array equal, by key, to the
 * child rows that name it; a document without a parent row holds no element. Then a second sink replays both topics
 * from offset 0 into the same database, and the documents must not change.
 */
@ExtendWith(LocalStackExtension.class)
class MongoMergePipelineTest {

    static final int CHANGES = 3_000;

    @ParameterizedTest
    @EnumSource(value = SourceDatabase.class, names = {"MARIADB", "POSTGRES"})
    void aRandomParentChildWorkloadEndsAsParentDocumentsHoldingTheirChildren(SourceDatabase source, LocalStack stack)
        throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String prefix = (source == SourceDatabase.POSTGRES ? "pm_" : "mm_") + run;
        String parent = "mp_" + run;
        String child = "mc_" + run;
        ConnectRest connect = new ConnectRest(stack.connect().restUrl());
        try (MongoClient client = MongoClients.create(stack.mongo().connectionString());
             Connection db = source.open(stack); Statement sql = db.createStatement()) {
            sql.execute("CREATE TABLE " + parent + " (id INT PRIMARY KEY, name VARCHAR(40))");
            sql.execute("CREATE TABLE " + child + " (id INT PRIMARY KEY, parent_id INT NOT NULL, name VARCHAR(40), qty BIGINT)");
            sql.execute("INSERT INTO " + parent + " VALUES (0, 'p0')");
            sql.execute("INSERT INTO " + child + " VALUES (0, 0, 'c0', 0)");

            ObjectNode src = source.connector(stack, source.ddmlConfig(), prefix + "-src", prefix);
            ((ObjectNode) src.get("config")).put("table.include.list",
                source.qualified(stack, parent) + "," + source.qualified(stack, child));
            connect.create(src);
            connect.awaitRunning(prefix + "-src", Duration.ofSeconds(90));
            String parentTopic = source.topicOf(stack, prefix, parent);
            String childTopic = source.topicOf(stack, prefix, child);
            KafkaTopics.awaitTopic(stack, parentTopic);
            KafkaTopics.awaitTopic(stack, childTopic);

            Map<String, String> values = new HashMap<>(Map.of("name", prefix + "-sink", "topic.prefix", prefix,
                "mongodb.uri", stack.mongo().connectionString(), "mongodb.database", prefix,
                "kafka.bootstrap", stack.kafka().bootstrapServers()));
            if (source != SourceDatabase.POSTGRES) {
                values.put("mariadb.database", stack.mariadb().database());
            }
            ObjectNode sink = ConnectConfig.named(source == SourceDatabase.POSTGRES ? "postgres-to-mongodb"
                : "mariadb-to-mongodb").render(values);
            ObjectNode config = (ObjectNode) sink.get("config");
            config.put("topics.regex", KafkaTopics.exactly(parentTopic, childTopic));
            config.put("mongodb.merge.arrays", child + ":" + parent + ":children:parent_id");
            connect.create(sink);
            connect.awaitRunning(prefix + "-sink", Duration.ofSeconds(90));

            Stats stats = new Workload(new Random(20_261_206L), parent, child).run(db, CHANGES);
            assertThat(stats.moves).as("children moved").isGreaterThan(100);
            assertThat(stats.parentsDeletedFirst).as("parents deleted before their children").isGreaterThan(20);
            assertThat(stats.orphanDeletes).as("children deleted after their parent").isGreaterThan(20);

            MongoDatabase target = client.getDatabase(prefix);
            try {
                await("the parent documents hold their children").atMost(Duration.ofSeconds(180))
                    .pollInterval(Duration.ofSeconds(2))
                    .failFast("the sink task FAILED", () -> assertNoTaskFailed(connect, prefix + "-sink"))
                    .untilAsserted(() -> assertThat(differences(db, parent, child, target)).isEmpty());
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                throw new AssertionError(e.getMessage() + "\nthe topics' events of those keys:\n"
                    + eventsOf(stack, List.of(parentTopic, childTopic), differences(db, parent, child, target)), e);
            }
            assertThat(parentRows(db, parent)).as("parents compared").hasSizeGreaterThan(50);
            assertThat(target.listCollectionNames().into(new ArrayList<>())).as("the child table has no collection")
                .contains(parent).doesNotContain(child);
            try (DeadLetters dlq = new DeadLetters(stack.kafka().bootstrapServers(), prefix + ".dlq")) {
                assertThat(dlq.reasons()).as("dead-lettered records").isEmpty();
            }
            // the verifier on the parent table: the merged array is not a difference; a document left holding only
            // _id and an empty array after its parent row was deleted (documented) is the one kind of extra row
            io.idaas.stack.JdbcServer server = source.server(stack);
            io.idaas.verify.report.VerifyReport report = new io.idaas.verify.Verifier(io.idaas.verify.VerifyConfig.builder()
                .source(server.jdbcUrl(), server.user(), server.password())
                .target(stack.mongo().connectionString() + "/" + prefix, null, null)
                .table(source.qualified(stack, parent)).mode(io.idaas.verify.Mode.FIELD)
                .recheck(1, Duration.ofMillis(500)).build()).run();
            assertThat(report.tables()).singleElement().satisfies(t -> assertThat(t.differences())
                .as(io.idaas.verify.report.ReportText.write(report))
                .allSatisfy(d -> assertThat(d.kind()).isEqualTo(io.idaas.verify.report.RowDifference.Kind.EXTRA)));

            // a full replay: a second sink (its own consumer group and offsets) reads both topics from offset 0 into the
            // same database; older events must not bring back deleted or moved children, nor deleted parents
            ObjectNode replay = sink.deepCopy();
            replay.put("name", prefix + "-replay");
            connect.create(replay);
            connect.awaitRunning(prefix + "-replay", Duration.ofSeconds(90));
            Map<String, Long> firstOffsets = new HashMap<>();
            for (org.bson.Document d : target.getCollection("_idaas_offsets").find()) {
                String id = d.getString("_id");
                if (id.startsWith(prefix + "-sink/")) {
                    firstOffsets.put(id.substring((prefix + "-sink/").length()), d.getLong("offset"));
                }
            }
            assertThat(firstOffsets).as("offsets of the first sink").isNotEmpty();
            await("the replay read every record the first sink read").atMost(Duration.ofSeconds(180))
                .pollInterval(Duration.ofSeconds(2))
                .failFast("the replay task FAILED", () -> assertNoTaskFailed(connect, prefix + "-replay"))
                .until(() -> firstOffsets.entrySet().stream().allMatch(e -> {
                    org.bson.Document d = target.getCollection("_idaas_offsets")
                        .find(new org.bson.Document("_id", prefix + "-replay/" + e.getKey())).first();
                    return d != null && d.getLong("offset") >= e.getValue();
                }));
            assertThat(differences(db, parent, child, target)).as("after a full replay").isEmpty();
            System.out.printf("merge workload: %s%n", stats);
        } finally {
            connect.delete(prefix + "-replay");
            connect.delete(prefix + "-sink");
            connect.delete(prefix + "-src");
            source.release(stack, prefix);
        }
    }

    private static void assertNoTaskFailed(ConnectRest connect, String name) {
        JsonNode status = connect.status(name);
        if (status != null) {
            for (JsonNode task : status.path("tasks")) {
                if ("FAILED".equals(task.path("state").asText())) {
                    throw new AssertionError(name + " task FAILED: " + task.path("trace").asText());
                }
            }
        }
    }

    /** The events on {@code topics} whose key or parent_id is a number named in {@code differences}, one per line. */
    static String eventsOf(LocalStack stack, List<String> topics, List<String> differences) {
        Set<String> ids = new HashSet<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?:document|parent|holder) (\\d+)")
            .matcher(String.join("\n", differences));
        while (m.find()) {
            ids.add(m.group(1));
        }
        StringBuilder out = new StringBuilder();
        try (org.apache.kafka.clients.consumer.KafkaConsumer<String, String> consumer =
                 new org.apache.kafka.clients.consumer.KafkaConsumer<>(Map.of(
                     "bootstrap.servers", stack.kafka().bootstrapServers(), "group.id", "diag-" + UUID.randomUUID(),
                     "auto.offset.reset", "earliest", "enable.auto.commit", "false"),
                     new org.apache.kafka.common.serialization.StringDeserializer(),
                     new org.apache.kafka.common.serialization.StringDeserializer())) {
            consumer.subscribe(topics);
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            int empty = 0;
            while (System.nanoTime() < deadline && empty < 5) {
                var records = consumer.poll(Duration.ofMillis(500));
                empty = records.isEmpty() ? empty + 1 : 0;
                for (var r : records) {
                    String text = r.key() + " " + r.value();
                    if (ids.stream().anyMatch(id -> text.contains("\"id\":" + id + ",") || text.contains("\"id\":" + id + "}")
                        || text.contains("\"parent_id\":" + id + ",") || text.contains("\"parent_id\":" + id + "}"))) {
                        out.append(r.topic()).append('@').append(r.offset()).append(' ').append(r.key()).append(' ')
                            .append(r.value() == null ? "tombstone" : r.value().replaceAll("\"schema\":\\{.*?\\}\\}", ""))
                            .append('\n');
                    }
                }
            }
        } catch (RuntimeException e) {
            out.append("(could not read the topics: ").append(e).append(")");
        }
        return out.toString();
    }

    // ---------------------------------------------------------------- the plain reader

    static Map<Integer, String> parentRows(Connection db, String parent) throws SQLException {
        Map<Integer, String> out = new TreeMap<>();
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("SELECT id, name FROM " + parent)) {
            while (rs.next()) {
                out.put(rs.getInt(1), rs.getString(2));
            }
        }
        return out;
    }

    /** Every difference between the source's rows and the parent collection, in words. */
    static List<String> differences(Connection db, String parent, String child, MongoDatabase target) throws SQLException {
        Map<Integer, String> parents = parentRows(db, parent);
        Map<Integer, Map<Integer, String>> children = new HashMap<>();
        try (Statement st = db.createStatement();
             ResultSet rs = st.executeQuery("SELECT id, parent_id, name, qty FROM " + child)) {
            while (rs.next()) {
                children.computeIfAbsent(rs.getInt(2), p -> new TreeMap<>()).put(rs.getInt(1),
                    rs.getString(3) + "/" + rs.getLong(4));
            }
        }
        List<String> out = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        for (BsonDocument d : target.getCollection(parent, BsonDocument.class).find()) {
            int id = d.getInt32("_id").getValue();
            seen.add(id);
            Map<Integer, String> elements = new TreeMap<>();
            if (d.containsKey("children")) {
                for (BsonValue v : d.getArray("children")) {
                    BsonDocument e = v.asDocument();
                    if (e.getInt32("parent_id").getValue() != id) {
                        out.add("document " + id + " holds child " + e.get("id") + " of parent " + e.get("parent_id"));
                    }
                    if (elements.put(e.getInt32("id").getValue(), e.getString("name").getValue() + "/"
                        + e.getInt64("qty").getValue()) != null) {
                        out.add("document " + id + " holds child " + e.get("id") + " twice");
                    }
                }
            }
            if (!parents.containsKey(id)) {
                // no parent row: a holder of children whose source rows outlive it, never empty, no parent field
                if (elements.isEmpty() || d.containsKey("name") || d.containsKey("_ddml")) {
                    out.add("document " + id + " has no parent row but is " + d.toJson());
                } else if (!elements.equals(children.getOrDefault(id, Map.of()))) {
                    out.add("holder " + id + ": children " + elements + ", source " + children.get(id));
                }
                continue;
            }
            if (!d.containsKey("name") || !parents.get(id).equals(d.getString("name").getValue())) {
                out.add("document " + id + ": name " + d.get("name") + ", source " + parents.get(id));
            }
            Map<Integer, String> expected = children.getOrDefault(id, Map.of());
            if (!elements.equals(expected)) {
                out.add("document " + id + ": children " + elements + ", source " + expected);
            }
        }
        parents.keySet().stream().filter(p -> !seen.contains(p)).forEach(p -> out.add("parent " + p + " has no document"));
        children.keySet().stream().filter(p -> !parents.containsKey(p) && !seen.contains(p))
            .forEach(p -> out.add("children " + children.get(p) + " of deleted parent " + p + " have no document"));
        return out;
    }

    // ---------------------------------------------------------------- the workload

    record Stats(int changes, int moves, int parentsDeletedFirst, int orphanDeletes) {
    }

    /** Seeded random changes of parent and child, in transactions of 1-4 statements. */
    static final class Workload {
        private final Random random;
        private final String parent;
        private final String child;
        private final List<Integer> parents = new ArrayList<>(List.of(0));
        private final Map<Integer, Integer> children = new HashMap<>(Map.of(0, 0)); // child -> parent
        private int nextParent = 1;
        private int nextChild = 1;

        Workload(Random random, String parent, String child) {
            this.random = random;
            this.parent = parent;
            this.child = child;
        }

        Stats run(Connection db, int changes) throws SQLException {
            int done = 0;
            int moves = 0;
            int parentsDeleted = 0;
            int orphanDeletes = 0;
            db.setAutoCommit(false);
            try (Statement st = db.createStatement()) {
                while (done < changes) {
                    int statements = 1 + random.nextInt(4);
                    for (int s = 0; s < statements; s++) {
                        int dice = random.nextInt(100);
                        if (dice < 12 || parents.size() < 5) {
                            int p = nextParent++;
                            st.execute("INSERT INTO " + parent + " VALUES (" + p + ", 'p" + p + "')");
                            parents.add(p);
                        } else if (dice < 20) {
                            int p = pick(parents);
                            st.execute("UPDATE " + parent + " SET name = 'p" + p + "-" + random.nextInt(1000) + "' WHERE id = " + p);
                        } else if (dice < 24) {
                            // the parent goes first; its children go in the next transaction
                            Integer p = parents.remove(random.nextInt(parents.size()));
                            st.execute("DELETE FROM " + parent + " WHERE id = " + p);
                            db.commit();
                            parentsDeleted++;
                            done++;
                            List<Integer> orphans = children.entrySet().stream().filter(e -> e.getValue().equals(p))
                                .map(Map.Entry::getKey).toList();
                            for (Integer c : orphans) {
                                st.execute("DELETE FROM " + child + " WHERE id = " + c);
                                children.remove(c);
                                orphanDeletes++;
                                done++;
                            }
                        } else if (dice < 55 || children.isEmpty()) {
                            int c = nextChild++;
                            int p = pick(parents);
                            st.execute("INSERT INTO " + child + " VALUES (" + c + ", " + p + ", 'c" + c + "', "
                                + random.nextInt(100) + ")");
                            children.put(c, p);
                        } else if (dice < 75) {
                            int c = pick(new ArrayList<>(children.keySet()));
                            st.execute("UPDATE " + child + " SET qty = qty + 1, name = 'c" + c + "-" + random.nextInt(1000)
                                + "' WHERE id = " + c);
                        } else if (dice < 88) {
                            int c = pick(new ArrayList<>(children.keySet()));
                            int p = pick(parents);
                            st.execute("UPDATE " + child + " SET parent_id = " + p + ", qty = qty + 1 WHERE id = " + c);
                            if (children.put(c, p) != p) {
                                moves++;
                            }
                        } else {
                            int c = pick(new ArrayList<>(children.keySet()));
                            st.execute("DELETE FROM " + child + " WHERE id = " + c);
                            children.remove(c);
                        }
                        done++;
                    }
                    db.commit();
                }
            } finally {
                db.setAutoCommit(true);
            }
            return new Stats(done, moves, parentsDeleted, orphanDeletes);
        }

        private int pick(List<Integer> from) {
            return from.get(random.nextInt(from.size()));
        }
    }
}
