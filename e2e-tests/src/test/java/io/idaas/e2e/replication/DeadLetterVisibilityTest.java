package io.idaas.e2e.replication;

import io.idaas.e2e.LogCapture;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A change the target refuses, with the shipped config ({@code errors.tolerance=all} and a dead-letter topic), is
 * visible while the task stays RUNNING: in the dead-letter topic with its reason, in the sink task's metric
 * {@code dead-letter-record-total}, in Connect's own {@code task-error-metrics}, and in an ERROR log line that counts it.
 * A DDL statement the target refuses is one such change: it no longer stops the task, and the rows after it apply.
 */
@ExtendWith(LocalStackExtension.class)
class DeadLetterVisibilityTest {

    @Test
    void refusedRowsAndDdlAreCountedInMetricsAndLogsAndThePipelineGoesOn(LocalStack stack) throws Exception {
        try (SinkPipeline p = new SinkPipeline(stack, ReplicationPair.MARIADB_TO_POSTGRES, "dlq", 1)) {
            String t = p.table();
            p.source("CREATE TABLE " + t + " (id INT PRIMARY KEY, code VARCHAR(10), note VARCHAR(20))",
                "INSERT INTO " + t + " VALUES (1, 'ok', 'a'), (2, 'ok', 'b')");
            p.prepareTarget();
            // The target differs from the source where its user made it so: a shorter code, and a row of its own.
            p.target("CREATE TABLE " + t + " (id integer PRIMARY KEY, code varchar(3), note varchar(20), "
                    + "_idaas_position varchar(128) COLLATE \"C\")",
                "INSERT INTO " + t + " (id, code, note) VALUES (999, 'own', NULL)");
            p.startSource();
            p.startSink(Map.of());
            await("rows 1 and 2 in the target").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                .ignoreExceptions().until(() -> rows(p, t, 1) + rows(p, t, 2) == 2);

            try (LogCapture log = new LogCapture("io.idaas.connect.jdbc.JdbcSinkTask")) {
                p.source("INSERT INTO " + t + " VALUES (3, 'too long', 'c')",
                    // NOT NULL: the target's own row 999 has no note, so PostgreSQL refuses the change
                    "ALTER TABLE " + t + " MODIFY COLUMN note VARCHAR(20) NOT NULL",
                    "INSERT INTO " + t + " VALUES (4, 'ok', 'd')");

                await("row 4 in the target").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                    .failFast("the sink task FAILED", () -> p.sinkTaskState().startsWith("FAILED"))
                    .until(() -> rows(p, t, 4) == 1);
                await("two dead-lettered records").atMost(Duration.ofSeconds(30)).until(() -> p.deadLetters() == 2);
                assertThat(p.sinkTaskState()).isEqualTo("RUNNING");
                assertThat(rows(p, t, 3)).as("the refused row").isZero();

                assertThat(p.taskMetric("plugins", "dead-letter-record-total")).isEqualTo(2.0);
                assertThat(p.taskMetric("task-error-metrics", "total-record-failures")).isEqualTo(2.0);
                assertThat(p.taskMetric("task-error-metrics", "deadletterqueue-produce-requests")).isEqualTo(2.0);
                assertThat(log.lines()).filteredOn(l -> l.contains("dead-lettered by this task")).hasSize(2)
                    .satisfiesExactly(
                        l -> assertThat(l).startsWith("ERROR ").contains("(1 record(s) dead-lettered by this task since it started)")
                            .contains("value too long"),
                        l -> assertThat(l).startsWith("ERROR ").contains("(2 record(s) dead-lettered by this task since it started)")
                            .contains("cannot change table").contains("SET NOT NULL"));
            }
            List<String> reasons = new ArrayList<>();
            for (ConsumerRecord<byte[], byte[]> r : read(stack, p.deadLetterTopic(), 2)) {
                reasons.add(header(r, "__connect.errors.exception.message"));
            }
            assertThat(reasons).satisfiesExactly(
                r -> assertThat(r).contains("value too long for type character varying(3)"),
                r -> assertThat(r).contains("cannot change table").contains("contains null values")
                    .contains("apply an equivalent change by hand"));
        }
    }

    private static long rows(SinkPipeline p, String table, int id) throws Exception {
        try (var target = p.openTarget(); var st = target.createStatement();
             var rs = st.executeQuery("SELECT COUNT(*) FROM " + table + " WHERE id = " + id)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static List<ConsumerRecord<byte[], byte[]>> read(LocalStack stack, String topic, int expected) {
        List<ConsumerRecord<byte[], byte[]>> read = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers(),
            ConsumerConfig.GROUP_ID_CONFIG, "e2e-" + UUID.randomUUID(),
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (read.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(read::add);
            }
        }
        return read;
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String key) {
        Header header = record.headers().lastHeader(key);
        assertThat(header).as("header " + key).isNotNull();
        return new String(header.value(), StandardCharsets.UTF_8);
    }
}
