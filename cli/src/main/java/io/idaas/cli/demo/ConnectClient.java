package io.idaas.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The few calls of Kafka Connect's REST API the demo makes: does a connector exist, create one, wait until it runs. */
final class ConnectClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ConnectClient(String baseUrl) {
        this.baseUrl = baseUrl.replaceAll("/+$", "");
    }

    boolean exists(String connector) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + "/connectors/" + connector)).GET()).statusCode() == 200;
    }

    /** {@code POST /connectors} with {@code body} ({@code {"name", "config"}}). */
    void create(JsonNode body) throws IOException, InterruptedException {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(baseUrl + "/connectors"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
        if (r.statusCode() != 201) {
            throw new IllegalStateException("Connect refused connector " + body.path("name").asText() + ": HTTP "
                    + r.statusCode() + " " + r.body());
        }
    }

    /** Waits until the connector and its tasks are RUNNING; fails with the task's trace when one FAILED. */
    void awaitRunning(String connector, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(baseUrl + "/connectors/" + connector + "/status")).GET());
            if (r.statusCode() == 200) {
                JsonNode status = JSON.readTree(r.body());
                last = r.body();
                boolean tasksRunning = status.path("tasks").size() > 0;
                for (JsonNode task : status.path("tasks")) {
                    if (task.path("state").asText().equals("FAILED")) {
                        throw new IllegalStateException("connector " + connector + " failed: " + task.path("trace").asText());
                    }
                    tasksRunning &= task.path("state").asText().equals("RUNNING");
                }
                if (status.path("connector").path("state").asText().equals("RUNNING") && tasksRunning) {
                    return;
                }
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("connector " + connector + " is not running after " + timeout.toSeconds() + " s: " + last);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
