package io.idaas.ddml.connect;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.json.JsonConverterConfig;
import org.apache.kafka.connect.storage.Converter;
import org.apache.kafka.connect.storage.HeaderConverter;

/**
 * Kafka's {@link JsonConverter} with {@code schemas.enable=true}, reading faster what Debezium writes through it: every
 * record of a table carries the same {@code schema} part, often three times the size of its {@code payload}.
 * JsonConverter parses that part into a tree for every record, then hashes and compares the whole tree to find its
 * cached Connect schema: about 40% of a sink task's thread on Debezium's topics (benchmarks/README.md). This converter
 * compares the record's schema part byte for byte with the few seen last (with JsonConverter's own layout,
 * {@code {"schema":...,"payload":...}}, equal bytes are the whole schema part), else skips over it without building
 * anything and finds the Connect schema by its bytes (kept per distinct bytes, {@code schemas.cache.size} of them), and
 * converts only the payload. Safe to share between threads (a race costs a cache miss, never a wrong schema), though
 * Connect gives each task its own.
 *
 * <p>What it returns is exactly what JsonConverter returns for the same bytes and settings (the same Schema objects
 * are built by JsonConverter itself, from the schema part, on first sight; values follow Kafka 4.1's rules: a null or
 * missing field takes the schema's default when {@code replace.null.with.default}, decimals as numbers or base64,
 * dates, times and timestamps from integers). Anything else (schemas disabled, an envelope whose fields are not
 * {@code schema} then {@code payload}, a null schema, a map with non-string keys) goes to JsonConverter whole, so
 * its behaviour and its errors are JsonConverter's. Writing ({@code fromConnectData}) and headers are JsonConverter's.
 * It takes JsonConverter's settings ({@link JsonConverterConfig}).
 */
public final class SchemaCachingJsonConverter implements Converter, HeaderConverter, Versioned {

    /** As Kafka's JsonDeserializer reads: exact decimals, leading zeros allowed. */
    private static final ObjectMapper MAPPER = JsonMapper.builder()
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .enable(JsonReadFeature.ALLOW_LEADING_ZEROS_FOR_NUMBERS)
        .nodeFactory(new JsonNodeFactory(true))
        .build();

    private static final byte[] SCHEMA_FIELD = "{\"schema\":".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    private static final byte[] PAYLOAD_FIELD = ",\"payload\":".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    /** How many schema parts are tried byte for byte before a record's schema part is parsed. */
    private static final int RECENT = 4;

    private final JsonConverter delegate = new JsonConverter();
    /** The schema parts seen last, the latest first (a task reads a few tables at a time). */
    private final Recent[] recent = new Recent[RECENT];
    private boolean schemasEnabled;
    private boolean replaceNullWithDefault;
    private LruCache<SchemaBytes, Schema> schemas;

    @Override
    public String version() {
        return delegate.version();
    }

    @Override
    public ConfigDef config() {
        return JsonConverterConfig.configDef();
    }

    @Override
    public void configure(Map<String, ?> configs) {
        delegate.configure(configs);
        JsonConverterConfig config = new JsonConverterConfig(configs);
        schemasEnabled = config.schemasEnabled();
        replaceNullWithDefault = config.replaceNullWithDefault();
        schemas = new LruCache<>(config.schemaCacheSize());
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        Map<String, Object> conf = new HashMap<>(configs);
        conf.put(JsonConverterConfig.TYPE_CONFIG, isKey ? "key" : "value");
        configure(conf);
    }

    @Override
    public byte[] fromConnectData(String topic, Schema schema, Object value) {
        return delegate.fromConnectData(topic, schema, value);
    }

