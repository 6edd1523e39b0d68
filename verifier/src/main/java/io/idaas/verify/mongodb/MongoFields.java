package io.idaas.verify.mongodb;

import com.fasterxml.jackson.databind.JsonNode;
import io.idaas.ddml.types.BsonValues;
import io.idaas.ddml.types.JsonValues;
import io.idaas.ddml.types.PortableType;
import io.idaas.ddml.types.TypeKind;
import io.idaas.verify.compare.Canonical;
import io.idaas.verify.compare.Semantic;
import io.idaas.verify.copy.SourceValues;
import io.idaas.verify.sql.Column;
import org.bson.BsonDocument;
import org.bson.BsonValue;

import java.util.List;

/**
 * A source column's values against a MongoDB document's fields (mongo-layout: ddml-converter SPEC.md §11): the field's
 * BSON value must be of the BSON type the sink writes for the source's value (another is reported with its type: an
 * int64 for an int32 column, a BSON date for a timestamp(6)), is read back to the portable value with the column's
 * portable type ({@link BsonValues#fromBson}), and compared with the
 * source's value in the same type through their DDML JSON encodings (SPEC.md §8.2): a decimal with its scale, a
 * timestamp with its six fraction digits, floats by value, {@code json} by meaning (keys sorted, numbers by value).
 */
final class MongoFields {

    private MongoFields() {
    }

    /**
     * A field as read: the portable value's DDML JSON encoding, or, when it is no value of the column's type, null
     * {@code value} and the reason.
     */
    record Read(JsonNode value, String problem) {
        boolean ok() {
            return problem == null;
        }
    }

    /** The DDML JSON encoding of a source value (JSON null for SQL NULL); a value the type does not hold: its canonical text. */
    static JsonNode expected(Column column, Object jdbcValue) {
        if (jdbcValue == null) {
            return JsonValues.toJson(column.type(), null);
        }
        try {
            return JsonValues.toJson(column.type(), SourceValues.portable(column.type(), jdbcValue));
        } catch (RuntimeException e) {
            return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.textNode(
                    Canonical.text(Semantic.of(column, column), column.padded(), jdbcValue));
        }
    }

    /** The portable value a source value stands for (to build the document's {@code _id}); null when it has none. */
    static Object portable(Column column, Object jdbcValue) {
        try {
            return SourceValues.portable(column.type(), jdbcValue);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The BSON value the sink writes for a source value (BSON null for SQL NULL); null when it has none. */
    static BsonValue expectedBson(Column column, Object jdbcValue) {
        try {
            return BsonValues.toBson(column.type(), jdbcValue == null ? null : SourceValues.portable(column.type(), jdbcValue));
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** A document field read back with the column's type; null {@code field}: the document has no such field. */
    static Read read(Column column, BsonValue field) {
        return read(column, field, null);
    }

    /**
     * A document field read back with the column's type, which must be of the BSON type the sink writes for the source's
     * value ({@code expected}; null: not checked): another BSON type (an int64 for an int32 column, a BSON date for a
     * timestamp(6), a double for a decimal, a uuid of another binData subtype) is no value of the column.
     */
    static Read read(Column column, BsonValue field, BsonValue expected) {
        if (field == null) {
            return new Read(null, "no field");
        }
        if (expected != null && !sameBsonType(expected, field)) {
            return new Read(null, describe(field));
        }
        try {
            return new Read(JsonValues.toJson(column.type(), BsonValues.fromBson(column.type(), field)), null);
        } catch (RuntimeException e) {
            return new Read(null, describe(field));
        }
    }

    private static boolean sameBsonType(BsonValue a, BsonValue b) {
        if (a.getBsonType() != b.getBsonType()) {
            return false;
        }
        return !a.isBinary() || a.asBinary().getType() == b.asBinary().getType();
    }

    /** A BSON value as reports show one that is no value of its column: its type and value ({@code int64 5}). */
    static String describe(BsonValue value) {
        if (value == null) {
            return "no field";
        }
        String type = value.getBsonType().name().toLowerCase(java.util.Locale.ROOT);
        String text = switch (value.getBsonType()) {
            case NULL -> "";
            case STRING -> "\"" + value.asString().getValue() + "\"";
            case INT32 -> String.valueOf(value.asInt32().getValue());
            case INT64 -> String.valueOf(value.asInt64().getValue());
            case DOUBLE -> String.valueOf(value.asDouble().getValue());
            case DECIMAL128 -> value.asDecimal128().getValue().toString();
            case BOOLEAN -> String.valueOf(value.asBoolean().getValue());
            case DATE_TIME -> java.time.Instant.ofEpochMilli(value.asDateTime().getValue()).toString();
            case BINARY -> "subtype " + value.asBinary().getType() + " "
                    + java.util.HexFormat.of().withUpperCase().formatHex(value.asBinary().getData());
            case DOCUMENT -> value.asDocument().toJson();
            default -> new BsonDocument("v", value).toJson();
        };
        return text.isEmpty() ? type : type + " " + text;
    }

    /** Whether a field read back holds the source's value. */
    static boolean same(Column column, JsonNode expected, Read actual) {
        if (!actual.ok()) {
            return false;
        }
        JsonNode a = expected;
        JsonNode b = actual.value();
        if (column.type().kind() == TypeKind.JSON && a.isTextual() && b.isTextual()) {
            return Canonical.text(Semantic.JSON, false, a.asText()).equals(Canonical.text(Semantic.JSON, false, b.asText()));
        }
        return a.equals(b);
    }

    /** A value as reports show it: a JSON string's text, other JSON as written; JSON null is null (NULL). */
    static String display(JsonNode value) {
        return value == null || value.isNull() ? null : value.isTextual() ? value.asText() : value.toString();
    }

    /** A field read back as reports show it: its value, or the BSON it holds when that is no value of the column. */
    static String display(Read read) {
        return read.ok() ? display(read.value()) : read.problem();
    }

    /** The {@code _id} the sink gives the row with these key values: the value, or a document of the key columns. */
    static BsonValue id(List<Column> keys, List<Object> portableKey) {
        if (keys.size() == 1) {
            return BsonValues.toBson(type(keys.get(0)), portableKey.get(0));
        }
        BsonDocument d = new BsonDocument();
        for (int i = 0; i < keys.size(); i++) {
            d.put(keys.get(i).name(), BsonValues.toBson(type(keys.get(i)), portableKey.get(i)));
        }
        return d;
    }

    /** The key columns' fields of an {@code _id}: the value itself for one column, the document's fields for several. */
    static BsonValue idPart(List<Column> keys, BsonValue id, int i) {
        if (keys.size() == 1) {
            return id;
        }
        return id != null && id.isDocument() ? id.asDocument().get(keys.get(i).name()) : null;
    }

    private static PortableType type(Column column) {
        return column.type();
    }
}
