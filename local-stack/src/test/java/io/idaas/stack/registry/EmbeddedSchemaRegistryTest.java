package io.idaas.stack.registry;

import io.idaas.registry.CompatibilityLevel;
import io.idaas.registry.RegisteredSchema;
import io.idaas.registry.SchemaRegistryClient;
import io.idaas.registry.SchemaRegistryException;
import io.idaas.stack.Component;
import io.idaas.stack.Endpoint;
import io.idaas.stack.LocalStack;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** idaas's registry client against the embedded registry, over real HTTP. */
class EmbeddedSchemaRegistryTest {

    static final Schema V1 = schema("""
            {"type":"record","name":"Order","namespace":"shop","fields":[
              {"name":"id","type":"long"},{"name":"customer","type":"string"}]}""");
    static final Schema V2_WITH_DEFAULT = schema("""
            {"type":"record","name":"Order","namespace":"shop","fields":[
              {"name":"id","type":"long"},{"name":"customer","type":"string"},
              {"name":"currency","type":"string","default":"EUR"}]}""");
    static final Schema V2_WITHOUT_DEFAULT = schema("""
            {"type":"record","name":"Order","namespace":"shop","fields":[
              {"name":"id","type":"long"},{"name":"customer","type":"string"},{"name":"email","type":"string"}]}""");

    @TempDir
    Path dir;
    EmbeddedSchemaRegistry registry;
    SchemaRegistryClient client;

    static Schema schema(String json) {
        return new Schema.Parser().parse(json);
    }

