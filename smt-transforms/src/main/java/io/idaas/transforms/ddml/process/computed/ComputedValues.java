package io.idaas.transforms.ddml.process.computed;

import io.idaas.ddml.Column;
import io.idaas.ddml.DdmlEvent;
import io.idaas.ddml.Row;
import io.idaas.ddml.TableSchema;
import io.idaas.ddml.types.PortableType;
import io.idaas.ddml.types.PortableValues;
import io.idaas.ddml.types.TypeKind;
import io.idaas.transforms.ddml.process.ColumnAppender;
import io.idaas.transforms.ddml.process.ValueTexts;
import io.idaas.transforms.ddml.process.computed.Expression.ColumnRef;
import io.idaas.transforms.ddml.process.computed.Expression.Meta;
import io.idaas.transforms.ddml.process.computed.Expression.Numeric;
import io.idaas.transforms.ddml.process.computed.Expression.Term;
import io.idaas.transforms.ddml.process.computed.Expression.Text;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The computed column as a {@link ColumnAppender}: its value per row. One term gives a value of the declared type
 * (a column's value converted to it, a literal read as it, the commit time as a {@code timestamptz}, a
 * {@code timestamp} in UTC, an {@code int64} of microseconds or text); several terms give their texts concatenated
 * ({@link ValueTexts}; the declared type is a string). SQL's rule holds: a NULL term makes the result NULL. A row
 * lacking a column the expression reads gets no value (unknown, absent), and so does the old row ({@code before})
 * for an expression of {@code @commit_time} or {@code @event.id}, which belong to the change.
 */
final class ComputedValues implements ColumnAppender {

    private final Column column;
    private final Expression expression;

    ComputedValues(Column column, Expression expression) {
        this.column = column;
        this.expression = expression;
    }

    /**
     * Checks at configuration that the declared type can hold the expression's values.
     *
     * @throws IllegalArgumentException naming the type, the term and the fix
     */
    static void checkType(PortableType type, Expression expression) {
        List<Term> terms = expression.terms();
        if (terms.size() > 1) {
            if (type.kind() != TypeKind.STRING) {
                throw new IllegalArgumentException("a concatenation (||) is text, and the type is " + type
                    + ": declare string or string(n)");
            }
            return;
        }
        Term t = terms.get(0);
        if (t instanceof Meta m) {
            boolean fits = m == Meta.COMMIT_TIME ? List.of(TypeKind.TIMESTAMPTZ, TypeKind.TIMESTAMP, TypeKind.INT64,
                TypeKind.STRING).contains(type.kind()) : type.kind() == TypeKind.STRING;
            if (!fits) {
                throw new IllegalArgumentException("@" + m.text + " cannot be a " + type + ": declare "
                    + (m == Meta.COMMIT_TIME ? "timestamptz(6), timestamp(6), int64 (microseconds) or string" : "string"));
            }
        } else if (!(t instanceof ColumnRef)) {
            constant(type, t);
        }
    }

