package io.idaas.transforms.ddml.process.computed;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The expression of a computed column: terms joined by {@code ||} (concatenation). Parsed by {@link #parse}:
 *
 * <pre>
 * expression := term { "||" term }
 * term       := 'text' ('' for a quote) | number | column | "quoted column" | `quoted column` | @metadata
 * metadata   := @commit_time | @source.table | @source.database | @source.schema | @source.name | @source.system
 *             | @event.id
 * </pre>
 *
 * @param terms the terms, in order
 */
record Expression(List<Term> terms) {

    /** A term of the expression. */
    sealed interface Term permits ColumnRef, Text, Numeric, Meta {
    }

    /** A column of the row. */
    record ColumnRef(String name) implements Term {
    }

    /** A text literal. */
    record Text(String value) implements Term {
    }

    /** A number literal. */
    record Numeric(BigDecimal value) implements Term {
    }

    /** The event's metadata. */
    enum Meta implements Term {
        COMMIT_TIME("commit_time"), SOURCE_TABLE("source.table"), SOURCE_DATABASE("source.database"),
        SOURCE_SCHEMA("source.schema"), SOURCE_NAME("source.name"), SOURCE_SYSTEM("source.system"), EVENT_ID("event.id");

        final String text;

        Meta(String text) {
            this.text = text;
        }

        /** Whether the value belongs to the change rather than to the row (so a row before it has none). */
        boolean ofTheChange() {
            return this == COMMIT_TIME || this == EVENT_ID;
        }
    }

    /** The columns the expression reads. */
    List<String> columns() {
        return terms.stream().filter(t -> t instanceof ColumnRef).map(t -> ((ColumnRef) t).name()).toList();
    }

    /**
     * Parses an expression.
     *
     * @throws IllegalArgumentException naming the position, what was expected and the fix
     */
    static Expression parse(String text) {
        List<Term> terms = new ArrayList<>();
        int i = skip(text, 0);
        while (true) {
            if (i >= text.length()) {
                throw error(text, i, "expected a column, a 'text', a number or an @metadata"
                    + (terms.isEmpty() ? "; the expression is empty" : " after ||"));
            }
            i = term(text, i, terms);
            i = skip(text, i);
            if (i >= text.length()) {
                return new Expression(List.copyOf(terms));
            }
            if (!text.startsWith("||", i)) {
                throw error(text, i, "expected || (concatenation) or the end of the expression, found '" + text.charAt(i)
                    + "'; join terms with ||, e.g. first_name || ' ' || last_name");
            }
            i = skip(text, i + 2);
        }
    }

    private static int term(String text, int i, List<Term> terms) {
        char c = text.charAt(i);
        if (c == '\'' || c == '"' || c == '`') {
            StringBuilder sb = new StringBuilder();
            int j = i + 1;
            while (true) {
                if (j >= text.length()) {
                    throw error(text, i, "the " + (c == '\'' ? "text" : "quoted name") + " is not closed: end it with " + c);
                }
                if (text.charAt(j) == c) {
                    if (j + 1 < text.length() && text.charAt(j + 1) == c) {
                        sb.append(c);
                        j += 2;
                        continue;
                    }
                    break;
                }
                sb.append(text.charAt(j++));
            }
            terms.add(c == '\'' ? new Text(sb.toString()) : new ColumnRef(sb.toString()));
            return j + 1;
        }
        int j = i + 1;
        if (c == '@') {
            while (j < text.length() && (Character.isLetterOrDigit(text.charAt(j)) || text.charAt(j) == '_'
                    || text.charAt(j) == '.')) {
                j++;
            }
            String name = text.substring(i + 1, j).toLowerCase(Locale.ROOT);
            for (Meta m : Meta.values()) {
                if (m.text.equals(name)) {
                    terms.add(m);
                    return j;
                }
            }
            throw error(text, i, "'@" + name + "' is not metadata: use one of "
                + Arrays.stream(Meta.values()).map(m -> "@" + m.text).toList());
        }
        if (Character.isDigit(c) || c == '-' && j < text.length() && Character.isDigit(text.charAt(j))) {
            while (j < text.length() && (Character.isDigit(text.charAt(j)) || text.charAt(j) == '.')) {
                j++;
            }
            try {
                terms.add(new Numeric(new BigDecimal(text.substring(i, j))));
            } catch (NumberFormatException e) {
                throw error(text, i, "'" + text.substring(i, j) + "' is not a number: write e.g. 42 or -1.5");
            }
            return j;
        }
        if (Character.isLetter(c) || c == '_') {
            while (j < text.length() && (Character.isLetterOrDigit(text.charAt(j)) || text.charAt(j) == '_'
                    || text.charAt(j) == '$')) {
                j++;
            }
            terms.add(new ColumnRef(text.substring(i, j)));
            return j;
        }
        throw error(text, i, "unexpected '" + c + "': a term is a column, a 'text' (single quotes), a number or an "
            + "@metadata such as @source.table");
    }

    private static int skip(String text, int i) {
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private static IllegalArgumentException error(String text, int index, String message) {
        return new IllegalArgumentException("at position " + (index + 1) + " of '" + text + "': " + message);
    }
}
