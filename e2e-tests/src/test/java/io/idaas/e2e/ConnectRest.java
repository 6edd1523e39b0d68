package io.idaas.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.awaitility.Awaitility.await;

/** The Connect REST API over plain HTTP, the way a user's script drives it. */
public final class ConnectRest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    public ConnectRest(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** {@code POST /connectors}; fails with Connect's own message unless it answers 201. */
    public JsonNode create(JsonNode body) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(baseUrl + "/connectors"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
        if (response.statusCode() != 201) {
            throw new AssertionError("POST /connectors answered " + response.statusCode() + ": " + response.body());
        }
        return read(response.body());
    }

    public JsonNode status(String connector) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(baseUrl + "/connectors/" + connector + "/status")).GET());
        return response.statusCode() == 200 ? read(response.body()) : null;
    }

    /** Waits until the connector and all its tasks are RUNNING; fails fast with the trace when one FAILED. */
    public void awaitRunning(String connector, Duration timeout) {
        await().atMost(timeout).pollInterval(Duration.ofMillis(250)).until(() -> {
            JsonNode status = status(connector);
            if (status == null || status.path("tasks").isEmpty()) {
                return false;
            }
            boolean running = "RUNNING".equals(status.path("connector").path("state").asText());
            for (JsonNode task : status.path("tasks")) {
                if ("FAILED".equals(task.path("state").asText())) {
                    throw new AssertionError("task of " + connector + " FAILED: " + task.path("trace").asText());
                }
                running &= "RUNNING".equals(task.path("state").asText());
            }
            return running;
        });
    }

    /** {@code GET path}; fails with Connect's own message unless it answers 200. */
    public JsonNode get(String path) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET());
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return read(response.body());
    }

    /** {@code PUT /connector-plugins/{class}/config/validate}: Connect's verdict on a config, per key. */
    public JsonNode validate(String connectorClass, JsonNode config) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(baseUrl + "/connector-plugins/" + connectorClass + "/config/validate"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(config.toString())));
        if (response.statusCode() != 200) {
            throw new AssertionError("validate answered " + response.statusCode() + ": " + response.body());
        }
        return read(response.body());
    }

    /** {@code PUT /connectors/{name}/stop}: its tasks stop, its config stays (offsets can then be reset). */
    public void stop(String connector) {
        expect("PUT /connectors/" + connector + "/stop",
                send(HttpRequest.newBuilder(URI.create(baseUrl + "/connectors/" + connector + "/stop")).PUT(HttpRequest.BodyPublishers.noBody())));
    }

    /** {@code PUT /connectors/{name}/pause}: its tasks stop polling, but keep running (and keep what they hold in memory). */
    public void pause(String connector) {
        expect("PUT /connectors/" + connector + "/pause",
                send(HttpRequest.newBuilder(URI.create(baseUrl + "/connectors/" + connector + "/pause")).PUT(HttpRequest.BodyPublishers.noBody())));
    }

    /** Waits until the connector's own state is {@code state} ({@code PAUSED}, {@code STOPPED}, ...) and every task's, if it has any. */
    public void awaitState(String connector, String state, Duration timeout) {
        await(connector + " " + state).atMost(timeout).pollInterval(Duration.ofMillis(250)).until(() -> {
            JsonNode status = status(connector);
            if (status == null || !state.equals(status.path("connector").path("state").asText())) {
                return false;
            }
            for (JsonNode task : status.path("tasks")) {
                if (!state.equals(task.path("state").asText())) {
                    return false;
                }
            }
            return true;
        });
    }

    /** {@code PUT /connectors/{name}/resume}. */
    public void resume(String connector) {
        expect("PUT /connectors/" + connector + "/resume",
                send(HttpRequest.newBuilder(URI.create(baseUrl + "/connectors/" + connector + "/resume")).PUT(HttpRequest.BodyPublishers.noBody())));
    }

    /**
     * {@code DELETE /connectors/{name}/offsets} of a stopped connector: for a sink, its consumer group's committed
     * offsets go, so it starts again from the topics' beginning (unless it keeps offsets of its own).
     */
    public void resetOffsets(String connector) {
        expect("DELETE /connectors/" + connector + "/offsets", retryingWhileTasksStop(
                () -> send(HttpRequest.newBuilder(URI.create(baseUrl + "/connectors/" + connector + "/offsets")).DELETE())));
    }

    /**
     * {@code PATCH /connectors/{name}/offsets} of a stopped connector with {@code body} as {@code GET .../offsets} answers
     * it ({@code {"offsets": [{"partition": ..., "offset": ...}]}}): a source connector then resumes from those offsets.
     */
    public void alterOffsets(String connector, JsonNode body) {
        expect("PATCH /connectors/" + connector + "/offsets", retryingWhileTasksStop(
                () -> send(HttpRequest.newBuilder(URI.create(baseUrl + "/connectors/" + connector + "/offsets"))
                        .header("Content-Type", "application/json")
                        .method("PATCH", HttpRequest.BodyPublishers.ofString(body.toString())))));
    }

    /**
     * Sends an offsets request again while Connect answers that a stopped connector's tasks have not stopped completely
     * yet (a 500 whose message says the operation "can be safely retried": a STOPPED connector's sink tasks may still
     * be leaving the consumer group), for up to a minute; then the last answer.
     */
    private static HttpResponse<String> retryingWhileTasksStop(java.util.function.Supplier<HttpResponse<String>> request) {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        HttpResponse<String> response = request.get();
        while (response.statusCode() == 500 && response.body().contains("can be safely retried") && System.nanoTime() < deadline) {
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
            response = request.get();
        }
        return response;
    }

    private static void expect(String request, HttpResponse<String> response) {
        if (response.statusCode() / 100 != 2) {
            throw new AssertionError(request + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    public void delete(String connector) {
        send(HttpRequest.newBuilder(URI.create(baseUrl + "/connectors/" + connector)).DELETE());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("Connect REST API on " + baseUrl + " did not answer: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }
}
