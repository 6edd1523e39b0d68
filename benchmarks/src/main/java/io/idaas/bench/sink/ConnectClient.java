package io.idaas.bench.sink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The few Connect REST calls the benchmark makes. */
public final class ConnectClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    public ConnectClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public void create(JsonNode body) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(baseUrl + "/connectors"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
        if (response.statusCode() != 201) {
            throw new IllegalStateException("POST /connectors answered " + response.statusCode() + ": " + response.body());
        }
    }

    public void delete(String connector) {
        send(HttpRequest.newBuilder(URI.create(baseUrl + "/connectors/" + connector)).DELETE());
    }

    public JsonNode get(String path) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return read(response.body());
    }

    /** Waits until the connector and its tasks run; fails with the task's trace as soon as one FAILED. */
    public void awaitRunning(String connector, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(baseUrl + "/connectors/" + connector + "/status")).GET());
            if (response.statusCode() == 200) {
                JsonNode status = read(response.body());
                boolean running = "RUNNING".equals(status.path("connector").path("state").asText()) && !status.path("tasks").isEmpty();
                for (JsonNode task : status.path("tasks")) {
                    checkNotFailed(connector, task);
                    running &= "RUNNING".equals(task.path("state").asText());
                }
                if (running) {
                    return;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(connector + " is not RUNNING after " + timeout + ": " + response.body());
            }
            Thread.sleep(200);
        }
    }

    /** A condition a benchmark waits for. */
    public interface Condition {
        boolean holds() throws Exception;
    }

    /**
     * Polls {@code condition} every {@code pollMillis}, failing as soon as a task of the connector FAILED (checked every
     * 2 s), or after the timeout.
     */
    public void await(String connector, java.time.Duration timeout, long pollMillis, Condition condition, String what)
        throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        long lastStatus = 0;
        while (!condition.holds()) {
            if (System.nanoTime() - lastStatus > 2_000_000_000L) {
                checkNotFailed(connector);
                lastStatus = System.nanoTime();
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(connector + " did not deliver " + what + " within " + timeout.toSeconds() + " s");
            }
            Thread.sleep(pollMillis);
        }
    }

    /** Throws with the task's trace when a task of the connector FAILED. */
    public void checkNotFailed(String connector) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(baseUrl + "/connectors/" + connector + "/status")).GET());
        if (response.statusCode() == 200) {
            read(response.body()).path("tasks").forEach(task -> checkNotFailed(connector, task));
        }
    }

    private static void checkNotFailed(String connector, JsonNode task) {
        if ("FAILED".equals(task.path("state").asText())) {
            throw new IllegalStateException("the task of " + connector + " FAILED: " + task.path("trace").asText());
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("the Connect REST API on " + baseUrl + " did not answer: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + body, e);
        }
    }
}