    @Override
    public SchemaAndValue toConnectData(String topic, byte[] value) {
        if (value == null || !schemasEnabled) {
            return delegate.toConnectData(topic, value);
        }
        SchemaAndValue known = withRecentSchema(value);
        if (known != null) {
            return known;
        }
        try (JsonParser parser = MAPPER.createParser(value)) {
            if (parser.nextToken() != JsonToken.START_OBJECT || parser.nextToken() != JsonToken.FIELD_NAME
                || !"schema".equals(parser.currentName()) || parser.nextToken() != JsonToken.START_OBJECT) {
                return delegate.toConnectData(topic, value);
            }
            int from = (int) parser.currentTokenLocation().getByteOffset();
            parser.skipChildren();
            int to = (int) parser.currentLocation().getByteOffset();
            if (parser.nextToken() != JsonToken.FIELD_NAME || !"payload".equals(parser.currentName())
                || parser.nextToken() == null) {
                return delegate.toConnectData(topic, value);
            }
            JsonNode payload = MAPPER.readTree(parser);
            if (parser.nextToken() != JsonToken.END_OBJECT || parser.nextToken() != null) {
                return delegate.toConnectData(topic, value);
            }
            SchemaBytes bytes = new SchemaBytes(value, from, to);
            Schema schema = schemas.peek(bytes);
            if (schema == null) {
                schema = connectSchema(bytes);
                schemas.put(bytes.owned(), schema);
            }
            remember(bytes, schema);
            return new SchemaAndValue(schema, convert(schema, payload));
        } catch (Fallback | IOException e) {
            // not the shape read here (or not JSON): JsonConverter reads it, or names the problem
            return delegate.toConnectData(topic, value);
        }
    }

    /**
     * The record read without tokenizing its schema part, when that part is byte for byte one of the last few seen
     * (a JSON object is self-delimiting: equal bytes are the whole schema) and the record has JsonConverter's own
     * layout, {@code {"schema":<schema>,"payload":<payload>}}; else null.
     */
    private SchemaAndValue withRecentSchema(byte[] value) {
        if (!startsWith(value, 0, SCHEMA_FIELD) || value[value.length - 1] != '}') {
            return null;
        }
        for (int i = 0; i < recent.length; i++) {
            Recent r = recent[i];
            if (r == null) {
                return null;
            }
            byte[] schemaBytes = r.bytes.array;
            int end = SCHEMA_FIELD.length + schemaBytes.length;
            if (end + PAYLOAD_FIELD.length < value.length
                && Arrays.equals(value, SCHEMA_FIELD.length, end, schemaBytes, 0, schemaBytes.length)
                && startsWith(value, end, PAYLOAD_FIELD)) {
                int from = end + PAYLOAD_FIELD.length;
                try (JsonParser parser = MAPPER.createParser(value, from, value.length - 1 - from)) {
                    if (parser.nextToken() == null) {
                        return null;
                    }
                    Object converted = stream(r.schema, parser);
                    if (parser.nextToken() != null) {
                        return null;
                    }
                    if (i > 0) {
                        System.arraycopy(recent, 0, recent, 1, i);
                        recent[0] = r;
                    }
                    return new SchemaAndValue(r.schema, converted);
                } catch (IOException | RuntimeException e) {
                    // not the plain case streamed here, or bad data: the full path reads it with JsonConverter's rules
                    // (and JsonConverter's own errors), or hands it to JsonConverter
                    return null;
                }
            }
        }
        return null;
    }

    /** Puts a schema part first among the recent ones. */
    private void remember(SchemaBytes bytes, Schema schema) {
        Recent r = new Recent(bytes.from == 0 && bytes.to == bytes.array.length ? bytes : bytes.owned(), schema);
        System.arraycopy(recent, 0, recent, 1, recent.length - 1);
        recent[0] = r;
    }

    private static boolean startsWith(byte[] value, int at, byte[] prefix) {
        return value.length >= at + prefix.length && Arrays.equals(value, at, at + prefix.length, prefix, 0, prefix.length);
    }

    private Schema connectSchema(SchemaBytes bytes) {
        try {
            return delegate.asConnectSchema(MAPPER.readTree(bytes.array, bytes.from, bytes.to - bytes.from));
        } catch (IOException e) {
            throw new Fallback();
        }
    }

