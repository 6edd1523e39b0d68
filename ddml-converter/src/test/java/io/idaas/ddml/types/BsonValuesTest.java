package io.idaas.ddml.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.bson.BsonBinarySubType;
import org.bson.BsonDocument;
import org.bson.BsonType;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;
import org.junit.jupiter.api.Test;

/** SPEC.md section 11's BSON column, both ways, through BSON's own binary encoding. */
class BsonValuesTest {

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    /** Writes {@code value} as BSON, encodes and decodes the document, reads it back; returns the stored BSON value. */
    private static BsonValue roundTrip(String type, Object value) {
        PortableType t = PortableType.parse(type);
        Object normalized = PortableValues.normalize(t, value);
        BsonDocument doc = new BsonDocument("v", BsonValues.toBson(t, normalized));
        BsonDocument decoded = new RawBsonDocument(doc, new BsonDocumentCodec()).decode(new BsonDocumentCodec());
        Object back = BsonValues.fromBson(t, decoded.get("v"));
        if (t.kind() == TypeKind.JSON) {
            return decoded.get("v"); // equal in meaning, not in text: assertJson
        }
        if (normalized instanceof byte[] bytes) {
            assertThat((byte[]) back).as("%s", type).isEqualTo(bytes);
        } else {
            assertThat(back).as("%s round trip of %s", type, value).isEqualTo(normalized);
        }
        return decoded.get("v");
    }

    @Test
    void scalarsKeepTheirValueAndGetTheSpecsBsonType() {
        assertThat(roundTrip("boolean", true).getBsonType()).isEqualTo(BsonType.BOOLEAN);
        assertThat(roundTrip("int8", (byte) -128).getBsonType()).isEqualTo(BsonType.INT32);
        assertThat(roundTrip("int16", (short) 32767).getBsonType()).isEqualTo(BsonType.INT32);
        assertThat(roundTrip("int32", Integer.MIN_VALUE).getBsonType()).isEqualTo(BsonType.INT32);
        assertThat(roundTrip("int64", Long.MAX_VALUE).getBsonType()).isEqualTo(BsonType.INT64);
        assertThat(roundTrip("float32", 3.4028235e38f).getBsonType()).isEqualTo(BsonType.DOUBLE);
        assertThat(roundTrip("float32", Float.NaN).getBsonType()).isEqualTo(BsonType.DOUBLE);
        assertThat(roundTrip("float64", Double.NEGATIVE_INFINITY).getBsonType()).isEqualTo(BsonType.DOUBLE);
        assertThat(roundTrip("float64", 0.1).asDouble().getValue()).isEqualTo(0.1);
        assertThat(roundTrip("string", "Zoë \u00e9\uD83D\uDE00 \u0000").asString().getValue()).isEqualTo("Zoë \u00e9\uD83D\uDE00 \u0000");
        assertThat(roundTrip("enum('a','b')", "b").getBsonType()).isEqualTo(BsonType.STRING);
        assertThat(roundTrip("bytes", new byte[]{0, (byte) 255, 7}).asBinary().getType()).isEqualTo(BsonBinarySubType.BINARY.getValue());
        assertThat(roundTrip("geometry(4326)", new byte[]{1, 1, 0, 0, 0}).asBinary().getType()).isEqualTo((byte) 0);
        UUID uuid = UUID.fromString("eccbc87e-4b5c-e2fe-2830-8fd9f2a7baf3");
        assertThat(roundTrip("uuid", uuid).asBinary().getType()).isEqualTo(BsonBinarySubType.UUID_STANDARD.getValue());
        assertThat(roundTrip("date", LocalDate.of(-44, 3, 15)).asString().getValue()).isEqualTo("-0044-03-15");
        assertThat(roundTrip("date", LocalDate.of(2024, 2, 29)).asString().getValue()).isEqualTo("2024-02-29");
        assertThat(roundTrip("time(6)", LocalTime.of(23, 59, 59, 999_999_000)).asString().getValue()).isEqualTo("23:59:59.999999");
    }

    @Test
    void decimalsAreDecimal128WithTheirScaleUpTo34DigitsElseCanonicalText() {
        BsonValue d = roundTrip("decimal(38,10)", new BigDecimal("1234567890123456789012345678.0123456789"));
        assertThat(d.getBsonType()).as("p > 34: text").isEqualTo(BsonType.STRING);
        assertThat(d.asString().getValue()).isEqualTo("1234567890123456789012345678.0123456789");
        BsonValue small = roundTrip("decimal(34,4)", new BigDecimal("-0.1000"));
        assertThat(small.getBsonType()).isEqualTo(BsonType.DECIMAL128);
        assertThat(small.asDecimal128().getValue().bigDecimalValue().scale()).isEqualTo(4);
        assertThat(roundTrip("decimal(10,2)", new BigDecimal("0.00")).getBsonType()).isEqualTo(BsonType.DECIMAL128);
        assertThat(roundTrip("decimal", new BigDecimal("1234567890123456789012345678901234")).getBsonType())
            .as("34 digits").isEqualTo(BsonType.DECIMAL128);
        assertThat(roundTrip("decimal", new BigDecimal("12345678901234567890123456789012345")).getBsonType())
            .as("35 digits").isEqualTo(BsonType.STRING);
        assertThat(roundTrip("decimal", new BigDecimal("1E-7000")).getBsonType())
            .as("beyond Decimal128's exponent").isEqualTo(BsonType.STRING);
    }

