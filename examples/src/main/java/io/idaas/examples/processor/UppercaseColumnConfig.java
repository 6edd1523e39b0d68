package io.idaas.examples.processor;

import io.idaas.transforms.ddml.process.ProcessorConfigs;
import io.idaas.transforms.ddml.process.TableSelector;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;

/** The configuration of {@link UppercaseColumn}: its documented {@link #CONFIG_DEF} and typed getters. */
final class UppercaseColumnConfig extends AbstractConfig {

    private static final String GROUP = "Uppercase";

    static final String COLUMNS_CONFIG = "columns";
    private static final String COLUMNS_DOC = "Comma-separated names of text columns (portable type string or "
        + "string(n)) whose values are upper-cased (Locale.ROOT) in before and after. Names are exact and "
        + "case-sensitive; a table that lacks a column is left as it is for that column. A primary-key column is "
        + "refused (two keys differing only in case would become one row), and so is a column of another type.";

    /** The keys, documented: Connect's validate endpoint runs the validators key by key. */
    static final ConfigDef CONFIG_DEF = define();

    private static ConfigDef define() {
        ConfigDef def = new ConfigDef();
        ProcessorConfigs.defineTables(def, GROUP, "have the columns upper-cased", "pass unchanged");
        return def.define(COLUMNS_CONFIG, Type.LIST, ConfigDef.NO_DEFAULT_VALUE,
            ProcessorConfigs.validator("comma-separated column names, each once", (name, value) -> columns(name, value)),
            Importance.HIGH, COLUMNS_DOC, GROUP, 3, Width.LONG, "Columns upper-cased");
    }

    /**
     * The column names, checked: at least one, none blank, none twice.
     *
     * @throws ConfigException naming the problem and the fix
     */
    static Set<String> columns(String key, Object value) {
        List<?> names = (List<?>) value;
        if (names.isEmpty()) {
            throw new ConfigException(key, value, "no column is named: list the text columns to upper-case, e.g. "
                + "columns=email,country_code");
        }
        Set<String> out = new LinkedHashSet<>();
        Set<String> seen = new HashSet<>();
        for (Object o : names) {
            String n = String.valueOf(o);
            if (n.isBlank()) {
                throw new ConfigException(key, value, "the list has an empty name (two commas in a row?): remove it");
            }
            if (!seen.add(n)) {
                throw new ConfigException(key, value, "column '" + n + "' is named twice: name it once");
            }
            out.add(n);
        }
        return out;
    }

    UppercaseColumnConfig(Map<?, ?> props) {
        super(CONFIG_DEF, props);
    }

    TableSelector tables() {
        return ProcessorConfigs.tables(this);
    }

    Set<String> columns() {
        return columns(COLUMNS_CONFIG, getList(COLUMNS_CONFIG));
    }
}
