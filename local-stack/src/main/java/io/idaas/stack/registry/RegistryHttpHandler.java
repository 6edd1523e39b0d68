package io.idaas.stack.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.idaas.registry.CompatibilityLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Confluent Schema Registry REST API over a {@link SchemaStore}: routes each request by method and path, reads
 * its JSON body, and answers JSON in {@code application/vnd.schemaregistry.v1+json}, or
 * {@code {"error_code": ..., "message": ...}} with the HTTP status of the refusal.
 */
final class RegistryHttpHandler implements HttpHandler {

    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final Logger LOG = LoggerFactory.getLogger(RegistryHttpHandler.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SchemaStore store;

    RegistryHttpHandler(SchemaStore store) {
        this.store = store;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            int status = 200;
            Object answer;
            try {
                answer = route(new Call(exchange));
            } catch (RegistryError e) {
                status = e.status();
                answer = JSON.createObjectNode().put("error_code", e.errorCode()).put("message", e.getMessage());
            } catch (RuntimeException e) {
                LOG.error("schema registry: {} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
                status = 500;
                answer = JSON.createObjectNode().put("error_code", 50001).put("message", "Error in the backend data store: " + e);
            }
            byte[] body = JSON.writeValueAsBytes(answer);
            exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } finally {
            exchange.close();
        }
    }

    /** One request: its method, decoded path segments, query parameters and body. */
    private record Call(String method, List<String> path, Map<String, String> query, HttpExchange exchange) {
        Call(HttpExchange exchange) {
            this(exchange.getRequestMethod(), segments(exchange.getRequestURI().getRawPath()), query(exchange.getRequestURI().getRawQuery()), exchange);
        }

        String at(int i) {
            return path.get(i);
        }

        boolean flag(String name) {
            return "true".equalsIgnoreCase(query.get(name));
        }

        JsonNode body() {
            try (InputStream in = exchange.getRequestBody()) {
                byte[] bytes = in.readAllBytes();
                if (bytes.length == 0) {
                    throw RegistryError.badRequest("The request has no body; it needs a JSON object");
                }
                JsonNode node = JSON.readTree(bytes);
                if (!node.isObject()) {
                    throw RegistryError.badRequest("The request body is not a JSON object");
                }
                return node;
            } catch (JsonProcessingException e) {
                throw RegistryError.badRequest("The request body is not JSON: " + e.getOriginalMessage());
            } catch (IOException e) {
                throw RegistryError.badRequest("Cannot read the request body: " + e.getMessage());
            }
        }

        private static List<String> segments(String rawPath) {
            List<String> segments = new ArrayList<>();
            for (String raw : rawPath.split("/")) {
                if (!raw.isEmpty()) {
                    segments.add(decode(raw));
                }
            }
            return segments;
        }

        private static Map<String, String> query(String rawQuery) {
            Map<String, String> query = new HashMap<>();
            if (rawQuery != null) {
                for (String pair : rawQuery.split("&")) {
                    int eq = pair.indexOf('=');
                    query.put(decode(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? "" : decode(pair.substring(eq + 1)));
                }
            }
            return query;
        }

        /** Percent-decoding of a path segment, where '+' stays '+'. */
        private static String decode(String raw) {
            return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        }
    }

    private Object route(Call call) {
        List<String> p = call.path();
        if (p.isEmpty()) {
            return expect(call, "GET", JSON.createObjectNode());
        }
        return switch (p.get(0)) {
            case "subjects" -> subjects(call);
            case "schemas" -> schemas(call);
            case "config" -> config(call);
            case "compatibility" -> compatibility(call);
            default -> throw notFound();
        };
    }

    private Object subjects(Call call) {
        List<String> p = call.path();
        boolean deleted = call.flag("deleted");
        if (p.size() == 1) {
            return expect(call, "GET", store.subjects(deleted));
        }
        String subject = call.at(1);
        if (p.size() == 2) {
            return switch (call.method()) {
                case "POST" -> versionJson(store.lookup(subject, schemaText(call.body()), deleted));
                case "DELETE" -> store.deleteSubject(subject, call.flag("permanent"));
                default -> throw methodNotAllowed();
            };
        }
        if (!p.get(2).equals("versions") || p.size() > 5) {
            throw notFound();
        }
        if (p.size() == 3) {
            return switch (call.method()) {
                case "GET" -> store.versions(subject, deleted);
                case "POST" -> JSON.createObjectNode().put("id", store.register(subject, schemaText(call.body())));
                default -> throw methodNotAllowed();
            };
        }
        String version = call.at(3);
        if (p.size() == 5) {
            if (!p.get(4).equals("schema")) {
                throw notFound();
            }
            return expect(call, "GET", rawSchema(store.version(subject, version, deleted).schema()));
        }
        return switch (call.method()) {
            case "GET" -> versionJson(store.version(subject, version, deleted));
            case "DELETE" -> store.deleteVersion(subject, version, call.flag("permanent"));
            default -> throw methodNotAllowed();
        };
    }

    private Object schemas(Call call) {
        List<String> p = call.path();
        if (p.size() == 2 && p.get(1).equals("types")) {
            return expect(call, "GET", List.of("AVRO"));
        }
        if (p.size() < 3 || p.size() > 4 || !p.get(1).equals("ids")) {
            throw notFound();
        }
        int id;
        try {
            id = Integer.parseInt(p.get(2));
        } catch (NumberFormatException e) {
            throw RegistryError.schemaNotFound("'" + p.get(2) + "' is not a schema id");
        }
        if (p.size() == 3) {
            return expect(call, "GET", JSON.createObjectNode().put("schema", store.schemaById(id)));
        }
        return switch (p.get(3)) {
            case "schema" -> expect(call, "GET", rawSchema(store.schemaById(id)));
            case "subjects" -> expect(call, "GET", store.usesOf(id).stream().map(SchemaStore.Found::subject).distinct().toList());
            case "versions" -> expect(call, "GET", store.usesOf(id).stream()
                    .map(f -> JSON.createObjectNode().put("subject", f.subject()).put("version", f.version())).toList());
            default -> throw notFound();
        };
    }

    private Object config(Call call) {
        List<String> p = call.path();
        if (p.size() == 1) {
            return switch (call.method()) {
                case "GET" -> levelJson("compatibilityLevel", store.globalLevel());
                case "PUT" -> {
                    CompatibilityLevel level = level(call.body());
                    store.setGlobalLevel(level);
                    yield levelJson("compatibility", level);
                }
                default -> throw methodNotAllowed();
            };
        }
        if (p.size() != 2) {
            throw notFound();
        }
        String subject = call.at(1);
        return switch (call.method()) {
            case "GET" -> levelJson("compatibilityLevel", call.flag("defaultToGlobal")
                    ? store.subjectLevel(subject).orElseGet(store::globalLevel)
                    : store.subjectLevel(subject).orElseThrow(() -> RegistryError.subjectCompatibilityNotConfigured(subject)));
            case "PUT" -> {
                CompatibilityLevel level = level(call.body());
                store.setSubjectLevel(subject, level);
                yield levelJson("compatibility", level);
            }
            case "DELETE" -> levelJson("compatibilityLevel", store.deleteSubjectLevel(subject));
            default -> throw methodNotAllowed();
        };
    }

    private Object compatibility(Call call) {
        List<String> p = call.path();
        if (p.size() < 4 || p.size() > 5 || !p.get(1).equals("subjects") || !p.get(3).equals("versions")) {
            throw notFound();
        }
        if (!call.method().equals("POST")) {
            throw methodNotAllowed();
        }
        List<String> problems = store.compatibilityProblems(call.at(2), p.size() == 5 ? call.at(4) : null, schemaText(call.body()));
        ObjectNode answer = JSON.createObjectNode().put("is_compatible", problems.isEmpty());
        if (call.flag("verbose")) {
            ArrayNode messages = answer.putArray("messages");
            problems.forEach(messages::add);
        }
        return answer;
    }

    /** The schema of a register, lookup or compatibility request; only Avro, without references. */
    private static String schemaText(JsonNode body) {
        String type = body.path("schemaType").asText("AVRO");
        if (!type.isEmpty() && !type.equalsIgnoreCase("AVRO")) {
            throw RegistryError.invalidSchema("Invalid schema type " + type + ": the embedded registry holds AVRO schemas only");
        }
        if (body.path("references").size() > 0) {
            throw RegistryError.invalidSchema("Schema references are not supported by the embedded registry");
        }
        return body.path("schema").isTextual() ? body.get("schema").asText() : null;
    }

    private static CompatibilityLevel level(JsonNode body) {
        JsonNode node = body.has("compatibility") ? body.get("compatibility") : body.path("compatibilityLevel");
        try {
            return CompatibilityLevel.parse(node.asText(null));
        } catch (IllegalArgumentException e) {
            throw RegistryError.invalidCompatibility(node.asText(""), CompatibilityLevel.names());
        }
    }

    private static ObjectNode versionJson(SchemaStore.Found found) {
        return JSON.createObjectNode().put("subject", found.subject()).put("version", found.version()).put("id", found.id())
                .put("schema", found.schema());
    }

    private static ObjectNode levelJson(String field, CompatibilityLevel level) {
        return JSON.createObjectNode().put(field, level.name());
    }

    private static JsonNode rawSchema(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException("a stored schema is not JSON: " + text, e);
        }
    }

    private static Object expect(Call call, String method, Object answer) {
        if (!call.method().equals(method)) {
            throw methodNotAllowed();
        }
        return answer;
    }

    private static RegistryError notFound() {
        return new RegistryError(404, 404, "HTTP 404 Not Found");
    }

    private static RegistryError methodNotAllowed() {
        return new RegistryError(405, 405, "HTTP 405 Method Not Allowed");
    }
}
