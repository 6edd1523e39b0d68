package io.idaas.cli.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The read-only calls of Kafka Connect's REST API that {@code idaas status} makes: every connector with its status and
 * config in one request ({@code GET /connectors?expand=status&expand=info}), and the topics a connector has used
 * ({@code GET /connectors/{name}/topics}).
 */
public final class ConnectStatusClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public ConnectStatusClient(String baseUrl) {
        this.baseUrl = baseUrl.replaceAll("/+$", "");
    }

    public String url() {
        return baseUrl;
    }

    /**
     * Every connector, sorted by name.
     *
     * @throws ConnectUnreachableException when nothing answers at the URL
     * @throws ConnectAnswerException when Connect answers with an error, or with something that is not JSON
     */
    public List<ConnectorStatus> connectors() {
        JsonNode all = get("/connectors?expand=status&expand=info");
        List<ConnectorStatus> connectors = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = all.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            connectors.add(ConnectorStatus.from(e.getKey(), e.getValue().path("status"), e.getValue().path("info")));
        }
        connectors.sort(java.util.Comparator.comparing(ConnectorStatus::name));
        return connectors;
    }

    /**
     * The topics Connect recorded the connector using ({@code GET /connectors/{name}/topics}); empty when topic
     * tracking is off ({@code topic.tracking.enable=false}) or it has used none yet.
     */
    public Set<String> activeTopics(String connector) {
        Set<String> topics = new LinkedHashSet<>();
        try {
            get("/connectors/" + connector + "/topics").path(connector).path("topics").forEach(t -> topics.add(t.asText()));
        } catch (ConnectAnswerException trackingOff) {
            // 403 when topic.tracking.enable is false; the config's topics still tell.
        }
        return topics;
    }

    private JsonNode get(String path) {
        HttpResponse<String> r;
        try {
            r = http.send(HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(TIMEOUT)
                    .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ConnectUnreachableException(baseUrl);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectUnreachableException(baseUrl);
        }
        if (r.statusCode() != 200) {
            throw new ConnectAnswerException("Kafka Connect at " + baseUrl + " answered GET " + path + " with HTTP " + r.statusCode()
                    + ": " + r.body() + (r.statusCode() == 401 || r.statusCode() == 403 ? " (does it need credentials?)" : ""));
        }
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new ConnectAnswerException("what answers at " + baseUrl + " is not Kafka Connect's REST API: GET " + path
                    + " gave no JSON (" + r.body().lines().findFirst().orElse("an empty body") + "); check --connect-url");
        }
    }
}
