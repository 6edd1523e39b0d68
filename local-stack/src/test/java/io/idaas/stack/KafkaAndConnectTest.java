package io.idaas.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import io.idaas.stack.connect.ConnectWorkerProcess;
import io.idaas.stack.metrics.PrometheusText;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The in-process Kafka broker and Connect worker, started alone (without the databases). */
class KafkaAndConnectTest {

    @TempDir
    static Path dataDir;
    static LocalStack stack;

    @BeforeAll
    static void start() {
        // Asking for connect alone must bring kafka, which it needs.
        stack = LocalStack.builder().dataDir(dataDir).only(Component.CONNECT).start();
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void startsOnlyWhatWasAskedForAndWhatItNeeds() {
        assertThat(stack.components()).containsExactly(Component.KAFKA, Component.CONNECT);
        assertThat(stack.endpoints()).extracting(Endpoint::label).containsExactly("Kafka bootstrap", "Connect REST", "Connect metrics");
        assertThatThrownBy(stack::postgres).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("postgres is not part of this stack");
    }

    @Test
    void brokerStoresAndServesRecords() {
        String bootstrap = stack.kafka().bootstrapServers();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
            for (int i = 0; i < 3; i++) {
                producer.send(new ProducerRecord<>("smoke", "k" + i, "v" + i));
            }
            producer.flush();
        }
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "smoke-test",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()))) {
            consumer.subscribe(List.of("smoke"));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.size() < 3 && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    values.add(r.value());
                }
            }
        }
        assertThat(values).containsExactly("v0", "v1", "v2");
    }

    @Test
    void connectRestApiListsTheBundledDebeziumSourceConnectors() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(stack.connect().restUrl() + "/connector-plugins")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        List<String> classes = new ArrayList<>();
        for (JsonNode plugin : new ObjectMapper().readTree(response.body())) {
            classes.add(plugin.get("class").asText());
        }
        assertThat(classes).contains(
                "io.debezium.connector.postgresql.PostgresConnector",
                "io.debezium.connector.mariadb.MariaDbConnector",
                "io.debezium.connector.mysql.MySqlConnector");
    }

    @Test
    void bothKindsOfWorkerServeTheirJvmsMetricsForPrometheus() throws Exception {
        String inProcess = stack.connect().metricsUrl();
        assertThat(StackEndpointsFile.read(dataDir)).get()
                .satisfies(p -> assertThat(p.getProperty(StackEndpointsFile.CONNECT_METRICS)).isEqualTo(inProcess));
        assertThat(PrometheusText.scrape(URI.create(inProcess), Duration.ofSeconds(20))
                .named("kafka_connect_connect_worker_metrics_connector_count")).isNotEmpty();

        ConnectWorkerProcess worker = new ConnectWorkerProcess("metrics-worker", stack.kafka().bootstrapServers(),
                stack.connect().pluginPath(), List.of(), 0, Map.of(), dataDir.resolve("logs"), ConnectWorkerProcess.thisJvmClasspath());
        try {
            worker.start();
            assertThat(worker.endpoints()).extracting(Endpoint::value).contains(worker.metricsUrl());
            PrometheusText.Scrape scrape = PrometheusText.scrape(URI.create(worker.metricsUrl()), Duration.ofSeconds(20));
            assertThat(scrape.named("kafka_connect_connect_worker_metrics_connector_count")).isNotEmpty();
            // its own JVM: no broker in it, unlike the stack's
            assertThat(scrape.startingWith("kafka_server_")).isEmpty();
        } finally {
            worker.close();
        }
    }

    @Test
    void aTakenPortIsRefusedWithTheFix() {
        int taken = stack.kafka().port();
        assertThatThrownBy(() -> LocalStack.builder().dataDir(dataDir.resolve("second")).only(Component.KAFKA)
                .port(Component.KAFKA, taken).start())
                .isInstanceOf(StackStartException.class)
                .hasMessageContaining("kafka did not start: port " + taken + " is taken")
                .hasMessageContaining("Fix:");
    }
}
