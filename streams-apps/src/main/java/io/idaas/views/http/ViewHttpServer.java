package io.idaas.views.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idaas.ddml.consistency.ConsistencyToken;
import io.idaas.views.app.ViewService;
import io.idaas.views.app.ViewUnavailableException;
import io.idaas.views.consistency.Consistency;
import io.idaas.views.declaration.Condition;
import io.idaas.views.declaration.ViewDeclaration;
import io.idaas.views.table.ViewKeys;
import io.idaas.views.table.ViewRow;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.URIUtil;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The views' HTTP API, on every instance of the view app, described in OpenAPI 3 at {@code GET /openapi.json}. JSON
 * out; errors are {@code {"error_code": N, "message": "..."}} with a 4xx status naming what to fix (a malformed key, a
 * column that is not a key column), or 503 when the view cannot be read here yet.
 *
 * <ul>
 *   <li>{@code GET /views}: the declared views;</li>
 *   <li>{@code GET /views/{name}}: a view's declaration, the source positions it reflects and its lag, per
 *   partition this instance holds, and the other instances;</li>
 *   <li>{@code GET /views/{name}/key?col=value[&col2=value2]} (or {@code ?_key=<the key's JSON>}): one row by
 *   primary key, answered by the instance that holds the key's partition (others forward the request to it);</li>
 *   <li>{@code GET /views/{name}/rows?from=&to=&prefix=&limit=}: rows in the keys' natural order (a range: from
 *   inclusive, to exclusive), a page at a time ({@code next} is the {@code from} of the next page), from this
 *   instance's partitions;</li>
 *   <li>{@code GET /metrics}: Kafka Streams' and the views' metrics in the Prometheus text format
 *   ({@link io.idaas.views.metrics.ViewMetrics}).</li>
 * </ul>
 */
public final class ViewHttpServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ViewHttpServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RowJson ROWS = new RowJson(JSON);
    static final String LOCAL_ONLY = "_local";
    static final String EXACT_KEY = "_key";
    static final int MAX_LIMIT = 1_000;
    static final String AT_LEAST = "at_least";
    static final String TIMEOUT_MS = "timeout_ms";
    static final long DEFAULT_TIMEOUT_MS = 1_000;
    static final long MAX_TIMEOUT_MS = 60_000;
    /** Jetty's threads: its acceptor and selector, and those that read requests and answer them. */
    static final int REQUEST_THREADS = Math.max(8, 2 * Runtime.getRuntime().availableProcessors() + 4);
    static final int WAITING_THREADS = 32;
    /** Every path the server routes, as its OpenAPI description ({@code /openapi.json}) names them. */
    static final java.util.List<String> ROUTES = java.util.List.of("/views", "/views/{name}", "/views/{name}/key",
            "/views/{name}/rows", "/token", "/health", "/ready", "/metrics", "/openapi.json");
    /** The OpenAPI 3 description of this API, a resource next to this class. */
    static final byte[] OPENAPI = openApi();

    private final java.util.function.Supplier<ViewService> services;
    /**
     * Jetty (core API, no servlets). A request is answered at once, on the thread that read it, from the local store
     * (no hand-off between threads); a read that must wait (for a token, or for the instance holding the key) is
     * handed to {@link #waiting}, so it never holds one of Jetty's threads.
     */
    private final Server server;
    private final ServerConnector connector;
    /**
     * Requests that wait: reads for a consistency token ({@code at_least}) or for the instance that holds the key, a
     * view's metadata (the Admin client), and {@code GET /token} (the source database).
     */
    private final ExecutorService waiting = Executors.newFixedThreadPool(WAITING_THREADS, daemon("view-http-wait"));
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /**
     * Binds to {@code address}; requests are answered by the service {@code services} gives once {@link #start()}
     * is called (the service needs Kafka Streams, which needs this server's port first).
     */
    public ViewHttpServer(java.util.function.Supplier<ViewService> services, InetSocketAddress address) throws IOException {
        this.services = services;
        QueuedThreadPool threads = new QueuedThreadPool(REQUEST_THREADS, 4);
        threads.setName("view-http");
        threads.setDaemon(true);
        this.server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        this.connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(address.getHostString());
        connector.setPort(address.getPort());
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract.NonBlocking() {
            @Override
            public boolean handle(Request request, org.eclipse.jetty.server.Response response, Callback callback) {
                route(new JettyExchange(request, response, callback));
                return true;
            }
        });
        connector.open(); // binds now: the app needs the port (application.server) before the server starts
    }

    public void start() {
        try {
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException("the views' HTTP server did not start on port " + port() + ": " + e, e);
        }
    }

    /** The port it listens on (useful when it was started on port 0). */
    public int port() {
        return connector.getLocalPort();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            LOG.debug("the views' HTTP server did not stop cleanly: {}", e.toString());
        }
        connector.close();
        waiting.shutdownNow();
    }

    /** Sends a request to its route: {@code /views...}, {@code /token}, {@code /health} or {@code /ready}. */
    private void route(Exchange exchange) {
        String path = exchange.rawPath();
        if (path.equals("/views") || path.startsWith("/views/")) {
            handle(exchange);
        } else if (path.equals("/token")) {
            waiting.execute(() -> token(exchange)); // reads the source database's position
        } else if (path.equals("/health")) {
            health(exchange);
        } else if (path.equals("/ready")) {
            ready(exchange);
        } else if (path.equals("/metrics")) {
            ViewService service = services.get();
            exchange.send(200, io.idaas.views.metrics.ViewMetrics.CONTENT_TYPE, service.metrics().scrape());
        } else if (path.equals("/openapi.json")) {
            send(exchange, new Response(200, null, OPENAPI));
        } else {
            send(exchange, error(404, "unknown path " + path + "; the views' API serves " + String.join(", ", ROUTES)
                    + " (described in /openapi.json)"));
        }
    }

    private static byte[] openApi() {
        try (java.io.InputStream in = ViewHttpServer.class.getResourceAsStream("openapi.json")) {
            if (in == null) {
                throw new IllegalStateException("openapi.json is missing next to " + ViewHttpServer.class.getName()
                        + " in the jar; rebuild streams-apps");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("openapi.json cannot be read from the jar", e);
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    private void handle(Exchange exchange) {
        ViewService service = services.get();
        respond(exchange, service, () -> {
            if (!exchange.method().equals("GET")) {
                return error(405, "only GET is served; the views are read-only");
            }
            String path = exchange.rawPath();
            int end = path.length();
            while (end > 1 && path.charAt(end - 1) == '/') {
                end--;
            }
            String[] parts = path.substring(0, end).split("/");
            Map<String, String> query = query(exchange.rawQuery());
            if (parts.length == 2) {
                return new Response(200, list(service));
            }
            String name = URIUtil.decodePath(parts[2]);
            Optional<ViewDeclaration> view = service.view(name);
            if (view.isEmpty()) {
                return error(404, "there is no view '" + name + "'; GET /views lists the views");
            }
            if (parts.length == 3) {
                // Reads the group's offsets and lags through the Admin client: on the waiting reads' threads.
                waiting.execute(() -> respond(exchange, service, () -> new Response(200, metadata(service, view.get()))));
                return null;
            } else if (parts.length == 4 && (parts[3].equals("key") || parts[3].equals("rows"))) {
                boolean key = parts[3].equals("key");
                if (!query.containsKey(AT_LEAST) && !query.containsKey(TIMEOUT_MS)) {
                    // Most reads: answered here, on one of the few request threads.
                    long started = System.nanoTime();
                    if (!key) {
                        return rows(service, view.get(), query);
                    }
                    Response local = key(service, view.get(), new LinkedHashMap<>(query), false);
                    if (local != null) {
                        lookedUp(service, view.get(), local, started);
                        return local;
                    }
                }
                // A read that waits for a token, or asks another instance: on the waiting reads' threads.
                waiting.execute(() -> respond(exchange, service, () -> {
                    Optional<Response> notYet = awaitToken(service, view.get(), query);
                    if (notYet.isPresent()) {
                        return notYet.get();
                    }
                    if (!key) {
                        return rows(service, view.get(), query);
                    }
                    long started = System.nanoTime();
                    Response answer = key(service, view.get(), query, true);
                    lookedUp(service, view.get(), answer, started);
                    return answer;
                }));
                return null;
            } else {
                return error(404, "unknown path " + exchange.rawPath() + "; use /views/" + name
                        + ", /views/" + name + "/key?<key column>=<value> or /views/" + name + "/rows");
            }
        });
    }

    /** Counts a key lookup that was answered (200: found, 404: no such row; an error is no lookup). */
    private static void lookedUp(ViewService service, ViewDeclaration v, Response answer, long startedNanos) {
        if (answer.status() == 200 || answer.status() == 404) {
            service.metrics().keyLookup(v.name(), System.nanoTime() - startedNanos, answer.status() == 200);
        }
    }

    /** Sends what {@code answer} gives ({@code null}: someone else answers), or the error it fails with. */
    private void respond(Exchange exchange, ViewService service, java.util.concurrent.Callable<Response> answer) {
        try {
            Response response = answer.call();
            if (response != null) {
                send(exchange, response);
            }
        } catch (ViewUnavailableException e) {
            send(exchange, error(503, e.getMessage()));
        } catch (org.apache.kafka.streams.errors.InvalidStateStoreException e) {
            send(exchange, error(503, "the view cannot be read on this instance now (Kafka Streams is " + service.state()
                    + "; its partitions may be moving after a rebalance): " + e.getMessage() + "; retry in a moment"));
        } catch (Exception e) {
            LOG.error("{} failed", exchange.describe(), e);
            send(exchange, error(500, "the view app failed: " + e));
        }
    }

    /**
     * {@code GET /health}: 200 while Kafka Streams runs, starts or rebalances; 503 once it failed or stopped (restart
     * the instance). For a liveness probe.
     */
    private void health(Exchange exchange) {
        ViewService service = services.get();
        ObjectNode body = JSON.createObjectNode();
        boolean up = service.healthy();
        body.put("status", up ? "UP" : "DOWN");
        body.put("state", service.state().name());
        send(exchange, new Response(up ? 200 : 503, body));
    }

    /**
     * {@code GET /ready}: 200 once Kafka Streams is RUNNING (the stores restored) and the app's warm-up is done; 503
     * before, and while partitions move after a rebalance. For a readiness probe: send reads only to a ready instance.
     */
    private void ready(Exchange exchange) {
        ViewService service = services.get();
        ObjectNode body = JSON.createObjectNode();
        boolean ready = service.ready();
        body.put("status", ready ? "READY" : "NOT_READY");
        body.put("state", service.state().name());
        body.put("warmed_up", service.isWarmedUp());
        send(exchange, new Response(ready ? 200 : 503, body));
    }

    /**
     * {@code GET /token?source=NAME}: the source's current position as a consistency token ({@code source} may be
     * left out when one source is declared).
     */
    private void token(Exchange exchange) {
        ViewService service = services.get();
        try {
            if (!exchange.method().equals("GET")) {
                send(exchange, error(405, "only GET is served"));
                return;
            }
            Optional<Consistency> consistency = service.consistency();
            if (consistency.isEmpty()) {
                send(exchange, error(404, "this view app declares no sources, so it gives no tokens; declare the source "
                        + "databases under 'sources' in the view file (streams-apps/README.md)"));
                return;
            }
            String source = query(exchange.rawQuery()).get("source");
            if (source == null && consistency.get().sources().size() == 1) {
                source = consistency.get().sources().iterator().next();
            }
            if (source == null) {
                send(exchange, error(400, "name the source: /token?source=<one of " + consistency.get().sources() + ">"));
                return;
            }
            ConsistencyToken token = consistency.get().token(source);
            ObjectNode body = JSON.createObjectNode();
            body.put("token", token.toString());
            body.put("source", token.source());
            body.put("position", token.position());
            send(exchange, new Response(200, body));
        } catch (IllegalArgumentException e) {
            send(exchange, error(404, e.getMessage()));
        } catch (java.sql.SQLException e) {
            send(exchange, error(503, "the source's position cannot be read now (" + e.getMessage() + "); retry, or check "
                    + "that the source database is up"));
        } catch (RuntimeException e) {
            LOG.error("{} failed", exchange.describe(), e);
            send(exchange, error(500, "the view app failed: " + e));
        }
    }

    /**
     * With {@code at_least=<token>}: waits up to {@code timeout_ms} until the view has applied the token. Empty when the
     * read may go on; else the answer: 400 for a bad token or timeout, 504 with how far behind the view is.
     */
    private Optional<Response> awaitToken(ViewService service, ViewDeclaration v, Map<String, String> query) {
        String tokenText = query.remove(AT_LEAST);
        String timeoutText = query.remove(TIMEOUT_MS);
        if (tokenText == null) {
            return timeoutText == null ? Optional.empty() : Optional.of(error(400, TIMEOUT_MS + " is given without "
                    + AT_LEAST + "; give the token to wait for as " + AT_LEAST + "=<token from GET /token>"));
        }
        long timeoutMs = DEFAULT_TIMEOUT_MS;
        if (timeoutText != null) {
            try {
                timeoutMs = Long.parseLong(timeoutText);
            } catch (NumberFormatException e) {
                timeoutMs = -1;
            }
            if (timeoutMs < 0 || timeoutMs > MAX_TIMEOUT_MS) {
                return Optional.of(error(400, TIMEOUT_MS + " is '" + timeoutText + "'; give milliseconds from 0 to " + MAX_TIMEOUT_MS));
            }
        }
        Optional<Consistency> consistency = service.consistency();
        if (consistency.isEmpty()) {
            return Optional.of(error(400, AT_LEAST + " needs the view app to declare the token's source under 'sources' in "
                    + "the view file; this one declares none"));
        }
        long waitStarted = System.nanoTime();
        try {
            long deadline = System.nanoTime() + timeoutMs * 1_000_000;
            ConsistencyToken token = null;
            Optional<Consistency.Behind> behind = Optional.empty();
            // One token per source, comma-separated: the read waits for each.
            for (String text : tokenText.split(",")) {
                token = ConsistencyToken.parse(text.trim());
                behind = consistency.get().await(v.name(), token, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
                if (behind.isPresent()) {
                    break;
                }
            }
            service.metrics().tokenWait(v.name(), System.nanoTime() - waitStarted, behind.isPresent());
            if (behind.isEmpty()) {
                return Optional.empty();
            }
            ObjectNode body = error(504, "timed out after " + timeoutMs + " ms: " + behind.get().message()
                    + "; retry, or give a longer " + TIMEOUT_MS).body();
            body.put("token", token.toString());
            body.put("stage", behind.get().stage());
            ObjectNode records = body.putObject("behind");
            behind.get().records().forEach(records::put);
            return Optional.of(new Response(504, body));
        } catch (IllegalArgumentException e) {
            return Optional.of(error(400, e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of(error(503, "the view app is stopping; retry on another instance"));
        }
    }

    private ObjectNode list(ViewService service) {
        ObjectNode out = JSON.createObjectNode();
        out.put("application_id", service.applicationId());
        ArrayNode views = out.putArray("views");
        service.views().forEach(v -> views.add(declaration(v)));
        return out;
    }

    private ObjectNode declaration(ViewDeclaration v) {
        ObjectNode node = JSON.createObjectNode();
        node.put("name", v.name());
        node.put("kind", v.kind().id());
        node.put("topic", v.topic());
        ArrayNode topics = node.putArray("source_topics");
        v.topics().forEach(topics::add);
        ObjectNode fields = node.putObject("fields");
        v.fields().forEach(fields::put);
        ArrayNode where = node.putArray("where");
        for (Condition c : v.where()) {
            ObjectNode w = where.addObject();
            w.put("field", c.field());
            w.put("op", c.op().id());
            if (c.value() != null) {
                w.set("value", c.value());
            }
        }
        return node;
    }

    private ObjectNode metadata(ViewService service, ViewDeclaration v) {
        ObjectNode node = declaration(v);
        node.put("state", service.state().name());
        ObjectNode positions = node.putObject("positions");
        service.positions(v.name()).forEach((p, pos) -> positions.put(String.valueOf(p), pos));
        ObjectNode lag = node.putObject("lag");
        service.lag(v.name()).forEach((p, l) -> lag.put(String.valueOf(p), l));
        if (service.consistency().isPresent()) {
            ObjectNode reflects = node.putObject("reflects");
            try {
                service.consistency().get().reflects(v.name()).forEach((source, token) -> reflects.put(source, token.toString()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        ArrayNode others = node.putArray("other_instances");
        service.otherInstances(v.name()).forEach(others::add);
        return node;
    }

    /**
     * One row by key. With {@code mayForward} false, {@code null} when the key's instance is another one (the caller
     * then asks again, on a thread that may wait for the other instance).
     */
    private Response key(ViewService service, ViewDeclaration v, Map<String, String> query, boolean mayForward) {
        boolean localOnly = query.remove(LOCAL_ONLY) != null;
        String exact = query.remove(EXACT_KEY);
        if (exact == null && query.isEmpty()) {
            return error(400, "no key given; write the primary-key columns as parameters: /views/" + v.name()
                    + "/key?id=7 (every key column; declare the view's key: [a, b] for a composite key), or the key's "
                    + "JSON as " + EXACT_KEY + "={\"id\":7}");
        }
        java.util.List<String> columns = service.keyColumns(v.name());
        if (exact != null) {
            try {
                exact = ViewKeys.exact(exact, columns);
            } catch (IllegalArgumentException e) {
                return error(400, "view '" + v.name() + "': " + e.getMessage() + "; give the key's JSON object, e.g. "
                        + EXACT_KEY + "=" + ViewKeys.example(columns));
            }
        } else if (!columns.isEmpty() && !query.keySet().equals(new java.util.HashSet<>(columns))) {
            java.util.List<String> unknown = new java.util.ArrayList<>(query.keySet());
            unknown.removeAll(columns);
            return error(400, "view '" + v.name() + "' is keyed by " + columns + ", not " + query.keySet()
                    + (unknown.isEmpty() ? "" : " (" + unknown + (unknown.size() == 1 ? " is not a key column" : " are not key columns") + ")")
                    + "; give exactly those columns, e.g. /views/" + v.name() + "/key?" + String.join("=7&", columns) + "=7");
        }
        java.util.List<String> candidates = exact != null ? java.util.List.of(exact) : ViewKeys.candidates(query, v.key().isEmpty() ? columns : v.key());
        for (String key : candidates) {
            Optional<String> owner = localOnly ? Optional.empty() : service.owner(v.name(), key);
            if (owner.isPresent()) {
                if (!mayForward) {
                    return null;
                }
                Optional<Response> answer = forward(owner.get(), v.name(), key);
                if (answer.isPresent()) {
                    return answer.get();
                }
                continue;
            }
            Optional<ViewRow> row = service.get(v.name(), key);
            if (row.isPresent()) {
                return new Response(200, null, ROWS.row(v.name(), key, row.get()));
            }
        }
        return error(404, "view '" + v.name() + "' has no row with key " + String.join(" or ", candidates)
                + " (absent, deleted, or filtered out by the view's where)");
    }

    /**
     * Asks the instance holding the key; empty when it does not have the row.
     *
     * @throws ViewUnavailableException when it does not answer, or cannot read the view now (503)
     */
    private Optional<Response> forward(String host, String view, String key) {
        URI uri = URI.create("http://" + host + "/views/" + java.net.URLEncoder.encode(view, StandardCharsets.UTF_8) + "/key?"
                + EXACT_KEY + "=" + java.net.URLEncoder.encode(key, StandardCharsets.UTF_8) + "&" + LOCAL_ONLY + "=true");
        try {
            HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() == 404) {
                return Optional.empty();
            }
            return Optional.of(new Response(r.statusCode(), null, r.body())); // the other instance's JSON, as it is
        } catch (IOException e) {
            LOG.warn("instance {} did not answer for view {}: {}", host, view, e.toString());
            throw new ViewUnavailableException("the instance holding key " + key + " of view '" + view + "' (" + host
                    + ") does not answer (" + e + "); if it stopped, its partitions move to the other instances after "
                    + "the group notices (session.timeout.ms): retry", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ViewUnavailableException("interrupted while asking " + host + "; retry", e);
        }
    }

    private Response rows(ViewService service, ViewDeclaration v, Map<String, String> query) {
        int limit = 100;
        String limitText = query.get("limit");
        if (limitText != null) {
            try {
                limit = Integer.parseInt(limitText);
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > MAX_LIMIT) {
                return error(400, "limit is '" + limitText + "'; give a whole number from 1 to " + MAX_LIMIT);
            }
        }
        long started = System.nanoTime();
        ViewService.Page page = service.page(v.name(), query.get("from"), query.get("to"), query.get("prefix"), limit);
        service.metrics().rowPage(v.name(), System.nanoTime() - started, page.rows().size());
        return new Response(200, null, ROWS.page(v.name(), page));
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> params = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.put(k, v);
        }
        return params;
    }

    /** An answer: a tree, or JSON already written ({@code json}, then {@code body} is {@code null}). */
    private record Response(int status, ObjectNode body, byte[] json) {
        Response(int status, ObjectNode body) {
            this(status, body, null);
        }
    }

    private static Response error(int status, String message) {
        ObjectNode body = JSON.createObjectNode();
        body.put("error_code", status);
        body.put("message", message);
        return new Response(status, body);
    }

    private static void send(Exchange exchange, Response response) {
        byte[] bytes = response.json();
        if (bytes == null) {
            try {
                bytes = JSON.writeValueAsBytes(response.body());
            } catch (IOException e) {
                throw new IllegalStateException("an answer cannot be written as JSON: " + e, e); // a tree always can
            }
        }
        exchange.send(response.status(), bytes);
    }
}
