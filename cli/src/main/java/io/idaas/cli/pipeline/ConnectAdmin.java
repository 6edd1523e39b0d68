package io.idaas.cli.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.idaas.cli.status.ConnectAnswerException;
import io.idaas.cli.status.ConnectUnreachableException;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The calls of Kafka Connect's REST API that {@code idaas pipeline} makes: list connectors, read and write a
 * connector's config ({@code PUT /connectors/{name}/config}, which creates or updates), validate a config, delete,
 * read a status.
 */
public final class ConnectAdmin {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public ConnectAdmin(String baseUrl) {
        this.baseUrl = baseUrl.replaceAll("/+$", "");
    }

    public String url() {
        return baseUrl;
    }

    /** Every connector's name. */
    public List<String> connectors() {
        List<String> names = new ArrayList<>();
        expect(send("GET", "/connectors", null), 200, "GET /connectors").forEach(n -> names.add(n.asText()));
        return names;
    }

    /** A connector's config as Connect stores it (references unresolved), or empty when there is no such connector. */
    public Optional<Map<String, String>> config(String name) {
        HttpResponse<String> r = send("GET", "/connectors/" + path(name) + "/config", null);
        if (r.statusCode() == 404) {
            return Optional.empty();
        }
        Map<String, String> config = new LinkedHashMap<>();
        expect(r, 200, "GET /connectors/" + name + "/config").fields().forEachRemaining(e -> config.put(e.getKey(), e.getValue().asText()));
        return Optional.of(config);
    }

    /** Creates or updates a connector ({@code PUT /connectors/{name}/config}). */
    public void put(String name, Map<String, String> config) {
        HttpResponse<String> r = send("PUT", "/connectors/" + path(name) + "/config", json(config));
        if (r.statusCode() != 200 && r.statusCode() != 201) {
            throw new ConnectAnswerException("Kafka Connect at " + baseUrl + " refused the config of " + name + ": HTTP " + r.statusCode() + " " + message(r));
        }
    }

    /** Deletes a connector; true when it existed. */
    public boolean delete(String name) {
        HttpResponse<String> r = send("DELETE", "/connectors/" + path(name), null);
        if (r.statusCode() == 404) {
            return false;
        }
        if (r.statusCode() != 204 && r.statusCode() != 200) {
            throw new ConnectAnswerException("Kafka Connect at " + baseUrl + " did not delete " + name + ": HTTP " + r.statusCode() + " " + message(r));
        }
        return true;
    }

    /** {@code PUT /connector-plugins/{class}/config/validate}: Connect's answer, every key with its errors. */
    public JsonNode validate(String connectorClass, Map<String, String> config) {
        String p = "/connector-plugins/" + path(connectorClass) + "/config/validate";
        return expect(send("PUT", p, json(config)), 200, "PUT " + p);
    }

    /** A connector's status ({@code GET /connectors/{name}/status}), or empty when there is no such connector. */
    public Optional<JsonNode> status(String name) {
        HttpResponse<String> r = send("GET", "/connectors/" + path(name) + "/status", null);
        if (r.statusCode() == 404) {
            return Optional.empty();
        }
        return Optional.of(expect(r, 200, "GET /connectors/" + name + "/status"));
    }

    private static String path(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String json(Map<String, String> config) {
        try {
            return JSON.writeValueAsString(config);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String message(HttpResponse<String> r) {
        try {
            JsonNode body = JSON.readTree(r.body());
            return body.has("message") ? body.path("message").asText() : r.body();
        } catch (IOException e) {
            return r.body();
        }
    }

    private JsonNode expect(HttpResponse<String> r, int status, String what) {
        if (r.statusCode() != status) {
            throw new ConnectAnswerException("Kafka Connect at " + baseUrl + " answered " + what + " with HTTP " + r.statusCode() + ": " + message(r));
        }
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new ConnectAnswerException("what answers at " + baseUrl + " is not Kafka Connect's REST API: " + what
                    + " gave no JSON; check --connect");
        }
    }

    private HttpResponse<String> send(String method, String path, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(TIMEOUT).header("Accept", "application/json");
        if (body != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ConnectUnreachableException(baseUrl);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectUnreachableException(baseUrl);
        }
    }
}
