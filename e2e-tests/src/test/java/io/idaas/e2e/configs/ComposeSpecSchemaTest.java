package io.idaas.e2e.configs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion.VersionFlag;
import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker-compose.yml validates against the Compose specification's JSON Schema (vendored in
 * src/test/resources/compose-spec/, with its licence and commit): the check {@code docker compose config} makes of the
 * file's shape, without Docker. The schema is draft 07 under an https meta-schema id, mapped here to the validator's
 * own draft 07 so nothing is fetched.
 */
class ComposeSpecSchemaTest {

    private static final JsonSchema SCHEMA = load();

    private static JsonSchema load() {
        JsonSchemaFactory factory = JsonSchemaFactory.builder(JsonSchemaFactory.getInstance(VersionFlag.V7))
            .metaSchema(JsonMetaSchema.builder("https://json-schema.org/draft-07/schema", JsonMetaSchema.getV7()).build())
            .build();
        // From the classpath by its location, so that the schema's relative $id (compose_spec.json) has a base.
        return factory.getSchema(SchemaLocation.of("classpath:compose-spec/compose-spec.json"));
    }

    @Test
    void theComposeFileValidatesAgainstTheComposeSpecification() {
        Set<ValidationMessage> errors = SCHEMA.validate(ComposeFile.read().root());
        assertThat(errors).as("docker-compose.yml against compose-spec.json").isEmpty();
    }

    @Test
    void theSchemaRefusesWhatComposeRefuses() {
        JsonNode typo = ComposeFile.read().root().deepCopy();
        ObjectNode connect = (ObjectNode) typo.path("services").path("connect");
        connect.set("depend_on", connect.remove("depends_on"));
        assertThat(SCHEMA.validate(typo)).as("a misspelt key").isNotEmpty();

        JsonNode badPort = ComposeFile.read().root().deepCopy();
        ((ObjectNode) badPort.path("services").path("kafka")).putObject("ports").put("host", 9092);
        assertThat(SCHEMA.validate(badPort)).as("ports as an object").isNotEmpty();

        JsonNode badCondition = ComposeFile.read().root().deepCopy();
        ((ObjectNode) badCondition.path("services").path("connect").path("depends_on").path("kafka")).put("condition", "service_ready");
        assertThat(SCHEMA.validate(badCondition)).as("an unknown depends_on condition").isNotEmpty();
    }
}
