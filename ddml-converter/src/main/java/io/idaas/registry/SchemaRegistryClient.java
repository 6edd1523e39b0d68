package io.idaas.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A client of the Confluent Schema Registry REST API for Avro schemas, on {@code java.net.http}. It works against
 * Confluent Schema Registry, Karapace, Redpanda, Apicurio's Confluent-compatible API and idaas's embedded registry.
 *
 * <p>Schemas by id are cached (ids are immutable), as are the ids of schemas this client registered; everything
 * else asks the registry each time. Every refusal is a {@link SchemaRegistryException} with the HTTP status, the
 * registry's error code and message, and the subject. Instances are thread-safe.
 */
public final class SchemaRegistryClient {

    /** The content type of the API's requests and responses. */
    public static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final String ACCEPT = CONTENT_TYPE + ", application/vnd.schemaregistry+json; q=0.9, application/json; q=0.5";
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private final ObjectMapper json = new ObjectMapper();
    private final String baseUrl;
    private final Duration timeout;
    private final HttpClient http;
    /** The {@code Authorization} header of every request; {@code null}: none. */
    private final String authorization;
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
    private final Map<SubjectSchema, Integer> registeredIds = new ConcurrentHashMap<>();

    private record SubjectSchema(String subject, Schema schema) {
    }

    /** A client of the registry at {@code baseUrl}, such as {@code http://127.0.0.1:8081}, with 30 s timeouts. */
    public SchemaRegistryClient(String baseUrl) {
        this(baseUrl, DEFAULT_TIMEOUT);
    }

    /**
     * @param baseUrl the registry's URL, such as {@code http://127.0.0.1:8081}; a trailing slash is ignored
     * @param timeout the connect timeout and the timeout of each request
     */
    public SchemaRegistryClient(String baseUrl, Duration timeout) {
        this(baseUrl, timeout, null, null);
    }