    @BeforeEach
    void start() {
        registry = new EmbeddedSchemaRegistry(dir.resolve("registry"), 0);
        registry.start();
        client = new SchemaRegistryClient(registry.url());
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    @Test
    void registersAndReadsBackByIdSubjectAndVersion() {
        int id = client.register("orders-value", V1);

        assertThat(new SchemaRegistryClient(registry.url()).schemaById(id)).isEqualTo(V1);
        assertThat(client.subjects()).containsExactly("orders-value");
        assertThat(client.versions("orders-value")).containsExactly(1);
        assertThat(client.latest("orders-value")).isEqualTo(new RegisteredSchema("orders-value", id, 1, V1));
        assertThat(client.version("orders-value", 1).id()).isEqualTo(id);
        assertThat(client.lookup("orders-value", V1)).isEqualTo(new RegisteredSchema("orders-value", id, 1, V1));
    }

    @Test
    void theSameSchemaTwiceKeepsItsIdAndVersionAndAnotherSubjectSharesTheGlobalId() {
        int first = client.register("orders-value", V1);
        int again = new SchemaRegistryClient(registry.url()).register("orders-value", V1); // no client cache
        int elsewhere = client.register("archive-value", V1);

        assertThat(again).isEqualTo(first);
        assertThat(elsewhere).isEqualTo(first);
        assertThat(client.versions("orders-value")).containsExactly(1);
        assertThat(client.version("archive-value", 1).id()).isEqualTo(first);
        assertThat(client.register("other-value", V2_WITH_DEFAULT)).isNotEqualTo(first);
    }

    @Test
    void backwardAcceptsAFieldWithADefaultAndRefusesOneWithout() {
        int v1 = client.register("orders-value", V1);
        assertThat(client.getCompatibility()).isEqualTo(CompatibilityLevel.BACKWARD);
        assertThat(client.testCompatibility("orders-value", V2_WITH_DEFAULT)).isTrue();
        assertThat(client.testCompatibility("orders-value", V2_WITHOUT_DEFAULT)).isFalse();

        int v2 = client.register("orders-value", V2_WITH_DEFAULT);
        assertThat(v2).isNotEqualTo(v1);
        assertThat(client.latest("orders-value").version()).isEqualTo(2);

        assertThatThrownBy(() -> client.register("orders-value", V2_WITHOUT_DEFAULT))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.errorCode()).isEqualTo(409);
                    assertThat(e.subject()).isEqualTo("orders-value");
                    assertThat(e.registryMessage()).contains("incompatible with an earlier schema for subject \"orders-value\"",
                            "READER_FIELD_MISSING_DEFAULT_VALUE", "'email'");
                })
                .hasMessageStartingWith("schema registry refused subject 'orders-value' (register a schema): HTTP 409 (error 409): "
                        + "Schema being registered is incompatible");
    }

    @Test
    void aSubjectsOwnLevelOverridesTheGlobalOne() {
        client.register("orders-value", V1);
        client.register("audit-value", V1);
        client.setCompatibility(CompatibilityLevel.FULL);
        client.setCompatibility("audit-value", CompatibilityLevel.NONE);

        assertThat(client.getCompatibility()).isEqualTo(CompatibilityLevel.FULL);
        assertThat(client.getCompatibility("audit-value")).contains(CompatibilityLevel.NONE);
        assertThat(client.getCompatibility("orders-value")).isEmpty();
        assertThat(client.register("audit-value", V2_WITHOUT_DEFAULT)).isPositive();
        assertThatThrownBy(() -> client.register("orders-value", V2_WITHOUT_DEFAULT))
                .hasMessageContaining("(compatibility FULL)");
    }

    @Test
    void forwardChecksTheOtherDirection() {
        client.setCompatibility("orders-value", CompatibilityLevel.FORWARD);
        client.register("orders-value", V1);
        // Old readers ignore a new field, with or without a default.
        assertThat(client.testCompatibility("orders-value", V2_WITHOUT_DEFAULT)).isTrue();
        client.register("orders-value", V2_WITHOUT_DEFAULT);
        // Removing the field breaks readers of version 2, which have no default for it.
        assertThat(client.testCompatibility("orders-value", V1)).isFalse();
    }

    @Test
    void unknownSchemasSubjectsAndVersionsAnswerConfluentsCodes() {
        client.register("orders-value", V1);

        assertThat(refusal(() -> client.lookup("orders-value", V2_WITH_DEFAULT)).errorCode()).isEqualTo(40403);
        assertThat(refusal(() -> client.lookup("nothing-value", V1)).errorCode()).isEqualTo(40401);
        assertThat(refusal(() -> client.latest("nothing-value")).errorCode()).isEqualTo(40401);
        assertThat(refusal(() -> client.version("orders-value", 7)).errorCode()).isEqualTo(40402);
        SchemaRegistryException noId = refusal(() -> client.schemaById(999));
        assertThat(noId.errorCode()).isEqualTo(40403);
        assertThat(noId.status()).isEqualTo(404);
    }

    @Test
    void invalidSchemasAndLevelsAreRefusedWith422() throws Exception {
        HttpResponse<String> badSchema = send("POST", "/subjects/orders-value/versions",
                "{\"schema\":\"{\\\"type\\\":\\\"record\\\",\\\"name\\\":\\\"X\\\",\\\"fields\\\":[{\\\"name\\\":\\\"a\\\",\\\"type\\\":\\\"nope\\\"}]}\"}");
        assertThat(badSchema.statusCode()).isEqualTo(422);
        assertThat(badSchema.headers().firstValue("Content-Type")).contains(SchemaRegistryClient.CONTENT_TYPE);
        assertThat(badSchema.body()).contains("\"error_code\":42201", "nope");

        HttpResponse<String> badDefault = send("POST", "/subjects/orders-value/versions",
                "{\"schema\":\"{\\\"type\\\":\\\"record\\\",\\\"name\\\":\\\"X\\\",\\\"fields\\\":[{\\\"name\\\":\\\"a\\\",\\\"type\\\":\\\"int\\\",\\\"default\\\":\\\"x\\\"}]}\"}");
        assertThat(badDefault.body()).contains("\"error_code\":42201");

        HttpResponse<String> badLevel = send("PUT", "/config", "{\"compatibility\":\"SOMETIMES\"}");
        assertThat(badLevel.statusCode()).isEqualTo(422);
        assertThat(badLevel.body()).contains("\"error_code\":42203", "SOMETIMES");

        HttpResponse<String> badVersion = send("GET", "/subjects/orders-value/versions/first", null);
        assertThat(badVersion.body()).contains("\"error_code\":42202");
    }

    @Test
    void restApiShapesMatchConfluents() throws Exception {
        client.register("orders-value", V1);

        assertThat(send("GET", "/schemas/types", null).body()).isEqualTo("[\"AVRO\"]");
        assertThat(send("GET", "/schemas/ids/1", null).body()).isEqualTo("{\"schema\":" + quoted(V1.toString()) + "}");
        assertThat(schema(send("GET", "/schemas/ids/1/schema", null).body())).isEqualTo(V1);
        assertThat(send("GET", "/subjects/orders-value/versions/latest", null).body())
                .isEqualTo("{\"subject\":\"orders-value\",\"version\":1,\"id\":1,\"schema\":" + quoted(V1.toString()) + "}");
        assertThat(send("GET", "/config", null).body()).isEqualTo("{\"compatibilityLevel\":\"BACKWARD\"}");
        assertThat(send("PUT", "/config/orders-value", "{\"compatibility\":\"FULL\"}").body()).isEqualTo("{\"compatibility\":\"FULL\"}");
        HttpResponse<String> noLevel = send("GET", "/config/archive-value", null);
        assertThat(noLevel.statusCode()).isEqualTo(404);
        assertThat(noLevel.body()).contains("\"error_code\":40408");
        assertThat(send("GET", "/config/archive-value?defaultToGlobal=true", null).body()).isEqualTo("{\"compatibilityLevel\":\"BACKWARD\"}");
        assertThat(send("POST", "/compatibility/subjects/orders-value/versions/latest?verbose=true",
                "{\"schema\":" + quoted(V2_WITHOUT_DEFAULT.toString()) + "}").body())
                .startsWith("{\"is_compatible\":false,\"messages\":[\"the new schema cannot read data written with version 1 (id 1)");
        assertThat(send("GET", "/nowhere", null).statusCode()).isEqualTo(404);
        assertThat(send("PATCH", "/subjects", null).statusCode()).isEqualTo(405);
    }

    @Test
    void deletesAreSoftUnlessPermanentAndIdsStayReadable() throws Exception {
        int id = client.register("orders-value", V1);
        client.register("orders-value", V2_WITH_DEFAULT);

        assertThat(send("DELETE", "/subjects/orders-value/versions/2", null).body()).isEqualTo("2");
        assertThat(client.versions("orders-value")).containsExactly(1);
        assertThat(client.deleteSubject("orders-value")).containsExactly(1);
        assertThat(client.subjects()).isEmpty();
        assertThat(send("GET", "/subjects?deleted=true", null).body()).isEqualTo("[\"orders-value\"]");
        assertThat(client.schemaById(id)).isEqualTo(V1);
        assertThat(refusal(() -> client.deleteSubject("orders-value")).errorCode()).isEqualTo(40404);
        assertThat(send("DELETE", "/subjects/orders-value?permanent=true", null).body()).isEqualTo("[1,2]");
        assertThat(send("GET", "/subjects?deleted=true", null).body()).isEqualTo("[]");

        assertThat(client.register("orders-value", V1)).as("the same schema keeps its id after deletes").isEqualTo(id);
        assertThat(client.versions("orders-value")).containsExactly(1);
    }

    @Test
    void aRestartOnTheSameFolderKeepsSubjectsIdsAndLevels() {
        int v1 = client.register("orders-value", V1);
        int v2 = client.register("orders-value", V2_WITH_DEFAULT);
        client.setCompatibility("orders-value", CompatibilityLevel.FULL_TRANSITIVE);
        registry.close();
        assertThat(dir.resolve("registry").resolve(EmbeddedSchemaRegistry.STATE_FILE)).exists();

        registry = new EmbeddedSchemaRegistry(dir.resolve("registry"), 0);
        registry.start();
        SchemaRegistryClient fresh = new SchemaRegistryClient(registry.url());

        assertThat(fresh.versions("orders-value")).containsExactly(1, 2);
        assertThat(fresh.schemaById(v1)).isEqualTo(V1);
        assertThat(fresh.lookup("orders-value", V2_WITH_DEFAULT).id()).isEqualTo(v2);
        assertThat(fresh.getCompatibility("orders-value")).contains(CompatibilityLevel.FULL_TRANSITIVE);
        assertThat(fresh.register("new-value", V2_WITHOUT_DEFAULT)).as("ids continue, never reused").isEqualTo(v2 + 1);
    }

    @Test
    void aCorruptStateFileStopsTheStartWithTheFix() throws Exception {
        registry.close();
        Path other = dir.resolve("corrupt");
        Files.createDirectories(other);
        Files.writeString(other.resolve(EmbeddedSchemaRegistry.STATE_FILE), "{not json");
        EmbeddedSchemaRegistry broken = new EmbeddedSchemaRegistry(other, 0);

        assertThatThrownBy(broken::start)
                .hasMessageContaining("registry did not start: cannot read its state file")
                .hasMessageContaining("Fix: move that file away");
        broken.close();
    }

    @Test
    void anUnreachableRegistryIsNamedInTheError() {
        String url = registry.url();
        registry.close();

        assertThatThrownBy(() -> new SchemaRegistryClient(url).subjects())
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.status()).isEqualTo(SchemaRegistryException.UNREACHABLE))
                .hasMessageContaining("schema registry did not answer (list subjects at " + url + ")");
    }

    @Test
    void theLocalStackStartsItAloneAndPrintsItsEndpoint() {
        try (LocalStack stack = LocalStack.builder().dataDir(dir.resolve("stack")).only(Component.REGISTRY).start()) {
            assertThat(stack.components()).containsExactly(Component.REGISTRY);
            assertThat(stack.endpoints()).containsExactly(new Endpoint("Schema Registry", stack.registry().url()));
            assertThat(new SchemaRegistryClient(stack.registry().url()).subjects()).isEmpty();
            assertThat(stack.registry().dataDir()).isEqualTo(dir.resolve("stack").resolve("registry").toAbsolutePath());
        }
    }

    private static SchemaRegistryException refusal(Runnable call) {
        try {
            call.run();
        } catch (SchemaRegistryException e) {
            return e;
        }
        throw new AssertionError("the registry accepted the call");
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(registry.url() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", SchemaRegistryClient.CONTENT_TYPE);
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
