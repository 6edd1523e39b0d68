package io.idaas.e2e.replication;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.idaas.ddml.TransactionIds;
import io.idaas.e2e.pipeline.Direction;
import io.idaas.e2e.pipeline.ShippedPipeline;
import io.idaas.stack.LocalStack;
import io.idaas.stack.junit.LocalStackExtension;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DDML transaction ids of a PostgreSQL source (SPEC.md section 4), with the shipped {@code postgres-ddml-source} and
 * {@code postgres-to-mariadb} configs: Debezium names a transaction {@code txid:lsn} with the LSN of each record, so its
 * changes and its END marker carry different ids. The DDML events of one multi-statement transaction must all carry its
 * txid, its END marker must stand for that id ({@link TransactionIds#ofMarker}), and the sink, which holds a
 * transaction's last events until it sees the transaction end, must apply the last transaction before a pause as soon
 * as its END marker arrives: the sink here waits up to two minutes ({@code transactions.max.held.ms}) for an end it does
 * not see, and the test allows 30 s. (Without {@code TransactionIds} in ToDdml the events carry {@code txid:lsn}; without
 * it in the sink the transaction waits the two minutes: both were seen to fail this test.)
 */
@ExtendWith(LocalStackExtension.class)
class PostgresTransactionIdsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> COLUMNS = List.of("name", "qty");
    private static final List<String> TABLES = List.of("tx_a", "tx_b");

    @Test
    void aTransactionsEventsAndItsEndMarkerAgreeAndItIsAppliedWithoutWaiting(LocalStack stack) throws Exception {
        try (ShippedPipeline p = new ShippedPipeline(stack, Direction.POSTGRES_TO_MARIADB, "pgtx")) {
            try (Connection pg = p.openSource(); Statement s = pg.createStatement()) {
                for (String table : TABLES) {
                    s.execute("CREATE TABLE " + table + " (id INT PRIMARY KEY, name VARCHAR(40), qty INT)");
                    s.execute("INSERT INTO " + table + " VALUES (1, 'first', 1)");
                }
            }
            p.startSource();
            p.awaitTopics(TABLES.toArray(String[]::new));
            p.startSink(Map.of("transactions.max.held.ms", "120000"));
            awaitEqual(p, Duration.ofSeconds(120));
            // The first transaction creates the transaction topic, which the sink's regex subscription picks up at its
            // next metadata refresh (1 s): only then does the sink read END markers.
            try (Connection pg = p.openSource(); Statement s = pg.createStatement()) {
                s.execute("INSERT INTO tx_b VALUES (100, 'topic', 0)");
            }
            awaitEqual(p, Duration.ofSeconds(60));

            long txid;
            try (Connection pg = p.openSource(); Statement s = pg.createStatement()) {
                pg.setAutoCommit(false);
                s.execute("INSERT INTO tx_a VALUES (2, 'two', 2), (3, 'three', 3)");
                s.execute("UPDATE tx_b SET name = 'changed', qty = 10 WHERE id = 1");
                s.execute("INSERT INTO tx_b VALUES (2, 'two', 2)");
                s.execute("DELETE FROM tx_a WHERE id = 1");
                try (ResultSet rs = s.executeQuery("SELECT txid_current() % 4294967296")) { // the 32-bit xid pgoutput sends
                    rs.next();
                    txid = rs.getLong(1);
                }
                pg.commit();
            }
            long committed = System.nanoTime();
            // Nothing follows it: only its END marker tells the sink that the transaction is whole.
            awaitEqual(p, Duration.ofSeconds(30));
            System.out.printf("PostgreSQL transaction %d of 5 changes in MariaDB %d ms after its commit%n", txid,
                (System.nanoTime() - committed) / 1_000_000);

            String id = Long.toString(txid);
            List<JsonNode> events = read(stack, List.of(p.topicOf("tx_a"), p.topicOf("tx_b")),
                records -> records.stream().filter(e -> isOf(e, id)).count() >= 5);
            List<JsonNode> ofTransaction = events.stream().filter(e -> isOf(e, id)).toList();
            assertThat(ofTransaction).as("DDML events of transaction " + id).hasSize(5)
                .allSatisfy(e -> assertThat(e.path("transaction").path("id").asText()).isEqualTo(id));
            assertThat(ofTransaction.stream().map(e -> e.path("transaction").path("order").asLong()).sorted().toList())
                .containsExactly(1L, 2L, 3L, 4L, 5L);

            List<JsonNode> markers = read(stack, List.of(p.prefix() + ".transaction"),
                records -> records.stream().anyMatch(m -> isEndOf(m, id)));
            JsonNode end = markers.stream().filter(m -> isEndOf(m, id)).findFirst().orElseThrow(() ->
                new AssertionError("no END marker standing for transaction " + id + " among " + markers));
            assertThat(end.path("id").asText()).as("Debezium's own id, kept in the marker").startsWith(id + ":");
            assertThat(end.path("event_count").asLong()).isEqualTo(5);
        }
    }

    private static boolean isOf(JsonNode event, String txid) {
        return txid.equals(event.path("position").path("native").path("txId").asText());
    }

    private static boolean isEndOf(JsonNode marker, String txid) {
        return "END".equals(marker.path("status").asText()) && TransactionIds.ofMarker(marker.path("id").asText()).contains(txid);
    }

    /** Waits until MariaDB holds what PostgreSQL holds, compared every 200 ms: the time it takes is printed. */
    private static void awaitEqual(ShippedPipeline p, Duration atMost) {
        p.awaitSameRows(atMost, Duration.ofMillis(200), TABLES, COLUMNS);
    }

    /** The JSON values of {@code topics} from their start (tombstones left out), until {@code done} holds or 60 s pass. */
    private static List<JsonNode> read(LocalStack stack, List<String> topics, java.util.function.Predicate<List<JsonNode>> done)
        throws Exception {
        List<JsonNode> values = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers(),
            ConsumerConfig.GROUP_ID_CONFIG, "e2e-" + UUID.randomUUID(),
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(topics);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!done.test(values) && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.value() != null) {
                        values.add(JSON.readTree(r.value()));
                    }
                }
            }
        }
        return values;
    }
}
