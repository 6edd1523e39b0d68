package io.idaas.ddml.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.idaas.ddml.Column;
import io.idaas.ddml.DdmlAvro;
import io.idaas.ddml.DdmlEvent;
import io.idaas.ddml.DdmlJson;
import io.idaas.ddml.DmlChange;
import io.idaas.ddml.Position;
import io.idaas.ddml.Row;
import io.idaas.ddml.SortablePosition;
import io.idaas.ddml.Source;
import io.idaas.ddml.SourceSystem;
import io.idaas.ddml.TableSchema;
import io.idaas.ddml.Timing;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.generic.GenericData;
import org.junit.jupiter.api.Test;

/** Every portable type, with its extremes, survives JSON and Avro exactly; the JSON text is the SPEC's. */
class ValueRoundTripTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Round-trips {@code value} in a column of {@code type} and returns the column's JSON encoding. */
    private static JsonNode roundTrip(String type, Object value) throws Exception {
        PortableType t = PortableType.parse(type);
        TableSchema schema = TableSchema.of(List.of(Column.builder("id", PortableType.INT64).nullable(false).build(),
            Column.of("v", t)), List.of("id"));
        DdmlEvent event = DdmlEvent.builder()
            .source(Source.of(SourceSystem.POSTGRESQL, "pg", "db", "public", "t"))
            .position(Position.of(SortablePosition.of(SortablePosition.postgres(1, 2), SortablePosition.Phase.CHANGE, 0), Map.of()))
            .time(Timing.of(null, 1, 2)).schema(schema)
            .dml(DmlChange.insert(Row.of("id", 1L, "v", value))).build();
        byte[] json = DdmlJson.write(event);
        DdmlEvent fromJson = DdmlJson.read(json);
        assertThat(fromJson).as("JSON round trip of %s", type).isEqualTo(event);
        assertThat(GenericData.get().validate(DdmlAvro.schema(), DdmlAvro.toRecord(event))).isTrue();
        DdmlEvent fromAvro = DdmlAvro.deserialize(DdmlAvro.serialize(fromJson));
        assertThat(fromAvro).as("Avro round trip of %s", type).isEqualTo(event);
        assertThat(DdmlJson.write(fromAvro)).isEqualTo(json);
        Object normalized = value == null ? null : PortableValues.normalize(t, value);
        java.io.StringWriter streamed = new java.io.StringWriter();
        try (com.fasterxml.jackson.core.JsonGenerator g = MAPPER.getFactory().createGenerator(streamed)) {
            JsonValues.write(t, normalized, g);
        }
        assertThat(streamed.toString()).as("JsonValues.write and toJson agree on %s", type)
            .isEqualTo(MAPPER.writeValueAsString(JsonValues.toJson(t, normalized)));
        Object back = fromAvro.dml().after().get("v");
        if (value != null) {
            assertThat(back).isInstanceOf(PortableValues.normalize(t, value).getClass());
        }
        return MAPPER.readTree(json).get("dml").get("after").get("v");
    }

    private static String text(String type, Object value) throws Exception {
        return roundTrip(type, value).toString();
    }

    @Test
    void nullsOfEveryKind() throws Exception {
        for (TypeKind k : TypeKind.values()) {
            String type = switch (k) {
                case ENUM -> "enum('a')";
                case SET -> "set('a')";
                case ARRAY -> "array(int32)";
                default -> k.wireName();
            };
            assertThat(roundTrip(type, null).isNull()).isTrue();
        }
    }

    @Test
    void booleansAndIntegers() throws Exception {
        assertThat(text("boolean", true)).isEqualTo("true");
        assertThat(text("int8", (byte) -128)).isEqualTo("-128");
        assertThat(text("int16", Short.MAX_VALUE)).isEqualTo("32767");
        assertThat(text("int32", Integer.MIN_VALUE)).isEqualTo("-2147483648");
        assertThat(text("int64", Long.MAX_VALUE)).isEqualTo("9223372036854775807");
        assertThat(text("int64", Long.MIN_VALUE)).isEqualTo("-9223372036854775808");
        assertThat(text("int64", 7)).isEqualTo("7");
        assertThatThrownBy(() -> roundTrip("int8", 128)).hasMessageContaining("out of range");
    }

    @Test
    void decimalsKeepEveryDigitAndTheScale() throws Exception {
        assertThat(text("decimal(38,0)", new BigDecimal("99999999999999999999999999999999999999")))
            .isEqualTo("\"99999999999999999999999999999999999999\"");
        assertThat(text("decimal(38,38)", new BigDecimal("-0.99999999999999999999999999999999999999")))
            .isEqualTo("\"-0.99999999999999999999999999999999999999\"");
        assertThat(text("decimal(10,2)", new BigDecimal("1.5"))).isEqualTo("\"1.50\"");
        assertThat(text("decimal(10,2)", new BigDecimal("0"))).isEqualTo("\"0.00\"");
        assertThat(text("decimal", new BigDecimal("1E+3"))).isEqualTo("\"1000\"");
        assertThat(text("decimal", new BigDecimal("-12.000"))).isEqualTo("\"-12.000\"");
        assertThat(text("decimal", new BigDecimal("123456789012345678901234567890.123456789012345678901234567890")))
            .isEqualTo("\"123456789012345678901234567890.123456789012345678901234567890\"");
        assertThatThrownBy(() -> roundTrip("decimal(10,2)", new BigDecimal("1.234"))).hasMessageContaining("decimal(10,2)");
        assertThatThrownBy(() -> roundTrip("decimal(4,2)", new BigDecimal("100"))).hasMessageContaining("integer digits");
    }

    @Test
    void floatsIncludingNonFinite() throws Exception {
        assertThat(roundTrip("float64", -273.15).doubleValue()).isEqualTo(-273.15);
        assertThat(roundTrip("float64", Double.MIN_VALUE).doubleValue()).isEqualTo(Double.MIN_VALUE);
        assertThat(roundTrip("float64", Double.MAX_VALUE).doubleValue()).isEqualTo(Double.MAX_VALUE);
        assertThat(roundTrip("float32", 0.1f).floatValue()).isEqualTo(0.1f);
        assertThat(roundTrip("float32", Float.MAX_VALUE).floatValue()).isEqualTo(Float.MAX_VALUE);
        assertThat(text("float64", Double.NaN)).isEqualTo("\"NaN\"");
        assertThat(text("float64", Double.NEGATIVE_INFINITY)).isEqualTo("\"-Infinity\"");
        assertThat(text("float32", Float.POSITIVE_INFINITY)).isEqualTo("\"Infinity\"");
        assertThat(text("float64", -0.0)).isEqualTo("-0.0");
    }

    @Test
    void stringsWithUnicodeAndEmoji() throws Exception {
        String s = "Zoë 🚀 中文 \u0000 \"quoted\" \\ \n";
        assertThat(roundTrip("string", s).textValue()).isEqualTo(s);
        assertThat(roundTrip("string(1)", "🚀").textValue()).isEqualTo("🚀");
        assertThatThrownBy(() -> roundTrip("string(1)", "ab")).hasMessageContaining("longer than 1");
        assertThat(roundTrip("json", "{\"a\": [1, 2.50, \"ü\"]}").textValue()).isEqualTo("{\"a\": [1, 2.50, \"ü\"]}");
        assertThat(text("enum('a','it''s')", "it's")).isEqualTo("\"it's\"");
        assertThatThrownBy(() -> roundTrip("enum('a')", "b")).hasMessageContaining("not one of");
    }

    @Test
    void bytesAsBase64() throws Exception {
        byte[] all = new byte[256];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }
        assertThat(roundTrip("bytes", all).textValue()).isEqualTo(java.util.Base64.getEncoder().encodeToString(all));
        assertThat(text("bytes", new byte[0])).isEqualTo("\"\"");
        assertThat(text("bytes(2)", new byte[] {(byte) 0xff, 0})).isEqualTo("\"/wA=\"");
        byte[] wkbPoint = {1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, -16, 63, 0, 0, 0, 0, 0, 0, 0, 64};
        assertThat(text("geometry(4326)", wkbPoint)).isEqualTo("\"AQEAAAAAAAAAAADwPwAAAAAAAABA\"");
    }

    @Test
    void datesAndTimesBefore1970AndWithMicroseconds() throws Exception {
        assertThat(text("date", LocalDate.of(1969, 12, 31))).isEqualTo("\"1969-12-31\"");
        assertThat(text("date", LocalDate.of(1, 1, 1))).isEqualTo("\"0001-01-01\"");
        assertThat(text("date", LocalDate.of(9999, 12, 31))).isEqualTo("\"9999-12-31\"");
        assertThat(text("date", LocalDate.of(-44, 3, 15))).isEqualTo("\"-0044-03-15\"");
        assertThat(text("date", LocalDate.of(10000, 1, 1))).isEqualTo("\"+10000-01-01\"");
        assertThat(text("time(6)", LocalTime.of(23, 59, 59, 999_999_000))).isEqualTo("\"23:59:59.999999\"");
        assertThat(text("time(0)", LocalTime.MIDNIGHT)).isEqualTo("\"00:00:00.000000\"");
        assertThatThrownBy(() -> roundTrip("time(3)", LocalTime.of(1, 2, 3, 123_456_000))).hasMessageContaining("fractional");
        assertThatThrownBy(() -> roundTrip("time(6)", LocalTime.of(1, 2, 3, 1))).hasMessageContaining("fractional");
        assertThat(text("timestamp(6)", LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_999_000)))
            .isEqualTo("\"1969-12-31T23:59:59.999999\"");
        assertThat(text("timestamp(0)", LocalDateTime.of(1900, 1, 1, 0, 0))).isEqualTo("\"1900-01-01T00:00:00.000000\"");
        assertThat(text("timestamptz(6)", Instant.parse("1969-07-20T20:17:40.000001Z"))).isEqualTo("\"1969-07-20T20:17:40.000001Z\"");
        assertThat(text("timestamptz(6)", OffsetDateTime.parse("2025-03-14T09:26:53.589793+05:30")))
            .isEqualTo("\"2025-03-14T03:56:53.589793Z\"");
        assertThat(text("timestamptz(3)", Instant.parse("2038-01-19T03:14:08.123Z"))).isEqualTo("\"2038-01-19T03:14:08.123000Z\"");
        assertThat(text("timestamptz(0)", Instant.parse("0001-01-01T00:00:00Z"))).isEqualTo("\"0001-01-01T00:00:00.000000Z\"");
    }

    @Test
    void uuidsSetsArrays() throws Exception {
        assertThat(text("uuid", UUID.fromString("3F2504E0-4F89-11D3-9A0C-0305E82C3301")))
            .isEqualTo("\"3f2504e0-4f89-11d3-9a0c-0305e82c3301\"");
        assertThat(text("uuid", "00000000-0000-0000-0000-000000000000")).isEqualTo("\"00000000-0000-0000-0000-000000000000\"");
        assertThat(text("set('a','b','c')", List.of("a", "c"))).isEqualTo("[\"a\",\"c\"]");
        assertThat(text("set('a')", List.of())).isEqualTo("[]");
        assertThatThrownBy(() -> roundTrip("set('a','b')", List.of("a", "a"))).hasMessageContaining("duplicate");
        assertThat(text("array(int64)", Arrays.asList(1L, null, Long.MIN_VALUE))).isEqualTo("[1,null,-9223372036854775808]");
        assertThat(text("array(array(decimal(3,1)))", List.of(List.of(new BigDecimal("1.5")), List.of())))
            .isEqualTo("[[\"1.5\"],[]]");
        assertThat(text("array(timestamptz(6))", List.of(Instant.EPOCH))).isEqualTo("[\"1970-01-01T00:00:00.000000Z\"]");
        assertThat(text("array(bytes)", List.of(new byte[] {1}))).isEqualTo("[\"AQ==\"]");
    }

    @Test
    void redisFieldValues() {
        assertThat(new String(RedisValues.encode(PortableType.decimal(5, 2), new BigDecimal("1.50")), StandardCharsets.UTF_8)).isEqualTo("1.50");
        assertThat(new String(RedisValues.encode(PortableType.BOOLEAN, true), StandardCharsets.UTF_8)).isEqualTo("true");
        assertThat(new String(RedisValues.encode(PortableType.INT64, Long.MIN_VALUE), StandardCharsets.UTF_8)).isEqualTo("-9223372036854775808");
        assertThat(new String(RedisValues.encode(PortableType.setOf(List.of("a", "b")), List.of("a", "b")), StandardCharsets.UTF_8)).isEqualTo("[\"a\",\"b\"]");
        assertThat(new String(RedisValues.encode(PortableType.timestampTz(6), Instant.EPOCH), StandardCharsets.UTF_8)).isEqualTo("1970-01-01T00:00:00.000000Z");
        assertThat(RedisValues.encode(PortableType.BYTES, new byte[] {0, (byte) 0xff})).containsExactly(0, 0xff);
        assertThat(new String(RedisValues.encode(PortableType.STRING, "🚀"), StandardCharsets.UTF_8)).isEqualTo("🚀");
    }
}
