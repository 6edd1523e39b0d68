package io.idaas.connect.jdbc.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import io.idaas.ddml.types.PortableType;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The values a target would round, clip or replace rather than refuse, and which the sink therefore refuses itself, with
 * the reason (SPEC.md section 11); the values next to them pass.
 */
class TargetLimitsTest {

    private final Dialect mariadb = new MariaDbDialect();
    private final Dialect mysql = new MySqlDialect();
    private final Dialect postgres = new PostgresDialect();

    @Test
    void mariaDbAndMySqlHaveNoNaNOrInfinity() {
        assertThat(mariadb.refusal(PortableType.FLOAT64, Double.NaN)).hasValueSatisfying(r -> assertThat(r)
            .isEqualTo("the value NaN (float64) has no MariaDB FLOAT or DOUBLE value: MariaDB has no NaN or infinity"));
        assertThat(mysql.refusal(PortableType.FLOAT32, Float.NEGATIVE_INFINITY)).hasValueSatisfying(r -> assertThat(r).contains("MySQL has no NaN"));
        assertThat(mariadb.refusal(PortableType.FLOAT64, -Double.MAX_VALUE)).isEmpty();
        assertThat(mariadb.refusal(PortableType.FLOAT32, Float.MIN_VALUE)).isEmpty();
        assertThat(mariadb.refusal(PortableType.arrayOf(PortableType.FLOAT64), Arrays.asList(1.0, null, Double.NaN)))
            .hasValueSatisfying(r -> assertThat(r).isEqualTo("the array(float64) value holds NaN, which MariaDB's JSON has no number for"));
        assertThat(mariadb.refusal(PortableType.arrayOf(PortableType.DATE), List.of(LocalDate.of(-43, 3, 15))))
            .as("JSON holds any date's text").isEmpty();
        assertThat(postgres.refusal(PortableType.FLOAT64, Double.NaN)).isEmpty();
    }

    @Test
    void anUnconstrainedDecimalMustFitDecimal65x30() {
        PortableType free = PortableType.DECIMAL;
        assertThat(mariadb.refusal(free, new BigDecimal("99999999999999999999999999999999999.999999999999999999999999999999"))).isEmpty();
        assertThat(mariadb.refusal(free, new BigDecimal("1.500000000000000000000000000000000000"))).as("trailing zeros do not count").isEmpty();
        assertThat(mariadb.refusal(free, new BigDecimal("1E+34"))).isEmpty();
        assertThat(mariadb.refusal(free, new BigDecimal("0.1234567890123456789012345678901"))).hasValueSatisfying(r -> assertThat(r)
            .contains("0 integer and 31 fraction digits, more than the 35 and 30 of MariaDB's DECIMAL(65,30)"));
        assertThat(mysql.refusal(free, new BigDecimal("123456789012345678901234567890123456"))).hasValueSatisfying(r -> assertThat(r)
            .contains("36 integer and 0 fraction digits"));
        assertThat(mariadb.refusal(free, new BigDecimal("1E-40"))).isPresent();
        assertThat(mariadb.refusal(PortableType.decimal(38, 10), new BigDecimal("1.0000000000"))).isEmpty();
        assertThat(postgres.refusal(free, new BigDecimal("1E-40"))).isEmpty();
    }

    @Test
    void datesOutsideTheYears1To9999AreRefused() {
        assertThat(mariadb.refusal(PortableType.DATE, LocalDate.of(1, 1, 1))).isEmpty();
        assertThat(mariadb.refusal(PortableType.DATE, LocalDate.of(9999, 12, 31))).isEmpty();
        assertThat(mariadb.refusal(PortableType.DATE, LocalDate.of(0, 12, 31))).hasValueSatisfying(r -> assertThat(r)
            .isEqualTo("the date value 0000-12-31 is outside the years 1 to 9999 that MariaDB's DATE and DATETIME hold"));
        assertThat(mysql.refusal(PortableType.timestamp(6), LocalDateTime.of(-43, 3, 15, 12, 0))).isPresent();
        assertThat(mariadb.refusal(PortableType.timestampTz(6), Instant.parse("+10000-01-01T00:00:00Z"))).isPresent();
        assertThat(mariadb.refusal(PortableType.timestampTz(6), Instant.parse("9999-12-31T23:59:59.999999Z"))).isEmpty();
        assertThat(postgres.refusal(PortableType.DATE, LocalDate.of(-43, 3, 15))).isEmpty();
    }

    @Test
    void postgresTextHoldsNoU0000() {
        assertThat(postgres.refusal(PortableType.string(5), "a\0b")).hasValueSatisfying(r -> assertThat(r)
            .isEqualTo("the string(5) value holds the character U+0000, which PostgreSQL text and json cannot hold"));
        assertThat(postgres.refusal(PortableType.arrayOf(PortableType.STRING), List.of("ok", "\0"))).isPresent();
        assertThat(postgres.refusal(PortableType.STRING, "a\\u0000b")).isEmpty();
        assertThat(mariadb.refusal(PortableType.STRING, "a\0b")).isEmpty();
    }
}