    @Test
    void timestampsAreDatesUpToMillisElseText() {
        LocalDateTime millis = LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_000_000);
        assertThat(roundTrip("timestamp(3)", millis).getBsonType()).isEqualTo(BsonType.DATE_TIME);
        assertThat(roundTrip("timestamp(3)", millis).asDateTime().getValue()).isEqualTo(-1);
        LocalDateTime micros = LocalDateTime.of(2025, 3, 14, 9, 26, 53, 589_793_000);
        assertThat(roundTrip("timestamp(6)", micros).asString().getValue()).isEqualTo("2025-03-14T09:26:53.589793");
        assertThat(roundTrip("timestamptz(0)", Instant.parse("0001-01-01T00:00:00Z")).getBsonType()).isEqualTo(BsonType.DATE_TIME);
        assertThat(roundTrip("timestamptz(6)", Instant.parse("9999-12-31T23:59:59.999999Z")).asString().getValue())
            .isEqualTo("9999-12-31T23:59:59.999999Z");
    }

    @Test
    void setsAndArraysAreArraysOfTheirElements() {
        assertThat(roundTrip("set('a','b','c')", List.of("a", "c")).asArray()).hasSize(2);
        BsonValue a = roundTrip("array(decimal(5,2))", Arrays.asList(new BigDecimal("1.50"), null, new BigDecimal("-999.99")));
        assertThat(a.asArray().get(0).getBsonType()).isEqualTo(BsonType.DECIMAL128);
        assertThat(a.asArray().get(1).isNull()).isTrue();
        roundTrip("array(array(int32))", List.of(List.of(1, 2), List.of()));
        roundTrip("array(timestamp(6))", List.of(LocalDateTime.of(2020, 1, 1, 0, 0, 0, 1000)));
    }

    @Test
    void jsonIsTheParsedValueEqualInMeaning() throws Exception {
        assertJson("{\"a\":[1,[2,{\"b\":null}],\"x\"],\"n\":{\"m\":true},\"big\":12345678901234567890,\"f\":1.50}", BsonType.DOCUMENT);
        assertJson("[1,2.5e3,-0.000001]", BsonType.ARRAY);
        assertJson("\"just a string\"", BsonType.STRING);
        assertJson("42", BsonType.INT32);
        assertJson("null", BsonType.STRING); // JSON null is not SQL NULL (BSON null)
        assertThat(BsonValues.fromBson(PortableType.JSON, BsonValues.toBson(PortableType.JSON, "null"))).isEqualTo("null");
        BsonValue doc = BsonValues.toBson(PortableType.JSON, "{\"f\":1.50}");
        assertThat(doc.asDocument().get("f").asDecimal128().getValue().bigDecimalValue()).isEqualTo(new BigDecimal("1.50"));
    }

    @Test
    void jsonMongoDbCannotHoldAsADocumentIsTheTextItself() throws Exception {
        for (String text : List.of("{\"$set\":1}", "{\"a.b\":1}", "[{\"x\":{\"$y\":[]}}]", "{\"\":1}",
            "{\"n\":123456789012345678901234567890123456789}")) {
            BsonValue stored = BsonValues.toBson(PortableType.JSON, text);
            assertThat(stored.getBsonType()).as(text).isEqualTo(BsonType.STRING);
            assertThat(stored.asString().getValue()).isEqualTo(text);
            assertThat(BsonValues.fromBson(PortableType.JSON, stored)).isEqualTo(text);
        }
        // a string scalar whose content is such a text could be read either way: refused, never changed
        assertThatThrownBy(() -> BsonValues.toBson(PortableType.JSON, "\"{\\\"$set\\\":1}\""))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("could not tell");
        assertThatThrownBy(() -> BsonValues.toBson(PortableType.JSON, "\"null\""))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("could not tell");
        // a string scalar holding an ordinary JSON text stays a string scalar
        assertJson("\"{\\\"a\\\":1}\"", BsonType.STRING);
    }

    @Test
    void refusesWhatItDoesNotWrite() {
        assertThatThrownBy(() -> BsonValues.fromBson(PortableType.INT32, new org.bson.BsonString("1")))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("int32");
        assertThatThrownBy(() -> BsonValues.fromBson(PortableType.UUID, new org.bson.BsonBinary(new byte[16])))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("subtype");
        assertThat(BsonValues.fromBson(PortableType.STRING, null)).isNull();
        assertThat(BsonValues.fromBson(PortableType.STRING, org.bson.BsonNull.VALUE)).isNull();
        assertThat(BsonValues.toBson(PortableType.STRING, null).isNull()).isTrue();
    }

    private static void assertJson(String text, BsonType type) throws Exception {
        BsonValue stored = roundTrip("json", text);
        assertThat(stored.getBsonType()).as(text).isEqualTo(type);
        String back = (String) BsonValues.fromBson(PortableType.JSON, stored);
        assertThat(JSON.readTree(back)).as("%s read back as %s", text, back).isEqualTo(JSON.readTree(text));
    }
}
