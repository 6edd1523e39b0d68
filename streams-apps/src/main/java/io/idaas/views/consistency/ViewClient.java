package io.idaas.views.consistency;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.idaas.ddml.consistency.ConsistencyToken;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A small client of the views' HTTP API that keeps, per source, the largest consistency token it has observed and
 * reads with it: its own writes (after {@link #observe}) and everything it has read before are visible to its later
 * reads (causal consistency). Thread-safe; one per logical client (a session, a user).
 */
public final class ViewClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A read the view app refused or could not answer in time; the message is the app's. */
    public static final class ViewReadException extends RuntimeException {
        private final int status;

        ViewReadException(int status, String message) {
            super(message);
            this.status = status;
        }

        /** The HTTP status: 400 (bad request), 504 (the view did not reach the token in time), 503 (retry). */
        public int status() {
            return status;
        }
    }

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, ConsistencyToken> tokens = new ConcurrentHashMap<>();

    /** {@code base}: any instance of the view app, e.g. {@code http://views:8090}. */
    public ViewClient(URI base) {
        this.base = base;
    }

    /** Remembers {@code token} if it is the largest of its source seen so far. */
    public void observe(ConsistencyToken token) {
        tokens.merge(token.source(), token, ConsistencyToken::max);
    }

    /** The largest token observed of {@code source}. */
    public Optional<ConsistencyToken> token(String source) {
        return Optional.ofNullable(tokens.get(source));
    }

    /** Asks the view app for the source's current position ({@code GET /token}) and observes it. */
    public ConsistencyToken fetchToken(String source) {
        JsonNode body = send("/token?source=" + encode(source), Duration.ofSeconds(10)).orElseThrow(
                () -> new ViewReadException(404, "the view app has no source '" + source + "'"));
        ConsistencyToken token = ConsistencyToken.parse(body.path("token").asText());
        observe(token);
        return token;
    }

    /**
     * The document of {@code key} in {@code view}, once the view has applied every token this client observed (waiting
     * up to {@code timeout}); empty when the view has no such row.
     *
     * @throws ViewReadException when the view did not get there in time (504) or the request is refused
     */
    public Optional<JsonNode> get(String view, Map<String, ?> key, Duration timeout) {
        StringJoiner params = keyParams(key);
        if (!tokens.isEmpty()) {
            StringJoiner all = new StringJoiner(",");
            new TreeMap<>(tokens).values().forEach(t -> all.add(t.toString()));
            params.add("at_least=" + encode(all.toString()));
            params.add("timeout_ms=" + timeout.toMillis());
        }
        return send("/views/" + encode(view) + "/key?" + params, timeout.plusSeconds(10)).map(r -> r.path("document"));
    }

    /** The view's metadata ({@code GET /views/{view}}): declaration, state, lag, and the positions it reflects. */
    public JsonNode metadata(String view) {
        return send("/views/" + encode(view), Duration.ofSeconds(10)).orElseThrow();
    }

    /** The document as the view holds it now, without waiting for any token (it may be stale). */
    public Optional<JsonNode> getWithoutToken(String view, Map<String, ?> key) {
        return send("/views/" + encode(view) + "/key?" + keyParams(key), Duration.ofSeconds(10)).map(r -> r.path("document"));
    }

    private static StringJoiner keyParams(Map<String, ?> key) {
        StringJoiner params = new StringJoiner("&");
        key.forEach((column, value) -> params.add(encode(column) + "=" + encode(String.valueOf(value))));
        return params;
    }

    private Optional<JsonNode> send(String pathAndQuery, Duration timeout) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(pathAndQuery)).timeout(timeout).GET().build();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() == 404 && pathAndQuery.contains("/key?")) {
                JsonNode error = JSON.readTree(response.body());
                if (error.path("message").asText().contains("has no row")) {
                    return Optional.empty();
                }
            }
            if (response.statusCode() != 200) {
                throw new ViewReadException(response.statusCode(), JSON.readTree(response.body()).path("message").asText());
            }
            return Optional.of(JSON.readTree(response.body()));
        } catch (IOException e) {
            throw new UncheckedIOException("the view app at " + base + " did not answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading a view", e);
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
