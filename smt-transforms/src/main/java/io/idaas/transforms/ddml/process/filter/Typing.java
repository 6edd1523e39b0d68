package io.idaas.transforms.ddml.process.filter;

import io.idaas.ddml.Column;
import io.idaas.ddml.TableSchema;
import io.idaas.ddml.types.PortableType;
import io.idaas.transforms.ddml.process.filter.Condition.Literal;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.UUID;

/** How a {@link Condition} is bound to a schema: its logic, its columns, and its literals typed by their columns. */
final class Typing {

    private Typing() {
    }

    /** AND ({@code and}) or OR of two conditions, with SQL's unknown: FALSE decides an AND, TRUE an OR. */
    static BoundCondition junction(boolean and, BoundCondition l, BoundCondition r) {
        Boolean decisive = !and;
        return row -> {
            Boolean a = l.test(row);
            if (decisive.equals(a)) {
                return decisive;
            }
            Boolean b = r.test(row);
            if (decisive.equals(b)) {
                return decisive;
            }
            return a == null || b == null ? null : !decisive;
        };
    }

    static BoundCondition not(BoundCondition inner) {
        return row -> {
            Boolean a = inner.test(row);
            return a == null ? null : !a;
        };
    }

    /**
     * A test of one column's value, made for the column by {@code test}: unknown (null) when the value is NULL, or when
     * the schema lacks the column and {@code missingAsNull} (else {@link #column} refuses it).
     */
    static BoundCondition valueTest(TableSchema schema, String name, boolean missingAsNull,
                                    java.util.function.Function<Column, java.util.function.Predicate<Comparable<Object>>> test) {
        Column col = column(schema, name, missingAsNull);
        if (col == null) {
            return row -> null;
        }
        java.util.function.Predicate<Comparable<Object>> p = test.apply(col);
        return row -> {
            Comparable<Object> v = value(col, row.get(name));
            return v == null ? null : p.test(v);
        };
    }

    /** SQL's LIKE pattern as a regular expression over the whole text (DOTALL, so % spans line breaks). */
    static java.util.regex.Pattern likePattern(String like) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < like.length(); i++) {
            char c = like.charAt(i);
            if (c == '\\' && i + 1 < like.length()) {
                re.append(java.util.regex.Pattern.quote(String.valueOf(like.charAt(++i))));
            } else if (c == '%') {
                re.append(".*");
            } else if (c == '_') {
                re.append('.');
            } else {
                re.append(java.util.regex.Pattern.quote(String.valueOf(c)));
            }
        }
        return java.util.regex.Pattern.compile(re.toString(), java.util.regex.Pattern.DOTALL);
    }

    /** Refuses {@code what} on a column that does not hold text (string, json, enum, uuid). */
    static void requireText(Column c, String what) {
        switch (c.type().kind()) {
            case STRING, JSON, ENUM, UUID -> {
            }
            default -> throw new IllegalArgumentException("the condition tests column '" + c.name() + "' of type "
                + c.type() + " with " + what + ", but LIKE takes text columns (string, json, enum, uuid): compare it "
                + "with = < > or IN instead");
        }
    }

    static Column column(TableSchema schema, String name, boolean missingAsNull) {
        Column c = schema.column(name).orElse(null);
        if (c == null && !missingAsNull) {
            throw new IllegalArgumentException("the condition names column '" + name + "', which the table does not have "
                + "(its columns: " + schema.columns().stream().map(Column::name).toList() + ")");
        }
        return c;
    }

    /** A column's value as a Comparable of the same class as its literals; null for NULL (or a NaN). */
    @SuppressWarnings("unchecked")
    static Comparable<Object> value(Column c, Object v) {
        if (v == null) {
            return null;
        }
        return (Comparable<Object>) (Comparable<?>) switch (c.type().kind()) {
            case INT8, INT16, INT32, INT64 -> BigDecimal.valueOf(((java.lang.Number) v).longValue());
            case FLOAT32 -> Float.isFinite((Float) v) ? new BigDecimal(v.toString()) : null;
            case FLOAT64 -> Double.isFinite((Double) v) ? new BigDecimal(v.toString()) : null;
            case UUID -> v.toString().toLowerCase(Locale.ROOT);
            default -> (Comparable<?>) v; // BigDecimal, Boolean, String, LocalDate, LocalTime, LocalDateTime, Instant
        };
    }

    /** A literal converted for its column, or an error naming both and the fix. */
    @SuppressWarnings("unchecked")
    static Comparable<Object> literal(Column c, Literal literal) {
        PortableType type = c.type();
        Object out = switch (type.kind()) {
            case INT8, INT16, INT32, INT64, DECIMAL, FLOAT32, FLOAT64 -> literal instanceof Condition.Numeric n ? n.value() : null;
            case BOOLEAN -> literal instanceof Condition.Bool b ? b.value() : null;
            case STRING, JSON, ENUM -> literal instanceof Condition.Text t ? t.value() : null;
            case UUID -> literal instanceof Condition.Text t ? parsed(c, t, () -> UUID.fromString(t.value()).toString()) : null;
            case DATE -> literal instanceof Condition.Text t ? parsed(c, t, () -> LocalDate.parse(t.value())) : null;
            case TIME -> literal instanceof Condition.Text t ? parsed(c, t, () -> LocalTime.parse(t.value())) : null;
            case TIMESTAMP -> literal instanceof Condition.Text t
                ? parsed(c, t, () -> LocalDateTime.parse(t.value().replace(' ', 'T'))) : null;
            case TIMESTAMPTZ -> literal instanceof Condition.Text t ? parsed(c, t, () -> instant(t.value())) : null;
            case BYTES, GEOMETRY, SET, ARRAY -> throw new IllegalArgumentException("the condition compares column '"
                + c.name() + "' of type " + type + " with " + literal.text() + ", but a " + type.kind().wireName()
                + " column can only be tested with IS NULL or IS NOT NULL");
        };
        if (out == null) {
            throw new IllegalArgumentException("the condition compares column '" + c.name() + "' of type " + type
                + " with " + literal.text() + ", which is not a " + type.kind().wireName() + " value: write "
                + example(type));
        }
        return (Comparable<Object>) out;
    }

    static Instant instant(String text) {
        try {
            return Instant.parse(text.replace(' ', 'T'));
        } catch (DateTimeParseException e) {
            return OffsetDateTime.parse(text.replace(' ', 'T')).toInstant();
        }
    }

    static Object parsed(Column c, Literal literal, java.util.function.Supplier<Object> parse) {
        try {
            return parse.get();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the condition compares column '" + c.name() + "' of type " + c.type()
                + " with " + literal.text() + ", which does not read as one: write " + example(c.type()), e);
        }
    }

    static String example(PortableType type) {
        return switch (type.kind()) {
            case INT8, INT16, INT32, INT64 -> "a number without quotes, e.g. 100";
            case DECIMAL, FLOAT32, FLOAT64 -> "a number without quotes, e.g. 100 or 99.50";
            case BOOLEAN -> "TRUE or FALSE";
            case STRING, JSON, ENUM -> "a quoted string, e.g. 'paid'";
            case UUID -> "a quoted UUID, e.g. '123e4567-e89b-12d3-a456-426614174000'";
            case DATE -> "a quoted date, e.g. '2025-03-14'";
            case TIME -> "a quoted time, e.g. '09:30:00'";
            case TIMESTAMP -> "a quoted timestamp, e.g. '2025-03-14 09:30:00'";
            case TIMESTAMPTZ -> "a quoted timestamp with a zone, e.g. '2025-03-14T09:30:00Z'";
            default -> "IS NULL or IS NOT NULL";
        };
    }
}
