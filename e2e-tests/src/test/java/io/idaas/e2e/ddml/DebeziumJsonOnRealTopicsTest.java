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
 * <p>PostgreSQL only for now: with the plain {@code mariadb-source} config, MariaDB's type matrix lost events while the
 * task stayed RUNNING (the snapshot's rows 1 and 3, the before image of a key change, everything after an ADD COLUMN
 * never reached the topic, which held 7 of 12 change events); that loss is being investigated (notes of stop 20), and
 * this test turns to MariaDB once it is understood.
 */
@ExtendWith(LocalStackExtension.class)
class DebeziumJsonOnRealTopicsTest {

    @ParameterizedTest
    @EnumSource(value = SourceDatabase.class, names = {"POSTGRES"})
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
            TypeMatrixContract.insertRows(db, table, matrix, rows + 1, postgres); // the log's
            sql.execute("UPDATE " + table + " SET id = id + 1000 WHERE id = 1");
            sql.execute("ALTER TABLE " + table + " ADD COLUMN added_later VARCHAR(20) DEFAULT 'dflt'");
            sql.execute("UPDATE " + table + " SET added_later = NULL WHERE id = 2");
            sql.execute("DELETE FROM " + table + " WHERE id = 3");
            int expected = 2 * rows + 2 /* key change: delete + create */ + 1 + 1 /* delete */;

            List<ConsumerRecord<byte[], byte[]>> records;
            try {
                records = read(stack, source.topicOf(stack, prefix, table), expected);
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
            + read.stream().map(r -> r.value() == null ? "tombstone" : new String(r.value(), java.nio.charset.StandardCharsets.UTF_8)
                .replaceAll(".*\"payload\":", "").replaceAll("(.{300}).*", "$1")).toList())
            .isGreaterThanOrEqualTo(atLeast);
        return read;
    }
}
