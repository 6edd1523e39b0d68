package io.idaas.e2e.values;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idaas.configs.ConnectConfig;
import io.idaas.e2e.ConnectRest;
import io.idaas.e2e.KafkaTopics;
import io.idaas.e2e.SourceDatabase;
import io.idaas.stack.LocalStack;
import io.idaas.stack.junit.LocalStackExtension;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The awkward-values matrix of one shipped direction ({@link AwkwardValues}), run as a user runs it: the source's rows
 * written with plain SQL, the connect-configs DDML source config and sink config as shipped (narrowed to the test's
 * table), each value once through the snapshot, once inserted and read from the log, and once written by an update of a
 * row the target already holds. Then every value is judged with plain SQL on both databases and the records of the
 * sink's dead-letter topic, where a sink user looks: it arrives exactly; or the change is in the dead-letter topic with
 * the reason SPEC.md section 11.2 gives (refused by the sink, or not carried by the producer, naming the column) and the
 * target row is as it was before the change; or (only where the source connector itself changes it, as documented) it
 * holds the documented value. Nothing else passes.
 */
@ExtendWith(LocalStackExtension.class)
abstract class AwkwardValuesContract {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Row ids of the values inserted into the log start here; those of the snapshot at 1. */
    private static final int LOG_IDS = 1001;
    /** Row ids of the values written by updates start here. */
    private static final int UPDATE_IDS = 2001;
    /** The row written last, after every update: once it is in the target, the sink has dealt with all of them. */
    private static final int LAST_ID = 9999;

    abstract Direction direction();

