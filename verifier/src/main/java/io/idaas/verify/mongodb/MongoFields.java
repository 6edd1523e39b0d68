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
 * BSON value is read back to the portable value with the column's portable type ({@link BsonValues#fromBson}, strict:
 * another BSON type, another decimal scale, a timestamp(6) cut to milliseconds are refused), and compared with the
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

    /** A document field read back with the column's type ({@code present} false: the document has no such field). */
    static Read read(Column column, BsonValue field) {
        if (field == null) {
            return new Read(null, "no field");
        }
        try {
            return new Read(JsonValues.toJson(column.type(), BsonValues.fromBson(column.type(), field)), null);
        } catch (RuntimeException e) {
            return new Read(null, BsonValues.describe(field));
        }
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
