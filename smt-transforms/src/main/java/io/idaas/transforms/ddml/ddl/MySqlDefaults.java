package io.idaas.transforms.ddml.ddl;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A MariaDB or MySQL column's default as SQL expression text (DDML {@code default_value}, SPEC §5). Debezium's
 * {@code defaultValueExpression} is not that text: it drops a string literal's quotes ({@code 'x'} becomes
 * {@code x}), reports {@code CURRENT_TIMESTAMP} as {@code 1970-01-01 00:00:00}, and drops expressions it does not
 * evaluate ({@code uuid()}, {@code (1+2)}). So, per column:
 * <ol>
 *   <li>when the DDL statement defines the column (CREATE TABLE, ADD, MODIFY, CHANGE, ALTER COLUMN ... SET/DROP
 *   DEFAULT), its DEFAULT clause as written: a literal ({@code 'x'}, {@code -1.50}), {@code CURRENT_TIMESTAMP} for any
 *   clock function in a DATETIME or TIMESTAMP column, or the expression ({@code uuid()}, {@code (1+2)}); none when it
 *   has no DEFAULT or {@code DEFAULT NULL};</li>
 *   <li>else the default of the last shape when Debezium's text lost it (none, or the epoch) and the last shape had
 *   an expression;</li>
 *   <li>else Debezium's text as a literal: numbers as they are, {@code 1970-01-01 00:00:00} in a DATETIME or
 *   TIMESTAMP column as {@code CURRENT_TIMESTAMP}, anything else in single quotes (Debezium keeps a literal's inner
 *   text as written, escapes included).</li>
 * </ol>
 */
final class MySqlDefaults {

    private static final Set<String> NUMERIC = Set.of("TINYINT", "SMALLINT", "MEDIUMINT", "INT", "INTEGER", "BIGINT",
        "DECIMAL", "DEC", "NUMERIC", "FIXED", "FLOAT", "DOUBLE", "REAL", "BIT", "BOOL", "BOOLEAN", "YEAR", "SERIAL");
    private static final Set<String> CLOCKS = Set.of("CURRENT_TIMESTAMP", "NOW", "LOCALTIME", "LOCALTIMESTAMP", "SYSDATE",
        "UTC_TIMESTAMP");
    private static final Pattern EPOCH = Pattern.compile("1970-01-01 00:00:00(\\.0*)?");
    private static final Set<String> LEADING = Set.of("ADD", "COLUMN", "IF", "NOT", "EXISTS", "MODIFY", "ALTER");
    private static final Set<String> NOT_COLUMNS = Set.of("PRIMARY", "KEY", "INDEX", "UNIQUE", "CONSTRAINT", "FOREIGN",
        "CHECK", "FULLTEXT", "SPATIAL", "PERIOD", "DROP", "RENAME", "ORDER", "ALGORITHM", "LOCK", "FORCE", "ENGINE",
        "CONVERT", "DISABLE", "ENABLE", "DISCARD", "IMPORT", "PARTITION", "AUTO_INCREMENT", "COMMENT", "CHARACTER",
        "DEFAULT", "COLLATE", "SYSTEM");

    private MySqlDefaults() {
    }

    /**
     * The columns a statement defines, by lower-case name: the DEFAULT expression written, or empty when the column is
     * defined without one (or with {@code DEFAULT NULL}, or its default is dropped).
     */
    static Map<String, Optional<String>> inStatement(String statement) {
        Map<String, Optional<String>> out = new HashMap<>();
        if (statement == null) {
            return out;
        }
        List<String> tokens = tokens(statement);
        if (tokens.isEmpty()) {
            return out;
        }
        String first = tokens.get(0).toUpperCase(Locale.ROOT);
        if (first.equals("CREATE")) {
            int open = tokens.indexOf("(");
            if (open >= 0) {
                for (List<String> item : items(tokens, open + 1)) {
                    definition(item, out);
                }
            }
        } else if (first.equals("ALTER")) {
            int start = afterTableName(tokens);
            for (List<String> item : items(tokens.subList(start, tokens.size()), 0)) {
                if (item.size() > 2 && upper(item.get(0)).equals("ADD") && (item.get(1).equals("(")
                    || (upper(item.get(1)).equals("COLUMN") && item.get(2).equals("(")))) {
                    int open = item.indexOf("(");
                    items(item, open + 1).forEach(inner -> definition(inner, out));
                } else {
                    definition(item, out);
                }
            }
        }
        return out;
    }