    /** Kafka 4.1's JsonConverter.convertToConnect, for a non-null schema. */
    private Object convert(Schema schema, JsonNode json) {
        if (json == null || json.isNull()) {
            if (schema.defaultValue() != null && replaceNullWithDefault) {
                return schema.defaultValue();
            }
            if (schema.isOptional()) {
                return null;
            }
            throw new DataException("Invalid null value for required " + schema.type() + " field");
        }
        String name = schema.name();
        if (name != null) {
            switch (name) {
                case Decimal.LOGICAL_NAME -> {
                    return decimal(schema, json);
                }
                case Date.LOGICAL_NAME -> {
                    return Date.toLogical(schema, intOf(json, "Date"));
                }
                case Time.LOGICAL_NAME -> {
                    return Time.toLogical(schema, intOf(json, "Time"));
                }
                case Timestamp.LOGICAL_NAME -> {
                    if (!json.isIntegralNumber()) {
                        throw new DataException("Invalid type for Timestamp, underlying representation should be "
                            + "integral but was " + json.getNodeType());
                    }
                    return Timestamp.toLogical(schema, json.longValue());
                }
                default -> {
                    // not a Connect logical type: the schema's type decides
                }
            }
        }
        return switch (schema.type()) {
            case BOOLEAN -> json.booleanValue();
            case INT8 -> (byte) json.intValue();
            case INT16 -> (short) json.intValue();
            case INT32 -> json.intValue();
            case INT64 -> json.longValue();
            case FLOAT32 -> json.floatValue();
            case FLOAT64 -> json.doubleValue();
            case BYTES -> bytes(json);
            case STRING -> json.textValue();
            case ARRAY -> {
                List<Object> list = new ArrayList<>(json.size());
                for (JsonNode element : json) {
                    list.add(convert(schema.valueSchema(), element));
                }
                yield list;
            }
            case MAP -> {
                if (schema.keySchema().type() != Schema.Type.STRING) {
                    throw new Fallback();
                }
                if (!json.isObject()) {
                    throw new DataException("Maps with string fields should be encoded as JSON objects, but found "
                        + json.getNodeType());
                }
                Map<Object, Object> map = new HashMap<>();
                for (Map.Entry<String, JsonNode> entry : json.properties()) {
                    map.put(entry.getKey(), convert(schema.valueSchema(), entry.getValue()));
                }
                yield map;
            }
            case STRUCT -> {
                if (!json.isObject()) {
                    throw new DataException("Structs should be encoded as JSON objects, but found " + json.getNodeType());
                }
                Struct struct = new Struct(schema);
                for (Field field : schema.fields()) {
                    struct.put(field, convert(field.schema(), json.get(field.name())));
                }
                yield struct;
            }
        };
    }

