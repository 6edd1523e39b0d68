package io.idaas.ddml.types;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The canonical text of DDML values that JSON and Avro carry as strings: decimals, dates, times,
 * timestamps and the non-finite floats. See SPEC.md, "Value encodings".
 */
public final class CanonicalText {

    private static final Pattern DECIMAL = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");
    private static final Pattern TIME = Pattern.compile("([0-9]{2}):([0-9]{2}):([0-9]{2})\\.([0-9]{6})");
    private static final Pattern TIMESTAMP = Pattern.compile("([-+]?[0-9]{4,})-([0-9]{2})-([0-9]{2})T(.{15})(Z?)");

    private CanonicalText() {
    }

    /** A decimal as plain digits, never an exponent: {@code -12.30}. */
    public static String decimal(BigDecimal value) {
        return value.toPlainString();
    }

    /** Reads plain decimal digits; rejects exponents, '+' and surrounding space. */
    public static BigDecimal parseDecimal(String text) {
        if (!DECIMAL.matcher(text).matches()) {
            throw new IllegalArgumentException("not a plain decimal: '" + text + "'");
        }
        return new BigDecimal(text);
    }

    /** A date as ISO-8601 {@code yyyy-mm-dd}; years outside 0000..9999 are signed: {@code +10000-01-01}. */
    public static String date(LocalDate value) {
        return value.toString();
    }

    /** Reads {@link #date(LocalDate)}'s form. */
    public static LocalDate parseDate(String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a date yyyy-mm-dd: '" + text + "'", e);
        }
    }

    /** Whether {@code text} is an optional '-' and one or more ASCII digits (no regex: this runs per event). */
    public static boolean isInteger(String text) {
        int start = text.startsWith("-") ? 1 : 0;
        return text.length() > start && isDigits(text, start);
    }

    /** Whether {@code text} is one or more ASCII digits. */
    public static boolean isDigits(String text) {
        return !text.isEmpty() && isDigits(text, 0);
    }

    private static boolean isDigits(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** A time of day as {@code HH:MM:SS.ffffff}, always six fractional digits. */
    public static String time(LocalTime value) {
        return appendTime(new StringBuilder(15), value).toString();
    }

    private static StringBuilder appendTime(StringBuilder b, LocalTime value) {
        pad(b, value.getHour(), 2).append(':');
        pad(b, value.getMinute(), 2).append(':');
        pad(b, value.getSecond(), 2).append('.');
        return pad(b, value.getNano() / 1000, 6);
    }

    /** Appends {@link #date(LocalDate)}'s form: written here for years 0000..9999, else as LocalDate writes it. */
    private static StringBuilder appendDate(StringBuilder b, LocalDate value) {
        int year = value.getYear();
        if (year < 0 || year > 9999) {
            return b.append(value);
        }
        pad(b, year, 4).append('-');
        pad(b, value.getMonthValue(), 2).append('-');
        return pad(b, value.getDayOfMonth(), 2);
    }

    /** Appends a non-negative number, zero-padded to {@code width} digits (no String.format: this runs per value). */
    private static StringBuilder pad(StringBuilder b, int value, int width) {
        int digits = 1;
        for (int v = value; v >= 10; v /= 10) {
            digits++;
        }
        for (int i = digits; i < width; i++) {
            b.append('0');
        }
        return b.append(value);
    }

    /** Reads {@link #time(LocalTime)}'s form. */
    public static LocalTime parseTime(String text) {
        Matcher m = TIME.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a time HH:MM:SS.ffffff: '" + text + "'");
        }
        try {
            return LocalTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)) * 1000);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a time HH:MM:SS.ffffff: '" + text + "'", e);
        }
    }

    /** A timestamp without zone as {@code yyyy-mm-ddTHH:MM:SS.ffffff}. */
    public static String timestamp(LocalDateTime value) {
        return appendTimestamp(new StringBuilder(26), value).toString();
    }

    private static StringBuilder appendTimestamp(StringBuilder b, LocalDateTime value) {
        appendDate(b, value.toLocalDate()).append('T');
        return appendTime(b, value.toLocalTime());
    }

    /** Reads {@link #timestamp(LocalDateTime)}'s form. */
    public static LocalDateTime parseTimestamp(String text) {
        Matcher m = TIMESTAMP.matcher(text);
        if (!m.matches() || !m.group(5).isEmpty()) {
            throw new IllegalArgumentException("not a timestamp yyyy-mm-ddTHH:MM:SS.ffffff: '" + text + "'");
        }
        int t = text.indexOf('T');
        return LocalDateTime.of(parseDate(text.substring(0, t)), parseTime(text.substring(t + 1)));
    }

    /** An instant as UTC {@code yyyy-mm-ddTHH:MM:SS.ffffffZ}. */
    public static String timestampTz(Instant value) {
        return appendTimestamp(new StringBuilder(27), LocalDateTime.ofInstant(value, ZoneOffset.UTC)).append('Z').toString();
    }

    /** Reads {@link #timestampTz(Instant)}'s form. */
    public static Instant parseTimestampTz(String text) {
        if (!text.endsWith("Z")) {
            throw new IllegalArgumentException("not a UTC timestamp yyyy-mm-ddTHH:MM:SS.ffffffZ: '" + text + "'");
        }
        return parseTimestamp(text.substring(0, text.length() - 1)).toInstant(ZoneOffset.UTC);
    }

    /** The JSON string for a non-finite float ({@code NaN}, {@code Infinity}, {@code -Infinity}). */
    public static String nonFinite(double value) {
        return Double.isNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity";
    }

    /** Reads {@link #nonFinite(double)}'s form. */
    public static double parseNonFinite(String text) {
        return switch (text) {
            case "NaN" -> Double.NaN;
            case "Infinity" -> Double.POSITIVE_INFINITY;
            case "-Infinity" -> Double.NEGATIVE_INFINITY;
            default -> throw new IllegalArgumentException("not NaN, Infinity or -Infinity: '" + text + "'");
        };
    }
}