    /**
     * @param baseUrl    the registry's URL, such as {@code https://registry:8081}; a trailing slash is ignored
     * @param timeout    the connect timeout and the timeout of each request
     * @param userInfo   {@code user:password} sent with every request as HTTP Basic authentication
     *                   ({@code Authorization: Basic ...}); {@code null}: none
     * @param sslContext the TLS context of {@code https} URLs (trust store, and key store for client certificates);
     *                   {@code null}: the JVM's default
     */
    public SchemaRegistryClient(String baseUrl, Duration timeout, String userInfo, javax.net.ssl.SSLContext sslContext) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.timeout = timeout;
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(timeout);
        if (sslContext != null) {
            builder.sslContext(sslContext);
        }
        this.http = builder.build();
        this.authorization = userInfo == null ? null
                : "Basic " + java.util.Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
    }

    /** The default request timeout. */
    public static Duration defaultTimeout() {
        return DEFAULT_TIMEOUT;
    }

    /** The registry's URL, without a trailing slash. */
    public String baseUrl() {
        return baseUrl;
    }

    /**
     * Registers {@code schema} under {@code subject} ({@code POST /subjects/{subject}/versions}), or finds it
     * registered already.
     *
     * @return the registry-wide id of the schema; the same schema under another subject has the same id
     * @throws SchemaRegistryException 409 when the schema is incompatible with earlier versions, 42201 when invalid
     */
    public int register(String subject, Schema schema) {
        SubjectSchema key = new SubjectSchema(subject, schema);
        Integer known = registeredIds.get(key);
        if (known != null) {
            return known;
        }
        int id = call("POST", "/subjects/" + encode(subject) + "/versions", schemaBody(schema), "register a schema", subject).path("id").asInt();
        registeredIds.put(key, id);
        schemasById.putIfAbsent(id, schema);
        return id;
    }

    /**
     * Finds {@code schema} among the versions of {@code subject} ({@code POST /subjects/{subject}}).
     *
     * @throws SchemaRegistryException 40401 when the subject is unknown, 40403 when the schema is not under it
     */
    public RegisteredSchema lookup(String subject, Schema schema) {
        return registered(call("POST", "/subjects/" + encode(subject), schemaBody(schema), "look up a schema", subject), subject);
    }

    /**
     * The schema with this registry-wide id ({@code GET /schemas/ids/{id}}), cached once fetched.
     *
     * @throws SchemaRegistryException 40403 when no schema has this id
     */
    public Schema schemaById(int id) {
        Schema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        JsonNode body = call("GET", "/schemas/ids/" + id, null, "fetch schema id " + id, null);
        Schema schema = parse(body.path("schema").asText(), "schema id " + id);
        Schema raced = schemasById.putIfAbsent(id, schema);
        return raced != null ? raced : schema;
    }

    /** The latest version of {@code subject} ({@code GET /subjects/{subject}/versions/latest}). */
    public RegisteredSchema latest(String subject) {
        return registered(call("GET", "/subjects/" + encode(subject) + "/versions/latest", null, "fetch the latest version", subject), subject);
    }

    /**
     * Version {@code version} of {@code subject} ({@code GET /subjects/{subject}/versions/{version}}).
     *
     * @throws SchemaRegistryException 40401 when the subject is unknown, 40402 when the version is
     */
    public RegisteredSchema version(String subject, int version) {
        return registered(call("GET", "/subjects/" + encode(subject) + "/versions/" + version, null, "fetch version " + version, subject), subject);
    }

    /** Every subject, in the registry's order ({@code GET /subjects}). */
    public List<String> subjects() {
        List<String> subjects = new ArrayList<>();
        call("GET", "/subjects", null, "list subjects", null).forEach(s -> subjects.add(s.asText()));
        return subjects;
    }

    /** The versions of {@code subject}, oldest first ({@code GET /subjects/{subject}/versions}). */
    public List<Integer> versions(String subject) {
        return ints(call("GET", "/subjects/" + encode(subject) + "/versions", null, "list versions", subject));
    }

    /**
     * Whether {@code schema} could be registered after the latest version of {@code subject}, under the subject's
     * compatibility level ({@code POST /compatibility/subjects/{subject}/versions/latest}).
     */
    public boolean testCompatibility(String subject, Schema schema) {
        return call("POST", "/compatibility/subjects/" + encode(subject) + "/versions/latest", schemaBody(schema),
                "test compatibility", subject).path("is_compatible").asBoolean();
    }

    /** The registry-wide compatibility level ({@code GET /config}). */
    public CompatibilityLevel getCompatibility() {
        return level(call("GET", "/config", null, "read the global compatibility level", null));
    }

    /**
     * The compatibility level set on {@code subject} itself ({@code GET /config/{subject}}), or empty when the
     * subject follows the global level.
     */
    public Optional<CompatibilityLevel> getCompatibility(String subject) {
        try {
            return Optional.of(level(call("GET", "/config/" + encode(subject), null, "read the compatibility level", subject)));
        } catch (SchemaRegistryException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Sets the registry-wide compatibility level ({@code PUT /config}). */
    public void setCompatibility(CompatibilityLevel level) {
        call("PUT", "/config", compatibilityBody(level), "set the global compatibility level", null);
    }

    /** Sets the compatibility level of {@code subject}, which then overrides the global one ({@code PUT /config/{subject}}). */
    public void setCompatibility(String subject, CompatibilityLevel level) {
        call("PUT", "/config/" + encode(subject), compatibilityBody(level), "set the compatibility level", subject);
    }

    /**
     * Deletes {@code subject} ({@code DELETE /subjects/{subject}}): a soft delete, which keeps its schemas' ids
     * readable.
     *
     * @return the versions deleted
     */
    public List<Integer> deleteSubject(String subject) {
        registeredIds.keySet().removeIf(k -> k.subject().equals(subject));
        return ints(call("DELETE", "/subjects/" + encode(subject), null, "delete the subject", subject));
    }

    private RegisteredSchema registered(JsonNode body, String subject) {
        int id = body.path("id").asInt();
        Schema schema = parse(body.path("schema").asText(), "schema id " + id + " of subject '" + subject + "'");
        schemasById.putIfAbsent(id, schema);
        return new RegisteredSchema(body.path("subject").asText(subject), id, body.path("version").asInt(), schema);
    }

    private ObjectNode schemaBody(Schema schema) {
        // No schemaType: AVRO is the default, and registries older than Confluent 5.5 know no other.
        return json.createObjectNode().put("schema", schema.toString());
    }

    private ObjectNode compatibilityBody(CompatibilityLevel level) {
        return json.createObjectNode().put("compatibility", level.name());
    }

    private static CompatibilityLevel level(JsonNode body) {
        JsonNode level = body.has("compatibilityLevel") ? body.get("compatibilityLevel") : body.path("compatibility");
        return CompatibilityLevel.parse(level.asText());
    }

    private static List<Integer> ints(JsonNode array) {
        List<Integer> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asInt()));
        return values;
    }

    private Schema parse(String text, String what) {
        try {
            return new Schema.Parser().parse(text);
        } catch (SchemaParseException e) {
            throw new IllegalStateException("the schema registry at " + baseUrl + " returned " + what + " that is not a valid Avro schema: "
                    + e.getMessage(), e);
        }
    }

    private static String encode(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** One request; a 2xx answer's JSON body, or a {@link SchemaRegistryException} with the registry's error. */
    private JsonNode call(String method, String path, JsonNode body, String operation, String subject) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(timeout)
                .header("Accept", ACCEPT);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", CONTENT_TYPE).method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new SchemaRegistryException(operation + " at " + baseUrl, subject, SchemaRegistryException.UNREACHABLE,
                    SchemaRegistryException.UNREACHABLE, e.toString(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryException(operation + " at " + baseUrl, subject, SchemaRegistryException.UNREACHABLE,
                    SchemaRegistryException.UNREACHABLE, "interrupted", e);
        }
        JsonNode answer = readJson(response.body());
        if (response.statusCode() / 100 != 2) {
            int code = answer != null && answer.has("error_code") ? answer.get("error_code").asInt() : response.statusCode();
            String message = answer != null && answer.has("message") ? answer.get("message").asText() : response.body();
            if (response.statusCode() == 401 || response.statusCode() == 403) {
                message = message + " (the registry at " + baseUrl + " refused " + (authorization == null ? "a request without credentials: set "
                        + "basic.auth.credentials.source=USER_INFO and basic.auth.user.info=<user>:<password>"
                        : "the credentials: check basic.auth.user.info, or the user's rights on the subject") + ")";
            }
            throw new SchemaRegistryException(operation, subject, response.statusCode(), code, message, null);
        }
        if (answer == null) {
            throw new SchemaRegistryException(operation, subject, response.statusCode(), response.statusCode(),
                    "the answer is not JSON: " + abbreviate(response.body()), null);
        }
        return answer;
    }

    private JsonNode readJson(String text) {
        try {
            return text == null || text.isBlank() ? null : json.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }
}
