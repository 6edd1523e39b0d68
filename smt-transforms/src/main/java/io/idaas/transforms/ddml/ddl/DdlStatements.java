package io.idaas.transforms.ddml.ddl;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What ToDdml reads from a DDL statement itself, because Debezium's {@code tableChanges} does not
 * say it: column renames, table renames and truncation. MySQL/MariaDB syntax; identifiers may be
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

    private DdlStatements() {
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
