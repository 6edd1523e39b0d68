package io.idaas.e2e.shipped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idaas.configs.ConnectConfig;
import io.idaas.e2e.ConnectRest;
import io.idaas.stack.JdbcServer;
import io.idaas.stack.LocalStack;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One shipped direction of connect-configs run as a user runs it: a source database and a target database made for
 * the run, the shipped DDML source config and the shipped sink config rendered for them (with the sink's own wide
 * {@code topics.regex}), registered through Connect's REST API. Judged from outside: plain SQL on the target, the
 * dead-letter topic, connector status and the sink's consumer group.
 */
public final class ShippedPipeline implements AutoCloseable {

    /** A shipped source, its config and its database system. */
    public enum Source {
        MARIADB("mariadb-ddml-source", Db.MARIADB), MYSQL("mysql-ddml-source", Db.MARIADB), POSTGRES("postgres-ddml-source", Db.POSTGRES);

        final String config;
        public final Db db;

        Source(String config, Db db) {
            this.config = config;
            this.db = db;
        }

        String placeholderPrefix() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A target of a shipped sink config. No MySQL server runs here: MYSQL is the stack's MariaDB through Connector/J. */
    public enum Target {
        POSTGRES(Db.POSTGRES), MARIADB(Db.MARIADB), MYSQL(Db.MARIADB);

        public final Db db;

        Target(Db db) {
            this.db = db;
        }

        String sinkUrl(LocalStack stack, String database) {
            JdbcServer s = db.server(stack);
            return this == MYSQL ? "jdbc:mysql://" + s.host() + ":" + s.port() + "/" + database + "?sslMode=DISABLED"
                    : db.url(stack, database);
        }
    }

    /** The six shipped directions: each a source config and a sink config of connect-configs. */
    public enum Direction {
        MARIADB_TO_POSTGRES(Source.MARIADB, "mariadb-to-postgres", Target.POSTGRES),
        POSTGRES_TO_MARIADB(Source.POSTGRES, "postgres-to-mariadb", Target.MARIADB),
        MARIADB_TO_MARIADB(Source.MARIADB, "mariadb-to-mariadb", Target.MARIADB),
        POSTGRES_TO_POSTGRES(Source.POSTGRES, "postgres-to-postgres", Target.POSTGRES),
        MYSQL_TO_MYSQL(Source.MYSQL, "mysql-to-mysql", Target.MYSQL),
        POSTGRES_TO_MYSQL(Source.POSTGRES, "postgres-to-mysql", Target.MYSQL);

        public final Source source;
        public final String sinkConfig;
        public final Target target;

        Direction(Source source, String sinkConfig, Target target) {
            this.source = source;
            this.sinkConfig = sinkConfig;
            this.target = target;
        }
    }

    private final LocalStack stack;
    private final Direction direction;
    private final ConnectRest connect;
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String prefix;
    private final String sourceDb;
    private final String targetDb;
    private final List<String> connectors = new ArrayList<>();

    public ShippedPipeline(LocalStack stack, Direction direction, String label) {
        this.stack = stack;
        this.direction = direction;
        this.connect = new ConnectRest(stack.connect().restUrl());
        this.prefix = label + "_" + run;
        this.sourceDb = label + "_src_" + run;
        this.targetDb = label + "_tgt_" + run;
    }

    public Direction direction() {
        return direction;
    }

    public String prefix() {
        return prefix;
    }

    public String sourceDb() {
        return sourceDb;
    }

    public String targetDb() {
        return targetDb;
    }

    public String sourceName() {
        return prefix + "-src";
    }

    public String sinkName() {
        return prefix + "-sink";
    }

    public ConnectRest connect() {
        return connect;
    }

    /** The database part of the source's topics: the source database (MariaDB, MySQL) or the schema (PostgreSQL). */
    public String topicDatabasePart() {
        return direction.source == Source.POSTGRES ? "public" : sourceDb;
    }

    /**
     * The topic of a table's changes by the rule SPEC.md section 9.2 documents (Debezium's default naming): the prefix,
     * the database or schema and the table joined by dots, each character outside {@code [A-Za-z0-9._-]} (each UTF-16
     * unit) replaced by {@code _}, cut to 249 characters. Written here from the documentation, as an outside oracle.
     */
    public String topicOf(String table) {
        String raw = prefix + "." + topicDatabasePart() + "." + table;
        StringBuilder sb = new StringBuilder();
        for (char ch : raw.toCharArray()) {
            sb.append(ch >= 'a' && ch <= 'z' || ch >= 'A' && ch <= 'Z' || ch >= '0' && ch <= '9' || ch == '.' || ch == '_' || ch == '-'
                    ? ch : '_');
        }
        return sb.length() > 249 ? sb.substring(0, 249) : sb.toString();
    }

    /** Creates the run's source and target databases. */
    public void createDatabases() throws SQLException {
        direction.source.db.createDatabase(stack, sourceDb);
        direction.target.db.createDatabase(stack, targetDb);
    }

    public Connection openSource() throws SQLException {
        return direction.source.db.open(stack, sourceDb);
    }

    public Connection openTarget() throws SQLException {
        return direction.target.db.open(stack, targetDb);
    }

