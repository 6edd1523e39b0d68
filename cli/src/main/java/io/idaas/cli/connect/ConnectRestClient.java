package io.idaas.cli.connect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.idaas.cli.status.ConnectorStatus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The calls of Kafka Connect's REST API that the idaas command line makes: list connectors (names, or status and
 * config in one request), read a connector's config and status, create, update, delete, validate a config, read the
 * topics a connector has used, wait until a connector runs, and stop a connector and delete its offsets.
 *
 * <p>Every call has a timeout. Nothing answering at the URL, or no answer in time, is a {@link ConnectUnreachableException}; an error answer
 * is a {@link ConnectAnswerException} naming the URL, the call, the HTTP status and Connect's own message (Connect
 * answers errors as {@code {"error_code": .., "message": ..}}); an answer that is not JSON says that what answers at the
 * URL is not Connect. A call that finds no such connector (HTTP 404) answers empty where the method says so.
 */
public final class ConnectRestClient {

    /** How long one call may take unless told otherwise: validating a config connects to its database. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final long POLL_MILLIS = 250;

    private final String baseUrl;
    private final Duration timeout;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();

    public ConnectRestClient(String baseUrl) {
        this(baseUrl, DEFAULT_TIMEOUT);
    }

    /** @param timeout how long one call may take */
    public ConnectRestClient(String baseUrl, Duration timeout) {
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        this.timeout = timeout;
    }

    public String url() {
        return baseUrl;
    }

    /** Every connector's name ({@code GET /connectors}). */
    public List<String> connectorNames() {
        List<String> names = new ArrayList<>();
        call("GET", "/connectors", null).forEach(n -> names.add(n.asText()));
        return names;
    }

    /** Every connector with its status and config, sorted by name, in one request ({@code GET /connectors?expand=status&expand=info}). */
    public List<ConnectorStatus> connectorStatuses() {
        List<ConnectorStatus> connectors = new ArrayList<>();
        call("GET", "/connectors?expand=status&expand=info", null).fields().forEachRemaining(e ->
                connectors.add(ConnectorStatus.from(e.getKey(), e.getValue().path("status"), e.getValue().path("info"))));
        connectors.sort(Comparator.comparing(ConnectorStatus::name));
        return connectors;
    }

    /** Whether Connect has this connector ({@code GET /connectors/{name}}). */
    public boolean exists(String name) {
        return find("/connectors/" + segment(name)).isPresent();
    }

    /** A connector's config as Connect stores it (references unresolved), or empty when there is no such connector. */
    public Optional<Map<String, String>> config(String name) {
        return find("/connectors/" + segment(name) + "/config").map(json -> {
            Map<String, String> config = new LinkedHashMap<>();
            json.fields().forEachRemaining(e -> config.put(e.getKey(), e.getValue().asText()));
            return config;
        });
    }

    /** A connector's status ({@code GET /connectors/{name}/status}), or empty when there is no such connector. */
    public Optional<JsonNode> status(String name) {
        return find("/connectors/" + segment(name) + "/status");
    }

    /** Creates a connector ({@code POST /connectors} with {@code {"name": .., "config": {..}}}); refused when it exists. */
    public void create(JsonNode connector) {
        call("POST", "/connectors", connector);
    }

    /** Creates or updates a connector ({@code PUT /connectors/{name}/config}). */
    public void put(String name, Map<String, String> config) {
        call("PUT", "/connectors/" + segment(name) + "/config", config);
    }

    /** Deletes a connector ({@code DELETE /connectors/{name}}); true when it existed. */
    public boolean delete(String name) {
        String path = "/connectors/" + segment(name);
        HttpResponse<String> r = send("DELETE", path, null);
        if (r.statusCode() == 404) {
            return false;
        }
        expectSuccess(r, "DELETE", path);
        return true;
    }

    /**
     * Stops a connector and deletes its offsets, as Connect 3.6 and later allow (KIP-875): {@code PUT
     * /connectors/{name}/stop}, then, once it is {@code STOPPED} (no tasks), {@code DELETE /connectors/{name}/offsets}:
     * a source's positions in its database, a sink's consumer group offsets. A connector created again under the same
     * name then starts afresh (a Debezium source with its snapshot) instead of resuming from positions whose topics,
     * schema history among them, may be gone.
     *
     * @return empty when the offsets are deleted (or the connector is gone); else why not, in one line: a Connect without
     *         the endpoints (older than 3.6), a connector not stopped in {@code wait}, or Connect's refusal
     */
    public Optional<String> resetOffsets(String name, Duration wait) throws InterruptedException {
        String stop = "/connectors/" + segment(name) + "/stop";
        HttpResponse<String> stopped = send("PUT", stop, null);
        if (stopped.statusCode() == 404 && status(name).isEmpty()) {
            return Optional.empty(); // no such connector: nothing to reset
        }
        if (stopped.statusCode() == 404 || stopped.statusCode() == 405) {
            return Optional.of("Kafka Connect at " + baseUrl + " cannot stop a connector (PUT " + stop + ": HTTP " + stopped.statusCode()
                    + "; Connect 3.6 or later can): the offsets of " + name + " stay, and a connector of that name created again resumes from them");
        }
        expectSuccess(stopped, "PUT", stop);
        long deadline = System.nanoTime() + wait.toNanos();
        String state = "no status yet";
        while (true) {
            Optional<JsonNode> status = status(name);
            if (status.isEmpty()) {
                return Optional.empty();
            }
            state = status.get().path("connector").path("state").asText();
            if ("STOPPED".equals(state) && status.get().path("tasks").isEmpty()) {
                break;
            }
            if (System.nanoTime() > deadline) {
                return Optional.of(name + " is not stopped after " + wait.toSeconds() + " s (" + state + "): its offsets stay");
            }
            Thread.sleep(POLL_MILLIS);
        }
        String offsets = "/connectors/" + segment(name) + "/offsets";
        HttpResponse<String> deleted = send("DELETE", offsets, null);
        if (deleted.statusCode() < 200 || deleted.statusCode() > 299) {
            return Optional.of("Kafka Connect did not delete the offsets of " + name + " (DELETE " + offsets + ": HTTP " + deleted.statusCode()
                    + ", " + message(deleted) + "): a connector of that name created again resumes from them");
        }
        return Optional.empty();
    }

