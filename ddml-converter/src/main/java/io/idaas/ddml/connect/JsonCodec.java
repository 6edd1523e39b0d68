package io.idaas.ddml.connect;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idaas.ddml.DdmlEvent;
import io.idaas.ddml.DdmlJson;

/** DDML JSON (SPEC.md): events as {@link DdmlJson} writes them, keys as compact JSON objects. */
final class JsonCodec implements DdmlCodec {

    @Override
    public byte[] writeEvent(String topic, DdmlEvent event) {
        return DdmlJson.write(event);
    }

    @Override
    public DdmlEvent readEvent(String topic, byte[] bytes) {
        return DdmlJson.read(bytes);
    }

    @Override
    public byte[] writeKey(String topic, ObjectNode key) {
        return DdmlTrees.write(key);
    }

    @Override
    public ObjectNode readKey(String topic, byte[] bytes) {
        return KeyRows.require(DdmlTrees.parse(bytes));
    }
}
