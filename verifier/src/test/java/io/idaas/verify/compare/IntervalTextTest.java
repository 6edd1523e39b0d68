package io.idaas.verify.compare;

import io.idaas.ddml.types.PortableType;
import io.idaas.verify.sql.Column;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Intervals by meaning: PostgreSQL's own ISO 8601 output (IntervalStyle iso_8601) and Debezium's text for the same
 * interval give one canonical text; intervals of other months, days or microseconds do not.
 */
class IntervalTextTest {

    private static String canonical(String text) {
        return Canonical.text(Semantic.INTERVAL, false, text);
    }

    @Test
    void theIssuesIntervalEqualsItsCopy() {
        // PostgreSQL prints interval '1 day 02:03:04' as P1DT2H3M4S in iso_8601; Debezium wrote P0Y0M1DT2H3M4S
        assertThat(canonical("P1DT2H3M4S")).isEqualTo("P0Y0M1DT2H3M4S").isEqualTo(canonical("P0Y0M1DT2H3M4S"));
        assertThat(IntervalText.parse("P0Y0M1DT2H3M4S"))
                .isEqualTo(new IntervalText(BigInteger.ZERO, BigInteger.ONE, BigInteger.valueOf(7_384_000_000L)));
    }

    @Test
    void yearsAndMonthsAreMonths() {
        assertThat(IntervalText.parse("P1Y2M").months()).isEqualTo(14);
        assertThat(canonical("P14M")).isEqualTo(canonical("P1Y2M")).isEqualTo("P1Y2M0DT0H0M0S");
        assertThat(canonical("P12M")).isEqualTo("P1Y0M0DT0H0M0S");
        // a month is not 30 days, a day not 24 hours: PostgreSQL keeps them apart, and adds them to dates differently
        assertThat(canonical("P1M")).isNotEqualTo(canonical("P30D"));
        assertThat(canonical("P1D")).isNotEqualTo(canonical("PT24H"));
        // hours beyond a day stay hours, as in PostgreSQL
        assertThat(canonical("PT100H")).isEqualTo("P0Y0M0DT100H0M0S");
        assertThat(canonical("PT90M")).isEqualTo("P0Y0M0DT1H30M0S");
    }

    @Test
    void negativePartsKeepTheirOwnSign() {
        // interval '-1 years -2 mons -3 days -04:05:06': PostgreSQL and Debezium print each part with its sign
        assertThat(canonical("P-1Y-2M-3DT-4H-5M-6S")).isEqualTo("P-1Y-2M-3DT-4H-5M-6S");
        assertThat(IntervalText.parse("P-1Y-2M-3DT-4H-5M-6S"))
                .isEqualTo(new IntervalText(BigInteger.valueOf(-14), BigInteger.valueOf(-3), BigInteger.valueOf(-14_706_000_000L)));
        // interval '1 mon -1 days +01:00:00' and '1 day -01:30:00': mixed signs
        assertThat(canonical("P1M-1DT1H")).isEqualTo("P0Y1M-1DT1H0M0S");
        assertThat(canonical("P1DT-1H-30M")).isEqualTo("P0Y0M1DT-1H-30M0S").isNotEqualTo(canonical("P1DT1H30M"));
        // -14 months are -1 year -2 months, never -2 years +10 months (truncated toward zero, as PostgreSQL cuts them)
        assertThat(canonical("P-14M")).isEqualTo("P-1Y-2M0DT0H0M0S");
        assertThat(canonical("P1Y-14M")).isEqualTo("P0Y-2M0DT0H0M0S");
        assertThat(canonical("PT-1S")).isNotEqualTo(canonical("PT1S"));
    }

    @Test
    void fractionalSecondsToTheMicrosecond() {
        assertThat(canonical("P1Y2M3DT4H5M6.789S")).isEqualTo("P1Y2M3DT4H5M6.789S");
        assertThat(canonical("PT6.789000S")).isEqualTo(canonical("PT6.789S")).isEqualTo("P0Y0M0DT0H0M6.789S");
        assertThat(canonical("PT-0.5S")).isEqualTo("P0Y0M0DT0H0M-0.5S");
        assertThat(canonical("PT0.000001S")).isEqualTo("P0Y0M0DT0H0M0.000001S").isNotEqualTo(canonical("PT0S"));
        assertThat(canonical("PT-1.5S")).isEqualTo("P0Y0M0DT0H0M-1.5S");
        assertThat(canonical("PT61.5S")).isEqualTo("P0Y0M0DT0H1M1.5S");
        // the largest PostgreSQL interval time part: 2562047788:00:54.775807
        assertThat(canonical("PT2562047788H54.775807S")).isEqualTo("P0Y0M0DT2562047788H0M54.775807S");
    }

    @Test
    void zeroHasOneText() {
        assertThat(canonical("PT0S")).isEqualTo(canonical("P0Y0M0DT0H0M0S")).isEqualTo(canonical("P0D")).isEqualTo("P0Y0M0DT0H0M0S");
        assertThat(canonical("PT-0S")).isEqualTo("P0Y0M0DT0H0M0S");
    }

    @Test
    void textThatIsNoDurationStaysAsItIsAndEqualsNoDuration() {
        assertThat(IntervalText.parse("P")).isNull();
        assertThat(IntervalText.parse("PT")).isNull();
        assertThat(IntervalText.parse("P1YT")).isNull();
        assertThat(IntervalText.parse("1 day 02:03:04")).isNull();
        assertThat(IntervalText.parse("p1d")).isNull();
        assertThat(IntervalText.parse("P1.5Y")).isNull();
        assertThat(IntervalText.parse("PT1.0000001S")).isNull();
        assertThat(canonical("infinity")).isEqualTo("infinity");
        assertThat(canonical("1 day")).isEqualTo("1 day").isNotEqualTo(canonical("P1D"));
        assertThat(canonical("")).isEqualTo("");
        assertThat(Canonical.text(Semantic.INTERVAL, false, null)).isNull();
    }

    @Test
    void aPostgresIntervalAgainstTextComparesAsIntervals() {
        Column interval = new Column("iv", "interval", PortableType.STRING, false, true);
        Column intervalDayToSecond = new Column("iv", "interval day to second(3)", PortableType.STRING, false, true);
        Column longtext = new Column("iv", "longtext", PortableType.STRING, false, true);
        Column text = new Column("iv", "text", PortableType.STRING, false, true);
        Column number = new Column("iv", "bigint", PortableType.INT64, false, true);
        assertThat(Semantic.of(interval, longtext)).isEqualTo(Semantic.INTERVAL);
        assertThat(Semantic.of(longtext, interval)).isEqualTo(Semantic.INTERVAL);
        assertThat(Semantic.of(interval, interval)).isEqualTo(Semantic.INTERVAL);
        assertThat(Semantic.of(intervalDayToSecond, text)).isEqualTo(Semantic.INTERVAL);
        assertThat(Semantic.of(text, longtext)).isEqualTo(Semantic.STRING);
        // Debezium's interval.handling.mode=numeric gives microseconds, months taken as 30.4375 days: not an interval's meaning
        assertThat(Semantic.of(interval, number)).isEqualTo(Semantic.STRING);
    }
}
