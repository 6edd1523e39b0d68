package io.idaas.verify.compare;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PostgreSQL interval by meaning: the months, days and microseconds PostgreSQL keeps apart (a month is not 30 days,
 * a day is not 24 hours), read from ISO 8601 duration text with designators. That text is what PostgreSQL prints
 * with {@code IntervalStyle = 'iso_8601'} ({@code P1Y2M3DT4H5M6.789S}, {@code PT-0.5S}, {@code PT0S}) and what
 * Debezium's {@code interval.handling.mode=string} writes ({@code P1Y2M3DT4H5M6.789S}, {@code P0Y0M0DT0H0M0S}).
 * Each part carries its own sign, as in both of them: {@code P-1Y-2M} is -14 months, {@code P1DT-1H} one day less an
 * hour.
 *
 * @param months       years times 12 plus months
 * @param days         days
 * @param microseconds hours, minutes and seconds, in microseconds
 */
public record IntervalText(BigInteger months, BigInteger days, BigInteger microseconds) {

    /**
     * ISO 8601 durations with designators, each part optional but at least one present, integers (at most 18 digits)
     * but the seconds (at most 6 fractional digits, PostgreSQL's precision), a sign per part; case-sensitive. Weeks,
     * fractions of other parts and the alternative format {@code P0001-02-03T04:05:06} are not read. Capture groups
     * 1 to 6 hold the numbers of years, months, days, hours, minutes and seconds. Written without backslashes, the
     * same pattern works in Java, in MariaDB (PCRE) and in PostgreSQL (ARE), so the databases read durations exactly
     * as this class does; {@link #parse} also refuses {@code P} alone and a text ending in {@code T}.
     */
    public static final String PATTERN = "^P(?:(-?[0-9]{1,18})Y)?(?:(-?[0-9]{1,18})M)?(?:(-?[0-9]{1,18})D)?"
            + "(?:T(?:(-?[0-9]{1,18})H)?(?:(-?[0-9]{1,18})M)?(?:(-?[0-9]{1,18}(?:[.][0-9]{1,6})?)S)?)?$";

    private static final Pattern ISO = Pattern.compile(PATTERN);
    private static final BigInteger TWELVE = BigInteger.valueOf(12);
    private static final BigInteger MICROS_PER_HOUR = BigInteger.valueOf(3_600_000_000L);
    private static final BigInteger MICROS_PER_MINUTE = BigInteger.valueOf(60_000_000L);
    private static final BigDecimal MICROS_PER_SECOND = BigDecimal.valueOf(1_000_000L);

    /** The interval {@code text} means, or null when it is not an ISO 8601 duration as {@link #PATTERN} reads them. */
    public static IntervalText parse(String text) {
        Matcher m = ISO.matcher(text);
        // "P" alone and a "T" with nothing after it are not durations
        if (!m.matches() || text.equals("P") || text.endsWith("T")) {
            return null;
        }
        BigInteger months = integer(m.group(1)).multiply(TWELVE).add(integer(m.group(2)));
        BigInteger micros = integer(m.group(4)).multiply(MICROS_PER_HOUR).add(integer(m.group(5)).multiply(MICROS_PER_MINUTE))
                .add(seconds(m.group(6)));
        return new IntervalText(months, integer(m.group(3)), micros);
    }

    /**
     * The canonical text of an interval: the text Debezium writes for a PostgreSQL interval of these months, days and
     * microseconds, {@code P<y>Y<m>M<d>DT<h>H<m>M<s>S}, its parts cut as PostgreSQL cuts them (years = months / 12,
     * hours = microseconds / 3,600,000,000, each truncated toward zero, the remainders keeping the sign), seconds
     * without trailing fractional zeros. Text that is not such a duration stays as it is: it can equal only the same
     * text (PostgreSQL's {@code infinity}, for example), never a canonical duration.
     */
    public static String canonical(String text) {
        IntervalText interval = parse(text.trim());
        return interval == null ? text : interval.toString();
    }

    @Override
    public String toString() {
        BigInteger[] years = months.divideAndRemainder(TWELVE);
        BigInteger[] hours = microseconds.divideAndRemainder(MICROS_PER_HOUR);
        BigInteger[] minutes = hours[1].divideAndRemainder(MICROS_PER_MINUTE);
        BigDecimal seconds = new BigDecimal(minutes[1], 6);
        String s = seconds.signum() == 0 ? "0" : seconds.stripTrailingZeros().toPlainString();
        return "P" + years[0] + "Y" + years[1] + "M" + days + "DT" + hours[0] + "H" + minutes[0] + "M" + s + "S";
    }

    /** A part's number; 0 when the part is absent. */
    private static BigInteger integer(String number) {
        return number == null ? BigInteger.ZERO : new BigInteger(number);
    }

    private static BigInteger seconds(String number) {
        return number == null ? BigInteger.ZERO : new BigDecimal(number).multiply(MICROS_PER_SECOND).toBigIntegerExact();
    }
}
