package io.idaas.ddml.types;

import org.bson.BsonArray;
import org.bson.BsonBinary;
import org.bson.BsonBinarySubType;
import org.bson.BsonBoolean;
import org.bson.BsonDateTime;
import org.bson.BsonDecimal128;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The MongoDB column of SPEC.md §11, both ways, against BSON values written out by hand. */
class BsonValuesTest {

    private static PortableType t(String text) {
        return PortableType.parse(text);
    }

    /** toBson gives exactly {@code bson}, and fromBson gives the value back. */
    private static void both(String type, Object value, BsonValue bson) {
        assertThat(BsonValues.toBson(t(type), value)).as(type + " " + value).isEqualTo(bson);
        Object back = BsonValues.fromBson(t(type), bson);
        if (value instanceof byte[] b) {
            assertThat((byte[]) back).isEqualTo(b);
        } else {
            assertThat(back).as(type + " back").isEqualTo(PortableValues.normalize(t(type), value));
        }
    }

    @Test
    void eachPortableTypeHasItsBsonType() {
        both("boolean", true, BsonBoolean.TRUE);
        both("int8", (byte) -5, new BsonInt32(-5));
        both("int16", (short) 300, new BsonInt32(300));
        both("int32", Integer.MIN_VALUE, new BsonInt32(Integer.MIN_VALUE));
        both("int64", Long.MAX_VALUE, new BsonInt64(Long.MAX_VALUE));
        both("decimal(12,2)", new BigDecimal("12.50"), new BsonDecimal128(Decimal128.parse("12.50")));
        both("decimal(38,10)", new BigDecimal("1234567890123456789012345678.0123456789"),
                new BsonString("1234567890123456789012345678.0123456789"));
        both("decimal", new BigDecimal("0.000100"), new BsonDecimal128(Decimal128.parse("0.000100")));
        both("decimal", new BigDecimal("12345678901234567890123456789012345"), new BsonString("12345678901234567890123456789012345"));
        both("float32", 1.5f, new BsonDouble(1.5));
        both("float64", Double.NaN, new BsonDouble(Double.NaN));
        both("float64", -273.15, new BsonDouble(-273.15));
        both("string(10)", "é€😀", new BsonString("é€😀"));
        both("enum('a','b')", "b", new BsonString("b"));
        both("bytes", new byte[] {0, (byte) 0xFF}, new BsonBinary(BsonBinarySubType.BINARY, new byte[] {0, (byte) 0xFF}));
        both("geometry", new byte[] {1, 1, 0, 0, 0}, new BsonBinary(BsonBinarySubType.BINARY, new byte[] {1, 1, 0, 0, 0}));
        both("date", LocalDate.of(1, 1, 1), new BsonString("0001-01-01"));
        both("time(6)", LocalTime.of(23, 59, 59, 999_999_000), new BsonString("23:59:59.999999"));
        both("timestamp(3)", LocalDateTime.of(2025, 3, 14, 9, 26, 53, 589_000_000),
                new BsonDateTime(Instant.parse("2025-03-14T09:26:53.589Z").toEpochMilli()));
        both("timestamp(6)", LocalDateTime.of(2025, 3, 14, 9, 26, 53, 589_793_000), new BsonString("2025-03-14T09:26:53.589793"));
        both("timestamptz(0)", Instant.parse("1969-12-31T23:59:59Z"), new BsonDateTime(-1000));
        both("timestamptz(6)", Instant.parse("2025-03-14T09:26:53.000001Z"), new BsonString("2025-03-14T09:26:53.000001Z"));
        UUID u = UUID.fromString("eccbc87e-4b5c-e2fe-2830-8fd9f2a7baf3");
        both("uuid", u, new BsonBinary(u));
        assertThat(((BsonBinary) BsonValues.toBson(t("uuid"), u)).getType()).isEqualTo((byte) 4);
        both("set('a','b','c')", List.of("c", "a"), new BsonArray(List.of(new BsonString("c"), new BsonString("a"))));
        both("array(int64)", Arrays.asList(1L, null, 3L), new BsonArray(List.of(new BsonInt64(1), BsonNull.VALUE, new BsonInt64(3))));
        assertThat(BsonValues.toBson(t("int32"), null)).isEqualTo(BsonNull.VALUE);
        assertThat(BsonValues.fromBson(t("int32"), BsonNull.VALUE)).isNull();
        assertThat(BsonValues.fromBson(t("int32"), null)).isNull();
    }

