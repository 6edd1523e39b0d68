package io.idaas.transforms.ddml.types;

import io.idaas.ddml.Column;
import io.idaas.ddml.SourceSystem;
import io.idaas.ddml.types.TypeKind;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.Locale;
import java.util.TimeZone;

/**
 * What Debezium 3.5 does to some source values before ToDdml sees them, undone where that is exact and refused (with
 * an {@link IllegalArgumentException} naming the cause) where it is not, so that no changed value goes on as if it
 * were the source's. Each case is one that the awkward-values matrix ({@code e2e-tests} {@code values}) catches.
 *
 * <ul>
 *   <li>A PostgreSQL snapshot reads {@code timestamp} and {@code timestamptz} through pgjdbc's {@code java.sql.Timestamp},
 *       built with the Julian calendar before 1582-10-15, and Debezium takes its instant on the proleptic Gregorian
 *       calendar: {@code 1000-01-01 00:00} arrives as {@code 1000-01-06}, {@code 0001-01-01} as {@code 0000-12-30}. The
 *       value is read back the way pgjdbc wrote it ({@link GregorianCalendar}'s fields, with the era): exact. The log
 *       (pgoutput's text) is not affected.</li>
 *   <li>A PostgreSQL snapshot reads {@code money} through a {@code double}: from 10^13 on (more than 15 significant
 *       digits with the cents) the value may have lost digits, so it is refused.</li>
 *   <li>PostgreSQL {@code bit varying}: Debezium keeps only the bytes of the set bits, not the length
 *       ({@code B'0101'} and {@code B'101'} arrive alike), so a value is refused.</li>
 * </ul>
 */
public final class SourceValues {

    /** 1582-10-15T00:00Z: from here on the Julian-Gregorian calendar and the proleptic Gregorian one agree. */
    private static final long GREGORIAN_CUTOVER_MILLIS = -12_219_292_800_000L;
    /** The smallest money a double holds to the cent in every case: 15 significant digits. */
    private static final BigDecimal MONEY_DOUBLE_LIMIT = new BigDecimal("10000000000000");

    private SourceValues() {
    }

    /**
     * The value as the source holds it.
     *
     * @param op the Debezium op ({@code r} for a snapshot read)
     * @throws IllegalArgumentException when Debezium changed it in a way that cannot be undone exactly
     */
    public static Object restore(SourceSystem system, String op, Column column, Object value) {
        if (value == null || system != SourceSystem.POSTGRESQL) {
            return value;
        }
        String nativeType = column.nativeType() == null ? "" : column.nativeType().trim().toLowerCase(Locale.ROOT);
        if (nativeType.startsWith("varbit") || nativeType.startsWith("bit varying")) {
            throw new IllegalArgumentException("Debezium's PostgreSQL connector keeps neither the length nor the leading zero "
                + "bits of a bit varying value (B'0101' and B'101' arrive alike), so it cannot be carried exactly");
        }
        if (!"r".equals(op)) {
            return value;
        }
        if (column.type().kind() == TypeKind.TIMESTAMP && value instanceof LocalDateTime t) {
            return julian(t);
        }
        if (column.type().kind() == TypeKind.TIMESTAMPTZ && value instanceof Instant i) {
            return julian(i);
        }
        if (nativeType.equals("money") && value instanceof BigDecimal d && d.abs().compareTo(MONEY_DOUBLE_LIMIT) >= 0) {
            throw new IllegalArgumentException("Debezium's PostgreSQL snapshot reads money through a double, which holds every "
                + "cent only below 10000000000000; " + d.toPlainString() + " may have lost digits (the log reads it exactly)");
        }
        return value;
    }

    /** A snapshot's timestamp (the worker's zone, as Debezium read it) before 1582-10-15, read back as pgjdbc wrote it. */
    private static LocalDateTime julian(LocalDateTime value) {
        ZoneId zone = ZoneId.systemDefault();
        long millis = value.atZone(zone).toInstant().toEpochMilli();
        if (millis >= GREGORIAN_CUTOVER_MILLIS) {
            return value;
        }
        return fields(millis, TimeZone.getTimeZone(zone)).withNano(value.getNano());
    }

    /** A snapshot's timestamptz before 1582-10-15, read back as pgjdbc wrote it (in UTC). */
    private static Instant julian(Instant value) {
        long millis = value.toEpochMilli();
        if (millis >= GREGORIAN_CUTOVER_MILLIS) {
            return value;
        }
        return fields(millis, TimeZone.getTimeZone(ZoneOffset.UTC)).withNano(value.getNano()).toInstant(ZoneOffset.UTC);
    }

    private static LocalDateTime fields(long millis, TimeZone zone) {
        GregorianCalendar c = new GregorianCalendar(zone, Locale.ROOT);
        c.setTimeInMillis(millis);
        int year = c.get(Calendar.ERA) == GregorianCalendar.BC ? 1 - c.get(Calendar.YEAR) : c.get(Calendar.YEAR);
        return LocalDateTime.of(year, c.get(Calendar.MONTH) + 1, c.get(Calendar.DAY_OF_MONTH), c.get(Calendar.HOUR_OF_DAY),
            c.get(Calendar.MINUTE), c.get(Calendar.SECOND));
    }
}
