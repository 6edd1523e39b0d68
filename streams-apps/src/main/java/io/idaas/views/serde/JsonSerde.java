package io.idaas.views.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import java.io.IOException;

/** JSON trees, as DDML JSON topics hold them (DdmlConverter with ddml.format=json, or JsonConverter without schemas). */
public final class JsonSerde implements Serde<JsonNode> {

    /** Strings of large values too: a 16 MiB binary value is 22,369,624 characters of base64 (JsonLimits). */
    static final ObjectMapper MAPPER = io.idaas.ddml.JsonLimits.mapper();

    @Override
    public Serializer<JsonNode> serializer() {
        return (topic, node) -> {
            try {
                return node == null ? null : MAPPER.writeValueAsBytes(node);
            } catch (IOException e) {
                throw new SerializationException("cannot write JSON for topic " + topic + ": " + e.getMessage(), e);
            }
        };
    }

    @Override
    public Deserializer<JsonNode> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                return MAPPER.readTree(bytes);
            } catch (IOException e) {
                throw new SerializationException("a record of topic " + topic + " is not JSON (" + e.getMessage()
                        + "); a view reads DDML JSON topics: produce them with the ToDdml transform and "
                        + "DdmlConverter ddml.format=json or JsonConverter schemas.enable=false", e);
            }
        };
    }
}