    /** {@code PUT /connector-plugins/{class}/config/validate}: Connect's answer, every key with its errors. */
    public JsonNode validate(String connectorClass, Map<String, String> config) {
        return call("PUT", "/connector-plugins/" + segment(connectorClass) + "/config/validate", config);
    }

    /**
     * The topics Connect recorded the connector using ({@code GET /connectors/{name}/topics}); empty when topic
     * tracking is off ({@code topic.tracking.enable=false}, HTTP 403) or it has used none yet.
     */
    public Set<String> activeTopics(String connector) {
        Set<String> topics = new LinkedHashSet<>();
        try {
            call("GET", "/connectors/" + segment(connector) + "/topics", null).path(connector).path("topics")
                    .forEach(t -> topics.add(t.asText()));
        } catch (ConnectAnswerException trackingOff) {
            // The connector's config still names its topics.
        }
        return topics;
    }

    /**
     * Waits up to {@code wait} until the connector and all its tasks (one at least) are RUNNING.
     *
     * @return empty when they run; else why not, in one line: the task or connector that FAILED with the first line of
     *         its trace, or the last state seen when the time ran out
     */
    public Optional<String> awaitRunning(String connector, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        String last = "no status yet";
        while (System.nanoTime() < deadline) {
            Optional<JsonNode> status = status(connector);
            if (status.isPresent()) {
                JsonNode st = status.get();
                String state = st.path("connector").path("state").asText();
                boolean running = "RUNNING".equals(state) && st.path("tasks").size() > 0;
                for (JsonNode task : st.path("tasks")) {
                    if ("FAILED".equals(task.path("state").asText())) {
                        return Optional.of(connector + " task " + task.path("id").asText() + " FAILED: " + head(task.path("trace").asText()));
                    }
                    running &= "RUNNING".equals(task.path("state").asText());
                }
                if ("FAILED".equals(state)) {
                    return Optional.of(connector + " FAILED: " + head(st.path("connector").path("trace").asText()));
                }
                if (running) {
                    return Optional.empty();
                }
                last = state + ", " + st.path("tasks").size() + " tasks";
            }
            Thread.sleep(POLL_MILLIS);
        }
        return Optional.of(connector + " is not running after " + wait.toSeconds() + " s (" + last + ")");
    }

    private static String head(String trace) {
        return trace.lines().findFirst().orElse("(no trace)");
    }

    /** A GET whose 404 means no such connector. */
    private Optional<JsonNode> find(String path) {
        HttpResponse<String> r = send("GET", path, null);
        return r.statusCode() == 404 ? Optional.empty() : Optional.of(read(expectSuccess(r, "GET", path), "GET", path));
    }

    private JsonNode call(String method, String path, Object body) {
        return read(expectSuccess(send(method, path, body), method, path), method, path);
    }

    private HttpResponse<String> expectSuccess(HttpResponse<String> r, String method, String path) {
        int status = r.statusCode();
        if (status < 200 || status > 299) {
            throw new ConnectAnswerException("Kafka Connect at " + baseUrl + " answered " + method + " " + path + " with HTTP " + status
                    + ": " + message(r) + (status == 401 || status == 403 ? " (does it need credentials?)" : ""));
        }
        return r;
    }

    private JsonNode read(HttpResponse<String> r, String method, String path) {
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new ConnectAnswerException("what answers at " + baseUrl + " is not Kafka Connect's REST API: " + method + " " + path
                    + " gave no JSON (" + r.body().lines().findFirst().orElse("an empty body") + "); check --connect-url");
        }
    }

    /** Connect's own message in an error answer, else the body as it came. */
    private static String message(HttpResponse<String> r) {
        try {
            JsonNode body = JSON.readTree(r.body());
            if (body != null && body.hasNonNull("message")) {
                return body.path("message").asText();
            }
        } catch (IOException notJson) {
            // said as it came, below
        }
        return r.body().isBlank() ? "(no message)" : r.body().strip();
    }

    private static String segment(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private HttpResponse<String> send(String method, String path, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(timeout).header("Accept", "application/json");
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json(body)));
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpConnectTimeoutException e) {
            throw new ConnectUnreachableException(baseUrl);
        } catch (HttpTimeoutException e) {
            throw new ConnectUnreachableException(baseUrl, method + " " + path, timeout);
        } catch (IOException e) {
            throw new ConnectUnreachableException(baseUrl);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectUnreachableException(baseUrl);
        }
    }

    private static String json(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