    @Test
    void jsonObjectsAndArraysAreDocumentsOtherJsonTextIsAString() {
        BsonValue doc = BsonValues.toBson(PortableType.JSON, "{\"a\": [1, 2.5, 12345678901, {\"b\": null}], \"c\": \"x\", \"d\": 0.1000000000000000055511151231257827}");
        assertThat(doc).isEqualTo(BsonDocument.parse("{\"a\": [1, 2.5, {\"$numberLong\": \"12345678901\"}, {\"b\": null}], \"c\": \"x\", "
                + "\"d\": {\"$numberDecimal\": \"0.1000000000000000055511151231257827\"}}"));
        assertThat(BsonValues.fromBson(PortableType.JSON, doc))
                .isEqualTo("{\"a\":[1,2.5,12345678901,{\"b\":null}],\"c\":\"x\",\"d\":0.1000000000000000055511151231257827}");
        assertThat(BsonValues.toBson(PortableType.JSON, "[]")).isEqualTo(new BsonArray());
        // a key MongoDB would read as an operator or a path, scalars, JSON null: the JSON text in a string
        for (String text : List.of("{\"$set\": 1}", "{\"a.b\": 1}", "\"a\"", "null", "1.5", "true")) {
            assertThat(BsonValues.toBson(PortableType.JSON, text)).as(text).isEqualTo(new BsonString(text));
            assertThat(BsonValues.fromBson(PortableType.JSON, new BsonString(text))).isEqualTo(text);
        }
        assertThatThrownBy(() -> BsonValues.fromBson(PortableType.JSON, new BsonString("a")))
                .hasMessageContaining("not JSON text");
        assertThatThrownBy(() -> BsonValues.fromBson(PortableType.JSON, new BsonInt32(1))).hasMessageContaining("int32 1");
    }

    @Test
    void aReaderRefusesAnotherBsonTypeOrAnotherScale() {
        assertThatThrownBy(() -> BsonValues.fromBson(t("decimal(12,2)"), new BsonDecimal128(Decimal128.parse("12.5"))))
                .hasMessageContaining("scale 1");
        assertThatThrownBy(() -> BsonValues.fromBson(t("decimal(12,2)"), new BsonDouble(12.5))).hasMessageContaining("double 12.5");
        assertThatThrownBy(() -> BsonValues.fromBson(t("decimal(12,2)"), new BsonString("12.50"))).hasMessageContaining("Decimal128");
        assertThatThrownBy(() -> BsonValues.fromBson(t("int32"), new BsonInt64(5))).hasMessageContaining("int64 5");
        assertThatThrownBy(() -> BsonValues.fromBson(t("float32"), new BsonDouble(0.1))).hasMessageContaining("float32");
        assertThatThrownBy(() -> BsonValues.fromBson(t("timestamp(6)"), new BsonDateTime(0))).hasMessageContaining("date_time");
        assertThatThrownBy(() -> BsonValues.fromBson(t("timestamp(6)"), new BsonString("2025-03-14T09:26:53.589")))
                .hasMessageContaining("not a timestamp");
        assertThatThrownBy(() -> BsonValues.fromBson(t("uuid"), new BsonBinary(BsonBinarySubType.UUID_LEGACY, new byte[16])))
                .hasMessageContaining("subtype 3");
        assertThatThrownBy(() -> BsonValues.fromBson(t("enum('a')"), new BsonString("z"))).hasMessageContaining("not one of");
    }
}
