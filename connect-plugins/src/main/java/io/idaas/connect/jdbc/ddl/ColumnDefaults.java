package io.idaas.connect.jdbc.ddl;

import io.idaas.connect.jdbc.dialect.Dialect;
import io.idaas.ddml.Column;
import io.idaas.ddml.SourceSystem;
import io.idaas.ddml.types.PortableType;
import io.idaas.ddml.types.TypeKind;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Translates a column's default, as its source wrote it (DDML {@code default_value}: the source system's SQL
 * expression text, SPEC.md §5), into the target's DEFAULT expression. The rules, by what the source text is once
 * PostgreSQL casts ({@code ::type}) and enclosing parentheses are taken off:
 *
 * <ul>
 *   <li>{@code NULL}, or no default: none.</li>
 *   <li>a number, a string literal ({@code 'x'}, read with the source's escapes: {@code ''} everywhere, backslash
 *   escapes from MariaDB and MySQL) or {@code true}/{@code false}: a constant of the column's portable type, written
 *   as the target writes it (booleans as {@code true}/{@code false} or {@code 1}/{@code 0}, numbers in a string
 *   read as numbers, a timestamptz only when the literal carries its UTC offset). {@link Kind#CONSTANT}: a column
 *   added with it gives existing rows the source's value.</li>
 *   <li>the current time ({@code CURRENT_TIMESTAMP}, {@code now()}, {@code LOCALTIMESTAMP}, {@code CURRENT_DATE},
 *   {@code curdate()}, {@code CURRENT_TIME}, ...) in a timestamp, timestamptz, date or time column, and a random UUID
 *   ({@code uuid()}, {@code gen_random_uuid()}, {@code uuid_generate_v4()}) in a uuid or string column: the
 *   target's own function. {@link Kind#VOLATILE}: a column added with it gives existing rows the target's values,
 *   not the source's (neither binlog nor WAL carries the values a source filled in).</li>
 *   <li>anything else (a sequence's {@code nextval(...)}, other functions, arithmetic, a literal the column's type
 *   cannot take across families): {@link Kind#NOT_CARRIED}, no default on the target.</li>
 * </ul>
 */
public final class ColumnDefaults {

    /** What a source default becomes on the target. */
    public enum Kind {
        /** The source column has no default (or {@code DEFAULT NULL}). */
        NONE,
        /** A constant: existing rows get the source's value when the column is added. */
        CONSTANT,
        /** A function the target evaluates (the clock, a random UUID): existing rows get the target's values. */
        VOLATILE,
        /** Nothing the target can evaluate to the source's value: the target column gets no default. */
        NOT_CARRIED
    }

    /**
     * A default for the target.
     *
     * @param kind   what it is
     * @param sql    the DEFAULT expression for the target; null for {@link Kind#NONE} and {@link Kind#NOT_CARRIED}
     * @param source the source's text, null for {@link Kind#NONE}
     * @param reason why it is not carried, for {@link Kind#NOT_CARRIED}
     */
    public record TargetDefault(Kind kind, String sql, String source, String reason) {

        static final TargetDefault NONE = new TargetDefault(Kind.NONE, null, null, null);

        static TargetDefault constant(String sql, String source) {
            return new TargetDefault(Kind.CONSTANT, sql, source, null);
        }

        static TargetDefault volatileOne(String sql, String source) {
            return new TargetDefault(Kind.VOLATILE, sql, source, null);
        }

        static TargetDefault notCarried(String source, String reason) {
            return new TargetDefault(Kind.NOT_CARRIED, null, source, reason);
        }

        /** Whether existing rows of a column added with this default hold the source's values. */
        public boolean backfillsLikeTheSource() {
            return kind == Kind.CONSTANT;
        }
    }

    private static final Pattern NUMBER = Pattern.compile("[+-]?\\s*(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?");
    private static final Pattern CALL = Pattern.compile("([a-z_][a-z0-9_]*)\\s*(?:\\(\\s*(\\d*)\\s*\\))?");
    private static final Set<String> CLOCK = Set.of("current_timestamp", "now", "localtimestamp", "localtime",
        "statement_timestamp", "transaction_timestamp", "clock_timestamp", "sysdate", "utc_timestamp", "current_date",
        "curdate", "utc_date", "current_time", "curtime", "utc_time");
    private static final Set<String> RANDOM_UUID = Set.of("uuid", "gen_random_uuid", "uuid_generate_v4", "uuid_v4");
    private static final Set<String> TRUE = Set.of("t", "true", "y", "yes", "on", "1");
    private static final Set<String> FALSE = Set.of("f", "false", "n", "no", "off", "0");
    /** A timestamp with its UTC offset, as PostgreSQL writes a timestamptz literal: {@code 2020-01-02 01:04:05+00}. */
    private static final DateTimeFormatter OFFSET_TIMESTAMP = new DateTimeFormatterBuilder()
        .append(DateTimeFormatter.ISO_LOCAL_DATE).optionalStart().appendLiteral('T').optionalEnd()
        .optionalStart().appendLiteral(' ').optionalEnd().appendValue(ChronoField.HOUR_OF_DAY, 2).appendLiteral(':')
        .appendValue(ChronoField.MINUTE_OF_HOUR, 2).appendLiteral(':').appendValue(ChronoField.SECOND_OF_MINUTE, 2)
        .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
        .appendOffset("+HH:mm", "Z").toFormatter(Locale.ROOT);

    private final Dialect dialect;

    public ColumnDefaults(Dialect dialect) {
        this.dialect = dialect;
    }

    /** The target default of a column from a {@code source} system (null when unknown: read as PostgreSQL's text). */
    public TargetDefault of(Column column, SourceSystem source) {
        return translate(column.defaultValue(), column.type(), source);
    }

    /**
     * The value existing rows get when {@code column} is added to a table: its default, or, for a NOT NULL column
     * without one from MariaDB or MySQL, the implicit default those fill existing rows with (0, '', an enum's first
     * value; SPEC.md §5); {@link Kind#NONE} when there is none.
     */
    public TargetDefault forAddedColumn(Column column, SourceSystem source) {
        TargetDefault explicit = of(column, source);
        if (explicit.kind() != Kind.NONE || column.nullable()
            || (source != SourceSystem.MARIADB && source != SourceSystem.MYSQL)) {
            return explicit;
        }
        PortableType t = column.type();
        if (t.kind().isInteger() || t.kind() == TypeKind.DECIMAL || t.kind() == TypeKind.FLOAT32
            || t.kind() == TypeKind.FLOAT64) {
            return TargetDefault.constant("0", null);
        }
        if (t.kind() == TypeKind.BOOLEAN) {
            return TargetDefault.constant(dialect.booleanLiteral(false), null);
        }
        if (t.kind() == TypeKind.STRING) {
            return TargetDefault.constant(dialect.stringLiteral(""), null);
        }
        if (t.kind() == TypeKind.ENUM && !t.values().isEmpty()) {
            return TargetDefault.constant(dialect.stringLiteral(t.values().get(0)), null);
        }
        return TargetDefault.NONE;
    }

    /** The target default for the source text {@code text} in a column of portable type {@code type}. */
    TargetDefault translate(String text, PortableType type, SourceSystem source) {
        if (text == null) {
            return TargetDefault.NONE;
        }
        boolean mysqlFamily = source == SourceSystem.MARIADB || source == SourceSystem.MYSQL;
        String core = strip(text.trim(), !mysqlFamily);
        if (core.equalsIgnoreCase("null")) {
            return TargetDefault.NONE;
        }
        if (core.length() >= 2 && core.charAt(0) == '\'') {
            Optional<String> value = unquote(core, mysqlFamily);
            return value.map(v -> fromString(v, type, text, source))
                .orElseGet(() -> TargetDefault.notCarried(text, "not a single string literal"));
        }
        if (NUMBER.matcher(core).matches()) {
            return fromNumber(core.replaceAll("\\s+", "").replaceFirst("^\\+", ""), type, text);
        }
        String lower = core.toLowerCase(Locale.ROOT);
        if (lower.equals("true") || lower.equals("false")) {
            return fromBoolean(lower.equals("true"), type, text);
        }
        if (lower.startsWith("nextval")) {
            return TargetDefault.notCarried(text, "a sequence's next value; the target column takes the source's values");
        }
        Matcher call = CALL.matcher(lower);
        if (call.matches() && CLOCK.contains(call.group(1))) {
            return dialect.clockDefault(type).map(sql -> TargetDefault.volatileOne(sql, text))
                .orElseGet(() -> TargetDefault.notCarried(text, "the current time in a column of type " + type));
        }
        if (call.matches() && RANDOM_UUID.contains(call.group(1)) && (call.group(2) == null || call.group(2).isEmpty())) {
            return dialect.uuidDefault(type).map(sql -> TargetDefault.volatileOne(sql, text))
                .orElseGet(() -> TargetDefault.notCarried(text, "a random UUID in a column of type " + type));
        }
        return TargetDefault.notCarried(text, "an expression the sink does not translate");
    }

    private TargetDefault fromString(String value, PortableType type, String text, SourceSystem source) {
        TypeKind kind = type.kind();
        switch (kind) {
            case INT8, INT16, INT32, INT64, DECIMAL, FLOAT32, FLOAT64 -> {
                String v = value.trim();
                return NUMBER.matcher(v).matches() ? fromNumber(v.replaceAll("\\s+", "").replaceFirst("^\\+", ""), type, text)
                    : TargetDefault.notCarried(text, "not a number, in a column of type " + type);
            }
            case BOOLEAN -> {
                String v = value.trim().toLowerCase(Locale.ROOT);
                return TRUE.contains(v) ? fromBoolean(true, type, text) : FALSE.contains(v) ? fromBoolean(false, type, text)
                    : TargetDefault.notCarried(text, "not a boolean");
            }
            case STRING, ENUM, JSON, UUID -> {
                return TargetDefault.constant(dialect.stringLiteral(value), text);
            }
            case DATE, TIME, TIMESTAMP -> {
                // Only a value every target takes: not MariaDB's zero dates, nor its TIME beyond a day.
                return temporal(kind, value.trim()) ? TargetDefault.constant(dialect.stringLiteral(value.trim()), text)
                    : TargetDefault.notCarried(text, "not a valid " + kind.wireName() + " on every target (e.g. a zero date)");
            }
            case TIMESTAMPTZ -> {
                try {
                    return TargetDefault.constant(dialect.instantLiteral(OffsetDateTime.parse(value.trim(), OFFSET_TIMESTAMP)
                        .toInstant()), text);
                } catch (DateTimeParseException e) {
                    return TargetDefault.notCarried(text, "a time without its UTC offset: the source session's time zone "
                        + "is not known");
                }
            }
            case SET, ARRAY, BYTES -> {
                return source != null && dialect.sameFamily(source) ? TargetDefault.constant(dialect.stringLiteral(value), text)
                    : TargetDefault.notCarried(text, "a " + kind.wireName() + " literal from another database family");
            }
            default -> {
                return TargetDefault.notCarried(text, "a literal in a column of type " + type);
            }
        }
    }

    private static boolean temporal(TypeKind kind, String value) {
        try {
            switch (kind) {
                case DATE -> java.time.LocalDate.parse(value);
                case TIME -> java.time.LocalTime.parse(value);
                default -> java.time.LocalDateTime.parse(value.replace(' ', 'T'));
            }
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private TargetDefault fromNumber(String number, PortableType type, String text) {
        TypeKind kind = type.kind();
        if (kind.isInteger() || kind == TypeKind.DECIMAL || kind == TypeKind.FLOAT32 || kind == TypeKind.FLOAT64) {
            return TargetDefault.constant(number, text);
        }
        if (kind == TypeKind.BOOLEAN) {
            return fromBoolean(new BigDecimal(number).signum() != 0, type, text);
        }
        if (kind == TypeKind.STRING || kind == TypeKind.ENUM) {
            return TargetDefault.constant(dialect.stringLiteral(number), text);
        }
        return TargetDefault.notCarried(text, "a number in a column of type " + type);
    }

    private TargetDefault fromBoolean(boolean value, PortableType type, String text) {
        if (type.kind() == TypeKind.BOOLEAN) {
            return TargetDefault.constant(dialect.booleanLiteral(value), text);
        }
        if (type.kind().isInteger()) {
            return TargetDefault.constant(value ? "1" : "0", text);
        }
        return TargetDefault.notCarried(text, "a boolean in a column of type " + type);
    }

    /**
     * The text without enclosing parentheses and, with {@code casts} (PostgreSQL's text), without casts
     * ({@code 'x'::character varying}), repeatedly.
     */
    static String strip(String text, boolean casts) {
        String s = text;
        while (true) {
            String before = s;
            int cast = casts ? lastCast(s) : -1;
            if (cast >= 0) {
                s = s.substring(0, cast).trim();
            }
            if (s.length() >= 2 && s.charAt(0) == '(' && closing(s, 0) == s.length() - 1) {
                s = s.substring(1, s.length() - 1).trim();
            }
            if (s.equals(before)) {
                return s;
            }
        }
    }

    /** Where the last {@code ::} outside quotes and parentheses starts, or -1. */
    private static int lastCast(String s) {
        int depth = 0;
        int found = -1;
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')') {
                depth--;
            } else if (!quoted && depth == 0 && c == ':' && i + 1 < s.length() && s.charAt(i + 1) == ':') {
                found = i;
                i++;
            }
        }
        return found;
    }

    /** The index of the parenthesis closing the one at {@code open}, or -1. */
    private static int closing(String s, int open) {
        int depth = 0;
        boolean quoted = false;
        for (int i = open; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The value of a string literal that is the whole text; empty when the text is more than one literal. Quotes are
     * doubled inside; with {@code backslashEscapes} (MariaDB, MySQL) a backslash escapes the next character.
     */
    static Optional<String> unquote(String literal, boolean backslashEscapes) {
        StringBuilder value = new StringBuilder(literal.length());
        int i = 1;
        while (i < literal.length()) {
            char c = literal.charAt(i);
            if (c == '\'') {
                if (i + 1 < literal.length() && literal.charAt(i + 1) == '\'') {
                    value.append('\'');
                    i += 2;
                    continue;
                }
                return i == literal.length() - 1 ? Optional.of(value.toString()) : Optional.empty();
            }
            if (c == '\\' && backslashEscapes && i + 1 < literal.length()) {
                char e = literal.charAt(i + 1);
                switch (e) {
                    case '0' -> value.append('\0');
                    case 'b' -> value.append('\b');
                    case 'n' -> value.append('\n');
                    case 'r' -> value.append('\r');
                    case 't' -> value.append('\t');
                    case 'Z' -> value.append('\u001a');
                    case '%', '_' -> value.append('\\').append(e);
                    default -> value.append(e);
                }
                i += 2;
                continue;
            }
            value.append(c);
            i++;
        }
        return Optional.empty();
    }
}
