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
        requireFits(kind, tree, false);
    }

    /**
     * This record, when it has no field its kind does not define: what a writer checks, since the Avro form would
     * lose such a field (SPEC.md section 9.1).
     *
     * @throws IllegalArgumentException naming the first unknown field
     */
    public ControlRecord requireKnownFields() {
        requireFits(kind, tree, true);
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

    /** Throws, naming the field, unless {@code tree} fits the kind's schema ({@code strict}: and has no other field). */
    private static void requireFits(Kind kind, JsonNode tree, boolean strict) {
        Misfit misfit = misfit(kind.schema(), tree, strict);
        if (misfit != null) {
            throw new IllegalArgumentException(kind.schema().getName() + misfit.path() + misfit.what());
        }
    }

    /**
     * Where {@code value} does not fit {@code schema}: a path below the value ({@code .field}, {@code [i]}) and what is
     * wrong there. Every marker of every source transaction is checked, so the path is built only on the way back from
     * a misfit, not for each field.
     */
    private record Misfit(String path, String what) {
        Misfit under(String step) {
            return new Misfit(step + path, what);
        }
    }

    /** The first misfit of {@code value} against {@code schema} ({@code strict}: a field it does not define too), or null. */
    private static Misfit misfit(Schema schema, JsonNode value, boolean strict) {
        switch (schema.getType()) {
            case RECORD -> {
                if (!(value instanceof ObjectNode object)) {
                    return new Misfit("", " is not an object");
                }
                for (Iterator<String> names = object.fieldNames(); strict && names.hasNext(); ) {
                    String name = names.next();
                    if (schema.getField(name) == null) {
                        return new Misfit("", " has a field '" + name + "' that the control record does not define "
                            + "(SPEC.md section 9.1)");
                    }
                }
                for (Schema.Field f : schema.getFields()) {
                    Misfit misfit = misfit(f.schema(), object.path(f.name()), strict);
                    if (misfit != null) {
                        return misfit.under("." + f.name());
                    }
                }
                return null;
            }
            case UNION -> {
                Schema nonNull = null;
                boolean nullable = false;
                for (Schema t : schema.getTypes()) {
                    if (t.getType() == Schema.Type.NULL) {
                        nullable = true;
                    } else if (nonNull == null) {
                        nonNull = t;
                    }
                }
                if (value.isMissingNode() || value.isNull()) {
                    return nullable ? null : new Misfit("", " is missing");
                }
                if (nonNull == null) {
                    throw new IllegalStateException("a control record field is a union of null only");
                }
                return misfit(nonNull, value, strict);
            }
            case ARRAY -> {
                if (!value.isArray()) {
                    return new Misfit("", " is not an array");
                }
                int i = 0;
                for (JsonNode element : value) {
                    Misfit misfit = misfit(schema.getElementType(), element, strict);
                    if (misfit != null) {
                        return misfit.under("[" + i + "]");
                    }
                    i++;
                }
                return null;
            }
            case STRING -> {
                return value.isTextual() ? null : new Misfit("", " is not a string");
            }
            case LONG -> {
                return value.isIntegralNumber() && value.canConvertToLong() ? null : new Misfit("", " is not a 64-bit integer");
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
