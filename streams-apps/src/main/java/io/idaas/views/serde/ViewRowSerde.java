package io.idaas.views.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idaas.views.table.ViewRow;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import java.io.IOException;

/** A {@link ViewRow} in a state store and its changelog: {@code {"source": {...}, "document": {...}, "position": "...", "types": {...}}}. */
public final class ViewRowSerde implements Serde<ViewRow> {

    @Override
    public Serializer<ViewRow> serializer() {
        return (topic, row) -> {
            if (row == null) {
                return null;
            }
            ObjectNode node = JsonSerde.MAPPER.createObjectNode();
            node.set("source", row.source());
            if (row.inView()) {
                node.set("document", row.document());
            }
            node.put("position", row.position());
            if (row.types() != null) {
                node.set("types", row.types());
            }
            try {
                return JsonSerde.MAPPER.writeValueAsBytes(node);
            } catch (IOException e) {
                throw new SerializationException("cannot write a view row: " + e.getMessage(), e);
            }
        };
    }

    @Override
    public Deserializer<ViewRow> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                JsonNode node = JsonSerde.MAPPER.readTree(bytes);
                JsonNode document = node.get("document");
                return new ViewRow((ObjectNode) node.get("source"), document == null || document.isNull() ? null : (ObjectNode) document,
                        node.get("position").asText(), node.get("types") instanceof ObjectNode types ? types : null);
            } catch (IOException | RuntimeException e) {
                throw new SerializationException("a view row of " + topic + " cannot be read: " + e.getMessage(), e);
            }
        };
    }
}
