package io.idaas.verify.redis;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.idaas.ddml.types.PortableType;
import io.idaas.verify.sql.Column;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Source values as JDBC drivers give them, to the hash fields the Redis sink writes (SPEC.md §11.1), written out here. */
class RedisFieldsTest {

    private static Column column(String portable) {
        return new Column("c", "native", PortableType.parse(portable), false, true);
    }

    private static String field(String portable, Object jdbcValue) {
        byte[] b = RedisFields.expected(column(portable), jdbcValue);
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void eachPortableTypeHasItsCanonicalText() {
        assertThat(field("int32", 42L)).isEqualTo("42");
        assertThat(field("int64", -9_000_000_000L)).isEqualTo("-9000000000");
        assertThat(field("boolean", true)).isEqualTo("true");
        assertThat(field("boolean", 0L)).as("a TINYINT(1) read as a number").isEqualTo("false");
        assertThat(field("decimal(10,2)", new BigDecimal("12.5"))).isEqualTo("12.50");
        assertThat(field("float64", 1.5)).isEqualTo("1.5");
        assertThat(field("string(10)", "Ada")).isEqualTo("Ada");
        assertThat(field("date", LocalDate.of(2025, 3, 14))).isEqualTo("2025-03-14");
        assertThat(field("timestamp(6)", LocalDateTime.of(2025, 3, 14, 9, 26, 53, 589_793_000))).isEqualTo("2025-03-14T09:26:53.589793");
        assertThat(field("timestamptz(3)", LocalDateTime.of(2025, 3, 14, 9, 26, 53, 589_000_000)))
                .as("MariaDB's TIMESTAMP read in a UTC session").isEqualTo("2025-03-14T09:26:53.589000Z");
        assertThat(field("timestamptz(6)", OffsetDateTime.of(2025, 3, 14, 10, 26, 53, 0, ZoneOffset.ofHours(1))))
                .isEqualTo("2025-03-14T09:26:53.000000Z");
        assertThat(field("uuid", "3F2504E0-4F89-11D3-9A0C-0305E82C3301")).isEqualTo("3f2504e0-4f89-11d3-9a0c-0305e82c3301");
        assertThat(field("set('a','b','c')", "a,c")).as("MariaDB's SET text").isEqualTo("[\"a\",\"c\"]");
        assertThat(field("array(int32)", List.of(1, 2))).isEqualTo("[1,2]");
        assertThat(RedisFields.expected(column("bytes(4)"), new byte[] {0, (byte) 0xFF})).containsExactly(0, 0xFF);
        assertThat(field("string", null)).as("NULL: an absent field").isNull();
    }

    @Test
    void floatsCompareByValueJsonByMeaningTheRestByteForByte() {
        Column f = column("float64");
        assertThat(RedisFields.same(f, "1.5".getBytes(), "1.50".getBytes())).isTrue();
        assertThat(RedisFields.same(f, "1.5".getBytes(), "1.25".getBytes())).isFalse();
        Column json = column("json");
        assertThat(RedisFields.same(json, "{\"a\": 1, \"b\": [1.0]}".getBytes(), "{\"b\":[1],\"a\":1}".getBytes())).isTrue();
        Column decimal = column("decimal(10,2)");
        assertThat(RedisFields.same(decimal, "12.50".getBytes(), "12.5".getBytes())).isFalse();
        assertThat(RedisFields.same(decimal, null, null)).isTrue();
        assertThat(RedisFields.same(column("string"), "".getBytes(), null)).as("'' against an absent field").isFalse();
    }

    @Test
    void jsonShapeFieldsCompareNumbersByValue() throws Exception {
        ObjectMapper json = new ObjectMapper();
        Column id = column("int32");
        assertThat(RedisFields.sameJson(id, RedisFields.expectedJson(id, 10L), json.readTree("10"))).isTrue();
        assertThat(RedisFields.sameJson(id, RedisFields.expectedJson(id, 10L), json.readTree("11"))).isFalse();
        Column price = column("decimal(10,2)");
        assertThat(RedisFields.sameJson(price, RedisFields.expectedJson(price, new BigDecimal("8.00")), json.readTree("\"8.00\""))).isTrue();
        assertThat(RedisFields.sameJson(price, RedisFields.expectedJson(price, null), null)).as("NULL: null or absent").isTrue();
    }

    @Test
    void keysAreTheFieldTextOrTheCompactJsonArrayOfTheColumnsEncodings() {
        assertThat(RedisFields.keyText(List.of(column("int32")), List.of(7L))).isEqualTo("7");
        assertThat(RedisFields.keyText(List.of(column("uuid"), column("int32")),
                List.of("3f2504e0-4f89-11d3-9a0c-0305e82c3301", 1L))).isEqualTo("[\"3f2504e0-4f89-11d3-9a0c-0305e82c3301\",1]");
        assertThat(RedisFields.bindable(column("int32"), "99".getBytes(), false)).isEqualTo(99);
        assertThat(RedisFields.bindable(column("uuid"), "3f2504e0-4f89-11d3-9a0c-0305e82c3301".getBytes(), true))
                .isEqualTo(UUID.fromString("3f2504e0-4f89-11d3-9a0c-0305e82c3301"));
        assertThat(RedisFields.bindable(column("timestamptz(6)"), "2025-03-14T09:26:53.000000Z".getBytes(), true))
                .isEqualTo(OffsetDateTime.of(2025, 3, 14, 9, 26, 53, 0, ZoneOffset.UTC));
        assertThat(RedisFields.bindable(column("int32"), "not a number".getBytes(), false)).isNull();
    }
}
