package io.idaas.transforms.ddml.process.filter;

import io.idaas.transforms.ddml.process.filter.Condition.Literal;
import io.idaas.transforms.ddml.process.filter.Condition.Op;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses the row condition language of {@code DdmlFilter}:
 *
 * <pre>
 * condition  := or
 * or         := and { OR and }
 * and        := not { AND not }
 * not        := NOT not | "(" condition ")" | predicate
 * predicate  := column op literal
 *             | column IS [NOT] NULL
 *             | column [NOT] IN "(" literal { "," literal } ")"
 *             | column [NOT] LIKE 'pattern' (% any characters, _ one character, \% \_ \\ themselves)
 * op         := = | != | &lt;&gt; | &lt; | &lt;= | &gt; | &gt;=
 * literal    := 'text' ('' for a quote) | number (-12, 99.50, 1e3) | TRUE | FALSE
 * column     := name ([A-Za-z_][A-Za-z0-9_$]*) | "quoted name" ("" for a quote) | `quoted name`
 * </pre>
 *
 * Keywords are case-insensitive; column names are case-sensitive, as the source spells them.
 */
public final class ConditionParser {

    /** A syntax error at a position (1-based, in characters) of the text. */
    public static final class SyntaxException extends IllegalArgumentException {
        private final int position;

        SyntaxException(String text, int index, String message) {
            super("at position " + (index + 1) + " (" + near(text, index) + "): " + message);
            this.position = index + 1;
        }

        /** The 1-based position of the error. */
        public int position() {
            return position;
        }

        private static String near(String text, int index) {
            if (index >= text.length()) {
                return "at the end";
            }
            String rest = text.substring(index);
            return "near '" + (rest.length() > 24 ? rest.substring(0, 24) + "..." : rest) + "'";
        }
    }

    private enum Kind { NAME, QUOTED_NAME, TEXT, NUMBER, OP, LPAREN, RPAREN, COMMA, END }

    private record Token(Kind kind, String text, int index) {
        boolean keyword(String word) {
            return kind == Kind.NAME && text.equalsIgnoreCase(word);
        }
    }

    private static final List<String> KEYWORDS = List.of("AND", "OR", "NOT", "IN", "LIKE", "IS", "NULL", "TRUE",
        "FALSE");

    private final String text;
    private final List<Token> tokens;
    private int next;

    private ConditionParser(String text) {
        this.text = text;
        this.tokens = tokenize(text);
    }

    /**
     * Parses a condition.
     *
     * @throws SyntaxException naming the position, what was expected and what was found
     */
    public static Condition parse(String text) {
        ConditionParser p = new ConditionParser(text);
        if (p.peek().kind == Kind.END) {
            throw new SyntaxException(text, 0, "the condition is empty; write e.g. status = 'paid' AND amount > 100, or "
                + "leave the key unset to keep every row");
        }
        Condition c = p.or();
        if (p.peek().kind != Kind.END) {
            Token t = p.peek();
            throw new SyntaxException(text, t.index, "expected AND, OR or the end of the condition, found '" + t.text
                + "'" + (t.kind == Kind.RPAREN ? ": a ')' without its '('" : ""));
        }
        return c;
    }

    private Condition or() {
        return junction(false, "OR", this::and);
    }

    private Condition and() {
        return junction(true, "AND", this::not);
    }

    /** {@code operand { word operand }}, left-associative. */
    private Condition junction(boolean and, String word, java.util.function.Supplier<Condition> operand) {
        Condition c = operand.get();
        while (peek().keyword(word)) {
            next++;
            c = new Condition.Junction(and, c, operand.get());
        }
        return c;
    }

    private Condition not() {
        Token t = peek();
        if (t.keyword("NOT")) {
            next++;
            return new Condition.Not(not());
        }
        if (t.kind == Kind.LPAREN) {
            next++;
            Condition c = or();
            expect(Kind.RPAREN, "')' to close the '(' at position " + (t.index + 1));
            return c;
        }
        return predicate();
    }