    @Test
    void everyAwkwardValueArrivesExactlyOrIsRefusedWhereDocumented(LocalStack stack) throws Exception {
        Direction d = direction();
        String run = UUID.randomUUID().toString().substring(0, 8);
        String table = "aw_" + run;
        String prefix = "aw_" + run;
        String targetDb = "aw_target_" + run;
        String sourceName = "aw-src-" + run;
        String sinkName = "aw-sink-" + run;
        AwkwardTable t = d.source == SourceDatabase.POSTGRES ? AwkwardValues.postgres() : AwkwardValues.mariadb(d.source == SourceDatabase.MYSQL);
        int n = t.values().size();
        SourceTable src = new SourceTable(stack, d.source, "aw_src_" + run, table);

        try (Connection db = src.open(); Statement sql = db.createStatement()) {
            sql.execute(t.createTable(table));
            for (int i = 0; i < n; i++) {
                sql.execute(t.insert(table, 1 + i, i));
            }
        }
        d.target.create(stack, targetDb);

        ConnectRest connect = new ConnectRest(stack.connect().restUrl());
        String topic = src.topic(prefix);
        ObjectNode source = src.connector(sourceName, prefix);
        Map<String, String> sinkValues = new HashMap<>(d.target.sinkValues(stack, targetDb));
        sinkValues.put("name", sinkName);
        sinkValues.put("topic.prefix", prefix);
        sinkValues.put("mariadb.database", d.source.server(stack).database());
        sinkValues.put("mysql.database", d.source.server(stack).database());
        ObjectNode sink = ConnectConfig.named(d.sinkConfig).render(sinkValues);
        ((ObjectNode) sink.get("config")).put("topics.regex", KafkaTopics.exactly(topic, prefix + ".transaction"));

        connect.create(source);
        try (DeadLetterTopic dlq = new DeadLetterTopic(stack, prefix + ".dlq")) {
            connect.awaitRunning(sourceName, Duration.ofSeconds(90));
            KafkaTopics.awaitTopic(stack, topic);
            connect.create(sink);
            connect.awaitRunning(sinkName, Duration.ofSeconds(90));
            List<String> connectors = List.of(sourceName, sinkName);

            awaitAccounted(stack, connect, connectors, d, targetDb, table, ids(1, n), dlq);
            try (Connection db = src.open(); Statement sql = db.createStatement()) {
                for (int i = 0; i < n; i++) {
                    sql.execute(t.insert(table, LOG_IDS + i, i));
                    sql.execute(t.insertDefaults(table, UPDATE_IDS + i));
                }
            }
            awaitAccounted(stack, connect, connectors, d, targetDb, table, ids(LOG_IDS, n), dlq);
            awaitAccounted(stack, connect, connectors, d, targetDb, table, ids(UPDATE_IDS, n), dlq);
            // What the target holds of each row before its update: what a refused update must leave.
            Map<String, Map<Integer, Object>> beforeUpdates = new HashMap<>();
            try (Connection tgt = d.target.open(stack, targetDb)) {
                prepare(tgt, d.target.family());
                for (AwkwardColumn c : t.columns()) {
                    beforeUpdates.put(c.name(), read(tgt, table, c, d.target.family(), false));
                }
            }
            try (Connection db = src.open(); Statement sql = db.createStatement()) {
                for (int i = 0; i < n; i++) {
                    sql.execute(t.update(table, UPDATE_IDS + i, i));
                }
                sql.execute(t.insertDefaults(table, LAST_ID));
            }
            awaitAccounted(stack, connect, connectors, d, targetDb, table, List.of(LAST_ID), dlq);
            dlq.readToEnd();

            List<String> wrong = new ArrayList<>();
            List<String> report = new ArrayList<>();
            try (Connection inSrc = src.open(); Connection tgt = d.target.open(stack, targetDb)) {
                prepare(inSrc, d.sourceFamily());
                prepare(tgt, d.target.family());
                for (AwkwardColumn c : t.columns()) {
                    Map<Integer, Object> inSource = read(inSrc, table, c, d.sourceFamily(), true);
                    Map<Integer, Object> inTarget = read(tgt, table, c, d.target.family(), false);
                    for (int i = 0; i < n; i++) {
                        AwkwardValue v = t.values().get(i);
                        if (v.column() != c && !v.column().name().equals(c.name())) {
                            continue;
                        }
                        for (Phase phase : Phase.values()) {
                            int id = (phase == Phase.SNAPSHOT ? 1 : phase == Phase.LOG ? LOG_IDS : UPDATE_IDS) + i;
                            Outcome expected = v.expected(d, phase);
                            Outcome seen = observed(id, phase, inSource, inTarget, beforeUpdates.get(c.name()), dlq);
                            report.add(d + " " + phase + " " + v + ": " + seen);
                            if (!matches(expected, seen)) {
                                wrong.add(phase + " " + v + ": expected " + expected + ", saw " + seen);
                            }
                        }
                    }
                }
            }
            System.out.println("Awkward values, " + d + ":\n  " + String.join("\n  ", report));
            assertThat(wrong).as(d + ": values that neither arrived exactly nor were refused where documented").isEmpty();
        } finally {
            connect.delete(sinkName);
            connect.delete(sourceName);
            d.source.release(stack, prefix);
            src.drop();
        }
    }

