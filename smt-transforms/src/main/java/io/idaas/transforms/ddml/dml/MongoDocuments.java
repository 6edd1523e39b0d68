package io.idaas.transforms.ddml.dml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.idaas.ddml.Column;
import io.idaas.ddml.types.NativeTypes;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.UUID;

/**
 * MongoDB documents as Debezium writes them (MongoDB Extended JSON, relaxed or canonical) read as
 * DDML columns and values (SPEC §10.5): each top-level field is a column typed by its BSON type,
 * nested documents and arrays are {@code json}. Integers without an explicit {@code $numberInt} are
 * taken as {@code long} (relaxed JSON does not tell int from long; a stable type keeps the fingerprint stable).
 */
public final class MongoDocuments {

    /** The primary-key field of every collection. */
    public static final String ID = "_id";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private MongoDocuments() {
    }

    /** Parses Extended JSON text. */
    public static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("not MongoDB Extended JSON: " + e.getMessage(), e);
        }
    }

    /** The column of a field holding {@code node}. */
    public static Column column(String name, JsonNode node) {
        String bson = bsonType(node);
        boolean key = name.equals(ID);
        if (bson == null) {
            return new Column(name, io.idaas.ddml.types.PortableType.JSON, null, true, null, null, null, null);
        }
        return new Column(name, NativeTypes.fromMongo(bson), bson, !key, null, null, null, null);
    }

    /** The BSON type alias of a value, or null for null. */
    public static String bsonType(JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (n.isTextual()) {
            return "string";
        }
        if (n.isBoolean()) {
            return "bool";
        }
        if (n.isIntegralNumber()) {
            return "long";
        }
        if (n.isNumber()) {
            return "double";
        }
        if (n.isArray()) {
            return "array";
        }
        if (n.size() >= 1) {
            String first = n.fieldNames().next();
            switch (first) {
                case "$oid" -> { return "objectId"; }
                case "$date" -> { return "date"; }
                case "$numberDecimal" -> { return "decimal"; }
                case "$numberLong" -> { return "long"; }
                case "$numberInt" -> { return "int"; }
                case "$numberDouble" -> { return "double"; }
                case "$uuid" -> { return "uuid"; }
                case "$binary" -> { return "04".equals(subType(n)) ? "uuid" : "binData"; }
                case "$timestamp" -> { return "timestamp"; }
                case "$regularExpression", "$regex" -> { return "regex"; }
                case "$symbol" -> { return "symbol"; }
                case "$code" -> { return "javascript"; }
                default -> { }
            }
        }
        return "object";
    }

    /** The Java value of a field ({@link io.idaas.ddml.types.PortableValues} form of its BSON type's portable type). */
    public static Object value(JsonNode n) {
        String bson = bsonType(n);
        if (bson == null) {
            return null;
        }
        return switch (bson) {
            case "string" -> n.textValue();
            case "bool" -> n.booleanValue();
            case "long" -> n.isNumber() ? n.longValue() : Long.parseLong(n.get("$numberLong").asText());
            case "int" -> Integer.parseInt(n.get("$numberInt").asText());
            case "double" -> n.isNumber() ? n.doubleValue() : Double.parseDouble(n.get("$numberDouble").asText());
            case "objectId" -> n.get("$oid").asText();
            case "date" -> date(n.get("$date"));
            case "decimal" -> new BigDecimal(n.get("$numberDecimal").asText());
            case "uuid" -> n.has("$uuid") ? UUID.fromString(n.get("$uuid").asText()) : uuid(binary(n));
            case "binData" -> binary(n);
            case "timestamp" -> (n.get("$timestamp").get("t").asLong() << 32) | n.get("$timestamp").get("i").asLong();
            case "regex" -> regex(n);
            case "symbol" -> n.get("$symbol").asText();
            case "javascript" -> n.get("$code").asText();
            default -> n.toString();
        };
    }

    private static Instant date(JsonNode d) {
        if (d.isTextual()) {
            return OffsetDateTime.parse(d.textValue()).toInstant();
        }
        long ms = d.isNumber() ? d.longValue() : Long.parseLong(d.get("$numberLong").asText());
        return Instant.ofEpochMilli(ms);
    }

    private static String subType(JsonNode n) {
        JsonNode b = n.get("$binary");
        JsonNode t = b.isObject() ? b.get("subType") : n.get("$type");
        return t == null ? null : t.asText();
    }

    private static byte[] binary(JsonNode n) {
        JsonNode b = n.get("$binary");
        return Base64.getDecoder().decode(b.isObject() ? b.get("base64").asText() : b.asText());
    }

    private static UUID uuid(byte[] b) {
        ByteBuffer buf = ByteBuffer.wrap(b);
        return new UUID(buf.getLong(), buf.getLong());
    }

    private static String regex(JsonNode n) {
        JsonNode r = n.has("$regularExpression") ? n.get("$regularExpression") : n;
        String pattern = r.has("pattern") ? r.get("pattern").asText() : r.path("$regex").asText();
        String options = r.has("options") ? r.get("options").asText() : r.path("$options").asText();
        return "/" + pattern + "/" + options;
    }

    /** The fields of a document, in order. */
    public static Iterator<Map.Entry<String, JsonNode>> fields(JsonNode document) {
        return document.fields();
    }
}