    private Condition predicate() {
        Token col = take();
        if (col.kind != Kind.NAME && col.kind != Kind.QUOTED_NAME || col.kind == Kind.NAME && KEYWORDS.contains(
                col.text.toUpperCase(Locale.ROOT))) {
            throw new SyntaxException(text, col.index, "expected a column name, found " + describe(col)
                + (col.kind == Kind.TEXT ? ": a column goes on the left, e.g. status = 'paid'" : "")
                + (col.kind == Kind.NAME ? ": quote a column named like a keyword, e.g. \"" + col.text + "\"" : ""));
        }
        String column = col.text;
        Token t = take();
        if (t.keyword("IS")) {
            boolean negated = peek().keyword("NOT");
            if (negated) {
                next++;
            }
            Token n = take();
            if (!n.keyword("NULL")) {
                throw new SyntaxException(text, n.index, "expected NULL after IS" + (negated ? " NOT" : "") + ", found "
                    + describe(n));
            }
            return new Condition.IsNull(column, negated);
        }
        boolean negated = t.keyword("NOT");
        if (negated) {
            t = take();
            if (!t.keyword("IN") && !t.keyword("LIKE")) {
                throw new SyntaxException(text, t.index, "expected IN or LIKE after " + column + " NOT, found "
                    + describe(t) + "; to negate a comparison write NOT (" + column + " = ...)");
            }
        }
        if (t.keyword("LIKE")) {
            Token pattern = take();
            if (pattern.kind != Kind.TEXT) {
                throw new SyntaxException(text, pattern.index, "expected a 'quoted pattern' after LIKE, found "
                    + describe(pattern) + ", e.g. email LIKE '%@example.com'");
            }
            return new Condition.Like(column, pattern.text, negated);
        }
        if (t.keyword("IN")) {
            expect(Kind.LPAREN, "'(' after IN, e.g. status IN ('paid', 'shipped')");
            List<Literal> literals = new ArrayList<>();
            do {
                literals.add(literal(column + (negated ? " NOT" : "") + " IN ("));
            } while (accept(Kind.COMMA));
            expect(Kind.RPAREN, "',' or ')' in the IN list");
            return new Condition.In(column, literals, negated);
        }
        if (t.kind != Kind.OP) {
            throw new SyntaxException(text, t.index, "expected a comparison (= != <> < <= > >=), IS [NOT] NULL, [NOT] IN or [NOT] LIKE "
                + "after column " + column + ", found " + describe(t));
        }
        Op op = switch (t.text) {
            case "=" -> Op.EQ;
            case "!=", "<>" -> Op.NE;
            case "<" -> Op.LT;
            case "<=" -> Op.LE;
            case ">" -> Op.GT;
            default -> Op.GE;
        };
        return new Condition.Compare(column, op, literal(column + " " + t.text));
    }

    private Literal literal(String after) {
        Token t = take();
        if (t.keyword("NULL")) {
            throw new SyntaxException(text, t.index, "a comparison with NULL is never true in SQL: write IS NULL or IS NOT NULL");
        }
        return switch (t.kind) {
            case TEXT -> new Condition.Text(t.text);
            case NUMBER -> new Condition.Numeric(new BigDecimal(t.text));
            case NAME -> {
                if (t.keyword("TRUE") || t.keyword("FALSE")) {
                    yield new Condition.Bool(t.keyword("TRUE"));
                }
                throw new SyntaxException(text, t.index, "expected a value after " + after + ", found the name '" + t.text
                    + "': quote text with single quotes ('" + t.text + "'); a column cannot be compared with a column");
            }
            default -> throw new SyntaxException(text, t.index, "expected a value after " + after
                + " (a 'quoted string', a number, TRUE or FALSE), found " + describe(t));
        };
    }

    private Token peek() {
        return tokens.get(next);
    }

    private Token take() {
        Token t = tokens.get(next);
        if (t.kind != Kind.END) {
            next++;
        }
        return t;
    }

