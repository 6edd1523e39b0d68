package io.idaas.views.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.idaas.views.ViewTopology;
import io.idaas.views.app.ViewService;
import io.idaas.views.declaration.ViewDeclaration;
import io.idaas.views.declaration.ViewDeclarations;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The routes' answers that need no store: bad keys and the OpenAPI description. Kafka Streams is built on the views'
 * topology and never started, so no broker is needed.
 */
class ViewHttpServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path state;
    private KafkaStreams streams;
    private ViewHttpServer server;

    @BeforeEach
    void start() throws Exception {
        List<ViewDeclaration> views = ViewDeclarations.parse("""
                views:
                  - name: orders
                    kind: table
                    topic: shop.orders
                    key: [id]
                  - name: lines
                    kind: table
                    topic: shop.lines
                    key: [order_id, line]
                """, "test");
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "http-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9"); // never contacted: not started
        props.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
        streams = new KafkaStreams(ViewTopology.build(views), props);
        ViewService service = new ViewService(streams, new HostInfo("127.0.0.1", 0), views);
        server = new ViewHttpServer(() -> service, new InetSocketAddress("127.0.0.1", 0));
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
        streams.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> key(String view, String json) throws Exception {
        return get("/views/" + view + "/key?_key=" + URLEncoder.encode(json, StandardCharsets.UTF_8));
    }

    private static String message(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body()).path("message").asText();
    }

    @Test
    void aMalformedKeyIsABadRequestNamingTheProblemAndAGoodKey() throws Exception {
        HttpResponse<String> notJson = key("orders", "{id:7}");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(notJson.body()).path("error_code").asInt()).isEqualTo(400);
        assertThat(message(notJson)).startsWith("view 'orders': the key {id:7} is not JSON (").endsWith("; give the key's JSON object, e.g. _key={\"id\":7}");

        HttpResponse<String> notObject = key("orders", "7");
        assertThat(notObject.statusCode()).isEqualTo(400);
        assertThat(message(notObject)).isEqualTo("view 'orders': the key 7 is a JSON number, not an object of key columns; "
                + "give the key's JSON object, e.g. _key={\"id\":7}");

        HttpResponse<String> wrongType = key("lines", "{\"order_id\":[1],\"line\":2}");
        assertThat(wrongType.statusCode()).isEqualTo(400);
        assertThat(message(wrongType)).isEqualTo("view 'lines': key column 'order_id' is a JSON array; a key column's value is a "
                + "number, a string, true, false or null; give the key's JSON object, e.g. _key={\"order_id\":7,\"line\":7}");
    }

    @Test
    void anUnknownKeyColumnIsABadRequestNamingTheKeyColumns() throws Exception {
        HttpResponse<String> exact = key("lines", "{\"order\":1,\"line\":2}");
        assertThat(exact.statusCode()).isEqualTo(400);
        assertThat(message(exact)).contains("names [order], not key columns, and lacks [order_id]; the view's key columns are [order_id, line]");

        HttpResponse<String> param = get("/views/orders/key?ID=7");
        assertThat(param.statusCode()).isEqualTo(400);
        assertThat(message(param)).isEqualTo("view 'orders' is keyed by [id], not [ID] ([ID] is not a key column); "
                + "give exactly those columns, e.g. /views/orders/key?id=7");
    }

    @Test
    void theOpenApiDescriptionDescribesEveryRoute() throws Exception {
        HttpResponse<String> r = get("/openapi.json");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode api = JSON.readTree(r.body());
        assertThat(api.path("openapi").asText()).startsWith("3.");
        List<String> described = new ArrayList<>();
        api.path("paths").fieldNames().forEachRemaining(described::add);
        assertThat(described).containsExactlyInAnyOrderElementsOf(ViewHttpServer.ROUTES);
        // Every route the server routes answers something other than "unknown path".
        for (String route : ViewHttpServer.ROUTES) {
            HttpResponse<String> answer = get(route.replace("{name}", "orders"));
            assertThat(answer.body()).as(route).doesNotContain("unknown path");
        }
        assertThat(message(get("/nope"))).contains("/openapi.json");
        // Every operation says what it answers, and every $ref points at a component that exists.
        api.path("paths").forEach(path -> path.forEach(op -> assertThat(op.path("responses").size()).isPositive()));
        List<String> refs = new ArrayList<>();
        api.findValues("$ref").forEach(ref -> refs.add(ref.asText()));
        assertThat(refs).isNotEmpty().allSatisfy(ref -> assertThat(api.at(ref.substring(1)).isMissingNode()).as(ref).isFalse());
    }
}
