package io.idaas.e2e.shipped;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idaas.ddml.connect.DdmlConverter;
import io.idaas.e2e.pipeline.Db;
import io.idaas.e2e.pipeline.Direction;
import io.idaas.e2e.pipeline.ShippedPipeline;
import io.idaas.registry.SchemaRegistryClient;
import io.idaas.stack.LocalStack;
import io.idaas.stack.junit.LocalStackExtension;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The README's Avro recipe end to end (issue 10 item 7): the shipped DDML source config with its converters set to
 * {@code DdmlConverter}, {@code ddml.format=avro} and the stack's schema registry, and the shipped sink config reading
 * with the same converter, into the other database. The shipped sources turn on transaction metadata and heartbeats,
 * whose records (not DDML events) the converter writes as DDML control records (SPEC.md section 9.1); the sink reads
 * the END markers from them. Judged from outside: connector status, the registry's subjects, the records read back
 * with a converter of their own, and the target's rows against the source's with plain SQL.
 */
@ExtendWith(LocalStackExtension.class)
class AvroPipelineTest {

    private static final String CONVERTER = "io.idaas.ddml.connect.DdmlConverter";

    static void avro(ObjectNode body, String registryUrl) {
        ObjectNode config = (ObjectNode) body.get("config");
        for (String side : List.of("key", "value")) {
            config.put(side + ".converter", CONVERTER);
            config.remove(side + ".converter.schemas.enable");
            config.put(side + ".converter.ddml.format", "avro");
            config.put(side + ".converter.schema.registry.url", registryUrl);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Direction.class, names = {"MARIADB_TO_POSTGRES", "POSTGRES_TO_MARIADB"})
    void ddmlAvroFlowsFromTheShippedSourceThroughTheShippedSink(Direction direction, LocalStack stack) throws Exception {
        String registry = stack.registry().url();
        try (ShippedPipeline pipeline = new ShippedPipeline(stack, direction, "avr")) {
            Db db = direction.source.db();
            try (Connection c = pipeline.openSource(); Statement sql = c.createStatement()) {
                sql.execute("CREATE TABLE orders (id INT PRIMARY KEY, customer VARCHAR(40), amount DECIMAL(10,2))");
                sql.execute("INSERT INTO orders VALUES (1, 'Ada', 10.50), (2, 'Bob', 20.00)");
            }
            ObjectNode source = pipeline.sourceConfig();
            avro(source, registry);
            ObjectNode sink = pipeline.sinkConfig();
            avro(sink, registry);
            pipeline.start(source);
            pipeline.start(sink);

            try (Connection c = pipeline.openSource(); Statement sql = c.createStatement()) {
                c.setAutoCommit(false);
                sql.execute("INSERT INTO orders VALUES (3, 'Cy', 30.25)");
                sql.execute("UPDATE orders SET amount = amount + 1");
                sql.execute("DELETE FROM orders WHERE id = 2");
                c.commit();
                sql.execute("ALTER TABLE orders ADD COLUMN note VARCHAR(40)");
                c.commit();
                sql.execute("INSERT INTO orders VALUES (4, " + "'Dee'" + ", 40.00, 'after alter')");
                c.commit();
            }

            await(direction + ": the target holds the source's rows").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                    .failFast("a connector stopped", () -> pipeline.assertRunning())
                    .ignoreExceptionsInstanceOf(SQLException.class) // the target table may not exist yet
                    .untilAsserted(() -> {
                        List<String> columns = List.of("id", "customer", "amount", "note");
                        try (Connection s = pipeline.openSource(); Connection t = pipeline.openTarget()) {
                            assertThat(direction.target.db().rows(t, "orders", columns)).isEqualTo(db.rows(s, "orders", columns));
                        }
                    });

            // Heartbeats (every 5 s in the shipped configs) and transaction markers went through the converter.
            String heartbeats = "__debezium-heartbeat." + pipeline.prefix();
            String transactions = pipeline.prefix() + ".transaction";
            List<Map<?, ?>> beats = await("a heartbeat").atMost(Duration.ofSeconds(60)).until(
                    () -> read(stack, heartbeats, registry), l -> !l.isEmpty());
            assertThat(beats).allSatisfy(b -> assertThat(b.get("ts_ms")).isInstanceOf(Long.class));
            List<Map<?, ?>> markers = read(stack, transactions, registry);
            assertThat(markers).anySatisfy(m -> assertThat(m.get("status")).isEqualTo("BEGIN"));
            assertThat(markers).anySatisfy(m -> {
                assertThat(m.get("status")).isEqualTo("END");
                assertThat((Long) m.get("event_count")).isPositive();
            });
            SchemaRegistryClient client = new SchemaRegistryClient(registry);
            assertThat(client.latest(heartbeats + "-value").schema().getFullName()).isEqualTo("io.idaas.ddml.v1.Heartbeat");
            assertThat(client.latest(transactions + "-value").schema().getFullName()).isEqualTo("io.idaas.ddml.v1.TransactionMarker");
            assertThat(client.latest(pipeline.topicOf("orders") + "-value").schema().getFullName()).isEqualTo("io.idaas.ddml.v1.DdmlEvent");

            pipeline.awaitSinkCaughtUp(Duration.ofSeconds(60));
            assertThat(pipeline.deadLetters().read()).isEmpty();
            pipeline.assertRunning();
        }
    }

    /** Every value of {@code topic} so far, read with a DdmlConverter (Avro) of the test's own. */
    private static List<Map<?, ?>> read(LocalStack stack, String topic, String registry) {
        DdmlConverter values = new DdmlConverter();
        values.configure(Map.of("ddml.format", "avro", "schema.registry.url", registry), false);
        List<Map<?, ?>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "avro-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.METADATA_MAX_AGE_CONFIG, "500"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    out.add((Map<?, ?>) values.toConnectData(topic, r.value()).value());
                }
            }
        }
        return out;
    }
}
