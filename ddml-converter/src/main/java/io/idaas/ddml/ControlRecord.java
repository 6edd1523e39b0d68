package io.idaas.ddml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * A DDML control record (SPEC.md section 9.1): a record a DDML source writes beside its events that is not an event,
 * a source transaction's BEGIN or END marker or a connector heartbeat, or the key of one. Its JSON form is Debezium's
 * (as Kafka's JsonConverter writes it without schemas); its Avro form is the record of {@link Kind#schema()}, from
 * {@code ddml-v1-control.avsc}. The JSON form is checked against the Avro schema: every field known, of its type.
 *
 * @param kind what the record is
 * @param tree its JSON form
 */
public record ControlRecord(Kind kind, ObjectNode tree) {

    /** The Avro schemas of the control records, in {@code ddml-v1-control.avsc}. */
    public static final String AVRO_RESOURCE = "/io/idaas/ddml/ddml-v1-control.avsc";
    private static final Schema SCHEMAS = parse();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** The kinds of control records. */
    public enum Kind {
        /** A source transaction's BEGIN or END, on {@code <source.name>.transaction}. */
        TRANSACTION_MARKER("TransactionMarker", false),
        /** The key of a transaction marker: the transaction id. */
        TRANSACTION_KEY("TransactionKey", true),
        /** A connector heartbeat, on {@code __debezium-heartbeat.<source.name>}. */
        HEARTBEAT("Heartbeat", false),
        /** The key of a heartbeat: the server name. */
        HEARTBEAT_KEY("HeartbeatKey", true);

        private final String name;
        private final boolean key;
        private Schema schema;

        Kind(String name, boolean key) {
            this.name = name;
            this.key = key;
        }

        /** The Avro record schema, {@code io.idaas.ddml.v1.<Name>}. */
        public Schema schema() {
            Schema found = schema;
            if (found == null) {
                found = SCHEMAS.getTypes().stream().filter(s -> s.getName().equals(name)).findFirst().orElseThrow();
                schema = found; // the same instance each time: a benign race
            }
            return found;
        }

        /** Whether records of this kind are keys. */
        public boolean isKey() {
            return key;
        }

        /** The kind whose Avro schema has this full name. */
        public static Optional<Kind> ofAvroName(String fullName) {
            for (Kind k : values()) {
                if (k.schema().getFullName().equals(fullName)) {
                    return Optional.of(k);
                }
            }
            return Optional.empty();
        }
    }

    /**
     * A control record. Fields the kind does not define are kept, as a reader of a later 1.x keeps them (SPEC.md
     * section 12); {@link #requireKnownFields()} refuses them where they would be lost.
     *
     * @throws IllegalArgumentException when a field of the kind is missing or of another type, naming it
     */
    public ControlRecord {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(tree, "tree");
        if (!valid(kind.schema(), tree, false)) {
            check(kind.schema(), tree, kind.schema().getName(), false); // throws, naming the field
        }
    }

    /**
     * This record, when it has no field its kind does not define: what a writer checks, since the Avro form would
     * lose such a field (SPEC.md section 9.1).
     *
     * @throws IllegalArgumentException naming the first unknown field
     */
    public ControlRecord requireKnownFields() {
        if (!valid(kind.schema(), tree, true)) {
            check(kind.schema(), tree, kind.schema().getName(), true); // throws, naming the field
        }
        return this;
    }

    /**
     * The control record a value's JSON is, when it is one: an object without {@code spec_version} that has the fields
     * of a transaction marker ({@code status} {@code BEGIN} or {@code END}, {@code id}, the others of their types; fields
     * it does not know are kept), or a heartbeat (only {@code ts_ms}).
     */
    public static Optional<ControlRecord> ofValueJson(JsonNode tree) {
        if (!(tree instanceof ObjectNode object) || object.has("spec_version")) {
            return Optional.empty();
        }
        Kind kind;
        String status = object.path("status").asText("");
        if ((status.equals("BEGIN") || status.equals("END")) && object.has("id") && !object.has("op")) {
            kind = Kind.TRANSACTION_MARKER;
        } else if (object.size() == 1 && object.has("ts_ms")) {
            kind = Kind.HEARTBEAT;
        } else {
            return Optional.empty();
        }
        try {
            return Optional.of(new ControlRecord(kind, object));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The Avro form. */
    public GenericRecord toAvro() {
        return (GenericRecord) avro(kind.schema(), tree);
    }

    /**
     * The control record an Avro record of one of the control schemas holds (read with that schema).
     *
     * @throws IllegalArgumentException when the record's schema is not a control record's
     */
    public static ControlRecord fromAvro(GenericRecord record) {
        Kind kind = Kind.ofAvroName(record.getSchema().getFullName()).orElseThrow(() -> new IllegalArgumentException(
            record.getSchema().getFullName() + " is not a DDML control record"));
        return new ControlRecord(kind, (ObjectNode) json(record));
    }

    /**
     * Whether {@code value} fits {@code schema}: what {@link #check} checks, without building the paths it names a
     * field with (every marker of every source transaction is checked; only a bad one needs them).
     */
    private static boolean valid(Schema schema, JsonNode value, boolean strict) {
        switch (schema.getType()) {
            case RECORD -> {
                if (!(value instanceof ObjectNode object)) {
                    return false;
                }
                if (strict) {
                    for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
                        if (schema.getField(names.next()) == null) {
                            return false;
                        }
                    }
                }
                for (Schema.Field f : schema.getFields()) {
                    if (!valid(f.schema(), object.path(f.name()), strict)) {
                        return false;
                    }
                }
                return true;
            }
            case UNION -> {
                List<Schema> types = schema.getTypes();
                if (value.isMissingNode() || value.isNull()) {
                    for (Schema t : types) {
                        if (t.getType() == Schema.Type.NULL) {
                            return true;
                        }
                    }
                    return false;
                }
                for (Schema t : types) {
                    if (t.getType() != Schema.Type.NULL) {
                        return valid(t, value, strict);
                    }
                }
                return false;
            }
            case ARRAY -> {
                if (!value.isArray()) {
                    return false;
                }
                for (JsonNode element : value) {
                    if (!valid(schema.getElementType(), element, strict)) {
                        return false;
                    }
                }
                return true;
            }
            case STRING -> {
                return value.isTextual();
            }
            case LONG -> {
                return value.isIntegralNumber() && value.canConvertToLong();
            }
            default -> {
                return false;
            }
        }
    }

    private static void check(Schema schema, JsonNode value, String path, boolean strict) {
        switch (schema.getType()) {
            case RECORD -> {
                if (!(value instanceof ObjectNode object)) {
                    throw new IllegalArgumentException(path + " is not an object");
                }
                for (Iterator<String> names = object.fieldNames(); strict && names.hasNext(); ) {
                    String name = names.next();
                    if (schema.getField(name) == null) {
                        throw new IllegalArgumentException(path + " has a field '" + name + "' that the control record "
                            + "does not define (SPEC.md section 9.1)");
                    }
                }
                for (Schema.Field f : schema.getFields()) {
                    check(f.schema(), object.path(f.name()), path + "." + f.name(), strict);
                }
            }
            case UNION -> {
                if (value.isMissingNode() || value.isNull()) {
                    if (schema.getTypes().stream().noneMatch(s -> s.getType() == Schema.Type.NULL)) {
                        throw new IllegalArgumentException(path + " is missing");
                    }
                    return;
                }
                check(schema.getTypes().stream().filter(s -> s.getType() != Schema.Type.NULL).findFirst().orElseThrow(),
                    value, path, strict);
            }
            case ARRAY -> {
                if (!value.isArray()) {
                    throw new IllegalArgumentException(path + " is not an array");
                }
                int i = 0;
                for (JsonNode element : value) {
                    check(schema.getElementType(), element, path + "[" + i++ + "]", strict);
                }
            }
            case STRING -> {
                if (!value.isTextual()) {
                    throw new IllegalArgumentException(path + " is not a string");
                }
            }
            case LONG -> {
                if (!value.isIntegralNumber() || !value.canConvertToLong()) {
                    throw new IllegalArgumentException(path + " is not a 64-bit integer");
                }
            }
            default -> throw new IllegalStateException("no control record field is of type " + schema.getType());
        }
    }

    private static Object avro(Schema schema, JsonNode value) {
        return switch (schema.getType()) {
            case RECORD -> {
                GenericData.Record r = new GenericData.Record(schema);
                for (Schema.Field f : schema.getFields()) {
                    r.put(f.pos(), avro(f.schema(), value.path(f.name())));
                }
                yield r;
            }
            case UNION -> value.isMissingNode() || value.isNull() ? null
                : avro(schema.getTypes().stream().filter(s -> s.getType() != Schema.Type.NULL).findFirst().orElseThrow(), value);
            case ARRAY -> {
                List<Object> elements = new ArrayList<>(value.size());
                value.forEach(e -> elements.add(avro(schema.getElementType(), e)));
                yield new GenericData.Array<>(schema, elements);
            }
            case STRING -> value.asText();
            case LONG -> value.longValue();
            default -> throw new IllegalStateException("no control record field is of type " + schema.getType());
        };
    }

    private static JsonNode json(Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (value instanceof GenericRecord r) {
            ObjectNode object = NODES.objectNode();
            for (Schema.Field f : r.getSchema().getFields()) {
                object.set(f.name(), json(r.get(f.pos())));
            }
            return object;
        }
        if (value instanceof List<?> list) {
            ArrayNode array = NODES.arrayNode(list.size());
            list.forEach(e -> array.add(json(e)));
            return array;
        }
        if (value instanceof Map<?, ?>) {
            throw new IllegalArgumentException("no control record has a map");
        }
        if (value instanceof Long l) {
            return NODES.numberNode(l);
        }
        return NODES.textNode(value.toString());
    }

    private static Schema parse() {
        try (InputStream in = ControlRecord.class.getResourceAsStream(AVRO_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + AVRO_RESOURCE);
            }
            return new Schema.Parser().parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
