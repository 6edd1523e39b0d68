package io.idaas.views.serde;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
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

    /**
     * Reads a stored row in one pass over its tokens, which checks the whole text, and keeps its parts as spans of the
     * bytes: each is parsed only when asked for ({@link ViewRow#stored}).
     */
    @Override
    public Deserializer<ViewRow> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try (JsonParser p = JsonSerde.MAPPER.createParser(bytes)) {
                if (p.nextToken() != JsonToken.START_OBJECT) {
                    throw new IOException("not a JSON object");
                }
                Span source = null;
                Span document = null;
                Span types = null;
                String position = null;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    JsonToken value = p.nextToken();
                    switch (field) {
                        case "source" -> source = Span.of(bytes, p, field);
                        case "document" -> document = value == JsonToken.VALUE_NULL ? null : Span.of(bytes, p, field);
                        case "types" -> types = value == JsonToken.VALUE_NULL ? null : Span.of(bytes, p, field);
                        case "position" -> position = p.getValueAsString();
                        default -> p.skipChildren();
                    }
                }
                if (source == null || position == null) {
                    throw new IOException("a view row has a source and a position; this one has " + (source == null ? "no source" : "no position"));
                }
                return ViewRow.stored(source, document, position, types);
            } catch (IOException | RuntimeException e) {
                throw new SerializationException("a view row of " + topic + " cannot be read: " + e.getMessage(), e);
            }
        };
    }

    /** A JSON object's text within a stored row's bytes. */
    private record Span(byte[] bytes, int offset, int length) implements ViewRow.StoredPart {

        /** The object the parser stands at the start of; leaves the parser at its end. */
        static Span of(byte[] bytes, JsonParser p, String field) throws IOException {
            if (p.currentToken() != JsonToken.START_OBJECT) {
                throw new IOException("'" + field + "' is not a JSON object but " + p.currentToken());
            }
            int start = (int) p.currentTokenLocation().getByteOffset();
            p.skipChildren();
            int end = (int) p.currentTokenLocation().getByteOffset() + 1; // just after the object's '}'
            return new Span(bytes, start, end - start);
        }

        @Override
        public ObjectNode parse() {
            try {
                return (ObjectNode) JsonSerde.MAPPER.readTree(bytes, offset, length);
            } catch (IOException e) {
                throw new SerializationException("a stored view row cannot be read: " + e.getMessage(), e);
            }
        }
    }
}