    /**
     * The default_value of a column.
     *
     * @param typeName      the column's type as Debezium names it, e.g. {@code DATETIME}, {@code INT UNSIGNED}
     * @param debezium      Debezium's {@code defaultValueExpression}, null when none
     * @param fromStatement the statement's DEFAULT expression (empty: defined without one), null when the statement
     *                      does not define the column
     * @param previous      the column's default_value in the last shape of the table, null when none or unknown
     */
    static String of(String typeName, String debezium, Optional<String> fromStatement, String previous) {
        boolean clockType = isClockType(typeName);
        if (fromStatement != null) {
            return fromStatement.map(e -> clockType && isClock(e) ? "CURRENT_TIMESTAMP" : e).orElse(null);
        }
        boolean lossy = debezium == null || (clockType && EPOCH.matcher(debezium).matches());
        if (lossy && previous != null && !previous.startsWith("'") && !Character.isDigit(previous.charAt(0))
            && previous.charAt(0) != '-') {
            return previous;
        }
        if (debezium == null) {
            return null;
        }
        if (NUMERIC.contains(baseType(typeName)) || debezium.startsWith("b'") || debezium.startsWith("0x")) {
            return debezium;
        }
        if (clockType && EPOCH.matcher(debezium).matches()) {
            return "CURRENT_TIMESTAMP";
        }
        return "'" + debezium + "'";
    }

    private static boolean isClockType(String typeName) {
        String base = baseType(typeName);
        return base.equals("DATETIME") || base.equals("TIMESTAMP");
    }

    private static boolean isClock(String expression) {
        String e = expression.trim();
        while (e.startsWith("(") && e.endsWith(")")) {
            e = e.substring(1, e.length() - 1).trim();
        }
        int paren = e.indexOf('(');
        return CLOCKS.contains(upper(paren < 0 ? e : e.substring(0, paren).trim()));
    }

    private static String baseType(String typeName) {
        if (typeName == null) {
            return "";
        }
        String t = typeName.trim().toUpperCase(Locale.ROOT);
        int end = 0;
        while (end < t.length() && (Character.isLetterOrDigit(t.charAt(end)) || t.charAt(end) == '_')) {
            end++;
        }
        return t.substring(0, end);
    }

    /** Reads one item (a column definition, or an ALTER clause) into {@code out} when it defines a column. */
    private static void definition(List<String> item, Map<String, Optional<String>> out) {
        int i = 0;
        boolean change = false;
        boolean alterColumn = false;
        while (i < item.size() && (LEADING.contains(upper(item.get(i))) || upper(item.get(i)).equals("CHANGE"))) {
            String word = upper(item.get(i));
            change |= word.equals("CHANGE");
            alterColumn |= word.equals("ALTER");
            i++;
        }
        if (change && i < item.size()) {
            i++; // CHANGE old new definition: the old name
        }
        boolean afterColumn = i > 0 && upper(item.get(i - 1)).equals("COLUMN");
        if (i + 1 >= item.size() || !isIdentifier(item.get(i)) || (!afterColumn && NOT_COLUMNS.contains(upper(item.get(i))))) {
            return;
        }
        String name = unquote(item.get(i)).toLowerCase(Locale.ROOT);
        List<String> rest = item.subList(i + 1, item.size());
        if (alterColumn && !(upper(rest.get(0)).equals("SET") || upper(rest.get(0)).equals("DROP"))) {
            return;
        }
        int d = indexOfWord(rest, "DEFAULT");
        if (d < 0 || (alterColumn && upper(rest.get(0)).equals("DROP"))) {
            out.put(name, Optional.empty());
            return;
        }
        Optional<String> expression = expression(rest, d + 1);
        out.put(name, expression.filter(e -> !e.equalsIgnoreCase("NULL")));
    }

    /** The expression starting at token {@code i}: a literal, a signed number, a call or a parenthesized expression. */
    private static Optional<String> expression(List<String> t, int i) {
        if (i >= t.size()) {
            return Optional.empty();
        }
        String first = t.get(i);
        if (first.equals("(")) {
            return Optional.of(join(t, i, closing(t, i)));
        }
        if ((first.equals("-") || first.equals("+")) && i + 1 < t.size()) {
            return Optional.of((first.equals("-") ? "-" : "") + t.get(i + 1));
        }
        if (i + 1 < t.size() && t.get(i + 1).startsWith("'") && (first.startsWith("_") || first.equalsIgnoreCase("N"))) {
            return Optional.of(t.get(i + 1)); // a character set introducer: _utf8mb4'x', N'x'
        }
        if (i + 1 < t.size() && t.get(i + 1).startsWith("'") && (first.equalsIgnoreCase("b") || first.equalsIgnoreCase("x"))) {
            return Optional.of(first + t.get(i + 1)); // b'101', x'0A'
        }
        if (first.startsWith("\"")) {
            String inner = first.substring(1, first.length() - 1).replace("\"\"", "\"");
            return Optional.of("'" + inner.replace("'", "''") + "'");
        }
        if (i + 1 < t.size() && t.get(i + 1).equals("(") && !first.startsWith("'")) {
            return Optional.of(first + join(t, i + 1, closing(t, i + 1)));
        }
        return Optional.of(first);
    }

