package io.idaas.transforms.ddml.process.computed;

import io.idaas.ddml.Column;
import io.idaas.ddml.types.PortableType;
import io.idaas.transforms.ddml.process.CheckedConfigDef;
import io.idaas.transforms.ddml.process.ProcessorConfigs;
import io.idaas.transforms.ddml.process.TableSelector;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;

/** The configuration of {@link DdmlComputedColumn}: its {@link #CONFIG_DEF} and typed getters. */
final class DdmlComputedColumnConfig extends AbstractConfig {

    private static final String TABLES = "Tables";
    private static final String COLUMN = "Column";

    static final String COLUMN_CONFIG = "column";
    private static final String COLUMN_DOC = "The name of the computed column, added at the end of each selected table (a "
        + "table that already has a column of that name fails its first event). One column per transform: chain "
        + "several transforms for several columns.";

    /** Not "type": Connect takes transforms.<name>.type for the transform's class. */
    static final String TYPE_CONFIG = "column.type";
    private static final String TYPE_DOC = "The column's portable type (SPEC.md section 8), e.g. string, string(200), "
        + "timestamptz(6), int64, decimal(10,2). A concatenation is text (string or string(n); a value longer than n fails "
        + "its record: declare a longer type); @commit_time can be timestamptz(p), timestamp(p) (UTC), int64 "
        + "(microseconds) or string; other metadata string.";

    static final String EXPRESSION_CONFIG = "expression";
    private static final String EXPRESSION_DOC = "The value: terms joined by || (concatenation). A term is a column "
        + "(as the source spells it, \"quoted\" if needed), a 'text' literal, a number, or metadata: @commit_time, "
        + "@source.table, @source.database, @source.schema, @source.name, @source.system, @event.id. E.g. "
        + "first_name || ' ' || last_name, or 'EU', or @commit_time, or @source.database || '.' || @source.table. "
        + "A NULL term makes the result NULL (SQL's rule).";

    /** The configuration definition, documented. */
    static final CheckedConfigDef CONFIG_DEF = define();

    private static CheckedConfigDef define() {
        CheckedConfigDef def = new CheckedConfigDef();
        ProcessorConfigs.defineTables(def, TABLES, "get the column", "pass unchanged");
        def.define(COLUMN_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyStringWithoutControlChars(),
                Importance.HIGH, COLUMN_DOC, COLUMN, 1, Width.MEDIUM, "Column name")
            .define(TYPE_CONFIG, Type.STRING, "string", ProcessorConfigs.validator("a portable type, e.g. string(200)",
                (name, value) -> {
                    try {
                        PortableType.parse((String) value);
                    } catch (RuntimeException e) {
                        throw new ConfigException(name, value, "'" + value + "' is not a portable type (" + e.getMessage()
                            + "): write e.g. string, string(200), int64, decimal(10,2) or timestamptz(6)");
                    }
                }), Importance.HIGH, TYPE_DOC, COLUMN, 2, Width.SHORT, "Column type")
            .define(EXPRESSION_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, ProcessorConfigs.validator(
                "terms joined by ||", (name, value) -> {
                    try {
                        Expression.parse((String) value);
                    } catch (IllegalArgumentException e) {
                        throw new ConfigException(name, value, "the expression does not parse " + e.getMessage());
                    }
                }), Importance.HIGH, EXPRESSION_DOC, COLUMN, 3, Width.LONG, "Expression");
        def.crossCheck((parsed, error) -> {
            try {
                ComputedValues.checkType(PortableType.parse((String) parsed.get(TYPE_CONFIG)),
                    Expression.parse((String) parsed.get(EXPRESSION_CONFIG)));
            } catch (IllegalArgumentException e) {
                error.accept(TYPE_CONFIG, e.getMessage());
            }
        });
        return def;
    }

    DdmlComputedColumnConfig(Map<?, ?> props) {
        super(CONFIG_DEF, props);
        CONFIG_DEF.check(values());
    }

    TableSelector tables() {
        return ProcessorConfigs.tables(this);
    }

    /** The column: nullable (a term may be NULL), no native type or default. */
    Column column() {
        return Column.of(getString(COLUMN_CONFIG).trim(), PortableType.parse(getString(TYPE_CONFIG)));
    }

    Expression expression() {
        return Expression.parse(getString(EXPRESSION_CONFIG));
    }
}
