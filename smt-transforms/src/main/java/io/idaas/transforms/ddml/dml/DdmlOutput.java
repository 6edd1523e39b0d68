package io.idaas.transforms.ddml.dml;

import io.idaas.ddml.DdmlEvent;
import io.idaas.ddml.DdmlJson;
import io.idaas.ddml.connect.DdmlEventMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One record ToDdml emits: its topic, key and value in schemaless form, and its headers.
 *
 * @param topic   the topic to write to
 * @param key     the DDML key (SPEC §9)
 * @param value   the DDML event as {@code DdmlJson.toTree(event)} in Java maps and lists; null for a tombstone
 * @param event   the event; null for a tombstone
 * @param headers the {@code ddml.*} headers (empty for a tombstone)
 */
public record DdmlOutput(String topic, Map<String, Object> key, Map<String, Object> value, DdmlEvent event,
                         Map<String, String> headers) {

    /** Header names (SPEC §9). */
    public static final String HEADER_ID = "ddml.id";
    public static final String HEADER_KIND = "ddml.kind";
    public static final String HEADER_OP = "ddml.op";
    public static final String HEADER_FINGERPRINT = "ddml.fingerprint";
    /** Header on an event whose rows were left out (SPEC §6.1): the {@code dml.omitted.reason}. */
    public static final String HEADER_OMITTED = "ddml.omitted";

    /** The output of an event on {@code topic}. */
    public static DdmlOutput of(String topic, DdmlEvent event) {
        Objects.requireNonNull(event, "event");
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(HEADER_ID, event.id());
        headers.put(HEADER_KIND, event.kind().wireName());
        headers.put(HEADER_OP, event.dml() != null ? event.dml().op().wireName() : event.ddl().op().wireName());
        if (event.schema() != null) {
            headers.put(HEADER_FINGERPRINT, event.schema().fingerprint());
        }
        if (event.dml() != null && event.dml().omitted() != null) {
            headers.put(HEADER_OMITTED, event.dml().omitted().reason());
        }
        return new DdmlOutput(topic, DdmlKeys.of(event), DdmlEventMap.of(event, () -> JsonTrees.toMap(DdmlJson.toTree(event))), event, headers);
    }

    /** A DDML tombstone: a DDML key and no value. */
    public static DdmlOutput tombstone(String topic, Map<String, Object> key) {
        return new DdmlOutput(topic, key, null, null, Map.of());
    }
}