    private boolean accept(Kind kind) {
        if (peek().kind == kind) {
            next++;
            return true;
        }
        return false;
    }

    private void expect(Kind kind, String what) {
        Token t = take();
        if (t.kind != kind) {
            throw new SyntaxException(text, t.index, "expected " + what + ", found " + describe(t));
        }
    }

    private static String describe(Token t) {
        return switch (t.kind) {
            case END -> "the end of the condition";
            case TEXT -> "the string '" + t.text.replace("'", "''") + "'";
            case QUOTED_NAME -> "the quoted name \"" + t.text + "\"";
            default -> "'" + t.text + "'";
        };
    }

    private static List<Token> tokenize(String text) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(' || c == ')' || c == ',') {
                out.add(new Token(c == '(' ? Kind.LPAREN : c == ')' ? Kind.RPAREN : Kind.COMMA, String.valueOf(c), i));
                i++;
            } else if (c == '\'' || c == '"' || c == '`') {
                i = quoted(text, i, c, out);
            } else if (c == '=' || c == '<' || c == '>' || c == '!') {
                int start = i;
                i++;
                if (i < text.length() && (text.charAt(i) == '=' || c == '<' && text.charAt(i) == '>')) {
                    i++;
                }
                String op = text.substring(start, i);
                if (op.equals("!")) {
                    throw new SyntaxException(text, start, "'!' alone is not an operator: write != (or <>), or NOT");
                }
                if (op.equals("==")) {
                    throw new SyntaxException(text, start, "'==' is not an operator: write =");
                }
                out.add(new Token(Kind.OP, op, start));
            } else if (Character.isDigit(c) || (c == '-' || c == '.') && i + 1 < text.length()
                    && Character.isDigit(text.charAt(i + 1))) {
                int start = i;
                i++;
                while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '.'
                        || (text.charAt(i) == '-' || text.charAt(i) == '+') && Character.toLowerCase(text.charAt(i - 1)) == 'e')) {
                    i++;
                }
                String number = text.substring(start, i);
                try {
                    new BigDecimal(number);
                } catch (NumberFormatException e) {
                    throw new SyntaxException(text, start, "'" + number + "' is not a number: write digits with an optional "
                        + "'-', '.' and exponent, e.g. -12, 99.50 or 1e3");
                }
                out.add(new Token(Kind.NUMBER, number, start));
            } else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_'
                        || text.charAt(i) == '$')) {
                    i++;
                }
                out.add(new Token(Kind.NAME, text.substring(start, i), start));
            } else {
                throw new SyntaxException(text, i, "unexpected character '" + c + "': a condition is made of column names, "
                    + "'quoted strings', numbers, TRUE, FALSE, = != <> < <= > >=, IS [NOT] NULL, [NOT] IN (...), [NOT] LIKE, AND, OR, "
                    + "NOT and parentheses");
            }
        }
        out.add(new Token(Kind.END, "", text.length()));
        return out;
    }

    /** Reads a quoted string or name starting at {@code start}; a doubled quote stands for one. */
    private static int quoted(String text, int start, char quote, List<Token> out) {
        StringBuilder sb = new StringBuilder();
        int i = start + 1;
        while (true) {
            if (i >= text.length()) {
                throw new SyntaxException(text, start, (quote == '\'' ? "the string" : "the quoted name")
                    + " is not closed: end it with " + quote + " (write " + quote + quote + " for a " + quote + " inside)");
            }
            char c = text.charAt(i);
            if (c == quote) {
                if (i + 1 < text.length() && text.charAt(i + 1) == quote) {
                    sb.append(quote);
                    i += 2;
                    continue;
                }
                break;
            }
            sb.append(c);
            i++;
        }
        if (quote != '\'' && sb.isEmpty()) {
            throw new SyntaxException(text, start, "a quoted column name is empty");
        }
        out.add(new Token(quote == '\'' ? Kind.TEXT : Kind.QUOTED_NAME, sb.toString(), start));
        return i + 1;
    }
}
