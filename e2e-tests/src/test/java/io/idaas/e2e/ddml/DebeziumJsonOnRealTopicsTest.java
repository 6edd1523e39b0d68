package io.idaas.e2e.ddml;

import io.idaas.ddml.connect.SchemaCachingJsonConverter;
import io.idaas.e2e.ConnectRest;
import io.idaas.e2e.SourceDatabase;
import io.idaas.stack.LocalStack;
import io.idaas.stack.junit.LocalStackExtension;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.json.JsonConverter;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SchemaCachingJsonConverter on what the real Debezium connectors write with the shipped plain configs
 * ({@code mariadb-source}, {@code postgres-source}: Debezium's envelope through JsonConverter with schemas): every
 * column type of the source's type matrix, NULLs and extremes, from the snapshot and from the log, updates, a column
 * added with a default mid-stream (a second schema part for the same topic), deletes and their tombstones. Every key
 * and value, read twice (the second time by the byte-for-byte schema path), must be exactly what Kafka's JsonConverter
 * reads.
 *
 * <p>The log's changes are made once the snapshot's rows are on the topic: a task is RUNNING before its snapshot
 * starts, and a snapshot that starts after the changes reads the table as they left it (fewer events, no loss; what
 * stop 20 took for a loss on MariaDB).
 */
@ExtendWith(LocalStackExtension.class)
class DebeziumJsonOnRealTopicsTest {

    @ParameterizedTest
    @EnumSource(value = SourceDatabase.class, names = {"MARIADB", "POSTGRES"})
    void readsEveryRecordOfARealDebeziumTopicAsJsonConverterDoes(SourceDatabase source, LocalStack stack) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String table = "dj_" + run;
        String prefix = "dj" + run;
        String connector = "dj-" + run;
        boolean postgres = source == SourceDatabase.POSTGRES;
        List<TypeCase> matrix = postgres ? TypeMatrices.postgres() : TypeMatrices.mariadb();
        int rows = matrix.get(0).rows();
        ConnectRest connect = new ConnectRest(stack.connect().restUrl());
        try (Connection db = source.open(stack); Statement sql = db.createStatement()) {
            sql.execute("CREATE TABLE " + table + " (id INT PRIMARY KEY, "
                + matrix.stream().map(c -> c.column() + " " + c.nativeType()).collect(Collectors.joining(", ")) + ")");
            if (postgres) {
                sql.execute("ALTER TABLE " + table + " REPLICA IDENTITY FULL");
            }
            TypeMatrixContract.insertRows(db, table, matrix, 1, postgres); // the snapshot's
            connect.create(source.connector(stack, postgres ? "postgres-source" : "mariadb-source", connector, prefix));
            connect.awaitRunning(connector, Duration.ofSeconds(90));
            String topic = source.topicOf(stack, prefix, table);
            read(stack, topic, rows); // the snapshot is on the topic, so what follows comes from the log
            TypeMatrixContract.insertRows(db, table, matrix, rows + 1, postgres); // the log's
            sql.execute("UPDATE " + table + " SET id = id + 1000 WHERE id = 1");
            sql.execute("ALTER TABLE " + table + " ADD COLUMN added_later VARCHAR(20) DEFAULT 'dflt'");
            sql.execute("UPDATE " + table + " SET added_later = NULL WHERE id = 2");
            sql.execute("DELETE FROM " + table + " WHERE id = 3");
            int expected = 2 * rows + 2 /* key change: delete + create */ + 1 + 1 /* delete */;

            List<ConsumerRecord<byte[], byte[]>> records;
            try {
                records = read(stack, topic, expected);
            } catch (AssertionError e) {
                throw new AssertionError("connector status: " + connect.status(connector), e);
            }
            assertThat(records.stream().filter(r -> r.value() == null)).as("tombstones").isNotEmpty();
            JsonConverter kafkaKeys = converter(new JsonConverter(), true);
            JsonConverter kafkaValues = converter(new JsonConverter(), false);
            SchemaCachingJsonConverter keys = converter(new SchemaCachingJsonConverter(), true);
            SchemaCachingJsonConverter values = converter(new SchemaCachingJsonConverter(), false);
            List<org.apache.kafka.connect.data.Schema> schemaParts = new ArrayList<>();
            for (int pass = 0; pass < 2; pass++) {
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    String where = r.topic() + " offset " + r.offset();
                    assertThat(keys.toConnectData(r.topic(), r.key())).as("key at " + where)
                        .isEqualTo(kafkaKeys.toConnectData(r.topic(), r.key()));
                    SchemaAndValue expectedValue = kafkaValues.toConnectData(r.topic(), r.value());
                    assertThat(values.toConnectData(r.topic(), r.value())).as("value at " + where).isEqualTo(expectedValue);
                    if (pass == 0 && expectedValue.schema() != null && !schemaParts.contains(expectedValue.schema())) {
                        schemaParts.add(expectedValue.schema());
                    }
                }
            }
            assertThat(records).hasSizeGreaterThanOrEqualTo(expected);
            assertThat(schemaParts).as("the schema changed with the added column").hasSizeGreaterThanOrEqualTo(2);
        } finally {
            connect.delete(connector);
            source.release(stack, prefix);
        }
    }

    private static <C extends org.apache.kafka.connect.storage.Converter> C converter(C c, boolean isKey) {
        c.configure(Map.of("schemas.enable", "true"), isKey);
        return c;
    }

    private static List<ConsumerRecord<byte[], byte[]>> read(LocalStack stack, String topic, int atLeast) {
        List<ConsumerRecord<byte[], byte[]>> read = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "dj-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.METADATA_MAX_AGE_CONFIG, "500"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (read.stream().filter(r -> r.value() != null).count() < atLeast && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(read::add);
            }
            // the tombstone after the last delete
            long until = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            while (System.nanoTime() < until) {
                consumer.poll(Duration.ofMillis(200)).forEach(read::add);
            }
        }
        assertThat(read.stream().filter(r -> r.value() != null).count()).as("change events in " + topic + ": "
            + read.stream().map(DebeziumJsonOnRealTopicsTest::describe).toList())
            .isGreaterThanOrEqualTo(atLeast);
        return read;
    }

    /** One record in a line: offset, key, op, snapshot flag, binlog or WAL position. */
    static String describe(ConsumerRecord<byte[], byte[]> r) {
        String key = r.key() == null ? "null" : new String(r.key(), java.nio.charset.StandardCharsets.UTF_8)
            .replaceAll(".*\"payload\":", "");
        if (r.value() == null) {
            return "@" + r.offset() + " key " + key + " tombstone";
        }
        try {
            com.fasterxml.jackson.databind.JsonNode v = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.value()).path("payload");
            com.fasterxml.jackson.databind.JsonNode s = v.path("source");
            return "@" + r.offset() + " key " + key + " op " + v.path("op").asText() + " snapshot " + s.path("snapshot").asText()
                + " pos " + s.path("file").asText() + ":" + s.path("pos").asText() + "/" + s.path("row").asText()
                + s.path("lsn").asText("");
        } catch (java.io.IOException e) {
            return "@" + r.offset() + " unreadable " + e;
        }
    }
}
