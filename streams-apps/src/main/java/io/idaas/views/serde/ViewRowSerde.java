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

/**
 * A {@link ViewRow} in a state store and its changelog: {@code {"position": "...", "document": {...}, "types": {...},
 * "source": {...}}}, the source row last, so that a read for a lookup stops before it (rows written with the source
 * row first, before 2026-12-07, read the same, a little slower).
 */
public final class ViewRowSerde implements Serde<ViewRow> {

    @Override
    public Serializer<ViewRow> serializer() {
        return (topic, row) -> {
            if (row == null) {
                return null;
            }
            ObjectNode node = JsonSerde.MAPPER.createObjectNode();
            node.put("position", row.position());
            if (row.inView()) {
                node.set("document", row.document());
            }
            if (row.types() != null) {
                node.set("types", row.types());
            }
            node.set("source", row.source());
            try {
                return JsonSerde.MAPPER.writeValueAsBytes(node);
            } catch (IOException e) {
                throw new SerializationException("cannot write a view row: " + e.getMessage(), e);
            }
        };
    }

    /**
     * Reads a stored row in one pass over its tokens and keeps its parts as spans of the bytes: each is parsed only
     * when asked for ({@link ViewRow#stored}). The source row, written last, is not read at all: its span runs from
     * its start, and it is checked when parsed.
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
                        case "source" -> {
                            if (position != null) {
                                source = Span.from(bytes, p, field); // written last: the rest is not read
                                return ViewRow.stored(source, document, position, types);
                            }
                            source = Span.of(bytes, p, field);
                        }
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
            int start = objectStart(p, field);
            p.skipChildren();
            int end = (int) p.currentTokenLocation().getByteOffset() + 1; // just after the object's '}'
            return new Span(bytes, start, end - start);
        }

        /** The object the parser stands at the start of, up to the end of the bytes; its end is found when parsed. */
        static Span from(byte[] bytes, JsonParser p, String field) throws IOException {
            int start = objectStart(p, field);
            return new Span(bytes, start, bytes.length - start);
        }

        /** Where the object the parser stands at the start of begins in the bytes. */
        private static int objectStart(JsonParser p, String field) throws IOException {
            if (p.currentToken() != JsonToken.START_OBJECT) {
                throw new IOException("'" + field + "' is not a JSON object but " + p.currentToken());
            }
            return (int) p.currentTokenLocation().getByteOffset();
        }

        @Override
        public ObjectNode parse() {
            try (JsonParser p = JsonSerde.MAPPER.createParser(bytes, offset, length)) {
                return (ObjectNode) JsonSerde.MAPPER.readTree(p); // the object at the start; what follows is not read
            } catch (IOException | ClassCastException e) {
                throw new SerializationException("a stored view row cannot be read: " + e.getMessage(), e);
            }
        }
    }
}
