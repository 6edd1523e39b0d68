package io.idaas.connect.jdbc.dialect;

import io.idaas.ddml.types.PortableType;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * The values a target's columns cannot hold although their type is the portable mapping's (SPEC.md section 11), and the
 * reason given when a row holding one is refused. The servers refuse most such values themselves with an error; these
 * are the ones they would silently round or replace, or refuse with a message that does not say why.
 */
final class TargetLimits {

    private TargetLimits() {
    }

    /** MariaDB/MySQL: DECIMAL(65,30) holds 35 integer and 30 fraction digits. */
    static final int MYSQL_INTEGER_DIGITS = 35;
    static final int MYSQL_FRACTION_DIGITS = 30;

    /**
     * MariaDB and MySQL: no NaN or infinity in FLOAT and DOUBLE ("Unknown column 'NaN'"), an unconstrained decimal beyond
     * DECIMAL(65,30) (MariaDB rounds the fraction with a warning), dates outside the years 1 to 9999 (MariaDB Connector/J
     * writes year -44 as 0045).
     */
    static Optional<String> mysql(PortableType type, Object value, String target) {
        if (value == null) {
            return Optional.empty();
        }
        return switch (type.kind()) {
            case FLOAT32, FLOAT64 -> nonFinite(value) ? Optional.of("the value " + value + " (" + type + ") has no " + target
                + " FLOAT or DOUBLE value: " + target + " has no NaN or infinity") : Optional.empty();
            case DECIMAL -> type.precision() == null ? decimal65((BigDecimal) value, target) : Optional.empty();
            case DATE -> year(((LocalDate) value).getYear(), value, type, target);
            case TIMESTAMP -> year(((LocalDateTime) value).getYear(), value, type, target);
            case TIMESTAMPTZ -> year(LocalDateTime.ofInstant((Instant) value, ZoneOffset.UTC).getYear(), value, type, target);
            case ARRAY -> element(type, (List<?>) value, target);
            default -> Optional.empty();
        };
    }

    /** PostgreSQL: text and json cannot hold the character U+0000. */
    static Optional<String> postgres(PortableType type, Object value) {
        if (value == null) {
            return Optional.empty();
        }
        return switch (type.kind()) {
            case STRING, JSON, ENUM -> ((String) value).indexOf('\0') >= 0 ? Optional.of("the " + type + " value holds the "
                + "character U+0000, which PostgreSQL text and json cannot hold") : Optional.empty();
            case ARRAY, SET -> {
                for (Object e : (List<?>) value) {
                    Optional<String> r = postgres(type.kind() == io.idaas.ddml.types.TypeKind.SET ? PortableType.STRING : type.element(), e);
                    if (r.isPresent()) {
                        yield r;
                    }
                }
                yield Optional.empty();
            }
            default -> Optional.empty();
        };
    }

    private static boolean nonFinite(Object value) {
        return value instanceof Double d ? !Double.isFinite(d) : value instanceof Float f && !Float.isFinite(f);
    }

    private static Optional<String> decimal65(BigDecimal value, String target) {
        BigDecimal d = value.stripTrailingZeros();
        int fraction = Math.max(d.scale(), 0);
        int integer = Math.max(d.precision() - d.scale(), 0);
        if (fraction > MYSQL_FRACTION_DIGITS || integer > MYSQL_INTEGER_DIGITS) {
            return Optional.of("the decimal " + value.toPlainString() + " has " + integer + " integer and " + fraction
                + " fraction digits, more than the " + MYSQL_INTEGER_DIGITS + " and " + MYSQL_FRACTION_DIGITS + " of " + target
                + "'s DECIMAL(65,30), the widest it has for an unconstrained decimal");
        }
        return Optional.empty();
    }

    private static Optional<String> year(int year, Object value, PortableType type, String target) {
        return year < 1 || year > 9999 ? Optional.of("the " + type + " value " + value + " is outside the years 1 to 9999 that "
            + target + "'s DATE and DATETIME hold") : Optional.empty();
    }

    /**
     * An array is JSON in MariaDB and MySQL, which holds any element as a number or a string, but a NaN or an infinity
     * would become the string "NaN": refused like a float column's.
     */
    private static Optional<String> element(PortableType array, List<?> values, String target) {
        for (Object e : values) {
            if (e instanceof List<?> inner && array.element().kind() == io.idaas.ddml.types.TypeKind.ARRAY) {
                Optional<String> r = element(array.element(), inner, target);
                if (r.isPresent()) {
                    return r;
                }
            } else if (nonFinite(e)) {
                return Optional.of("the " + array + " value holds " + e + ", which " + target + "'s JSON has no number for");
            }
        }
        return Optional.empty();
    }
}
