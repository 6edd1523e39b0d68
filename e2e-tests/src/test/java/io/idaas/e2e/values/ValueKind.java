package io.idaas.e2e.values;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NumericNode;
import io.idaas.e2e.pipeline.Db;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the comparison reads a value with plain SQL in either database family, and the form in which two readings are
 * equal exactly when the values are: the SQL text of the value (a cast that prints every digit where the server's own
 * text would round, as MariaDB does for FLOAT), turned into a Java value that compares by meaning, not by display
 * (a decimal's trailing zeros, PostgreSQL's {@code BC} years, jsonb's key order, a time zone offset).
 */
enum ValueKind {
    /** A binary float, compared as the double it is (NaN equal to NaN; -0 and 0 differ). */
    FLOAT("CAST(%s AS DOUBLE)", "%s::float8::text") {
        @Override
        Object normalize(String text) {
            return Double.valueOf(text.equals("inf") ? "Infinity" : text.equals("-inf") ? "-Infinity" : text);
        }
    },
    /** An exact number (integers, decimals, YEAR), compared by value; PostgreSQL's NaN and infinities as their text. */
    NUMBER("CAST(%s AS CHAR)", "%s::text") {
        @Override
        Object normalize(String text) {
            try {
                BigDecimal d = new BigDecimal(text.trim());
                return d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
            } catch (NumberFormatException e) {
                return text;
            }
        }
    },
    TEXT("%s", "%s") {
        @Override
        Object normalize(String text) {
            return text;
        }
    },
    UUID("CAST(%s AS CHAR)", "%s::text") {
        @Override
        Object normalize(String text) {
            return text.toLowerCase(java.util.Locale.ROOT);
        }
    },
    /** Octets, read with getBytes (see {@link #bytes()}). */
    BYTES("%s", "%s") {
        @Override
        Object normalize(String text) {
            return text;
        }

        @Override
        boolean bytes() {
            return true;
        }
    },
    /** A PostgreSQL bit string, read as its text ('0101'); its copy in bytes is shown as the bits of those bytes. */
    BITS("%s", "%s::text") {
        @Override
        Object normalize(String text) {
            return text;
        }
    },
    DATE("CAST(%s AS CHAR)", "%s::text") {
        @Override
        Object normalize(String text) {
            boolean bc = text.endsWith(" BC");
            LocalDate d = LocalDate.parse(bc ? text.substring(0, text.length() - 3) : text, ISO_DATE);
            return bc ? d.withYear(1 - d.getYear()) : d;
        }
    },
    TIMESTAMP("CAST(%s AS CHAR)", "%s::text") {
        @Override
        Object normalize(String text) {
            boolean bc = text.endsWith(" BC");
            LocalDateTime t = LocalDateTime.parse(bc ? text.substring(0, text.length() - 3) : text, ISO_DATE_TIME);
            return bc ? t.withYear(1 - t.getYear()) : t;
        }
    },
    /** An instant: MariaDB's TIMESTAMP read in the server's zone (UTC here), a DATETIME copy holding UTC, PostgreSQL's at UTC. */
    TIMESTAMPTZ("CAST(%s AS CHAR)", "(%s AT TIME ZONE 'UTC')::text") {
        @Override
        Object normalize(String text) {
            return TIMESTAMP.normalize(text);
        }
    },
    TIME("CAST(%s AS CHAR)", "%s::text") {
        @Override
        Object normalize(String text) {
            return text.contains(".") ? text.replaceAll("0+$", "").replaceAll("\\.$", "") : text;
        }
    },
    /** PostgreSQL's time with time zone, compared as the UTC time of day it denotes. */
    TIMETZ("%s", "%s::text") {
        @Override
        Object normalize(String text) {
            String t = text.endsWith("Z") ? text : text.replaceAll("([+-]\\d\\d)$", "$1:00");
            return OffsetTime.parse(t).withOffsetSameInstant(ZoneOffset.UTC);
        }
    },
    /** An interval in ISO 8601 (PostgreSQL read with intervalstyle iso_8601), compared field by field. */
    INTERVAL("%s", "%s::text") {
        @Override
        Object normalize(String text) {
            Matcher m = ISO_INTERVAL.matcher(text);
            if (!m.matches()) {
                return text;
            }
            List<BigDecimal> fields = new ArrayList<>();
            for (int i = 1; i <= m.groupCount(); i++) {
                fields.add(m.group(i) == null ? BigDecimal.ZERO : new BigDecimal(m.group(i)).stripTrailingZeros());
            }
            return fields.stream().map(d -> d.signum() == 0 ? BigDecimal.ZERO : d).toList();
        }
    },
    /** JSON compared as a tree, numbers by value. */
    JSON("%s", "%s::text") {
        @Override
        Object normalize(String text) {
            try {
                return new JsonMeaning(MAPPER.readTree(text));
            } catch (Exception e) {
                return text;
            }
        }
    },
    /** An array: PostgreSQL's as JSON, MariaDB's JSON copy as it is. */
    ARRAY("%s", "array_to_json(%s)::text") {
        @Override
        Object normalize(String text) {
            return JSON.normalize(text);
        }
    },
    /** A set: MariaDB's SET text ('a,c'), PostgreSQL's text[] copy as JSON. */
    SET("CAST(%s AS CHAR)", "array_to_json(%s)::text") {
        @Override
        Object normalize(String text) {
            if (text.startsWith("[")) {
                List<String> members = new ArrayList<>();
                try {
                    MAPPER.readTree(text).forEach(n -> members.add(n.asText()));
                } catch (Exception e) {
                    return text;
                }
                return members;
            }
            return text.isEmpty() ? List.of() : Arrays.asList(text.split(","));
        }
    };

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final DateTimeFormatter ISO_DATE = new DateTimeFormatterBuilder()
            .appendValue(ChronoField.YEAR, 4, 10, java.time.format.SignStyle.NORMAL).appendLiteral('-')
            .appendValue(ChronoField.MONTH_OF_YEAR, 2).appendLiteral('-').appendValue(ChronoField.DAY_OF_MONTH, 2).toFormatter();
    private static final DateTimeFormatter ISO_DATE_TIME = new DateTimeFormatterBuilder().append(ISO_DATE).appendLiteral(' ')
            .appendPattern("HH:mm:ss").optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .toFormatter();
    private static final Pattern ISO_INTERVAL = Pattern.compile(
            "P(?:(-?\\d+)Y)?(?:(-?\\d+)M)?(?:(-?\\d+)D)?(?:T(?:(-?\\d+)H)?(?:(-?\\d+)M)?(?:(-?[\\d.]+)S)?)?");

    private final String mariadb;
    private final String postgres;

    ValueKind(String mariadb, String postgres) {
        this.mariadb = mariadb;
        this.postgres = postgres;
    }

    /** The select expression that reads {@code column} in a database of {@code db}. */
    String select(Db db, String column) {
        return String.format(db == Db.POSTGRES ? postgres : mariadb, column);
    }

    /** A reading in the form that compares by meaning. */
    abstract Object normalize(String text);

    /** Whether the value is read with getBytes rather than getString. */
    boolean bytes() {
        return false;
    }

    /** Octets as hex, the way both readings of a BYTES value are compared. */
    static String hex(byte[] b) {
        return "0x" + HexFormat.of().formatHex(b);
    }

    /** The bits of octets, big-endian, the form a BITS value's copy is shown in. */
    static String bits(byte[] b) {
        String s = new BigInteger(1, b).toString(2);
        return "0".repeat(Math.max(0, b.length * 8 - s.length())) + s;
    }

    /** A JSON document compared by meaning: numbers by value. */
    record JsonMeaning(JsonNode tree) {
        @Override
        public boolean equals(Object o) {
            return o instanceof JsonMeaning other && tree.equals((a, b) -> a.equals(b) ? 0
                    : a instanceof NumericNode x && b instanceof NumericNode y ? x.decimalValue().compareTo(y.decimalValue()) : 1, other.tree);
        }

        @Override
        public int hashCode() {
            return 0;
        }

        @Override
        public String toString() {
            return tree.toString();
        }
    }
}
