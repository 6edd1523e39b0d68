package io.idaas.transforms.ddml.process.filter;

import io.idaas.ddml.Column;
import io.idaas.ddml.TableSchema;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A parsed row condition ({@link ConditionParser}): a tree of AND, OR, NOT and predicates on one column each. It is
 * bound to a table schema ({@link #bind}) before it tests rows, which types its literals by the columns' portable
 * types. Evaluation follows SQL's three-valued logic: a comparison with a NULL value is unknown, NOT unknown is
 * unknown, and a row matches only when the whole condition is true.
 */
public sealed interface Condition {

    /** A literal of the condition: a string, a number or a boolean. */
    sealed interface Literal {
        /** How the literal is written, for messages. */
        String text();
    }

    /** A {@code 'quoted'} string. */
    record Text(String value) implements Literal {
        public String text() {
            return "'" + value.replace("'", "''") + "'";
        }
    }

    /** A number. */
    record Numeric(BigDecimal value) implements Literal {
        public String text() {
            return value.toPlainString();
        }
    }

    /** TRUE or FALSE. */
    record Bool(boolean value) implements Literal {
        public String text() {
            return value ? "TRUE" : "FALSE";
        }
    }

    /** The comparison operators. */
    enum Op {
        EQ("="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">=");

        final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }

        boolean test(int cmp) {
            return switch (this) {
                case EQ -> cmp == 0;
                case NE -> cmp != 0;
                case LT -> cmp < 0;
                case LE -> cmp <= 0;
                case GT -> cmp > 0;
                case GE -> cmp >= 0;
            };
        }
    }

    /** {@code left AND right} ({@code and}), or {@code left OR right}. */
    record Junction(boolean and, Condition left, Condition right) implements Condition {
        public void collect(Set<String> columns) {
            left.collect(columns);
            right.collect(columns);
        }

        public BoundCondition bind(TableSchema schema, boolean missingAsNull) {
            return Typing.junction(and, left.bind(schema, missingAsNull), right.bind(schema, missingAsNull));
        }
    }

    record Not(Condition inner) implements Condition {
        public void collect(Set<String> columns) {
            inner.collect(columns);
        }

        public BoundCondition bind(TableSchema schema, boolean missingAsNull) {
            return Typing.not(inner.bind(schema, missingAsNull));
        }
    }

    /** {@code column op literal}. */
    record Compare(String column, Op op, Literal literal) implements Condition {
        public void collect(Set<String> columns) {
            columns.add(column);
        }

        public BoundCondition bind(TableSchema schema, boolean missingAsNull) {
            return Typing.valueTest(schema, column, missingAsNull, col -> {
                Comparable<Object> typed = Typing.literal(col, literal);
                return v -> op.test(v.compareTo(typed));
            });
        }
    }

    /** {@code column IS [NOT] NULL}. */
    record IsNull(String column, boolean negated) implements Condition {
        public void collect(Set<String> columns) {
            columns.add(column);
        }

        public BoundCondition bind(TableSchema schema, boolean missingAsNull) {
            Column col = Typing.column(schema, column, missingAsNull);
            return col == null ? row -> !negated : row -> (row.get(column) == null) != negated;
        }
    }

    /** {@code column [NOT] IN (literal, ...)}. */
    record In(String column, List<Literal> literals, boolean negated) implements Condition {
        public void collect(Set<String> columns) {
            columns.add(column);
        }

        public BoundCondition bind(TableSchema schema, boolean missingAsNull) {
            return Typing.valueTest(schema, column, missingAsNull, col -> {
                List<Comparable<Object>> typed = new ArrayList<>();
                literals.forEach(l -> typed.add(Typing.literal(col, l)));
                return v -> typed.stream().anyMatch(l -> v.compareTo(l) == 0) != negated;
            });
        }
    }

    /** {@code column [NOT] LIKE 'pattern'}: {@code %} any characters, {@code _} one, a backslash escapes the next. */
    record Like(String column, String pattern, boolean negated) implements Condition {
        public void collect(Set<String> columns) {
            columns.add(column);
        }

        public BoundCondition bind(TableSchema schema, boolean missingAsNull) {
            java.util.regex.Pattern regex = Typing.likePattern(pattern);
            return Typing.valueTest(schema, column, missingAsNull, col -> {
                Typing.requireText(col, "LIKE '" + pattern + "'");
                return v -> regex.matcher(v.toString()).matches() != negated;
            });
        }
    }

    /** Adds the columns the condition reads to {@code columns}, in the order written. */
    void collect(Set<String> columns);

    /** The columns the condition reads, in the order written. */
    default Set<String> columns() {
        Set<String> out = new LinkedHashSet<>();
        collect(out);
        return out;
    }

    /**
     * The condition typed for a table's schema.
     *
     * @param missingAsNull whether a column the schema lacks reads as NULL (else it is an error)
     * @throws IllegalArgumentException naming the column, its type and the literal, when a literal does not fit its
     *                                  column's type, or a column is missing and {@code missingAsNull} is false
     */
    BoundCondition bind(TableSchema schema, boolean missingAsNull);
}
