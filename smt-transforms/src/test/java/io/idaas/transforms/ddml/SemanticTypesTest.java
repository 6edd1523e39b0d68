package io.idaas.transforms.ddml;

import static io.idaas.transforms.ddml.DebeziumRecords.typed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.idaas.ddml.Column;
import io.idaas.ddml.DdmlEvent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

/** Every Debezium semantic type, with extremes, maps to its portable type and value exactly. */
class SemanticTypesTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Schema VSD = SchemaBuilder.struct().optional().name("io.debezium.data.VariableScaleDecimal")
        .field("scale", Schema.INT32_SCHEMA).field("value", Schema.BYTES_SCHEMA).build();
    private static final Schema GEOMETRY = SchemaBuilder.struct().optional().name("io.debezium.data.geometry.Geometry")
        .field("wkb", Schema.BYTES_SCHEMA).field("srid", Schema.OPTIONAL_INT32_SCHEMA).build();
    private static final byte[] POINT_WKB = {1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xF0, 0x3F, 0, 0, 0, 0, 0, 0, 0, 0x40};

    private final ToDdml<SourceRecord> toDdml = Ddml.transform();

    private static Struct vsd(DebeziumRecords r, String decimal) {
        BigDecimal d = new BigDecimal(decimal);
        return new Struct(r.schemaOf("n")).put("scale", d.scale()).put("value", d.unscaledValue().toByteArray());
    }

    private static DebeziumRecords pgEverything() {
        return DebeziumRecords.postgres("everything")
            .column("id", typed(SchemaBuilder.int64(), "INT8", 19, 0))
            .column("n38", typed(Decimal.builder(10).optional().parameter("connect.decimal.precision", "38"), "NUMERIC", 38, 10))
            .column("n", typed(SchemaBuilder.struct().optional().name("io.debezium.data.VariableScaleDecimal")
                .field("scale", Schema.INT32_SCHEMA).field("value", Schema.BYTES_SCHEMA), "NUMERIC", 0, 0))
            .column("money", typed(Decimal.builder(2).optional(), "MONEY", 19, 2))
            .column("f4", typed(SchemaBuilder.float32().optional(), "FLOAT4", 8, 8))
            .column("ok", typed(SchemaBuilder.bool().optional(), "BOOL", 1, 0))
            .column("txt", typed(SchemaBuilder.string().optional(), "TEXT", Integer.MAX_VALUE, 0))
            .column("code", typed(SchemaBuilder.string().optional(), "BPCHAR", 3, 0))
            .column("ts", typed(SchemaBuilder.int64().optional().name("io.debezium.time.MicroTimestamp"), "TIMESTAMP", 29, 6))
            .column("tstz", typed(SchemaBuilder.string().optional().name("io.debezium.time.ZonedTimestamp"), "TIMESTAMPTZ", 35, 6))
            .column("t", typed(SchemaBuilder.int64().optional().name("io.debezium.time.MicroTime"), "TIME", 15, 6))
            .column("ttz", typed(SchemaBuilder.string().optional().name("io.debezium.time.ZonedTime"), "TIMETZ", 21, 6))
            .column("d", typed(SchemaBuilder.int32().optional().name("io.debezium.time.Date"), "DATE", 13, 0))
            .column("iv", typed(SchemaBuilder.int64().optional().name("io.debezium.time.MicroDuration"), "INTERVAL", 49, 6))
            .column("mood", typed(SchemaBuilder.string().optional().name("io.debezium.data.Enum").parameter("allowed", "sad,ok,happy"), "MOOD", Integer.MAX_VALUE, 0))
            .column("ints", typed(SchemaBuilder.array(Schema.OPTIONAL_INT32_SCHEMA).optional(), "_INT4", 10, 0))
            .column("geo", typed(SchemaBuilder.struct().optional().name("io.debezium.data.geometry.Geometry")
                .field("wkb", Schema.BYTES_SCHEMA).field("srid", Schema.OPTIONAL_INT32_SCHEMA), "GEOMETRY", Integer.MAX_VALUE, 0))
            .column("bits", typed(SchemaBuilder.bytes().optional().name("io.debezium.data.Bits").parameter("length", "12"), "BIT", 12, 0))
            .column("vc", typed(SchemaBuilder.string().optional(), "VARCHAR", 4, 0))
            .key("id");
    }

    @Test
    void postgresExtremes() throws Exception {
        DebeziumRecords pg = pgEverything();
        SourceRecord out = toDdml.apply(pg.insert(Long.MAX_VALUE,
            new BigDecimal("1234567890123456789012345678.0123456789"), vsd(pg, "-12345678901234567890.000000000000000000001"),
            new BigDecimal("-92233720368547758.08"), 1.1f, true, "Zoë 🚀 \u0000\t", "ab ",
            -1L, "2025-03-14T15:26:53.589793+05:30", 86_399_999_999L, "10:15:30.123456Z", -719162,
            90_061_000_001L, "happy", Arrays.asList(1, null, Integer.MIN_VALUE),
            new Struct(pg.schemaOf("geo")).put("wkb", ByteBuffer.wrap(POINT_WKB)).put("srid", 4326), new byte[] {(byte) 0xAB, 0x0F}, "🚀🚀🚀🚀"));

        DdmlEvent e = Ddml.event(out);
        JsonNode after = Ddml.tree(out).get("dml").get("after");
        assertThat(after).isEqualTo(MAPPER.readTree("""
            {"id": 9223372036854775807, "n38": "1234567890123456789012345678.0123456789",
             "n": "-12345678901234567890.000000000000000000001", "money": "-92233720368547758.08", "f4": 1.1, "ok": true,
             "txt": "Zoë 🚀 \\u0000\\t", "code": "ab ", "ts": "1969-12-31T23:59:59.999999", "tstz": "2025-03-14T09:56:53.589793Z",
             "t": "23:59:59.999999", "ttz": "10:15:30.123456Z", "d": "0001-01-01", "iv": "PT25H1M1.000001S", "mood": "happy",
             "ints": [1, null, -2147483648], "geo": "AQEAAAAAAAAAAADwPwAAAAAAAABA", "bits": "D6s=", "vc": "🚀🚀🚀🚀"}"""));
        Map<String, String> types = e.schema().columns().stream().collect(Collectors.toMap(Column::name, c -> c.type() + " | " + c.nativeType()));
        assertThat(types).containsEntry("n38", "decimal(38,10) | numeric(38,10)").containsEntry("n", "decimal | numeric")
            .containsEntry("money", "decimal(19,2) | money").containsEntry("f4", "float32 | real").containsEntry("code", "string(3) | character(3)")
            .containsEntry("tstz", "timestamptz(6) | timestamp with time zone").containsEntry("t", "time(6) | time without time zone")
            .containsEntry("ttz", "string | time with time zone").containsEntry("iv", "string | interval")
            .containsEntry("mood", "enum('sad','ok','happy') | mood").containsEntry("ints", "array(int32) | integer[]")
            .containsEntry("geo", "geometry | geometry").containsEntry("bits", "bytes(2) | bit(12)").containsEntry("vc", "string(4) | character varying(4)");
        assertThat(new String(Ddml.keyJson(out))).isEqualTo("{\"id\":9223372036854775807}");
    }

    @Test
    void nullsEverywhere() {
        Object[] values = new Object[19];
        values[0] = Long.MIN_VALUE;
        DdmlEvent e = Ddml.event(toDdml.apply(pgEverything().insert(values)));
        assertThat(e.dml().after().values().values().stream().skip(1)).allMatch(v -> v == null);
        assertThat(e.dml().after().size()).isEqualTo(19);
    }

    @Test
    void variableScaleDecimalsWithNegativeAndZeroScale() {
        DebeziumRecords pg = pgEverything();
        Object[] values = new Object[19];
        values[0] = 1L;
        values[2] = new Struct(pg.schemaOf("n")).put("scale", -2).put("value", BigInteger.valueOf(123).toByteArray());
        assertThat(Ddml.event(toDdml.apply(pg.insert(values))).dml().after().get("n")).isEqualTo(new BigDecimal("12300"));
        values[2] = new Struct(pg.schemaOf("n")).put("scale", 0).put("value", new byte[] {0});
        assertThat(Ddml.event(toDdml.apply(pg.insert(values))).dml().after().get("n")).isEqualTo(BigDecimal.ZERO);
    }

    private static DebeziumRecords mysqlEverything() {
        return DebeziumRecords.mysql("everything")
            .column("id", typed(Decimal.builder(0), "BIGINT UNSIGNED", 20, 0))
            .column("d65", typed(Decimal.builder(30).optional(), "DECIMAL", 65, 30))
            .column("dt", typed(SchemaBuilder.int64().optional().name("io.debezium.time.MicroTimestamp"), "DATETIME", 6, null))
            .column("dt0", typed(SchemaBuilder.int64().optional().name("io.debezium.time.Timestamp"), "DATETIME", null, null))
            .column("tm", typed(SchemaBuilder.int64().optional().name("io.debezium.time.MicroTime"), "TIME", 6, null))
            .column("yr", typed(SchemaBuilder.int32().optional().name("io.debezium.time.Year"), "YEAR", null, null))
            .column("js", typed(SchemaBuilder.string().optional().name("io.debezium.data.Json"), "JSON", null, null))
            .column("tags", typed(SchemaBuilder.string().optional().name("io.debezium.data.EnumSet").parameter("allowed", "a,b,c"), "SET", 5, null))
            .column("shape", typed(SchemaBuilder.struct().optional().name("io.debezium.data.geometry.Geometry")
                .field("wkb", Schema.BYTES_SCHEMA).field("srid", Schema.OPTIONAL_INT32_SCHEMA), "POINT", null, null))
            .column("flags", typed(SchemaBuilder.bytes().optional().name("io.debezium.data.Bits").parameter("length", "10"), "BIT", 10, null))
            .column("f", typed(SchemaBuilder.float32().optional(), "FLOAT", null, null))
            .column("dbl", typed(SchemaBuilder.float64().optional(), "DOUBLE", null, null))
            .column("big", typed(SchemaBuilder.int64().optional(), "BIGINT", null, null))
            .column("u8", typed(SchemaBuilder.int16().optional(), "TINYINT UNSIGNED", 3, null))
            .column("c1", typed(SchemaBuilder.string().optional(), "CHAR", 1, null))
            .column("bin", typed(SchemaBuilder.bytes().optional(), "VARBINARY", 4, null))
            .key("id");
    }

    @Test
    void mysqlExtremes() throws Exception {
        DebeziumRecords my = mysqlEverything();
        SourceRecord out = toDdml.apply(my.insert(new BigDecimal("18446744073709551615"),
            new BigDecimal("-99999999999999999999999999999999999.999999999999999999999999999999"),
            -62_135_596_800_000_000L, -1000L, 0L, 2155, "{\"a\": [1, 2.50]}", "a,c",
            new Struct(my.schemaOf("shape")).put("wkb", POINT_WKB), new byte[] {(byte) 0xFF, 0x03}, 3.4028235e38f, -0.0, Long.MIN_VALUE,
            (short) 255, "🚀", ByteBuffer.wrap(new byte[] {0, 0, 0, 0})));
        JsonNode after = Ddml.tree(out).get("dml").get("after");
        assertThat(after).isEqualTo(MAPPER.readTree("""
            {"id": "18446744073709551615", "d65": "-99999999999999999999999999999999999.999999999999999999999999999999",
             "dt": "0001-01-01T00:00:00.000000", "dt0": "1969-12-31T23:59:59.000000", "tm": "00:00:00.000000", "yr": 2155,
             "js": "{\\"a\\": [1, 2.50]}", "tags": ["a", "c"], "shape": "AQEAAAAAAAAAAADwPwAAAAAAAABA", "flags": "A/8=",
             "f": 3.4028235E38, "dbl": -0.0, "big": -9223372036854775808, "u8": 255, "c1": "🚀", "bin": "AAAAAA=="}"""));
        assertThat(Ddml.event(out).schema().columns()).extracting(c -> c.type().toString())
            .containsExactly("decimal(20,0)", "decimal(65,30)", "timestamp(6)", "timestamp(0)", "time(6)", "int16", "json",
                "set('a','b','c')", "geometry", "bytes(2)", "float32", "float64", "int64", "int16", "string(1)", "bytes(4)");
        assertThat(Ddml.keyJson(out)).isEqualTo("{\"id\":\"18446744073709551615\"}");
    }

    @Test
    void anEmptySetIsAnEmptyArray() {
        Object[] values = new Object[16];
        values[0] = BigDecimal.ONE;
        values[7] = "";
        assertThat(Ddml.event(toDdml.apply(mysqlEverything().insert(values))).dml().after().get("tags")).isEqualTo(List.of());
    }

    @Test
    void aMysqlTimeOutsideADayIsRefusedWithTheColumnNamed() {
        Object[] values = new Object[16];
        values[0] = BigDecimal.ONE;
        values[4] = -1L;
        io.idaas.ddml.Omitted omitted = Ddml.event(toDdml.apply(mysqlEverything().insert(values))).dml().omitted();
        assertThat(omitted.reason()).isEqualTo("unrepresentable_value");
        assertThat(omitted.detail()).startsWith("column tm (after").contains("does not fit a DDML time");
    }

    @Test
    void aValueWithMoreDigitsThanItsTypeIsRefusedNotRounded() {
        Object[] values = new Object[16];
        values[0] = BigDecimal.ONE;
        values[3] = 1L;
        assertThatThrownBy(() -> toDdml.apply(mysqlEverything().insert(values))).isInstanceOf(DataException.class)
            .hasMessageContaining("after.dt0").hasMessageContaining("timestamp(0)");
    }

    @Test
    void withoutPropagatedSourceTypesTheConnectSchemaDecides() {
        DebeziumRecords plain = DebeziumRecords.mariadb("plain")
            .column("id", Schema.INT32_SCHEMA)
            .column("amount", Decimal.builder(3).optional().build())
            .column("at", SchemaBuilder.int64().optional().name("io.debezium.time.NanoTimestamp").build())
            .column("day", org.apache.kafka.connect.data.Date.builder().optional().build())
            .column("u", SchemaBuilder.string().optional().name("io.debezium.data.Uuid").build())
            .key("id");
        DdmlEvent e = Ddml.event(toDdml.apply(plain.insert(7, new BigDecimal("-0.500"), 1_000_000_001_999L,
            new java.util.Date(-86_400_000L), "3F2504E0-4F89-11D3-9A0C-0305E82C3301")));
        assertThat(e.schema().columns()).extracting(c -> c.type().toString() + "/" + c.nativeType())
            .containsExactly("int32/null", "decimal/null", "timestamp(6)/null", "date/null", "uuid/null");
        assertThat(e.dml().after().values().values()).extracting(String::valueOf)
            .containsExactly("7", "-0.500", "1970-01-01T00:16:40.000001", "1969-12-31", "3f2504e0-4f89-11d3-9a0c-0305e82c3301");
    }
}
