package io.idaas.transforms.ddml.ddl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What ToDdml reads from a DDL statement itself, because Debezium's {@code tableChanges} does not
 * say it: column renames, table renames and truncation; and, for an {@code ALTER TABLE} met without the table's previous
 * shape (a task started again, a change read again), the columns it adds and drops and whether it changes the key. MySQL/MariaDB syntax; identifiers may be
 * back-quoted or double-quoted and qualified.
 */
final class DdlStatements {

    private static final String ID = "(?:`(?:[^`]|``)+`|\"(?:[^\"]|\"\")+\"|[\\w$]+)";
    private static final String QUALIFIED = ID + "(?:\\s*\\.\\s*" + ID + ")?";
    private static final Pattern RENAME_COLUMN = Pattern.compile("RENAME\\s+COLUMN\\s+(" + ID + ")\\s+TO\\s+(" + ID + ")", Pattern.CASE_INSENSITIVE);
    private static final Pattern CHANGE_COLUMN = Pattern.compile("\\bCHANGE\\s+(?:COLUMN\\s+)?(?:IF\\s+EXISTS\\s+)?(" + ID + ")\\s+(" + ID + ")", Pattern.CASE_INSENSITIVE);
    private static final Pattern RENAME_TABLE = Pattern.compile("^\\s*RENAME\\s+TABLES?\\s+(" + QUALIFIED + ")\\s+TO\\s+(" + QUALIFIED + ")", Pattern.CASE_INSENSITIVE);
    private static final Pattern ALTER_RENAME = Pattern.compile("^\\s*ALTER\\s+(?:ONLINE\\s+|IGNORE\\s+)*TABLE\\s+(" + QUALIFIED + ").*?\\bRENAME\\s+(?:TO\\s+|AS\\s+)?(?!COLUMN\\b|INDEX\\b|KEY\\b)(" + QUALIFIED + ")", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern TRUNCATE = Pattern.compile("^\\s*TRUNCATE\\s+(?:TABLE\\s+)?(" + QUALIFIED + ")", Pattern.CASE_INSENSITIVE);

    private static final Pattern ALTER_TABLE = Pattern.compile("^\\s*ALTER\\s+(?:ONLINE\\s+|IGNORE\\s+)*TABLE\\s+(?:IF\\s+EXISTS\\s+)?"
        + QUALIFIED + "\\s*(?:WAIT\\s+\\d+\\s*|NOWAIT\\s*)?", Pattern.CASE_INSENSITIVE);
    private static final Pattern ADD_COLUMNS = Pattern.compile("^ADD\\s+(COLUMN\\s+)?(?:IF\\s+NOT\\s+EXISTS\\s+)?", Pattern.CASE_INSENSITIVE);
    private static final Pattern DROP_COLUMN = Pattern.compile("^DROP\\s+(COLUMN\\s+)?(?:IF\\s+EXISTS\\s+)?(" + ID + ")", Pattern.CASE_INSENSITIVE);
    private static final Pattern LEADING_ID = Pattern.compile("^(" + ID + ")");
    private static final Pattern KEY_CLAUSE = Pattern.compile("^(?:ADD\\s+(?:CONSTRAINT\\s+(?:" + ID + "\\s+)?)?PRIMARY\\s+KEY|DROP\\s+PRIMARY\\s+KEY)\\b",
        Pattern.CASE_INSENSITIVE);
    /** Words after ADD or DROP that name something other than a column. */
    private static final Set<String> NOT_COLUMNS = Set.of("INDEX", "KEY", "PRIMARY", "UNIQUE", "FULLTEXT", "SPATIAL", "FOREIGN",
        "CONSTRAINT", "CHECK", "PARTITION", "PERIOD", "SYSTEM", "VERSIONING");

    /**
     * The column changes an {@code ALTER TABLE} statement names itself.
     *
     * @param added      the names of the columns it adds, in the statement's order
     * @param dropped    the names of the columns it drops, in the statement's order
     * @param primaryKey whether it adds or drops the primary key
     */
    record AlteredColumns(Set<String> added, List<String> dropped, boolean primaryKey) {
    }

    private DdlStatements() {
    }

    /**
     * The columns an {@code ALTER TABLE} statement adds and drops ({@code ADD [COLUMN] [IF NOT EXISTS] c ...},
     * {@code ADD [COLUMN] (c ..., d ...)}, {@code DROP [COLUMN] [IF EXISTS] c}) and whether it adds or drops the
     * primary key; empty for another statement. Indexes, constraints, partitions and periods are not columns.
     */
    static Optional<AlteredColumns> alteredColumns(String statement) {
        if (statement == null) {
            return Optional.empty();
        }
        Matcher head = ALTER_TABLE.matcher(statement);
        if (!head.find()) {
            return Optional.empty();
        }
        Set<String> added = new LinkedHashSet<>();
        List<String> dropped = new ArrayList<>();
        boolean primaryKey = false;
        for (String clause : topLevel(statement.substring(head.end()), ',')) {
            if (KEY_CLAUSE.matcher(clause).find()) {
                primaryKey = true;
                continue;
            }
            Matcher add = ADD_COLUMNS.matcher(clause);
            if (add.find()) {
                String rest = clause.substring(add.end()).trim();
                if (rest.startsWith("(")) {
                    int close = rest.lastIndexOf(')');
                    for (String definition : topLevel(rest.substring(1, close < 0 ? rest.length() : close), ',')) {
                        leadingColumn(definition, add.group(1) != null).ifPresent(added::add);
                    }
                } else {
                    leadingColumn(rest, add.group(1) != null).ifPresent(added::add);
                }
                continue;
            }
            Matcher drop = DROP_COLUMN.matcher(clause);
            if (drop.find() && (drop.group(1) != null || !NOT_COLUMNS.contains(drop.group(2).toUpperCase(Locale.ROOT)))) {
                dropped.add(unquote(drop.group(2)));
            }
        }
        return Optional.of(new AlteredColumns(added, dropped, primaryKey));
    }

    /** The column a definition starts with; none when it starts with a word naming something else (unless said COLUMN). */
    private static Optional<String> leadingColumn(String definition, boolean saidColumn) {
        Matcher m = LEADING_ID.matcher(definition.trim());
        if (!m.find() || !saidColumn && NOT_COLUMNS.contains(m.group(1).toUpperCase(Locale.ROOT))) {
            return Optional.empty();
        }
        return Optional.of(unquote(m.group(1)));
    }

    /** {@code text} split at {@code separator} outside parentheses, quotes and back-quotes, each part trimmed. */
    private static List<String> topLevel(String text, char separator) {
        List<String> parts = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        int depth = 0;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (quote != 0) {
                if (ch == '\\' && quote != '`' && i + 1 < text.length()) {
                    cur.append(ch).append(text.charAt(++i));
                    continue;
                }
                if (ch == quote) {
                    quote = 0;
                }
            } else if (ch == '\'' || ch == '"' || ch == '`') {
                quote = ch;
            } else if (ch == '(') {
                depth++;
            } else if (ch == ')') {
                depth--;
            } else if (ch == separator && depth == 0) {
                parts.add(cur.toString().trim());
                cur.setLength(0);
                continue;
            }
            cur.append(ch);
        }
        if (!cur.toString().isBlank()) {
            parts.add(cur.toString().trim());
        }
        return parts;
    }

