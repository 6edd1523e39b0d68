package io.idaas.cli.connect;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.idaas.cli.status.ConnectorStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** {@link ConnectRestClient} against a local HTTP server that answers as Kafka Connect does, errors included. */
class ConnectRestClientTest {

    record Answer(int status, String body) {
    }

    /** What the fake Connect answers, by {@code METHOD /path?query}; anything else is Connect's 404. */
    final Map<String, Answer> answers = new ConcurrentHashMap<>();
    /** Each request as {@code METHOD /path?query body}. */
    final List<String> requests = new CopyOnWriteArrayList<>();
    HttpServer server;
    String url;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fake-connect");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", exchange -> {
            String call = exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath()
                    + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
            requests.add(call + " " + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            Answer a = answers.getOrDefault(call, new Answer(404, "{\"error_code\":404,\"message\":\"Connector x not found\"}"));
            byte[] body = a.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(a.status(), body.length == 0 ? -1 : body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void readsConnectorsConfigsAndStatuses() {
        answers.put("GET /connectors", new Answer(200, "[\"b\",\"a\"]"));
        answers.put("GET /connectors?expand=status&expand=info", new Answer(200, """
                {"b": {"status": {"connector": {"state": "RUNNING"}, "tasks": [], "type": "sink"}, "info": {"config": {"topics": "t"}}},
                 "a": {"status": {"connector": {"state": "PAUSED"}, "tasks": [], "type": "source"}, "info": {"config": {}}}}
                """));
        answers.put("GET /connectors/my%20sink/config", new Answer(200, "{\"topics\":\"t\",\"tasks.max\":\"1\"}"));
        answers.put("GET /connectors/a", new Answer(200, "{\"name\":\"a\"}"));
        answers.put("GET /connectors/a/status", new Answer(200, "{\"connector\":{\"state\":\"RUNNING\"}}"));
        answers.put("GET /connectors/b/topics", new Answer(200, "{\"b\":{\"topics\":[\"t1\",\"t2\"]}}"));
        answers.put("GET /connectors/a/topics", new Answer(403, "{\"error_code\":403,\"message\":\"Topic tracking is disabled.\"}"));
        ConnectRestClient connect = new ConnectRestClient(url + "/");

        assertThat(connect.url()).isEqualTo(url);
        assertThat(connect.connectorNames()).containsExactly("b", "a");
        assertThat(connect.connectorStatuses()).extracting(ConnectorStatus::name, ConnectorStatus::state, ConnectorStatus::type)
                .containsExactly(tuple("a", "PAUSED", "source"), tuple("b", "RUNNING", "sink"));
        assertThat(connect.config("my sink")).contains(Map.of("topics", "t", "tasks.max", "1"));
        assertThat(connect.config("gone")).isEmpty();
        assertThat(connect.exists("a")).isTrue();
        assertThat(connect.exists("gone")).isFalse();
        assertThat(connect.status("a").orElseThrow().path("connector").path("state").asText()).isEqualTo("RUNNING");
        assertThat(connect.status("gone")).isEmpty();
        assertThat(connect.activeTopics("b")).containsExactly("t1", "t2");
        assertThat(connect.activeTopics("a")).as("topic tracking off").isEmpty();
    }

    @Test
    void writesConfigsAsJson() throws Exception {
        answers.put("PUT /connectors/a/config", new Answer(201, "{\"name\":\"a\",\"config\":{}}"));
        answers.put("POST /connectors", new Answer(201, "{\"name\":\"b\",\"config\":{}}"));
        answers.put("DELETE /connectors/a", new Answer(204, ""));
        answers.put("PUT /connector-plugins/io.x.Sink/config/validate", new Answer(200, "{\"error_count\":0,\"configs\":[]}"));
        ConnectRestClient connect = new ConnectRestClient(url);

        connect.put("a", Map.of("topics", "t"));
        connect.create(new ObjectMapper().readTree("{\"name\":\"b\",\"config\":{\"topics\":\"t\"}}"));
        assertThat(connect.delete("a")).isTrue();
        assertThat(connect.delete("gone")).isFalse();
        assertThat(connect.validate("io.x.Sink", Map.of("topics", "t")).path("error_count").asInt()).isZero();
        assertThat(requests).containsExactly("PUT /connectors/a/config {\"topics\":\"t\"}",
                "POST /connectors {\"name\":\"b\",\"config\":{\"topics\":\"t\"}}", "DELETE /connectors/a ", "DELETE /connectors/gone ",
                "PUT /connector-plugins/io.x.Sink/config/validate {\"topics\":\"t\"}");
    }

    @Test
    void anErrorNamesTheUrlTheCallTheStatusAndConnectsMessage() {
        answers.put("PUT /connectors/a/config", new Answer(400,
                "{\"error_code\":400,\"message\":\"Connector configuration is invalid and contains 1 error(s)\"}"));
        answers.put("POST /connectors", new Answer(409, "{\"error_code\":409,\"message\":\"Connector b already exists\"}"));
        answers.put("GET /connectors", new Answer(401, "Unauthorized"));
        answers.put("DELETE /connectors/a", new Answer(500, ""));
        ConnectRestClient connect = new ConnectRestClient(url);

        assertThatThrownBy(() -> connect.put("a", Map.of())).isInstanceOf(ConnectAnswerException.class).hasMessage("Kafka Connect at " + url
                + " answered PUT /connectors/a/config with HTTP 400: Connector configuration is invalid and contains 1 error(s)");
        assertThatThrownBy(() -> connect.create(new ObjectMapper().createObjectNode().put("name", "b"))).hasMessage("Kafka Connect at " + url
                + " answered POST /connectors with HTTP 409: Connector b already exists");
        assertThatThrownBy(connect::connectorNames).hasMessage("Kafka Connect at " + url
                + " answered GET /connectors with HTTP 401: Unauthorized (does it need credentials?)");
        assertThatThrownBy(() -> connect.delete("a")).hasMessage("Kafka Connect at " + url
                + " answered DELETE /connectors/a with HTTP 500: (no message)");
    }

    @Test
    void somethingElseThanConnectAndNothingAtAllAreSaidAsSuch() throws Exception {
        answers.put("GET /connectors", new Answer(200, "<html><body>a web page</body></html>"));
        assertThatThrownBy(() -> new ConnectRestClient(url).connectorNames()).isInstanceOf(ConnectAnswerException.class)
                .hasMessage("what answers at " + url + " is not Kafka Connect's REST API: GET /connectors gave no JSON "
                        + "(<html><body>a web page</body></html>); check --connect-url");

        String closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = "http://127.0.0.1:" + s.getLocalPort();
        }
        assertThatThrownBy(() -> new ConnectRestClient(closed).connectorNames()).isInstanceOf(ConnectUnreachableException.class)
                .hasMessage("cannot reach Kafka Connect at " + closed + ": is it running? set --connect-url");
    }

    @Test
    void aCallThatGetsNoAnswerInTimeSaysSo() {
        server.createContext("/slow", exchange -> {
            try {
                Thread.sleep(3_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        ConnectRestClient connect = new ConnectRestClient(url + "/slow", Duration.ofSeconds(1));
        assertThatThrownBy(connect::connectorNames).isInstanceOf(ConnectUnreachableException.class)
                .hasMessage("Kafka Connect at " + url + "/slow did not answer GET /connectors within 1 s");
    }

    @Test
    void resetOffsetsStopsTheConnectorThenDeletesItsOffsetsOrSaysWhyNot() throws Exception {
        answers.put("PUT /connectors/a/stop", new Answer(202, ""));
        answers.put("GET /connectors/a/status", new Answer(200, "{\"connector\":{\"state\":\"STOPPED\"},\"tasks\":[]}"));
        answers.put("DELETE /connectors/a/offsets", new Answer(200, "{\"message\":\"The offsets for this connector have been reset successfully\"}"));
        // a Connect older than 3.6: no stop endpoint for a connector that exists
        answers.put("GET /connectors/old/status", new Answer(200, "{\"connector\":{\"state\":\"RUNNING\"},\"tasks\":[]}"));
        // stopped, but Connect refuses to delete the offsets
        answers.put("PUT /connectors/busy/stop", new Answer(202, ""));
        answers.put("GET /connectors/busy/status", new Answer(200, "{\"connector\":{\"state\":\"STOPPED\"},\"tasks\":[]}"));
        answers.put("DELETE /connectors/busy/offsets", new Answer(400, "{\"error_code\":400,\"message\":\"Connector busy has active members\"}"));
        // never stops
        answers.put("PUT /connectors/stuck/stop", new Answer(202, ""));
        answers.put("GET /connectors/stuck/status", new Answer(200, "{\"connector\":{\"state\":\"RUNNING\"},\"tasks\":[{\"id\":0,\"state\":\"RUNNING\"}]}"));
        ConnectRestClient connect = new ConnectRestClient(url);

        assertThat(connect.resetOffsets("a", Duration.ofSeconds(5))).isEmpty();
        assertThat(requests).containsSubsequence("PUT /connectors/a/stop ", "GET /connectors/a/status ", "DELETE /connectors/a/offsets ");
        assertThat(connect.resetOffsets("gone", Duration.ofSeconds(5))).as("no such connector: nothing to reset").isEmpty();
        assertThat(connect.resetOffsets("old", Duration.ofSeconds(5))).hasValueSatisfying(why -> assertThat(why)
                .contains("cannot stop a connector", "HTTP 404", "Connect 3.6 or later", "the offsets of old stay"));
        assertThat(connect.resetOffsets("busy", Duration.ofSeconds(5))).hasValueSatisfying(why -> assertThat(why)
                .contains("did not delete the offsets of busy", "HTTP 400", "Connector busy has active members"));
        assertThat(connect.resetOffsets("stuck", Duration.ofMillis(300))).hasValueSatisfying(why -> assertThat(why)
                .contains("stuck is not stopped", "RUNNING", "its offsets stay"));
        assertThat(requests).noneMatch(r -> r.startsWith("DELETE /connectors/stuck/offsets"));
    }

    @Test
    void awaitRunningSaysWhyAConnectorDoesNotRun() throws Exception {
        answers.put("GET /connectors/ok/status", new Answer(200,
                "{\"connector\":{\"state\":\"RUNNING\"},\"tasks\":[{\"id\":0,\"state\":\"RUNNING\"}]}"));
        answers.put("GET /connectors/bad/status", new Answer(200, "{\"connector\":{\"state\":\"RUNNING\"},"
                + "\"tasks\":[{\"id\":0,\"state\":\"RUNNING\"},{\"id\":1,\"state\":\"FAILED\",\"trace\":\"java.sql.SQLException: refused\\n\\tat x.y(Z.java:1)\"}]}"));
        answers.put("GET /connectors/idle/status", new Answer(200, "{\"connector\":{\"state\":\"RUNNING\"},\"tasks\":[]}"));
        ConnectRestClient connect = new ConnectRestClient(url);

        assertThat(connect.awaitRunning("ok", Duration.ofSeconds(5))).isEmpty();
        assertThat(connect.awaitRunning("bad", Duration.ofSeconds(5))).contains("bad task 1 FAILED: java.sql.SQLException: refused");
        assertThat(connect.awaitRunning("idle", Duration.ofSeconds(1))).contains("idle is not running after 1 s (RUNNING, 0 tasks)");
        assertThat(connect.awaitRunning("gone", Duration.ofSeconds(1))).isEqualTo(Optional.of("gone is not running after 1 s (no status yet)"));
    }
}
