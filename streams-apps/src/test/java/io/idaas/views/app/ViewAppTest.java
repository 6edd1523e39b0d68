package io.idaas.views.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.idaas.stack.LocalStack;
import io.idaas.stack.junit.LocalStackExtension;
import io.idaas.views.declaration.ViewDeclaration;
import io.idaas.views.declaration.ViewDeclarations;
import io.idaas.views.table.OrderEvents;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The view app on a real Kafka broker: two instances share a view's partitions and answer any key over HTTP. */
@ExtendWith(LocalStackExtension.class)
class ViewAppTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final int ORDERS = 40;

    @Test
    void twoInstancesAnswerEveryKeyAndOneTakesOverWhenTheOtherStops(LocalStack stack, @TempDir Path state) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String topic = "views-" + run + ".shop.orders";
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.kafka().bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 4, (short) 1))).all().get();
        }
        Properties producerProps = new Properties();
        producerProps.put("bootstrap.servers", stack.kafka().bootstrapServers());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int id = 1; id <= ORDERS; id++) {
                String status = id % 4 == 0 ? "cancelled" : "paid";
                producer.send(new ProducerRecord<>(topic, key(id), OrderEvents.insert(100 + id, id, status, id + ".50")));
            }
            producer.send(new ProducerRecord<>(topic, key(7), OrderEvents.update(500, 7, "paid", "700.00")));
            producer.send(new ProducerRecord<>(topic, key(9), OrderEvents.delete(501, 9)));
            producer.flush();
        }
        List<ViewDeclaration> views = ViewDeclarations.parse("""
                views:
                  - name: orders
                    kind: table
                    topic: %s
                  - name: paid_orders
                    kind: table
                    topic: %s
                    fields: {order: id, total: amount}
                    where: [{field: status, op: eq, value: paid}]
                """.formatted(topic, topic), "test");

        List<ViewApp> apps = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                Properties extra = new Properties();
                extra.put("auto.offset.reset", "earliest");
                apps.add(ViewApp.start(views, new ViewApp.Settings(stack.kafka().bootstrapServers(), "views-" + run,
                        "127.0.0.1", 0, state.resolve("instance-" + i), extra)));
            }
            ViewApp a = apps.get(0);
            ViewApp b = apps.get(1);
            await("both instances running").atMost(Duration.ofSeconds(60))
                    .until(() -> a.state() == KafkaStreams.State.RUNNING && b.state() == KafkaStreams.State.RUNNING);
            // Probes: alive while running; ready once running and warmed up.
            for (ViewApp app : apps) {
                assertThat(get(app, "/health").statusCode()).isEqualTo(200);
                await("instance " + app.httpPort() + " ready").atMost(Duration.ofSeconds(120))
                        .until(() -> get(app, "/ready").statusCode() == 200);
                assertThat(JSON.readTree(get(app, "/ready").body()).path("warmed_up").asBoolean()).isTrue();
            }

            // Every key, asked of either instance, answers the row the topic's last event left.
            for (ViewApp app : apps) {
                await("all rows through instance " + app.httpPort()).atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                    for (int id = 1; id <= ORDERS; id++) {
                        HttpResponse<String> r = get(app, "/views/orders/key?id=" + id);
                        if (id == 9) {
                            assertThat(r.statusCode()).as("deleted id 9").isEqualTo(404);
                        } else {
                            assertThat(r.statusCode()).as("id " + id + ": " + r.body()).isEqualTo(200);
                            assertThat(JSON.readTree(r.body()).path("document").path("amount").asText())
                                    .isEqualTo(id == 7 ? "700.00" : id + ".50");
                        }
                    }
                });
            }
            // The partitions are shared: each instance holds some of them.
            assertThat(a.service().lag("orders")).isNotEmpty();
            assertThat(b.service().lag("orders")).isNotEmpty();

            JsonNode paid = JSON.readTree(get(a, "/views/paid_orders/key?id=8").body());
            assertThat(paid.path("error_code").asInt()).isEqualTo(404); // cancelled: filtered out
            assertThat(JSON.readTree(get(b, "/views/paid_orders/key?id=7").body()).path("document"))
                    .isEqualTo(JSON.readTree("{\"order\":7,\"total\":\"700.00\"}"));

            // Clear 4xx answers for bad requests.
            assertThat(get(a, "/views/nope").statusCode()).isEqualTo(404);
            assertThat(JSON.readTree(get(a, "/views/orders/key").body()).path("message").asText()).contains("/views/orders/key?id=7");
            assertThat(JSON.readTree(get(a, "/views/orders/rows?limit=0").body()).path("message").asText())
                    .contains("from 1 to 1000");
            // A malformed key and a column that is not a key column: 400, naming the key columns (learned from the rows:
            // the view declares no key) and a good key.
            HttpResponse<String> badKey = get(a, "/views/orders/key?_key=" + java.net.URLEncoder.encode("{\"id\":[7]}", StandardCharsets.UTF_8));
            assertThat(badKey.statusCode()).as(badKey.body()).isEqualTo(400);
            assertThat(JSON.readTree(badKey.body()).path("message").asText()).contains("key column 'id' is a JSON array", "_key={\"id\":7}");
            HttpResponse<String> notAKey = get(a, "/views/orders/key?order=7");
            assertThat(notAKey.statusCode()).as(notAKey.body()).isEqualTo(400);
            assertThat(JSON.readTree(notAKey.body()).path("message").asText()).contains("is keyed by [id], not [order]");
            assertThat(JSON.readTree(get(a, "/views/orders/key?_key=" + java.net.URLEncoder.encode("{ \"id\": 7 }", StandardCharsets.UTF_8))
                    .body()).path("document").path("amount").asText()).isEqualTo("700.00");
            assertThat(JSON.readTree(get(a, "/openapi.json").body()).path("paths").has("/views/{name}/rows")).isTrue();

            // Metadata: the declaration, and positions per partition held.
            JsonNode meta = JSON.readTree(get(a, "/views/paid_orders").body());
            assertThat(meta.path("topic").asText()).isEqualTo(topic);
            assertThat(meta.path("source_topics")).containsExactly(JSON.getNodeFactory().textNode(topic));
            assertThat(meta.path("where").get(0).path("op").asText()).isEqualTo("eq");
            assertThat(meta.path("positions").size()).isPositive();
            assertThat(meta.path("other_instances").get(0).asText()).isEqualTo("127.0.0.1:" + b.httpPort());

            // One instance stops: after the rebalance the other answers every key alone.
            b.close();
            apps.remove(b);
            await("instance a alone has every row").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> {
                        List<String> keys = new ArrayList<>();
                        String from = null;
                        do {
                            HttpResponse<String> r = get(a, "/views/orders/rows?limit=7" + (from == null ? "" : "&from=" + from));
                            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                            JsonNode page = JSON.readTree(r.body());
                            page.path("rows").forEach(row -> keys.add(row.path("key").asText()));
                            from = page.path("next").isNull() ? null : java.net.URLEncoder.encode(page.path("next").asText(), StandardCharsets.UTF_8);
                        } while (from != null);
                        assertThat(keys.subList(0, 3)).containsExactly("{\"id\":1}", "{\"id\":2}", "{\"id\":3}");
                        assertThat(keys).hasSize(ORDERS - 1).isSortedAccordingTo(io.idaas.views.table.ViewKeys::compareKeys).doesNotContain("{\"id\":9}").contains("{\"id\":1}", "{\"id\":40}");
                    });
            // A key range in the keys' natural order (numbers as numbers): from {"id":2} (inclusive) to {"id":12} (exclusive).
            String range = "/views/orders/rows?from=" + java.net.URLEncoder.encode("{\"id\":2}", StandardCharsets.UTF_8)
                    + "&to=" + java.net.URLEncoder.encode("{\"id\":12}", StandardCharsets.UTF_8);
            List<String> inRange = new ArrayList<>();
            JSON.readTree(get(a, range).body()).path("rows").forEach(row -> inRange.add(row.path("key").asText()));
            assertThat(inRange).containsExactly("{\"id\":2}", "{\"id\":3}", "{\"id\":4}", "{\"id\":5}", "{\"id\":6}",
                    "{\"id\":7}", "{\"id\":8}", "{\"id\":10}", "{\"id\":11}");
        } finally {
            apps.forEach(ViewApp::close);
        }
    }

    @Test
    void viewsNamingAMissingTopicOrColumnAreRefusedBeforeStarting(LocalStack stack, @TempDir Path state) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String topic = "views-" + run + ".shop.orders";
        Properties producerProps = new Properties();
        producerProps.put("bootstrap.servers", stack.kafka().bootstrapServers());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, key(1), OrderEvents.insert(100, 1, "paid", "1.00"))).get();
        }
        List<ViewDeclaration> views = ViewDeclarations.parse("""
                views:
                  - name: orders
                    kind: table
                    topic: %s
                    fields: [id, colour]
                  - name: with_customer
                    kind: join
                    topic: %s
                    join: {topic: %s.customers, on: {customer: id}, as: customer}
                """.formatted(topic, topic, topic), "test");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ViewApp.start(views, new ViewApp.Settings(
                        stack.kafka().bootstrapServers(), "views-" + run, "127.0.0.1", 0, state, new Properties())))
                .isInstanceOf(io.idaas.views.declaration.ViewDeclarationException.class)
                .satisfies(e -> assertThat(((io.idaas.views.declaration.ViewDeclarationException) e).problems()).containsExactly(
                        "view 'orders': field 'fields.colour' names column 'colour', which the table of topic '" + topic
                                + "' does not have; its columns are [id, status, amount]",
                        "view 'with_customer': field 'join.topic' names topic '" + topic + ".customers', which does not exist; "
                                + "start the source connector that writes it first, or fix the name (`idaas topics` lists the topics)",
                        "view 'with_customer': field 'join.on.customer' names column 'customer', which the table of topic '"
                                + topic + "' does not have; its columns are [id, status, amount]"));
    }

    private static byte[] key(int id) {
        return ("{\"id\":" + id + "}").getBytes(StandardCharsets.UTF_8);
    }

    private static HttpResponse<String> get(ViewApp app, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.httpPort() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