    /** A literal read as a value of {@code type}. */
    private static Object constant(PortableType type, Term t) {
        try {
            Object raw = t instanceof Text x ? text(type, x.value()) : number(type, ((Numeric) t).value());
            return PortableValues.normalize(type, raw);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the literal " + (t instanceof Text x ? "'" + x.value() + "'"
                : ((Numeric) t).value().toPlainString()) + " is not a " + type + " value (" + e.getMessage() + "): write "
                + "a literal of the declared type, or declare the type of the literal", e);
        }
    }

    private static Object text(PortableType type, String s) {
        return switch (type.kind()) {
            case DATE -> LocalDate.parse(s);
            case TIME -> LocalTime.parse(s);
            case TIMESTAMP -> LocalDateTime.parse(s.replace(' ', 'T'));
            case TIMESTAMPTZ -> Instant.parse(s.replace(' ', 'T'));
            default -> s;
        };
    }

    private static Object number(PortableType type, BigDecimal n) {
        return switch (type.kind()) {
            case FLOAT32, FLOAT64 -> n.doubleValue();
            case STRING -> n.toPlainString();
            default -> n;
        };
    }

    /**
     * Checks that a table can have the column: it reads only columns the table has.
     *
     * @throws IllegalArgumentException naming the column and the fix
     */
    void check(TableSchema schema) {
        for (String c : expression.columns()) {
            if (schema.column(c).isEmpty()) {
                throw new IllegalArgumentException("the expression of computed column '" + column.name() + "' reads column '"
                    + c + "', which the table does not have (its columns: " + schema.columns().stream().map(Column::name)
                    .toList() + ")");
            }
        }
    }

    @Override
    public List<Column> columns() {
        return List.of(column);
    }

    @Override
    public boolean inKey() {
        return false;
    }

    @Override
    public Object value(Column added, DdmlEvent event, Row row, String role) {
        List<Term> terms = expression.terms();
        for (Term t : terms) {
            if (t instanceof ColumnRef c && !row.has(c.name()) || t instanceof Meta m && m.ofTheChange() && role.equals("before")) {
                return ABSENT;
            }
        }
        if (terms.size() == 1) {
            return single(terms.get(0), event, row);
        }
        StringBuilder sb = new StringBuilder();
        for (Term t : terms) {
            String s = text(t, event, row);
            if (s == null) {
                return null;
            }
            sb.append(s);
        }
        return sb.toString();
    }

    private Object single(Term t, DdmlEvent event, Row row) {
        PortableType type = column.type();
        if (t instanceof ColumnRef c) {
            PortableType from = event.schema().column(c.name()).orElseThrow().type();
            Object v = row.get(c.name());
            return from.equals(type) || v == null ? v
                : type.kind() == TypeKind.STRING ? ValueTexts.of(from, v) : PortableValues.normalize(type, v);
        }
        if (t == Meta.COMMIT_TIME) {
            Long us = event.time().commitUs();
            if (us == null) {
                return null;
            }
            Instant at = Instant.EPOCH.plus(us, ChronoUnit.MICROS);
            return switch (type.kind()) {
                case INT64 -> us;
                case TIMESTAMPTZ -> truncated(at, type.precision());
                case TIMESTAMP -> LocalDateTime.ofInstant(truncated(at, type.precision()), ZoneOffset.UTC);
                default -> ValueTexts.of(PortableType.timestampTz(6), at);
            };
        }
        if (t instanceof Meta m) {
            return meta(m, event);
        }
        return constant(type, t);
    }

    private static Instant truncated(Instant at, int precision) {
        long unit = (long) Math.pow(10, 9 - precision);
        return at.minusNanos(at.getNano() % unit);
    }

    private static String text(Term t, DdmlEvent event, Row row) {
        if (t instanceof ColumnRef c) {
            return ValueTexts.of(event.schema().column(c.name()).orElseThrow().type(), row.get(c.name()));
        }
        if (t instanceof Text x) {
            return x.value();
        }
        if (t instanceof Numeric n) {
            return n.value().toPlainString();
        }
        Meta m = (Meta) t;
        if (m == Meta.COMMIT_TIME) {
            Long us = event.time().commitUs();
            return us == null ? null : ValueTexts.of(PortableType.timestampTz(6), Instant.EPOCH.plus(us, ChronoUnit.MICROS));
        }
        return meta(m, event);
    }

    private static String meta(Meta m, DdmlEvent event) {
        return switch (m) {
            case SOURCE_TABLE -> event.source().table();
            case SOURCE_DATABASE -> event.source().database();
            case SOURCE_SCHEMA -> event.source().schema();
            case SOURCE_NAME -> event.source().name();
            case SOURCE_SYSTEM -> event.source().system();
            case EVENT_ID -> event.id();
            case COMMIT_TIME -> throw new IllegalStateException("not text metadata");
        };
    }
}
