package io.idaas.verify.compare;

import io.idaas.ddml.types.PortableType;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Normalisation by hand-made values: equal data in different native representations gives one text, real differences do not. */
class CanonicalTest {

    @Test
    void booleansIntegersAndDecimalsAreNumbersWithoutTrailingZeros() {
        assertThat(Canonical.text(Semantic.NUMBER, false, true)).isEqualTo("1");
        assertThat(Canonical.text(Semantic.NUMBER, false, false)).isEqualTo("0");
        assertThat(Canonical.text(Semantic.NUMBER, false, 1L)).isEqualTo("1");
        assertThat(Canonical.text(Semantic.NUMBER, false, new BigDecimal("1.50"))).isEqualTo("1.5");
        assertThat(Canonical.text(Semantic.NUMBER, false, new BigDecimal("1.5000"))).isEqualTo("1.5");
        assertThat(Canonical.text(Semantic.NUMBER, false, new BigDecimal("100.00"))).isEqualTo("100");
        assertThat(Canonical.text(Semantic.NUMBER, false, new BigDecimal("0.000"))).isEqualTo("0");
        assertThat(Canonical.text(Semantic.NUMBER, false, new BigDecimal("-0.50"))).isEqualTo("-0.5");
        assertThat(Canonical.text(Semantic.NUMBER, false, new BigDecimal("1E+3"))).isEqualTo("1000");
        assertThat(Canonical.text(Semantic.NUMBER, false, new BigDecimal("18446744073709551615"))).isEqualTo("18446744073709551615");
        // a changed last digit stays a difference
        assertThat(Canonical.text(Semantic.NUMBER, false, new BigDecimal("12.34")))
                .isNotEqualTo(Canonical.text(Semantic.NUMBER, false, new BigDecimal("12.35")));
    }

    @Test
    void floatsCompareAtTheNarrowerSidesPrecision() {
        assertThat(Canonical.text(Semantic.FLOAT32, false, 1.1f)).isEqualTo(Canonical.text(Semantic.FLOAT32, false, (double) 1.1f));
        assertThat(Canonical.text(Semantic.FLOAT64, false, Math.PI)).isEqualTo("3.141592653589793");
        assertThat(Canonical.text(Semantic.FLOAT64, false, 0.1)).isNotEqualTo(Canonical.text(Semantic.FLOAT64, false, 0.1f));
        assertThat(Semantic.of(PortableType.FLOAT32, PortableType.FLOAT64)).isEqualTo(Semantic.FLOAT32);
    }

    @Test
    void charPaddingIsIgnoredOnlyWhenASideIsChar() {
        assertThat(Canonical.text(Semantic.STRING, true, "abc   ")).isEqualTo("abc");
        assertThat(Canonical.text(Semantic.STRING, false, "abc   ")).isEqualTo("abc   ");
        assertThat(Canonical.text(Semantic.STRING, true, "  abc")).isEqualTo("  abc");
        // NULL and the empty string differ
        assertThat(Canonical.text(Semantic.STRING, false, "")).isEqualTo("");
        assertThat(Canonical.text(Semantic.STRING, false, null)).isNull();
        assertThat(Canonical.same("", null)).isFalse();
    }

    @Test
    void timesAreMicrosecondTextsAndInstantsAreTakenInUtc() {
        assertThat(Canonical.text(Semantic.TIMESTAMP, false, LocalDateTime.parse("2024-02-29T12:34:56.789")))
                .isEqualTo("2024-02-29 12:34:56.789000");
        assertThat(Canonical.text(Semantic.TIMESTAMP, false, OffsetDateTime.parse("2024-02-29T14:34:56.789+02:00")))
                .isEqualTo("2024-02-29 12:34:56.789000");
        assertThat(Canonical.text(Semantic.TIMESTAMP, false, Instant.parse("2024-02-29T12:34:56.789Z")))
                .isEqualTo("2024-02-29 12:34:56.789000");
        assertThat(Canonical.text(Semantic.TIME, false, LocalTime.MIDNIGHT)).isEqualTo("00:00:00.000000");
        assertThat(Canonical.text(Semantic.DATE, false, LocalDate.of(1, 1, 1))).isEqualTo("0001-01-01");
        assertThat(Semantic.of(PortableType.timestamp(6), PortableType.timestampTz(6))).isEqualTo(Semantic.TIMESTAMP);
    }

    @Test
    void jsonComparesByMeaning() {
        String a = Canonical.text(Semantic.JSON, false, "{\"b\":[true,null],\"a\":1}");
        assertThat(Canonical.text(Semantic.JSON, false, "{\"a\": 1.0, \"b\": [true, null]}")).isEqualTo(a);
        assertThat(a).isEqualTo("{\"a\":1,\"b\":[true,null]}");
        assertThat(Canonical.text(Semantic.JSON, false, "{\"n\":-1.5e10}")).isEqualTo(Canonical.text(Semantic.JSON, false, "{\"n\": -15000000000}"));
        assertThat(Canonical.text(Semantic.JSON, false, "{\"a\":[1,2]}")).isNotEqualTo(Canonical.text(Semantic.JSON, false, "{\"a\":[2,1]}"));
        // a PostgreSQL array against MariaDB's JSON text
        assertThat(Canonical.text(Semantic.JSON, false, Arrays.asList(1, null, 3))).isEqualTo(Canonical.text(Semantic.JSON, false, "[1, null, 3]"));
        assertThat(Semantic.of(PortableType.STRING, PortableType.JSON)).isEqualTo(Semantic.JSON);
    }

    @Test
    void setsAreSortedMembers() {
        assertThat(Canonical.text(Semantic.SET, false, "a,c")).isEqualTo(Canonical.text(Semantic.SET, false, List.of("c", "a")));
        assertThat(Canonical.text(Semantic.SET, false, "")).isEqualTo("[]");
    }

    @Test
    void bytesAreUppercaseHexAndUuidsLowercase() {
        assertThat(Canonical.text(Semantic.BYTES, false, new byte[] {0x0a, (byte) 0xaa})).isEqualTo("0AAA");
        assertThat(Canonical.text(Semantic.UUID, false, "8F5B7C1E-2A3D-4E5F-9A0B-1C2D3E4F5A6B")).isEqualTo("8f5b7c1e-2a3d-4e5f-9a0b-1c2d3e4f5a6b");
        assertThat(Semantic.of(PortableType.UUID, PortableType.string(36))).isEqualTo(Semantic.UUID);
    }

    @Test
    void numericTypesOfEitherSystemShareOneSemantic() {
        assertThat(Semantic.of(PortableType.BOOLEAN, PortableType.INT16)).isEqualTo(Semantic.NUMBER);
        assertThat(Semantic.of(PortableType.decimal(5, 2), PortableType.decimal(9, 4))).isEqualTo(Semantic.NUMBER);
        assertThat(Semantic.of(PortableType.decimal(20, 0), PortableType.INT64)).isEqualTo(Semantic.NUMBER);
    }
}