    /**
     * The value at the parser's current token, converted as {@link #convert} converts its tree, for the tokens each type
     * expects; any other token throws {@link Fallback}, and {@link #convert} then decides on the tree (with its errors).
     * Leaves the parser on the value's last token.
     */
    private Object stream(Schema schema, JsonParser p) throws IOException {
        JsonToken token = p.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return convert(schema, com.fasterxml.jackson.databind.node.NullNode.getInstance());
        }
        String name = schema.name();
        if (name != null) {
            switch (name) {
                case Decimal.LOGICAL_NAME -> {
                    if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
                        return p.getDecimalValue();
                    }
                    if (token == JsonToken.VALUE_STRING) {
                        return Decimal.toLogical(schema, p.getBinaryValue());
                    }
                    throw new Fallback();
                }
                case Date.LOGICAL_NAME -> {
                    return Date.toLogical(schema, intToken(p));
                }
                case Time.LOGICAL_NAME -> {
                    return Time.toLogical(schema, intToken(p));
                }
                case Timestamp.LOGICAL_NAME -> {
                    return Timestamp.toLogical(schema, longToken(p));
                }
                default -> {
                    // not a Connect logical type: the schema's type decides
                }
            }
        }
        switch (schema.type()) {
            case BOOLEAN -> {
                if (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) {
                    return token == JsonToken.VALUE_TRUE;
                }
                throw new Fallback();
            }
            case INT8 -> {
                return (byte) intToken(p);
            }
            case INT16 -> {
                return (short) intToken(p);
            }
            case INT32 -> {
                return intToken(p);
            }
            case INT64 -> {
                return longToken(p);
            }
            case FLOAT32 -> {
                return token == JsonToken.VALUE_NUMBER_FLOAT ? p.getDecimalValue().floatValue() : (float) longToken(p);
            }
            case FLOAT64 -> {
                return token == JsonToken.VALUE_NUMBER_FLOAT ? p.getDecimalValue().doubleValue() : (double) longToken(p);
            }
            case BYTES -> {
                if (token != JsonToken.VALUE_STRING) {
                    throw new Fallback();
                }
                return p.getBinaryValue();
            }
            case STRING -> {
                if (token != JsonToken.VALUE_STRING) {
                    throw new Fallback();
                }
                return p.getText();
            }
            case ARRAY -> {
                if (token != JsonToken.START_ARRAY) {
                    throw new Fallback();
                }
                List<Object> list = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    list.add(stream(schema.valueSchema(), p));
                }
                return list;
            }
            case MAP -> {
                if (token != JsonToken.START_OBJECT || schema.keySchema().type() != Schema.Type.STRING) {
                    throw new Fallback();
                }
                Map<Object, Object> map = new HashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    p.nextToken();
                    map.put(key, stream(schema.valueSchema(), p));
                }
                return map;
            }
            case STRUCT -> {
                if (token != JsonToken.START_OBJECT) {
                    throw new Fallback();
                }
                List<Field> fields = schema.fields();
                Object[] values = new Object[fields.size()];
                boolean[] seen = new boolean[fields.size()];
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    Field field = schema.field(p.currentName());
                    p.nextToken();
                    if (field == null) {
                        p.skipChildren();
                        continue;
                    }
                    values[field.index()] = stream(field.schema(), p);
                    seen[field.index()] = true;
                }
                Struct struct = new Struct(schema);
                for (Field field : fields) {
                    struct.put(field, seen[field.index()] ? values[field.index()] : convert(field.schema(), null));
                }
                return struct;
            }
            default -> throw new Fallback();
        }
    }

    /** A JSON integer in int range (an IntNode in the tree), else {@link Fallback}. */
    private static int intToken(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_NUMBER_INT || p.getNumberType() != JsonParser.NumberType.INT) {
            throw new Fallback();
        }
        return p.getIntValue();
    }

    /** A JSON integer in long range (an IntNode or LongNode in the tree), else {@link Fallback}. */
    private static long longToken(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_NUMBER_INT || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            throw new Fallback();
        }
        return p.getLongValue();
    }

    private static BigDecimal decimal(Schema schema, JsonNode json) {
        if (json.isNumber()) {
            return json.decimalValue();
        }
        if (json.isBinary() || json.isTextual()) {
            try {
                return Decimal.toLogical(schema, json.binaryValue());
            } catch (Exception e) {
                throw new DataException("Invalid bytes for Decimal field", e);
            }
        }
        throw new DataException("Invalid type for Decimal, underlying representation should be numeric or bytes but was "
            + json.getNodeType());
    }

    private static int intOf(JsonNode json, String logical) {
        if (!json.isInt()) {
            throw new DataException("Invalid type for " + logical + ", underlying representation should be integer but was "
                + json.getNodeType());
        }
        return json.intValue();
    }

    private static byte[] bytes(JsonNode json) {
        try {
            return json.binaryValue();
        } catch (IOException e) {
            throw new DataException("Invalid bytes field", e);
        }
    }

    @Override
    public byte[] fromConnectHeader(String topic, String headerKey, Schema schema, Object value) {
        return delegate.fromConnectHeader(topic, headerKey, schema, value);
    }

    @Override
    public SchemaAndValue toConnectHeader(String topic, String headerKey, byte[] value) {
        return delegate.toConnectHeader(topic, headerKey, value);
    }

    @Override
    public void close() {
        delegate.close();
    }

    /** A schema part, in an array of its own, and its Connect schema. */
    private record Recent(SchemaBytes bytes, Schema schema) {
    }

    /** This record is for JsonConverter itself. */
    private static final class Fallback extends RuntimeException {
        Fallback() {
            super(null, null, false, false);
        }
    }

    /** The bytes of a schema part: in the record's own array for a lookup (no copy), in a copy once kept. */
    private static final class SchemaBytes {
        private final byte[] array;
        private final int from;
        private final int to;
        private final int hash;

        SchemaBytes(byte[] array, int from, int to) {
            this.array = array;
            this.from = from;
            this.to = to;
            // a sample of the bytes: equals compares them all, and a table's schema differs from another's in many places
            int length = to - from;
            int step = Math.max(1, length / 64);
            int h = length;
            for (int i = from; i < to; i += step) {
                h = 31 * h + array[i];
            }
            this.hash = h;
        }

        /** The same bytes in an array of their own, to keep. */
        SchemaBytes owned() {
            return new SchemaBytes(Arrays.copyOfRange(array, from, to), 0, to - from);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof SchemaBytes other && other.hash == hash
                && Arrays.equals(array, from, to, other.array, other.from, other.to);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
