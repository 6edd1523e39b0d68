package io.idaas.verify;

import io.idaas.ddml.Column;
import io.idaas.ddml.DdmlEvent;
import io.idaas.ddml.DdmlJson;
import io.idaas.ddml.DmlChange;
import io.idaas.ddml.Position;
import io.idaas.ddml.Row;
import io.idaas.ddml.SortablePosition;
import io.idaas.ddml.Source;
import io.idaas.ddml.SourceSystem;
import io.idaas.ddml.TableSchema;
import io.idaas.ddml.Timing;
import io.idaas.ddml.types.PortableType;
import io.idaas.stack.LocalStack;
import io.idaas.stack.junit.LocalStackExtension;
import io.idaas.verify.report.TableReport;
import io.idaas.verify.report.VerifyReport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The incremental mode: the keys of hand-made DDML events on a topic of the stack's Kafka restrict the comparison to
 * those rows; a difference elsewhere in the table is not looked at, and events before {@code since} are skipped.
 */
@ExtendWith(LocalStackExtension.class)
class IncrementalVerifyTest {

    private static final TableSchema SCHEMA = TableSchema.of(List.of(
            Column.builder("id", PortableType.INT64).nativeType("BIGINT").nullable(false).build(),
            Column.of("label", PortableType.string(40))), List.of("id"));

    @Test
    void checksOnlyTheKeysChangedSinceThePoint(LocalStack stack) throws Exception {
        try (Connection maria = StackDatabases.connect(stack.mariadb()); Connection pg = StackDatabases.connect(stack.postgres())) {
            fill(maria);
            fill(pg);
            try (Statement s = pg.createStatement()) {
                s.execute("UPDATE inc SET label = 'stale' WHERE id IN (7, 900)"); // 900 differs, but its change is before the point
                s.execute("DELETE FROM inc WHERE id = 500");
            }
            String topic = "verify-inc.shop.inc";
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.kafka().bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get();
            }
            Instant point = Instant.now().minusSeconds(60);
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", stack.kafka().bootstrapServers()),
                    new ByteArraySerializer(), new ByteArraySerializer())) {
                send(producer, topic, point.minusSeconds(3600), update(900, 1));
                send(producer, topic, point.plusSeconds(1), update(7, 2));
                send(producer, topic, point.plusSeconds(2), update(12, 3));
                send(producer, topic, point.plusSeconds(3), update(12, 4));
                send(producer, topic, point.plusSeconds(4), delete(500, 5));
                producer.send(new ProducerRecord<>(topic, (Integer) null, (Long) point.plusSeconds(5).toEpochMilli(), key(500), (byte[]) null)); // a tombstone
                producer.flush();
            }

            Verifier verifier = new Verifier(StackDatabases.config(stack.mariadb(), stack.postgres(), "inc")
                    .bootstrapServers(stack.kafka().bootstrapServers()).changesTopic("inc", topic).since(point).build());
            VerifyReport report = verifier.run();
            TableReport table = report.tables().get(0);

            assertThat(table.keysChecked()).isEqualTo(3); // 7, 12, 500
            assertThat(table.differences()).extracting(d -> d.kind() + " " + d.key().get("id"))
                    .containsExactlyInAnyOrder("DIFFERENT 7", "MISSING 500");
            assertThat(verifier.stats().get("inc").rowsFetched()).isLessThan(20);
            assertThat(verifier.stats().get("inc").checksumQueries()).isZero();
            assertThat(report.until()).isNotNull();

            // from the beginning of the topic: 900 too
            VerifyReport all = new Verifier(StackDatabases.config(stack.mariadb(), stack.postgres(), "inc")
                    .bootstrapServers(stack.kafka().bootstrapServers()).changesTopic("inc", topic).build()).run();
            assertThat(all.tables().get(0).differences()).extracting(d -> d.kind() + " " + d.key().get("id"))
                    .containsExactlyInAnyOrder("DIFFERENT 7", "DIFFERENT 900", "MISSING 500");
        }
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, String topic, Instant time, DdmlEvent event) {
        long id = (Long) event.dml().key().get("id");
        producer.send(new ProducerRecord<>(topic, null, time.toEpochMilli(), key(id), DdmlJson.write(event)));
    }

    private static byte[] key(long id) {
        return ("{\"id\":" + id + "}").getBytes(StandardCharsets.UTF_8);
    }

    private static DdmlEvent update(long id, long pos) {
        return event(pos, DmlChange.update(Row.of("id", id, "label", "old"), Row.of("id", id, "label", "label " + id)));
    }

    private static DdmlEvent delete(long id, long pos) {
        return event(pos, DmlChange.delete(Row.of("id", id, "label", "label " + id)));
    }

    private static DdmlEvent event(long pos, DmlChange change) {
        return DdmlEvent.builder()
                .source(Source.of(SourceSystem.MARIADB, "verify-inc", "shop", null, "inc"))
                .position(Position.of(SortablePosition.of(SortablePosition.mysql("mariadb-bin.000001", pos), SortablePosition.Phase.CHANGE, 0),
                        Map.of("file", "mariadb-bin.000001", "pos", String.valueOf(pos))))
                .time(Timing.of(1_764_000_000_000_000L, 1_764_000_000_100_000L, 1_764_000_000_200_000L))
                .schema(SCHEMA)
                .dml(change)
                .build();
    }

    private static void fill(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS inc");
            s.execute("CREATE TABLE inc (id BIGINT PRIMARY KEY, label VARCHAR(40))");
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO inc (id, label) VALUES (?, ?)")) {
            for (int id = 1; id <= 1000; id++) {
                ps.setLong(1, id);
                ps.setString(2, "label " + id);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
