package io.idaas.transforms.ddml.process.filter;

import io.idaas.transforms.ddml.process.CheckedConfigDef;
import io.idaas.transforms.ddml.process.ProcessorConfigs;
import io.idaas.transforms.ddml.process.TableSelector;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;

/** The configuration of {@link DdmlFilter}: its {@link #CONFIG_DEF} and typed getters. */
final class DdmlFilterConfig extends AbstractConfig {

    /** The ops, by their DDML wire names: DML ops, then DDL ops. */
    static final List<String> OPS = List.of("insert", "update", "delete", "truncate", "read",
        "create_table", "alter_table", "drop_table", "rename_table", "truncate_table");

    private static final String TABLES = "Tables";
    private static final String EVENTS = "Events";

    static final String OPS_CONFIG = "ops";
    private static final String OPS_DOC = "Comma-separated ops whose events are kept, by their DDML names: insert, update, "
        + "delete, truncate, read (a snapshot read), create_table, alter_table, drop_table, rename_table, truncate_table. "
        + "It applies to the op an event leaves with: an update that the condition turns into a delete or an insert "
        + "(see condition) is kept only when that op is listed. Leave out a DDL op only when the targets need not follow "
        + "it (a sink then meets rows of a shape it was not told of).";

    static final String CONDITION_CONFIG = "condition";
    private static final String CONDITION_DOC = "A row condition; only rows that satisfy it are kept (unset: every row). "
        + "Predicates on one column each: column = != <> < <= > >= a literal; column IS [NOT] NULL; column [NOT] IN "
        + "(literal, ...); column [NOT] LIKE 'pattern' (% any characters, _ one); combined with AND, OR, NOT and "
        + "parentheses. Literals: 'text' (two quotes for one), numbers "
        + "(-12, 99.50), TRUE, FALSE; dates and times as quoted text ('2025-03-14', '2025-03-14 09:30:00', "
        + "'2025-03-14T09:30:00Z'). Columns are named as the source spells them, \"quoted\" when they are keywords or "
        + "hold other characters. Comparisons are typed by the column's portable type (numbers numerically, text by "
        + "code point, times in time order); a comparison with NULL is unknown, and a row is kept only when the "
        + "condition is true (SQL's rules). An update whose old row matches and new row does not is sent on as a "
        + "delete of the old row, one whose new row matches and old row does not as an insert of the new row, so the "
        + "target holds exactly the rows that match. Example: status = 'paid' AND (amount > 100 OR country IN ('DE', 'FR')).";

    static final String CONDITION_TABLES_CONFIG = "condition.tables";
    private static final String CONDITION_TABLES_DOC = "Comma-separated regular expressions over the qualified table names "
        + "(as tables.include): the tables the condition applies to. The rows of other tables kept by tables.include and "
        + "tables.exclude are all kept. Narrow it when the condition names columns only some tables have.";

    static final String MISSING_COLUMN_CONFIG = "condition.missing.column";
    private static final String MISSING_COLUMN_DOC = "What a column that the condition names and the table does not have "
        + "(never had, or a DDL dropped it) means: 'fail' fails the record with an error naming the column and the table "
        + "(Connect's errors.tolerance applies), 'null' reads it as NULL (so status = 'paid' is false, status IS NULL "
        + "true, and after a DROP COLUMN no row matches a comparison on it any more).";

    /** The configuration definition, documented. */
    static final CheckedConfigDef CONFIG_DEF = define();

    private static CheckedConfigDef define() {
        CheckedConfigDef def = new CheckedConfigDef();
        ProcessorConfigs.defineTables(def, TABLES, "are kept (DDL included)", "are dropped, DDL included");
        def.define(OPS_CONFIG, Type.LIST, String.join(",", OPS), ProcessorConfigs.listOf(OPS, false), Importance.HIGH,
                OPS_DOC, EVENTS, 1, Width.LONG, "Ops kept")
            .define(CONDITION_CONFIG, Type.STRING, "", conditionValidator(), Importance.HIGH, CONDITION_DOC, EVENTS, 2,
                Width.LONG, "Row condition")
            .define(CONDITION_TABLES_CONFIG, Type.LIST, ".*", ProcessorConfigs.regexList(), Importance.MEDIUM,
                CONDITION_TABLES_DOC, EVENTS, 3, Width.LONG, "Tables of the condition")
            .define(MISSING_COLUMN_CONFIG, Type.STRING, "fail", ConfigDef.ValidString.in("fail", "null"), Importance.LOW,
                MISSING_COLUMN_DOC, EVENTS, 4, Width.SHORT, "Missing column");
        def.crossCheck((parsed, error) -> {
            Set<String> ops = new HashSet<>(((List<?>) parsed.get(OPS_CONFIG)).stream().map(String::valueOf).toList());
            if (!((String) parsed.get(CONDITION_CONFIG)).isBlank() && ops.contains("update")
                    && !(ops.contains("insert") && ops.contains("delete"))) {
                error.accept(OPS_CONFIG, "with a condition, an update whose row moves into or out of it is sent on as an "
                    + "insert or a delete, which ops " + ops + " would drop, leaving the target with rows that do not "
                    + "match or without rows that do: list insert and delete too, or remove update");
            }
        });
        return def;
    }

    private static ConfigDef.Validator conditionValidator() {
        return ProcessorConfigs.validator("a row condition, e.g. status = 'paid' AND amount > 100", (name, value) -> {
            if (value != null && !((String) value).isBlank()) {
                try {
                    ConditionParser.parse((String) value);
                } catch (ConditionParser.SyntaxException e) {
                    throw new ConfigException(name, value, "the row condition does not parse " + e.getMessage());
                }
            }
        });
    }

    DdmlFilterConfig(Map<?, ?> props) {
        super(CONFIG_DEF, props);
        CONFIG_DEF.check(values());
    }

    TableSelector tables() {
        return ProcessorConfigs.tables(this);
    }

    Set<String> ops() {
        return Set.copyOf(getList(OPS_CONFIG));
    }

    /** The parsed condition; null when unset. */
    Condition condition() {
        String text = getString(CONDITION_CONFIG);
        return text.isBlank() ? null : ConditionParser.parse(text);
    }

    TableSelector conditionTables() {
        return new TableSelector(ProcessorConfigs.patterns(getList(CONDITION_TABLES_CONFIG)), List.of());
    }

    boolean missingColumnAsNull() {
        return "null".equals(getString(MISSING_COLUMN_CONFIG));
    }
}