    /** The shipped source config, rendered for the run's source database. */
    public ObjectNode sourceConfig() {
        Source s = direction.source;
        JdbcServer server = s.db.server(stack);
        String p = s.placeholderPrefix();
        Map<String, String> values = new HashMap<>(Map.of("name", sourceName(), "topic.prefix", prefix,
                p + ".host", server.host(), p + ".port", String.valueOf(server.port()), p + ".user", server.user(),
                p + ".password", server.password(), p + ".database", sourceDb, "kafka.bootstrap", stack.kafka().bootstrapServers()));
        values.put(p + ".server.id", String.valueOf(ThreadLocalRandom.current().nextInt(10_000, 1_000_000)));
        values.put("slot.name", "idaas_" + prefix);
        return ConnectConfig.named(s.config).render(values);
    }

    /** The shipped sink config, rendered for the run's target database, its topics.regex as shipped. */
    public ObjectNode sinkConfig() {
        JdbcServer t = direction.target.db.server(stack);
        String url = direction.target.sinkUrl(stack, targetDb);
        Map<String, String> values = new HashMap<>();
        values.put("name", sinkName());
        values.put("topic.prefix", prefix);
        values.put("mariadb.database", sourceDb);
        values.put("mysql.database", sourceDb);
        for (String p : List.of("postgres", "mariadb", "mysql", "target")) {
            values.put(p + ".jdbc.url", url);
            values.put(p + ".user", t.user());
            values.put(p + ".password", t.password());
        }
        ObjectNode body = ConnectConfig.named(direction.sinkConfig).render(values);
        return body;
    }

    /** Registers a connector and waits until it and its tasks run. */
    public void start(ObjectNode body) {
        String name = body.path("name").asText();
        connect.create(body);
        connectors.add(name);
        connect.awaitRunning(name, Duration.ofSeconds(120));
    }

    /** Fails when a connector or one of its tasks is not RUNNING, with its trace. */
    public void assertRunning(String connector) {
        JsonNode status = connect.status(connector);
        assertThat(status).as(connector + " status").isNotNull();
        assertThat(status.path("connector").path("state").asText()).as(connector).isEqualTo("RUNNING");
        for (JsonNode task : status.path("tasks")) {
            assertThat(task.path("state").asText()).as(connector + " task: " + task.path("trace").asText()).isEqualTo("RUNNING");
        }
    }

    /** The records of the sink's dead-letter topic ({@code <prefix>.dlq}, as the shipped sink configs name it) so far. */
    public List<DeadLetter> deadLetters() {
        String topic = prefix + ".dlq";
        List<DeadLetter> out = new ArrayList<>();
        try (Admin admin = admin()) {
            if (!admin.listTopics().names().get().contains(topic)) {
                return out;
            }
        } catch (Exception e) {
            throw new AssertionError("cannot list topics", e);
        }
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "dlq-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    out.add(new DeadLetter(header(r, "__connect.errors.topic"), header(r, "__connect.errors.exception.message")));
                }
            }
        }
        return out;
    }

    /** A dead-lettered record: the topic it was read from and the reason, from Connect's context headers. */
    public record DeadLetter(String topic, String reason) {
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    /**
     * Waits until the sink's consumer group has committed, for every topic of the run it reads (those its shipped
     * {@code topics.regex} matches), the topic's end: every record the source wrote so far has been handled.
     */
    public void awaitSinkCaughtUp(Duration timeout) {
        Pattern regex = Pattern.compile(sinkConfig().path("config").path("topics.regex").asText());
        try (Admin admin = admin()) {
            await(sinkName() + " has read every record of its topics").atMost(timeout).pollInterval(Duration.ofSeconds(1))
                    .until(() -> {
                        Set<String> topics = admin.listTopics().names().get().stream().filter(t -> regex.matcher(t).matches())
                                .collect(Collectors.toSet());
                        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                        for (var d : admin.describeTopics(topics).allTopicNames().get().values()) {
                            d.partitions().forEach(p -> latest.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest()));
                        }
                        var ends = admin.listOffsets(latest).all().get();
                        Map<TopicPartition, OffsetAndMetadata> committed = admin
                                .listConsumerGroupOffsets("connect-" + sinkName()).partitionsToOffsetAndMetadata().get();
                        return ends.entrySet().stream().allMatch(e -> e.getValue().offset() == 0
                                || committed.get(e.getKey()) != null && committed.get(e.getKey()).offset() >= e.getValue().offset());
                    });
        }
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers()));
    }

    /** Deletes the connectors; for a PostgreSQL source, drops its replication slot once the connector let it go. */
    @Override
    public void close() {
        for (int i = connectors.size() - 1; i >= 0; i--) {
            connect.delete(connectors.get(i));
        }
        if (direction.source == Source.POSTGRES) {
            String slot = "idaas_" + prefix;
            try {
                await("slot " + slot + " released").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                        .ignoreExceptionsInstanceOf(SQLException.class).until(() -> {
                            try (Connection pg = Db.POSTGRES.openDefault(stack);
                                 PreparedStatement st = pg.prepareStatement("SELECT pg_drop_replication_slot(slot_name) "
                                         + "FROM pg_replication_slots WHERE slot_name = ? AND NOT active")) {
                                st.setString(1, slot);
                                st.executeQuery().close();
                                try (PreparedStatement left = pg.prepareStatement("SELECT 1 FROM pg_replication_slots WHERE slot_name = ?")) {
                                    left.setString(1, slot);
                                    try (ResultSet rs = left.executeQuery()) {
                                        return !rs.next();
                                    }
                                }
                            }
                        });
            } catch (RuntimeException e) {
                // cleanup only: a slot left behind costs WAL, not correctness
            }
        }
    }
}
