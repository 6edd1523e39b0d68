package io.idaas.ddml.connect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idaas.ddml.ControlRecord;
import io.idaas.ddml.DdmlEvent;
import io.idaas.ddml.DdmlJson;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * DDML JSON (SPEC.md): events as {@link DdmlJson} writes them, keys as compact JSON objects, control records in their
 * JSON form (SPEC.md section 9.1, what Kafka's JsonConverter writes without schemas).
 */
final class JsonCodec implements DdmlCodec {

    private static final byte[] SPEC_VERSION_FIRST = "{\"spec_version\"".getBytes(StandardCharsets.UTF_8);

    @Override
    public byte[] writeEvent(String topic, DdmlEvent event) {
        return DdmlJson.write(event);
    }

    @Override
    public byte[] writeControl(String topic, ControlRecord control) {
        return DdmlTrees.write(control.tree());
    }

    @Override
    public Object readValue(String topic, byte[] bytes) {
        if (startsWith(bytes, SPEC_VERSION_FIRST)) {
            return DdmlJson.read(bytes); // an event as DDML writers write it: spec_version first
        }
        JsonNode tree = DdmlTrees.parse(bytes);
        Optional<ControlRecord> control = ControlRecord.ofValueJson(tree);
        return control.isPresent() ? control.get() : DdmlJson.read(bytes);
    }

    @Override
    public byte[] writeKey(String topic, ObjectNode key) {
        return DdmlTrees.write(key);
    }

    @Override
    public ObjectNode readKey(String topic, byte[] bytes) {
        return KeyRows.require(DdmlTrees.parse(bytes));
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
