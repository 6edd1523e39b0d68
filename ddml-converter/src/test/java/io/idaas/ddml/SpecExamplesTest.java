package io.idaas.ddml;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion.VersionFlag;
import com.networknt.schema.ValidationMessage;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every {@code json ddml-example} of SPEC.md validates against both schemas and round-trips exactly. */
class SpecExamplesTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonSchema JSON_SCHEMA =
        JsonSchemaFactory.getInstance(VersionFlag.V202012).getSchema(DdmlSchemas.jsonSchema());

    @Test
    void specHoldsTheRequiredExamples() {
        String titles = String.join("\n", SpecExamples.examples().stream().map(e -> e[0]).toList());
        for (String source : new String[] {"MariaDB", "PostgreSQL"}) {
            for (String what : new String[] {"insert", "update", "delete", "snapshot read"}) {
                assertThat(titles).contains(source + " " + what);
            }
        }
        assertThat(titles).contains("PostgreSQL truncate", "add a column", "MariaDB DDL: create table", "PostgreSQL DDL: create table");
    }

    @TestFactory
    Stream<DynamicTest> everyExampleValidatesAgainstTheJsonSchema() {
        return SpecExamples.examples().stream().map(e -> DynamicTest.dynamicTest(e[0], () -> {
            Set<ValidationMessage> errors = JSON_SCHEMA.validate(MAPPER.readTree(e[1]));
            assertThat(errors).as(e[0]).isEmpty();
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyExampleRoundTripsThroughJsonAndAvro() {
        return SpecExamples.examples().stream().map(e -> DynamicTest.dynamicTest(e[0], () -> {
            JsonNode example = MAPPER.readTree(e[1]);
            DdmlEvent event = DdmlJson.read(e[1].getBytes(StandardCharsets.UTF_8));

            GenericRecord record = DdmlAvro.toRecord(event);
            assertThat(GenericData.get().validate(DdmlAvro.schema(), record)).as("GenericData.validate").isTrue();
            DdmlEvent fromAvro = DdmlAvro.deserialize(DdmlAvro.serialize(event));

            assertThat(fromAvro).isEqualTo(event);
            assertThat(DdmlAvro.fromRecord(record)).isEqualTo(event);
            assertThat(MAPPER.readTree(DdmlJson.write(fromAvro))).isEqualTo(example);
            assertThat(event.id()).isEqualTo(DdmlEvent.idOf(event.source().name(), event.position().sortable()));
        }));
    }

    @Test
    void theJsonSchemaRejectsWhatIsNotAnEvent() throws Exception {
        String example = SpecExamples.examples().get(0)[1];
        JsonNode broken = MAPPER.readTree(example.replace("\"kind\": \"dml\"", "\"kind\": \"row\""));
        assertThat(JSON_SCHEMA.validate(broken)).isNotEmpty();
        JsonNode noTime = ((com.fasterxml.jackson.databind.node.ObjectNode) MAPPER.readTree(example)).without("time");
        assertThat(JSON_SCHEMA.validate(noTime)).isNotEmpty();
    }
}