    /** Column renames in a statement, old name to new name. */
    static Map<String, String> columnRenames(String statement) {
        Map<String, String> out = new LinkedHashMap<>();
        if (statement == null) {
            return out;
        }
        for (Pattern p : new Pattern[] {RENAME_COLUMN, CHANGE_COLUMN}) {
            Matcher m = p.matcher(statement);
            while (m.find()) {
                String from = unquote(m.group(1));
                String to = unquote(m.group(2));
                if (!from.equals(to)) {
                    out.put(from, to);
                }
            }
        }
        return out;
    }

    /** The old table name (last part) when the statement renames a table. */
    static Optional<String> renamedTableFrom(String statement) {
        if (statement == null) {
            return Optional.empty();
        }
        for (Pattern p : new Pattern[] {RENAME_TABLE, ALTER_RENAME}) {
            Matcher m = p.matcher(statement);
            if (m.find()) {
                return Optional.of(lastPart(m.group(1)));
            }
        }
        return Optional.empty();
    }

    /** The truncated table (last part) when the statement is a TRUNCATE. */
    static Optional<String> truncatedTable(String statement) {
        if (statement == null) {
            return Optional.empty();
        }
        Matcher m = TRUNCATE.matcher(statement);
        return m.find() ? Optional.of(lastPart(m.group(1))) : Optional.empty();
    }

    private static String lastPart(String qualified) {
        Matcher m = Pattern.compile(ID).matcher(qualified);
        String last = qualified;
        while (m.find()) {
            last = m.group();
        }
        return unquote(last);
    }

    static String unquote(String id) {
        if (id.length() >= 2 && id.startsWith("`") && id.endsWith("`")) {
            return id.substring(1, id.length() - 1).replace("``", "`");
        }
        if (id.length() >= 2 && id.startsWith("\"") && id.endsWith("\"")) {
            return id.substring(1, id.length() - 1).replace("\"\"", "\"");
        }
        return id;
    }
}
