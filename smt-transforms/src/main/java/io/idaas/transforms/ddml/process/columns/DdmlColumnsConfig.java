package io.idaas.transforms.ddml.process.columns;

import io.idaas.transforms.ddml.process.CheckedConfigDef;
import io.idaas.transforms.ddml.process.ProcessorConfigs;
import io.idaas.transforms.ddml.process.TableSelector;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;

/** The configuration of {@link DdmlColumns}: its {@link #CONFIG_DEF} and typed getters. */
final class DdmlColumnsConfig extends AbstractConfig {

    private static final String TABLES = "Tables";
    private static final String COLUMNS = "Columns";

    static final String DROP_CONFIG = "drop";
    private static final String DROP_DOC = "Comma-separated column names (as the source spells them) to drop from the "
        + "selected tables: from before, after, key, changed, the table schema and every DDL event. A primary-key column "
        + "cannot be dropped (the sinks write rows by key): such a record fails. Not with keep.";

    static final String KEEP_CONFIG = "keep";
    private static final String KEEP_DOC = "Comma-separated column names: when set, only these columns of the selected "
        + "tables are kept, the others dropped as with drop (so must list the primary-key columns). Not with drop.";

    static final String RENAME_CONFIG = "rename";
    private static final String RENAME_DOC = "Comma-separated renames 'old:new' (e.g. cust_no:customer_id,ts:created_at), "
        + "applied in rows, key, changed, the table schema (and its primary key) and every DDL event. A name is renamed "
        + "once: no chains (a:b,b:c) and no two columns to one name.";

    /** The configuration definition, documented. */
    static final CheckedConfigDef CONFIG_DEF = define();

    private static CheckedConfigDef define() {
        CheckedConfigDef def = new CheckedConfigDef();
        ProcessorConfigs.defineTables(def, TABLES, "have their columns dropped, kept or renamed", "pass unchanged");
        def.define(DROP_CONFIG, Type.LIST, "", names(), Importance.HIGH, DROP_DOC, COLUMNS, 1, Width.LONG, "Columns dropped")
            .define(KEEP_CONFIG, Type.LIST, "", names(), Importance.HIGH, KEEP_DOC, COLUMNS, 2, Width.LONG, "Columns kept")
            .define(RENAME_CONFIG, Type.LIST, "", renames(), Importance.HIGH, RENAME_DOC, COLUMNS, 3, Width.LONG,
                "Columns renamed");
        def.crossCheck((parsed, error) -> {
            List<?> drop = (List<?>) parsed.get(DROP_CONFIG);
            List<?> keep = (List<?>) parsed.get(KEEP_CONFIG);
            if (!drop.isEmpty() && !keep.isEmpty()) {
                error.accept(DROP_CONFIG, "drop and keep are both set: use one of them (keep lists the columns to keep, "
                    + "drop the columns to drop)");
            }
            for (String old : renameMap(castList(parsed.get(RENAME_CONFIG))).keySet()) {
                if (drop.contains(old)) {
                    error.accept(RENAME_CONFIG, "column '" + old + "' is both dropped and renamed: remove it from drop or "
                        + "from rename");
                } else if (!keep.isEmpty() && !keep.contains(old)) {
                    error.accept(RENAME_CONFIG, "column '" + old + "' is renamed but not in keep, which drops it: add '"
                        + old + "' (its name before the rename) to keep");
                }
            }
        });
        return def;
    }

    @SuppressWarnings("unchecked")
    private static List<String> castList(Object o) {
        return (List<String>) o;
    }

    private static ConfigDef.Validator names() {
        return ProcessorConfigs.validator("comma-separated column names", (name, value) -> {
            Set<String> seen = new HashSet<>();
            for (Object o : (List<?>) value) {
                if (String.valueOf(o).isBlank()) {
                    throw new ConfigException(name, value, "a column name is empty: remove the extra comma");
                }
                if (!seen.add(String.valueOf(o))) {
                    throw new ConfigException(name, value, "column '" + o + "' is named twice: name it once");
                }
            }
        });
    }

    private static ConfigDef.Validator renames() {
        return ProcessorConfigs.validator("comma-separated old:new column names", (name, value) -> {
            try {
                renameMap(castList(value));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(name, value, e.getMessage());
            }
        });
    }

    /** The renames, old name to new, checked: each 'old:new', no old name twice, no two to one name, no chains. */
    static Map<String, String> renameMap(List<String> pairs) {
        Map<String, String> out = new LinkedHashMap<>();
        Set<String> targets = new HashSet<>();
        for (String pair : pairs) {
            int colon = pair.indexOf(':');
            if (colon <= 0 || colon == pair.length() - 1 || pair.indexOf(':', colon + 1) >= 0) {
                throw new IllegalArgumentException("'" + pair + "' is not a rename: write old:new, e.g. cust_no:customer_id");
            }
            String from = pair.substring(0, colon).trim();
            String to = pair.substring(colon + 1).trim();
            if (from.equals(to)) {
                throw new IllegalArgumentException("'" + pair + "' renames a column to its own name: remove it");
            }
            if (out.put(from, to) != null) {
                throw new IllegalArgumentException("column '" + from + "' is renamed twice: keep one of its renames");
            }
            if (!targets.add(to)) {
                throw new IllegalArgumentException("two columns are renamed to '" + to + "': give each its own name");
            }
        }
        for (Map.Entry<String, String> e : out.entrySet()) {
            if (out.containsKey(e.getValue())) {
                throw new IllegalArgumentException("'" + e.getKey() + ":" + e.getValue() + "' and '" + e.getValue() + ":"
                    + out.get(e.getValue()) + "' chain renames: name each column's final name directly (e.g. "
                    + e.getKey() + ":" + out.get(e.getValue()) + ") or use a second DdmlColumns transform");
            }
        }
        return out;
    }

    DdmlColumnsConfig(Map<?, ?> props) {
        super(CONFIG_DEF, props);
        CONFIG_DEF.check(values());
    }

    TableSelector tables() {
        return ProcessorConfigs.tables(this);
    }

    Set<String> drop() {
        return Set.copyOf(getList(DROP_CONFIG));
    }

    /** The columns kept; empty: every column. */
    Set<String> keep() {
        return Set.copyOf(getList(KEEP_CONFIG));
    }

    Map<String, String> rename() {
        return renameMap(getList(RENAME_CONFIG));
    }
}