    private static List<Integer> ids(int first, int count) {
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(first + i);
        }
        return ids;
    }

    /** Waits until every id is in the target table or the dead-letter topic; fails fast on a FAILED task. */
    private static void awaitAccounted(LocalStack stack, ConnectRest connect, List<String> connectors, Direction d, String targetDb,
                                       String table, List<Integer> ids, DeadLetterTopic dlq) {
        await(d + ": rows " + ids.get(0) + ".. in the target or dead-lettered").atMost(Duration.ofSeconds(240))
                .pollInterval(Duration.ofSeconds(1))
                .ignoreExceptionsInstanceOf(SQLException.class)
                .untilAsserted(() -> {
                    for (String name : connectors) {
                        JsonNode status = connect.status(name);
                        if (status != null) {
                            for (JsonNode task : status.path("tasks")) {
                                if ("FAILED".equals(task.path("state").asText())) {
                                    throw new org.awaitility.core.TerminalFailureException(name + " FAILED: " + task.path("trace").asText());
                                }
                            }
                        }
                    }
                    dlq.poll();
                    Set<Integer> present = new TreeSet<>();
                    try (Connection tgt = d.target.open(stack, targetDb); Statement st = tgt.createStatement();
                         ResultSet rs = st.executeQuery("SELECT id FROM " + table)) {
                        while (rs.next()) {
                            present.add(rs.getInt(1));
                        }
                    }
                    List<Integer> missing = ids.stream().filter(id -> !present.contains(id) && !dlq.has(id)).toList();
                    assertThat(missing).as("rows neither in the target nor dead-lettered").isEmpty();
                });
    }

    /**
     * What became of row {@code id}'s value: dead-lettered (and whether the target row is as it was: absent, or for an
     * update its value before the update), or in the target equal to the source's or not.
     */
    private static Outcome observed(int id, Phase phase, Map<Integer, Object> inSource, Map<Integer, Object> inTarget,
                                    Map<Integer, Object> beforeUpdate, DeadLetterTopic dlq) {
        if (dlq.has(id)) {
            boolean asBefore = phase == Phase.UPDATE
                    ? inTarget.containsKey(id) && Objects.equals(inTarget.get(id), beforeUpdate.get(id))
                    : !inTarget.containsKey(id);
            return new Outcome.DeadLettered(dlq.reason(id), asBefore);
        }
        if (!inTarget.containsKey(id)) {
            return new Outcome.Missing();
        }
        Object s = inSource.get(id);
        Object t = inTarget.get(id);
        return Objects.equals(s, t) ? Outcome.ARRIVES : new Outcome.Differs(s, t);
    }

    /** The sink's words for a change whose rows the producer left out because a value has no DDML value (SPEC.md 6.1). */
    private static final String NOT_CARRIED = "was not carried: its rows were left out by the producer: a value has no exact "
            + "DDML value (unrepresentable_value): ";

    private static boolean matches(Outcome expected, Outcome seen) {
        if (expected instanceof Outcome.RefusedBySink r) {
            return seen instanceof Outcome.DeadLettered s && s.targetAsBefore() && !s.message().contains(NOT_CARRIED)
                    && s.message().contains(r.reason());
        }
        if (expected instanceof Outcome.RefusedBySource r) {
            return seen instanceof Outcome.DeadLettered s && s.targetAsBefore()
                    && s.message().contains(NOT_CARRIED + "column " + r.column() + " (after") && s.message().contains(r.reason());
        }
        if (expected instanceof Outcome.Changed c) {
            return seen instanceof Outcome.Differs s && Objects.equals(c.target(), s.target());
        }
        return expected instanceof Outcome.Arrives && seen instanceof Outcome.Arrives;
    }

    /**
     * The source table, in a database of its own on MariaDB (the MySQL connector's snapshot parses the DDL of every
     * table of the captured databases, and its parser fails on MariaDB-only types such as UUID that other tests'
     * tables hold), in the stack's database on PostgreSQL.
     */
    private record SourceTable(LocalStack stack, SourceDatabase source, String database, String table) {

        SourceTable {
            if (source != SourceDatabase.POSTGRES) {
                try (Connection db = source.open(stack); Statement sql = db.createStatement()) {
                    sql.execute("CREATE DATABASE " + database);
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }
        }

        Connection open() throws SQLException {
            if (source == SourceDatabase.POSTGRES) {
                return source.open(stack);
            }
            var db = source.server(stack);
            return java.sql.DriverManager.getConnection("jdbc:mariadb://" + db.host() + ":" + db.port() + "/" + database,
                    db.user(), db.password());
        }

        String topic(String prefix) {
            return source == SourceDatabase.POSTGRES ? source.topicOf(stack, prefix, table) : prefix + "." + database + "." + table;
        }

        /** The connect-configs DDML source config of the source, narrowed to the table. */
        ObjectNode connector(String name, String prefix) {
            ObjectNode body = source.connector(stack, source.ddmlConfig(), name, prefix);
            ObjectNode config = (ObjectNode) body.get("config");
            if (source == SourceDatabase.POSTGRES) {
                config.put("table.include.list", source.qualified(stack, table));
            } else {
                config.put("database.include.list", database).put("table.include.list", database + "." + table);
            }
            return body;
        }

        void drop() {
            try (Connection db = source.open(stack); Statement sql = db.createStatement()) {
                sql.execute(source == SourceDatabase.POSTGRES ? "DROP TABLE IF EXISTS " + table : "DROP DATABASE IF EXISTS " + database);
            } catch (SQLException e) {
                // cleanup only
            }
        }
    }

    private static void prepare(Connection db, Family family) throws SQLException {
        if (family == Family.POSTGRES) {
            try (Statement st = db.createStatement()) {
                st.execute("SET intervalstyle = 'iso_8601'");
            }
        }
    }

    /** Every row's value of {@code column}, by id, as {@link ValueKind} normalizes it (null for SQL NULL). */
    private static Map<Integer, Object> read(Connection db, String table, AwkwardColumn column, Family family, boolean inSource)
            throws SQLException {
        Map<Integer, Object> values = new HashMap<>();
        ValueKind kind = column.kind();
        boolean bytes = kind.bytes() || kind == ValueKind.BITS && !inSource;
        String expression = bytes ? column.name() : column.select(family, inSource);
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("SELECT id, " + expression + " FROM " + table)) {
            while (rs.next()) {
                Object value;
                if (bytes) {
                    byte[] b = rs.getBytes(2);
                    value = b == null ? null : kind == ValueKind.BITS ? ValueKind.bits(b) : ValueKind.hex(b);
                } else {
                    String text = rs.getString(2);
                    value = text == null ? null : normalized(kind, text);
                }
                values.put(rs.getInt(1), value);
            }
        }
        return values;
    }

    private static Object normalized(ValueKind kind, String text) {
        try {
            return kind.normalize(text);
        } catch (RuntimeException e) {
            return text; // e.g. MariaDB's zero date, which no Java date holds: compared as its text
        }
    }

    /** The sink's dead-letter topic, read from its start: each record's row id (from its DDML key) and reason. */
    private static final class DeadLetterTopic implements AutoCloseable {

        private static final String REASON_HEADER = "__connect.errors.exception.message";

        private final KafkaConsumer<byte[], byte[]> consumer;
        private final String topic;
        private final Map<Integer, String> reasons = new HashMap<>();

        DeadLetterTopic(LocalStack stack, String topic) {
            this.topic = topic;
            consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers(),
                    ConsumerConfig.GROUP_ID_CONFIG, "e2e-" + UUID.randomUUID(),
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                    ConsumerConfig.METADATA_MAX_AGE_CONFIG, "500"), new ByteArrayDeserializer(), new ByteArrayDeserializer());
            consumer.subscribe(List.of(topic));
        }

        void poll() throws Exception {
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(300))) {
                JsonNode key = r.key() == null ? null : JSON.readTree(r.key());
                JsonNode id = key == null ? null : key.has("payload") ? key.path("payload").path("id") : key.path("id");
                Header h = r.headers().lastHeader(REASON_HEADER);
                reasons.put(id == null || id.isMissingNode() ? -1 : id.asInt(),
                        h == null ? "(no " + REASON_HEADER + " header)" : new String(h.value(), StandardCharsets.UTF_8));
            }
        }

        /**
         * Reads up to the topic's end. The sink waits for each dead-lettered record to be written before it commits what
         * follows, so once a later row is in the target, every record dead-lettered before it is there to read.
         */
        void readToEnd() {
            await(topic + " read to its end").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
                poll();
                Set<TopicPartition> assigned = consumer.assignment();
                assertThat(assigned).as("partitions of " + topic).isNotEmpty();
                Map<TopicPartition, Long> end = consumer.endOffsets(assigned);
                for (TopicPartition tp : assigned) {
                    assertThat(consumer.position(tp)).as("position in " + tp).isGreaterThanOrEqualTo(end.get(tp));
                }
            });
        }

        boolean has(int id) {
            return reasons.containsKey(id);
        }

        String reason(int id) {
            return reasons.get(id);
        }

        @Override
        public void close() {
            consumer.close();
        }
    }
}
