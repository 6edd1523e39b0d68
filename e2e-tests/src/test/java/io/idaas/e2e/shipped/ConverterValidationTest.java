package io.idaas.e2e.shipped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idaas.e2e.ConnectRest;
import io.idaas.e2e.pipeline.Direction;
import io.idaas.e2e.pipeline.ShippedPipeline;
import io.idaas.stack.LocalStack;
import io.idaas.stack.junit.LocalStackExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 10 item 10: {@code DdmlConverter} with {@code ddml.format=avro} and no {@code schema.registry.url} is refused
 * by Connect's validate endpoint (which, in Kafka Connect 4.1, validates each converter's settings with the
 * converter's own {@code config().validate(...)}), on the key to set, {@code value.converter.schema.registry.url},
 * for a shipped source and a shipped sink, and {@code POST /connectors} refuses them; with the URL set, they pass.
 */
@ExtendWith(LocalStackExtension.class)
class ConverterValidationTest {

    private static final String CONVERTER = "io.idaas.ddml.connect.DdmlConverter";

    @Test
    void avroWithoutARegistryIsRefusedOnTheKeyToSet(LocalStack stack) throws Exception {
        ConnectRest connect = new ConnectRest(stack.connect().restUrl());
        try (ShippedPipeline pipeline = new ShippedPipeline(stack, Direction.MARIADB_TO_POSTGRES, "val")) {
            for (ObjectNode body : List.of(pipeline.sourceConfig(), pipeline.sinkConfig())) {
                ObjectNode config = (ObjectNode) body.get("config");
                String connectorClass = config.path("connector.class").asText();
                config.put("name", body.path("name").asText()); // the validate endpoint takes the name inside the config
                config.put("value.converter", CONVERTER);
                config.put("value.converter.ddml.format", "avro");

                Map<String, List<String>> errors = errors(connect.validate(connectorClass, config));

                assertThat(errors).as(connectorClass).containsKey("value.converter.schema.registry.url");
                assertThat(errors.get("value.converter.schema.registry.url")).singleElement().asString()
                        .contains("ddml.format=avro needs a schema registry")
                        .contains("set value.converter.schema.registry.url to its URL");

                assertThatThrownBy(() -> connect.create(body)).as("POST /connectors of " + connectorClass)
                        .hasMessageContaining("answered 400").hasMessageContaining("value.converter.schema.registry.url");

                config.put("value.converter.schema.registry.url", stack.registry().url());
                Map<String, List<String>> fixed = errors(connect.validate(connectorClass, config));
                assertThat(fixed.keySet()).as(connectorClass + " with the URL set").noneMatch(k -> k.startsWith("value.converter"));
                assertThat(fixed).as(connectorClass + " with the URL set").isEmpty();
            }
        }
    }

    /** The keys the validate endpoint reports errors on, with their messages. */
    private static Map<String, List<String>> errors(JsonNode result) {
        Map<String, List<String>> errors = new HashMap<>();
        for (JsonNode c : result.path("configs")) {
            List<String> messages = new java.util.ArrayList<>();
            c.path("value").path("errors").forEach(e -> messages.add(e.asText()));
            if (!messages.isEmpty()) {
                errors.put(c.path("value").path("name").asText(), messages);
            }
        }
        return errors;
    }
}
