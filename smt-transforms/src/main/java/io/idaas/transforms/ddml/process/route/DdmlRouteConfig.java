package io.idaas.transforms.ddml.process.route;

import io.idaas.transforms.ddml.process.CheckedConfigDef;
import io.idaas.transforms.ddml.process.ProcessorConfigs;
import io.idaas.transforms.ddml.process.TableSelector;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/** The configuration of {@link DdmlRoute}: its {@link #CONFIG_DEF} and typed getters. */
final class DdmlRouteConfig extends AbstractConfig {

    private static final String TABLES = "Tables";
    private static final String ROUTES = "Routes";

    static final String TABLE_REGEX_CONFIG = "table.regex";
    private static final String TABLE_REGEX_DOC = "A Java regular expression over the table name alone (source.table, "
        + "e.g. orders_(\\\\d+)); a selected table whose whole name matches is renamed to table.replacement in every "
        + "event (DML and DDL, the old name of a rename_table too), which is the name the idaas sinks give the target "
        + "table (the JDBC sink's table.name.format ${table}, Redis and MongoDB likewise). Unset: no table is renamed.";

    static final String TABLE_REPLACEMENT_CONFIG = "table.replacement";
    private static final String TABLE_REPLACEMENT_DOC = "The new table name, with $1, $2 ... for the groups of "
        + "table.regex (e.g. orders, or $1_archive).";

    static final String TOPIC_REGEX_CONFIG = "topic.regex";
    private static final String TOPIC_REGEX_DOC = "A Java regular expression over the record's topic; a topic that "
        + "matches it as a whole is replaced by topic.replacement, as Kafka's RegexRouter does (tombstones too). Only on a "
        + "source connector: a sink keeps its offsets under the topics it reads, so on a sink connector a record whose "
        + "topic this would change fails. Unset: topics are kept.";

    static final String TOPIC_REPLACEMENT_CONFIG = "topic.replacement";
    private static final String TOPIC_REPLACEMENT_DOC = "The new topic, with $1, $2 ... for the groups of topic.regex.";

    static final String KEY_COLUMN_CONFIG = "key.table.column";
    private static final String KEY_COLUMN_DOC = "When set, a column of that name (string, NOT NULL) holding the table's "
        + "name before the renaming is added at the end of each renamed table, to its rows and to its primary key, so "
        + "that rows of different source tables (shards orders_0 .. orders_n) with the same key stay apart in the target. "
        + "Unset: rows with the same key in different source tables overwrite each other in the target, which is right "
        + "only when the keys are unique across the tables (a global sequence, UUIDs).";

    /** The configuration definition, documented. */
    static final CheckedConfigDef CONFIG_DEF = define();

    private static CheckedConfigDef define() {
        CheckedConfigDef def = new CheckedConfigDef();
        ProcessorConfigs.defineTables(def, TABLES, "are routed", "pass unchanged");
        def.define(TABLE_REGEX_CONFIG, Type.STRING, "", ProcessorConfigs.regex(), Importance.HIGH, TABLE_REGEX_DOC, ROUTES, 1,
                Width.LONG, "Table pattern")
            .define(TABLE_REPLACEMENT_CONFIG, Type.STRING, "", Importance.HIGH, TABLE_REPLACEMENT_DOC, ROUTES, 2, Width.LONG,
                "Table replacement")
            .define(TOPIC_REGEX_CONFIG, Type.STRING, "", ProcessorConfigs.regex(), Importance.MEDIUM, TOPIC_REGEX_DOC, ROUTES,
                3, Width.LONG, "Topic pattern")
            .define(TOPIC_REPLACEMENT_CONFIG, Type.STRING, "", Importance.MEDIUM, TOPIC_REPLACEMENT_DOC, ROUTES, 4,
                Width.LONG, "Topic replacement")
            .define(KEY_COLUMN_CONFIG, Type.STRING, "", Importance.MEDIUM, KEY_COLUMN_DOC, ROUTES, 5, Width.MEDIUM,
                "Source table key column");
        def.crossCheck((parsed, error) -> {
            pair(parsed, TABLE_REGEX_CONFIG, TABLE_REPLACEMENT_CONFIG, error);
            pair(parsed, TOPIC_REGEX_CONFIG, TOPIC_REPLACEMENT_CONFIG, error);
            if (((String) parsed.get(TABLE_REGEX_CONFIG)).isEmpty() && ((String) parsed.get(TOPIC_REGEX_CONFIG)).isEmpty()) {
                error.accept(TABLE_REGEX_CONFIG, "neither table.regex nor topic.regex is set, so nothing is routed: set "
                    + "table.regex and table.replacement (and topic.regex and topic.replacement on a source connector)");
            }
            if (!((String) parsed.get(KEY_COLUMN_CONFIG)).isEmpty() && ((String) parsed.get(TABLE_REGEX_CONFIG)).isEmpty()) {
                error.accept(KEY_COLUMN_CONFIG, "key.table.column keeps apart the rows of tables routed into one, and "
                    + "table.regex routes none: set table.regex, or unset key.table.column");
            }
        });
        return def;
    }

    /** Both keys set or neither; a replacement naming only groups its pattern has. */
    private static void pair(Map<String, Object> parsed, String regexKey, String replacementKey,
                             java.util.function.BiConsumer<String, String> error) {
        String regex = (String) parsed.get(regexKey);
        String replacement = (String) parsed.get(replacementKey);
        if (regex.isEmpty() != replacement.isEmpty()) {
            error.accept(replacementKey, regexKey + " and " + replacementKey + " go together: set both or neither");
            return;
        }
        if (regex.isEmpty()) {
            return;
        }
        int groups = Pattern.compile(regex).matcher("").groupCount();
        Matcher refs = Pattern.compile("(?<!\\\\)\\$(\\d)").matcher(replacement);
        while (refs.find()) {
            if (Integer.parseInt(refs.group(1)) > groups) {
                error.accept(replacementKey, "'" + replacement + "' names group $" + refs.group(1) + ", but " + regexKey
                    + " '" + regex + "' has " + groups + " group(s): name one of $0.." + "$" + groups
                    + ", or add a (group) to the pattern");
            }
        }
    }

    DdmlRouteConfig(Map<?, ?> props) {
        super(CONFIG_DEF, props);
        CONFIG_DEF.check(values());
    }

    TableSelector tables() {
        return ProcessorConfigs.tables(this);
    }

    /** The table pattern; null when unset. */
    Pattern tableRegex() {
        String r = getString(TABLE_REGEX_CONFIG);
        return r.isEmpty() ? null : Pattern.compile(r);
    }

    String tableReplacement() {
        return getString(TABLE_REPLACEMENT_CONFIG);
    }

    /** The topic pattern; null when unset. */
    Pattern topicRegex() {
        String r = getString(TOPIC_REGEX_CONFIG);
        return r.isEmpty() ? null : Pattern.compile(r);
    }

    String topicReplacement() {
        return getString(TOPIC_REPLACEMENT_CONFIG);
    }

    /** The key column's name; null when unset. */
    String keyColumn() {
        String c = getString(KEY_COLUMN_CONFIG).trim();
        return c.isEmpty() ? null : c;
    }

}
