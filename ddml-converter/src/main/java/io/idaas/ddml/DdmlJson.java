package io.idaas.ddml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * DDML events to and from their JSON form (SPEC.md). Writers omit absent optional fields; the
 * reader takes a missing field and null alike, and ignores fields it does not know. Thread-safe.
 */
public final class DdmlJson {

    private static final ObjectMapper MAPPER = JsonLimits.mapper(); // strings of large values (JsonLimits)

    private DdmlJson() {
    }

    /** The event as UTF-8 JSON bytes, written token by token (no tree is made: byte by byte, see JsonEventWriter). */
    public static byte[] write(DdmlEvent event) {
        return JsonEventWriter.write(event);
    }

    /** The event as a JSON tree: its {@link #write bytes} read back, so both say the same. */
    public static ObjectNode toTree(DdmlEvent event) {
        try {
            return (ObjectNode) MAPPER.readTree(write(event));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads an event from UTF-8 JSON bytes.
     *
     * @throws IllegalArgumentException if the bytes are not a valid DDML event, naming the field
     */
    public static DdmlEvent read(byte[] json) {
        SchemaSpans.Span span = SchemaSpans.find(json);
        if (span != null) {
            TableSchema known = SchemaSpans.known(json, span);
            if (known != null) {
                try {
                    // the schema's bytes were read before: only the rest of the event is parsed
                    return JsonEventReader.event(MAPPER.readTree(SchemaSpans.without(json, span)), known);
                } catch (IOException | RuntimeException e) {
                    // read it the plain way, which reports the problem as it is in these bytes
                }
            }
        }
        JsonNode tree;
        try {
            tree = MAPPER.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
        DdmlEvent event = fromTree(tree);
        if (span != null && event.schema() != null) {
            SchemaSpans.remember(json, span, event.schema());
        }
        return event;
    }

    /** A table schema as the JSON object of an event's {@code schema} field (SPEC.md section 5). */
    public static ObjectNode schemaToTree(TableSchema schema) {
        return JsonEventWriter.schema(schema);
    }

    /**
     * Reads a table schema from the JSON object of an event's {@code schema} field.
     *
     * @throws IllegalArgumentException if the tree is not a valid schema (e.g. its fingerprint does not match)
     */
    public static TableSchema schemaFromTree(JsonNode tree) {
        return JsonEventReader.schema(tree);
    }

    /**
     * Reads an event from a JSON tree.
     *
     * @throws IllegalArgumentException if the tree is not a valid DDML event, naming the field
     */
    public static DdmlEvent fromTree(JsonNode tree) {
        return JsonEventReader.event(tree);
    }
}
