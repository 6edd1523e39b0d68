package io.idaas.transforms.ddml.process;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;

/** The keys every DDML processor shares (which tables it applies to) and the validators they use. */
public final class ProcessorConfigs {

    public static final String TABLES_INCLUDE_CONFIG = "tables.include";
    public static final String TABLES_EXCLUDE_CONFIG = "tables.exclude";

    private static final String NAMES = "A table is named as Debezium's table.include.list names it: 'database.table' for "
        + "MySQL, MariaDB and MongoDB, 'schema.table' for PostgreSQL, Oracle and SQL Server; each pattern must match the "
        + "whole name (a Java regular expression, so escape a dot as \\\\. when it matters).";

    private ProcessorConfigs() {
    }

    /**
     * Defines {@value #TABLES_INCLUDE_CONFIG} and {@value #TABLES_EXCLUDE_CONFIG} in {@code def}, as the first keys of
     * {@code group}.
     *
     * @param what what happens to a selected table's events, e.g. "are kept" or "have their columns masked"
     * @param other what happens to the other tables' events
     */
    public static ConfigDef defineTables(ConfigDef def, String group, String what, String other) {
        return def
            .define(TABLES_INCLUDE_CONFIG, Type.LIST, ".*", regexList(), Importance.HIGH,
                "Comma-separated regular expressions: the events of a table whose name matches one " + what + ". " + NAMES
                    + " A rename_table event counts for its old and its new name.",
                group, 1, Width.LONG, "Tables included")
            .define(TABLES_EXCLUDE_CONFIG, Type.LIST, "", regexList(), Importance.MEDIUM,
                "Comma-separated regular expressions: tables matching one are left out of " + TABLES_INCLUDE_CONFIG
                    + " (their events " + other + "). " + NAMES,
                group, 2, Width.LONG, "Tables excluded");
    }

    /** The table selection of a config defined with {@link #defineTables}. */
    public static TableSelector tables(AbstractConfig config) {
        return new TableSelector(patterns(config.getList(TABLES_INCLUDE_CONFIG)), patterns(config.getList(TABLES_EXCLUDE_CONFIG)));
    }

    /** The compiled patterns of a list already validated by {@link #regexList()}. */
    public static List<Pattern> patterns(List<String> regexes) {
        List<Pattern> out = new ArrayList<>(regexes.size());
        for (String r : regexes) {
            out.add(Pattern.compile(r));
        }
        return out;
    }

    /**
     * A validator that runs {@code check} (which throws a {@link ConfigException} naming the problem and the fix) on a
     * value that is set (ConfigDef itself reports a required key that is missing) and describes the values it takes
     * as {@code description} (in generated docs).
     */
    public static ConfigDef.Validator validator(String description, java.util.function.BiConsumer<String, Object> check) {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                if (value != null) {
                    check.accept(name, value);
                }
            }

            @Override
            public String toString() {
                return description;
            }
        };
    }

    /** Refuses a list with an element that is not a valid regular expression, naming it and the error. */
    public static ConfigDef.Validator regexList() {
        return validator("comma-separated Java regular expressions", (name, value) -> {
            if (value == null) {
                return;
            }
            for (Object o : (List<?>) value) {
                regex(name, String.valueOf(o));
            }
        });
    }

    /** Refuses a value that is not a valid regular expression. */
    public static ConfigDef.Validator regex() {
        return validator("a Java regular expression", (name, value) -> {
            if (value != null && !String.valueOf(value).isEmpty()) {
                regex(name, String.valueOf(value));
            }
        });
    }

    private static void regex(String name, String regex) {
        try {
            Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new ConfigException(name, regex, "'" + regex + "' is not a valid Java regular expression ("
                + e.getDescription() + " at index " + e.getIndex() + "); fix the pattern, escaping characters such as "
                + ". ( [ { * + ? with a backslash where they are meant literally");
        }
    }

    /** Refuses a list with an element outside {@code allowed} (case-sensitive), naming it and the allowed values. */
    public static ConfigDef.Validator listOf(List<String> allowed, boolean emptyAllowed) {
        return validator("comma-separated values of " + allowed, (name, value) -> {
            List<?> list = (List<?>) value;
            if (!emptyAllowed && (list == null || list.isEmpty())) {
                throw new ConfigException(name, value, "the list is empty; name at least one of " + allowed);
            }
            if (list == null) {
                return;
            }
            for (Object o : list) {
                if (!allowed.contains(String.valueOf(o))) {
                    throw new ConfigException(name, value, "'" + o + "' is not one of " + allowed
                        + " (lowercase, comma-separated)");
                }
            }
        });
    }
}
