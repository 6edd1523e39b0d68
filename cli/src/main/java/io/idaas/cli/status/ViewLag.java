package io.idaas.cli.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.idaas.stack.metrics.PrometheusText;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * The lag of each view of a view app: in records, its consumer group's ({@code application.id}) committed offsets
 * against the end offsets of the view's source topics, as {@link SinkLag} reads a sink's; in seconds, the app's
 * freshness metric ({@code idaas_view_freshness_seconds}: now minus the source commit time of the newest change the
 * view applied). The app is asked {@code GET /views} (its views, their topics, its application id) and
 * {@code GET /metrics}.
 */
public final class ViewLag {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /**
     * One view.
     *
     * @param lagRecords       unconsumed records of its source topics in the app's group; null when Kafka was not read
     * @param freshnessSeconds the app's freshness metric of the view; null when it has none (yet)
     */
    public record View(String name, String applicationId, List<String> topics, Long lagRecords, Double freshnessSeconds) {
    }

    /** What was found at a view app: its views, or why not. */
    public record Report(String url, List<View> views, String problem) {
    }

    private ViewLag() {
    }

    /** Asks the view app at {@code url}; {@code kafka} reads the offsets (null: lag in records not read). */
    public static Report read(String url, SinkLag kafka) throws InterruptedException {
        String base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        JsonNode listing;
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/views")).timeout(TIMEOUT).GET().build(),
                HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                return new Report(base, List.of(), "the view app at " + base + " answered HTTP " + r.statusCode() + " to GET /views");
            }
            listing = JSON.readTree(r.body());
        } catch (IOException | IllegalArgumentException e) {
            return new Report(base, List.of(), "the view app at " + base + " does not answer (" + e.getMessage()
                + "); is it running? set --views");
        }
        String applicationId = listing.path("application_id").asText(null);
        PrometheusText.Scrape metrics = null;
        String problem = null;
        try {
            metrics = PrometheusText.scrape(URI.create(base + "/metrics"), TIMEOUT);
        } catch (IOException e) {
            problem = "freshness not read: " + e.getMessage();
        }
        List<View> views = new ArrayList<>();
        for (JsonNode v : listing.path("views")) {
            String name = v.path("name").asText();
            List<String> topics = new ArrayList<>();
            v.path("source_topics").forEach(t -> topics.add(t.asText()));
            Long records = null;
            if (kafka != null && applicationId != null) {
                try {
                    records = kafka.lag(applicationId, topics).records();
                } catch (ExecutionException e) {
                    problem = "Kafka refused to tell the offsets of " + applicationId + ": " + e.getCause().getMessage();
                }
            }
            Double freshness = metrics == null ? null : metrics.find("idaas_view_freshness_seconds", Map.of("view", name))
                .map(PrometheusText.Sample::value).filter(d -> !d.isNaN()).orElse(null);
            views.add(new View(name, applicationId, List.copyOf(topics), records, freshness));
        }
        if (applicationId == null) {
            problem = "the view app at " + base + " does not tell its application.id (an older version): lag in records not read";
        }
        return new Report(base, List.copyOf(views), problem);
    }
}
