package io.idaas.ddml.connect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idaas.ddml.ControlRecord;
import io.idaas.ddml.ControlRecord.Kind;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;

/**
 * Recognizes Debezium's transaction-metadata and heartbeat records, which the ToDdml transform and the
 * DdmlSourceConnector pass through as Debezium made them (Connect Structs), by their schema names, and gives their
 * DDML control records (SPEC.md section 9.1): the Struct's fields in schema order, as JsonConverter writes them.
 */
final class ControlStructs {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ControlStructs() {
    }

    /**
     * The control record a Connect key or value stands for, when it is one of Debezium's.
     *
     * @throws IllegalArgumentException when it is one, but of another shape than SPEC.md section 9.1 gives it
     */
    static Optional<ControlRecord> of(Object value, boolean isKey) {
        if (!(value instanceof Struct struct) || struct.schema().name() == null) {
            return Optional.empty();
        }
        Optional<Kind> kind = kindOf(struct.schema().name(), isKey);
        return kind.map(k -> new ControlRecord(k, (ObjectNode) json(struct)).requireKnownFields());
    }

    private static Optional<Kind> kindOf(String schemaName, boolean isKey) {
        if (isKey) {
            return schemaName.endsWith(".TransactionMetadataKey") ? Optional.of(Kind.TRANSACTION_KEY)
                : schemaName.endsWith(".ServerNameKey") ? Optional.of(Kind.HEARTBEAT_KEY) : Optional.empty();
        }
        return schemaName.endsWith(".TransactionMetadataValue") ? Optional.of(Kind.TRANSACTION_MARKER)
            : schemaName.equals("io.debezium.connector.common.Heartbeat") ? Optional.of(Kind.HEARTBEAT) : Optional.empty();
    }

    private static JsonNode json(Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (value instanceof Struct s) {
            ObjectNode object = NODES.objectNode();
            for (Field f : s.schema().fields()) {
                object.set(f.name(), json(s.get(f)));
            }
            return object;
        }
        if (value instanceof List<?> list) {
            ArrayNode array = NODES.arrayNode(list.size());
            list.forEach(e -> array.add(json(e)));
            return array;
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return NODES.numberNode(((Number) value).longValue());
        }
        if (value instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        return NODES.textNode(value.toString());
    }
}
