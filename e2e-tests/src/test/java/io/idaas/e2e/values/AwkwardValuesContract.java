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
 * table), each value once through the snapshot and once through the log. Then every value is judged with plain SQL on
 * both databases and the records of the dead-letter and refused-values topics: it arrives exactly, or it is refused
 * where SPEC.md section 11 says, with the reason it gives, or (only where the source connector itself changes it, as
 * documented) it holds the documented value. Nothing else passes.
 */
@ExtendWith(LocalStackExtension.class)
abstract class AwkwardValuesContract {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Row ids of the values read from the log start here; those of the snapshot at 1. */
    private static final int LOG_IDS = 1001;

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
        try (Topic dlq = new Topic(stack, prefix + ".dlq", "__connect.errors.exception.message");
             Topic refused = new Topic(stack, prefix + ".refused", "ddml.refused.reason")) {
            connect.awaitRunning(sourceName, Duration.ofSeconds(90));
            KafkaTopics.awaitTopic(stack, topic);
            connect.create(sink);
            connect.awaitRunning(sinkName, Duration.ofSeconds(90));

            awaitAccounted(stack, connect, List.of(sourceName, sinkName), d, targetDb, table, ids(1, n), dlq, refused);
            try (Connection db = src.open(); Statement sql = db.createStatement()) {
                for (int i = 0; i < n; i++) {
                    sql.execute(t.insert(table, LOG_IDS + i, i));
                }
            }
            awaitAccounted(stack, connect, List.of(sourceName, sinkName), d, targetDb, table, ids(LOG_IDS, n), dlq, refused);

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
                        for (int id : new int[] {1 + i, LOG_IDS + i}) {
                            Phase phase = id < LOG_IDS ? Phase.SNAPSHOT : Phase.LOG;
                            Outcome expected = v.expected(d, phase);
                            Outcome seen = observed(id, inSource, inTarget, dlq, refused);
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

    /** Waits until every id is in the target table, the dead-letter topic or the refused-values topic; fails fast on a FAILED task. */
    private static void awaitAccounted(LocalStack stack, ConnectRest connect, List<String> connectors, Direction d, String targetDb,
                                       String table, List<Integer> ids, Topic dlq, Topic refused) {
        await(d + ": rows " + ids.get(0) + ".. in the target or refused").atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofSeconds(1))
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
                    refused.poll();
                    Set<Integer> present = new TreeSet<>();
                    try (Connection tgt = d.target.open(stack, targetDb); Statement st = tgt.createStatement();
                         ResultSet rs = st.executeQuery("SELECT id FROM " + table)) {
                        while (rs.next()) {
                            present.add(rs.getInt(1));
                        }
                    }
                    List<Integer> missing = ids.stream().filter(id -> !present.contains(id) && !dlq.has(id) && !refused.has(id)).toList();
                    assertThat(missing).as("rows neither in the target nor refused").isEmpty();
                });
    }

    private static Outcome observed(int id, Map<Integer, Object> inSource, Map<Integer, Object> inTarget, Topic dlq, Topic refused) {
        if (dlq.has(id)) {
            return new Outcome.RefusedBySink(dlq.reason(id));
        }
        if (refused.has(id)) {
            return new Outcome.RefusedBySource(refused.reason(id));
        }
        if (!inTarget.containsKey(id)) {
            return new Outcome.Missing();
        }
        Object s = inSource.get(id);
        Object t = inTarget.get(id);
        return Objects.equals(s, t) ? Outcome.ARRIVES : new Outcome.Differs(s, t);
    }

    private static boolean matches(Outcome expected, Outcome seen) {
        if (expected instanceof Outcome.RefusedBySink r) {
            return seen instanceof Outcome.RefusedBySink s && s.reason().contains(r.reason());
        }
        if (expected instanceof Outcome.RefusedBySource r) {
            return seen instanceof Outcome.RefusedBySource s && s.reason().contains(r.reason());
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

    /** A topic of refused records (the sink's dead-letter topic, ToDdml's refused-values topic), read from its start. */
    private static final class Topic implements AutoCloseable {

        private final KafkaConsumer<byte[], byte[]> consumer;
        private final String reasonHeader;
        private final Map<Integer, String> reasons = new HashMap<>();

        Topic(LocalStack stack, String topic, String reasonHeader) {
            this.reasonHeader = reasonHeader;
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
                Header h = r.headers().lastHeader(reasonHeader);
                reasons.put(id == null || id.isMissingNode() ? -1 : id.asInt(),
                        h == null ? "(no " + reasonHeader + " header)" : new String(h.value(), StandardCharsets.UTF_8));
            }
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