    private static String join(List<String> t, int from, int to) {
        StringBuilder sb = new StringBuilder();
        for (int k = from; k <= to && k < t.size(); k++) {
            String tok = t.get(k);
            boolean glue = sb.length() == 0 || tok.equals(")") || tok.equals(",") || sb.charAt(sb.length() - 1) == '(';
            sb.append(glue ? "" : " ").append(tok);
        }
        return sb.toString();
    }

    private static int closing(List<String> t, int open) {
        int depth = 0;
        for (int k = open; k < t.size(); k++) {
            if (t.get(k).equals("(")) {
                depth++;
            } else if (t.get(k).equals(")") && --depth == 0) {
                return k;
            }
        }
        return t.size() - 1;
    }

    private static int indexOfWord(List<String> t, String word) {
        int depth = 0;
        for (int k = 0; k < t.size(); k++) {
            String tok = t.get(k);
            if (tok.equals("(")) {
                depth++;
            } else if (tok.equals(")")) {
                depth--;
            } else if (depth == 0 && upper(tok).equals(word)) {
                return k;
            }
        }
        return -1;
    }

    /** The comma-separated items from {@code start} to the parenthesis that closes the level {@code start} is in. */
    private static List<List<String>> items(List<String> t, int start) {
        List<List<String>> out = new ArrayList<>();
        List<String> cur = new ArrayList<>();
        int depth = 0;
        for (int k = start; k < t.size(); k++) {
            String tok = t.get(k);
            if (tok.equals("(")) {
                depth++;
            } else if (tok.equals(")")) {
                if (depth == 0) {
                    break;
                }
                depth--;
            } else if (depth == 0 && (tok.equals(",") || tok.equals(";"))) {
                out.add(cur);
                cur = new ArrayList<>();
                continue;
            }
            cur.add(tok);
        }
        if (!cur.isEmpty()) {
            out.add(cur);
        }
        return out;
    }

    /** The index of the first token after {@code ALTER [ONLINE|IGNORE] TABLE [IF EXISTS] name}. */
    private static int afterTableName(List<String> t) {
        int k = 1;
        while (k < t.size() && !upper(t.get(k)).equals("TABLE")) {
            k++;
        }
        k++;
        if (k + 1 < t.size() && upper(t.get(k)).equals("IF") && upper(t.get(k + 1)).equals("EXISTS")) {
            k += 2;
        }
        k++; // the name
        while (k + 1 < t.size() && t.get(k).equals(".")) {
            k += 2; // a qualified name
        }
        return Math.min(k, t.size());
    }

    private static boolean isIdentifier(String token) {
        char c = token.charAt(0);
        return c == '`' || c == '"' || Character.isLetterOrDigit(c) || c == '_' || c == '$' || Character.isLetter(c);
    }

    private static String unquote(String id) {
        if (id.length() >= 2 && id.startsWith("`") && id.endsWith("`")) {
            return id.substring(1, id.length() - 1).replace("``", "`");
        }
        if (id.length() >= 2 && id.startsWith("\"") && id.endsWith("\"")) {
            return id.substring(1, id.length() - 1).replace("\"\"", "\"");
        }
        return id;
    }

    private static String upper(String s) {
        return s.toUpperCase(Locale.ROOT);
    }

    /**
     * The statement's tokens: single-quoted literals (with {@code ''} and backslash escapes, kept as written),
     * double-quoted and back-quoted text, words (letters, digits, {@code _}, {@code $}, {@code .} inside numbers),
     * and single other characters; comments and spaces dropped.
     */
    static List<String> tokens(String s) {
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '-' && i + 1 < n && s.charAt(i + 1) == '-') {
                while (i < n && s.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
                int end = s.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (c == '\'' || c == '"' || c == '`') {
                int j = i + 1;
                while (j < n) {
                    char d = s.charAt(j);
                    if (d == '\\' && c != '`' && j + 1 < n) {
                        j += 2;
                    } else if (d == c && j + 1 < n && s.charAt(j + 1) == c) {
                        j += 2;
                    } else if (d == c) {
                        break;
                    } else {
                        j++;
                    }
                }
                out.add(s.substring(i, Math.min(j + 1, n)));
                i = j + 1;
            } else if (Character.isLetterOrDigit(c) || c == '_' || c == '$') {
                int j = i;
                while (j < n && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_' || s.charAt(j) == '$'
                    || (s.charAt(j) == '.' && Character.isDigit(s.charAt(i)))
                    || ((s.charAt(j) == '+' || s.charAt(j) == '-') && Character.isDigit(s.charAt(i))
                        && (s.charAt(j - 1) == 'e' || s.charAt(j - 1) == 'E')))) {
                    j++;
                }
                out.add(s.substring(i, j));
                i = j;
            } else {
                out.add(String.valueOf(c));
                i++;
            }
        }
        return out;
    }
}
