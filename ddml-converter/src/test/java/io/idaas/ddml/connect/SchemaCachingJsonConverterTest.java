package io.idaas.ddml.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.json.JsonConverter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * SchemaCachingJsonConverter must read exactly what Kafka's JsonConverter reads from the same bytes: the same schema, the
 * same value, the same errors.
 */
class SchemaCachingJsonConverterTest {

    private static final Schema ROW = SchemaBuilder.struct().name("db.shop.orders.Value").optional()
        .field("id", Schema.INT64_SCHEMA)
        .field("tiny", Schema.OPTIONAL_INT8_SCHEMA)
        .field("small", Schema.OPTIONAL_INT16_SCHEMA)
        .field("qty", Schema.OPTIONAL_INT32_SCHEMA)
        .field("ratio", Schema.OPTIONAL_FLOAT32_SCHEMA)
        .field("weight", Schema.OPTIONAL_FLOAT64_SCHEMA)
        .field("flag", Schema.OPTIONAL_BOOLEAN_SCHEMA)
        .field("name", Schema.OPTIONAL_STRING_SCHEMA)
        .field("blob", Schema.OPTIONAL_BYTES_SCHEMA)
        .field("price", Decimal.builder(2).optional().parameter("connect.decimal.precision", "12").build())
        .field("day", Date.builder().optional().build())
        .field("at", Time.builder().optional().build())
        .field("ts", Timestamp.builder().optional().build())
        .field("micros", SchemaBuilder.int64().name("io.debezium.time.MicroTimestamp").version(1).optional().build())
        .field("tags", SchemaBuilder.array(Schema.STRING_SCHEMA).optional().build())
        .field("attrs", SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.OPTIONAL_INT32_SCHEMA).optional().build())
        .field("status", SchemaBuilder.string().defaultValue("new").optional().build())
        .field("nested", SchemaBuilder.struct().optional().field("a", Schema.STRING_SCHEMA)
            .field("b", SchemaBuilder.array(Decimal.schema(3)).optional().build()).build())
        .build();

    private static final Schema SOURCE = SchemaBuilder.struct().name("io.debezium.connector.mysql.Source")
        .field("version", Schema.STRING_SCHEMA).field("connector", Schema.STRING_SCHEMA)
        .field("ts_ms", Schema.INT64_SCHEMA).field("file", Schema.STRING_SCHEMA).field("pos", Schema.INT64_SCHEMA)
        .field("row", Schema.INT32_SCHEMA).field("snapshot", SchemaBuilder.string().optional().defaultValue("false").build())
        .build();

    private static final Schema ENVELOPE = SchemaBuilder.struct().name("db.shop.orders.Envelope").version(2)
        .field("before", ROW).field("after", ROW).field("source", SOURCE).field("op", Schema.STRING_SCHEMA)
        .field("ts_ms", Schema.OPTIONAL_INT64_SCHEMA).build();

    private static Struct row(long id) {
        return new Struct(ROW).put("id", id).put("tiny", (byte) -3).put("small", (short) 300).put("qty", 42)
            .put("ratio", 0.1f).put("weight", 1.0E-7).put("flag", true).put("name", "caf\u00e9 \u0001 \"q\"")
            .put("blob", new byte[] {0, 1, (byte) 255}).put("price", new BigDecimal("1234567890.25"))
            .put("day", new java.util.Date(86_400_000L * 19_000)).put("at", new java.util.Date(3_600_000L))
            .put("ts", new java.util.Date(1_700_000_000_123L)).put("micros", 1_700_000_000_123_456L)
            .put("tags", List.of("a", "b")).put("attrs", Map.of("x", 1, "y", 2))
            .put("nested", new Struct(ROW.field("nested").schema()).put("a", "n")
                .put("b", List.of(new BigDecimal("1.500"))));
    }

    private static Struct change(Struct before, Struct after, String op, long pos) {
        return new Struct(ENVELOPE).put("before", before).put("after", after).put("op", op).put("ts_ms", 5L)
            .put("source", new Struct(SOURCE).put("version", "3.5.0").put("connector", "mariadb").put("ts_ms", 1L)
                .put("file", "bin.000001").put("pos", pos).put("row", 0));
    }

    private static JsonConverter kafka(Map<String, String> settings) {
        JsonConverter c = new JsonConverter();
        c.configure(settings, false);
        return c;
    }

    private static SchemaCachingJsonConverter ours(Map<String, String> settings) {
        SchemaCachingJsonConverter c = new SchemaCachingJsonConverter();
        c.configure(settings, false);
        return c;
    }

    private static void assertSameAsKafka(Map<String, String> settings, byte[] bytes) {
        SchemaAndValue expected = kafka(settings).toConnectData("t", bytes);
        SchemaCachingJsonConverter ours = ours(settings);
        SchemaAndValue actual = ours.toConnectData("t", bytes);
        assertThat(actual.schema()).isEqualTo(expected.schema());
        assertThat(actual.value()).isEqualTo(expected.value());
        assertThat(actual).isEqualTo(expected);
        // the second time the schema part is one seen last, compared byte for byte instead of parsed
        assertThat(ours.toConnectData("t", bytes)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"BASE64", "NUMERIC"})
    void readsEveryTypeOfADebeziumChangeAsJsonConverterDoes(String decimalFormat) {
        Map<String, String> settings = Map.of("decimal.format", decimalFormat);
        JsonConverter writer = kafka(settings);
        Struct full = row(1);
        Struct sparse = new Struct(ROW).put("id", 2L); // every optional field null, status null
        for (Struct change : List.of(change(null, full, "c", 10), change(full, sparse, "u", 20),
                change(sparse, null, "d", 30))) {
            assertSameAsKafka(settings, writer.fromConnectData("t", ENVELOPE, change));
        }
    }

    @Test
    void aNullFieldTakesItsDefaultOnlyWhenJsonConverterWouldReplaceIt() {
        byte[] bytes = kafka(Map.of()).fromConnectData("t", ENVELOPE, change(null, new Struct(ROW).put("id", 3L), "c", 1));
        String json = new String(bytes, StandardCharsets.UTF_8);
        assertThat(json).contains("\"status\":\"new\""); // the writer writes the default for a null
        byte[] withNull = json.replace("\"status\":\"new\"", "\"status\":null").getBytes(StandardCharsets.UTF_8);
        assertSameAsKafka(Map.of(), withNull);
        assertSameAsKafka(Map.of("replace.null.with.default", "false"), withNull);
        assertThat(((Struct) ours(Map.of()).toConnectData("t", withNull).value()).getStruct("after")
            .getWithoutDefault("status")).isEqualTo("new");
        assertThat(((Struct) ours(Map.of("replace.null.with.default", "false")).toConnectData("t", withNull).value())
            .getStruct("after").getWithoutDefault("status")).isNull();
        // a field missing from the payload reads as null too
        byte[] missing = json.replace(",\"status\":\"new\"", "").getBytes(StandardCharsets.UTF_8);
        assertSameAsKafka(Map.of(), missing);
    }

    @Test
    void theSchemaOfEachDistinctSchemaPartIsBuiltOnceAndNeverConfused() {
        SchemaCachingJsonConverter converter = ours(Map.of());
        JsonConverter writer = kafka(Map.of());
        // two schemas of the same length that differ in one byte of one field name
        Schema a = SchemaBuilder.struct().name("t").field("aa", Schema.INT32_SCHEMA).field("zz", Schema.STRING_SCHEMA).build();
        Schema b = SchemaBuilder.struct().name("t").field("ab", Schema.INT32_SCHEMA).field("zz", Schema.STRING_SCHEMA).build();
        byte[] first = writer.fromConnectData("t", a, new Struct(a).put("aa", 1).put("zz", "x"));
        byte[] second = writer.fromConnectData("t", b, new Struct(b).put("ab", 2).put("zz", "y"));
        byte[] third = writer.fromConnectData("t", a, new Struct(a).put("aa", 3).put("zz", "z"));
        SchemaAndValue one = converter.toConnectData("t", first);
        SchemaAndValue two = converter.toConnectData("t", second);
        SchemaAndValue three = converter.toConnectData("t", third);
        assertThat(one.schema()).isEqualTo(a).isSameAs(three.schema());
        assertThat(two.schema()).isEqualTo(b);
        assertThat(((Struct) two.value()).getInt32("ab")).isEqualTo(2);
        assertThat(((Struct) three.value()).getInt32("aa")).isEqualTo(3);
    }

    @Test
    void manyTablesInTurnAndRecordsLaidOutOtherwiseAreReadRight() {
        SchemaCachingJsonConverter converter = ours(Map.of());
        JsonConverter writer = kafka(Map.of());
        java.util.List<Schema> tables = new java.util.ArrayList<>();
        for (int t = 0; t < 7; t++) { // more tables than the recent schema parts
            tables.add(SchemaBuilder.struct().name("table" + t).field("id", Schema.INT32_SCHEMA)
                .field("v" + t, Schema.OPTIONAL_STRING_SCHEMA).build());
        }
        for (int round = 0; round < 3; round++) {
            for (int t = 0; t < tables.size(); t++) {
                Schema s = tables.get((t * 3 + round) % tables.size());
                Struct row = new Struct(s).put("id", round).put(s.fields().get(1), "x" + round);
                SchemaAndValue read = converter.toConnectData("t", writer.fromConnectData("t", s, row));
                assertThat(read.schema()).isEqualTo(s);
                assertThat(read.value()).isEqualTo(row);
            }
        }
        // the same schema part, then whitespace, or a payload followed by more: parsed in full, or JsonConverter's
        Schema s = tables.get(0);
        String json = new String(writer.fromConnectData("t", s, new Struct(s).put("id", 9).put("v0", "y")),
            StandardCharsets.UTF_8);
        byte[] spaced = json.replace(",\"payload\":", " , \"payload\" : ").getBytes(StandardCharsets.UTF_8);
        assertThat(converter.toConnectData("t", spaced)).isEqualTo(kafka(Map.of()).toConnectData("t", spaced));
        byte[] twoValues = (json.substring(0, json.length() - 1) + " 5}").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> converter.toConnectData("t", twoValues)).isInstanceOf(DataException.class);
    }

    @Test
    void keysPrimitivesAndNullsAsJsonConverter() {
        JsonConverter writer = kafka(Map.of());
        Schema key = SchemaBuilder.struct().name("db.shop.orders.Key").field("id", Schema.INT64_SCHEMA).build();
        assertSameAsKafka(Map.of(), writer.fromConnectData("t", key, new Struct(key).put("id", 7L)));
        assertSameAsKafka(Map.of(), writer.fromConnectData("t", Schema.STRING_SCHEMA, "plain"));
        assertThat(ours(Map.of()).toConnectData("t", null)).isEqualTo(SchemaAndValue.NULL);
        // a null schema, a payload first, no envelope with schemas disabled: JsonConverter's own reading
        assertSameAsKafka(Map.of(), "{\"schema\":null,\"payload\":{\"a\":1}}".getBytes(StandardCharsets.UTF_8));
        assertSameAsKafka(Map.of(), "{\"payload\":5,\"schema\":{\"type\":\"int32\",\"optional\":false}}"
            .getBytes(StandardCharsets.UTF_8));
        assertSameAsKafka(Map.of("schemas.enable", "false"), "{\"a\":[1,2.5,\"x\"]}".getBytes(StandardCharsets.UTF_8));
        // a map with non-string keys is written as pairs
        Schema pairs = SchemaBuilder.map(Schema.INT32_SCHEMA, Schema.STRING_SCHEMA).build();
        assertSameAsKafka(Map.of(), writer.fromConnectData("t", pairs, Map.of(1, "one", 2, "two")));
    }

    @Test
    void badRecordsFailAsInJsonConverter() {
        byte[] requiredNull = "{\"schema\":{\"type\":\"struct\",\"fields\":[{\"type\":\"int64\",\"optional\":false,\"field\":\"id\"}],\"optional\":false},\"payload\":{\"id\":null}}"
            .getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> kafka(Map.of()).toConnectData("t", requiredNull)).isInstanceOf(DataException.class);
        assertThatThrownBy(() -> ours(Map.of()).toConnectData("t", requiredNull)).isInstanceOf(DataException.class)
            .hasMessageContaining("null value for required INT64");
        byte[] notJson = "{\"schema\":{\"type\":".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> ours(Map.of()).toConnectData("t", notJson)).isInstanceOf(DataException.class)
            .hasMessageContaining("Converting byte[] to Kafka Connect data failed");
        byte[] extraField = "{\"schema\":{\"type\":\"int32\",\"optional\":false},\"payload\":1,\"x\":2}"
            .getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> ours(Map.of()).toConnectData("t", extraField)).isInstanceOf(DataException.class)
            .hasMessageContaining("requires \"schema\" and \"payload\" fields");
        byte[] textForDate = "{\"schema\":{\"type\":\"int32\",\"optional\":false,\"name\":\"org.apache.kafka.connect.data.Date\",\"version\":1},\"payload\":\"x\"}"
            .getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> kafka(Map.of()).toConnectData("t", textForDate)).isInstanceOf(DataException.class);
        assertThatThrownBy(() -> ours(Map.of()).toConnectData("t", textForDate)).isInstanceOf(DataException.class);
    }
}
