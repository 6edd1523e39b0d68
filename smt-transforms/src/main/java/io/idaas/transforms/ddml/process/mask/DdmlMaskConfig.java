package io.idaas.transforms.ddml.process.mask;

import io.idaas.transforms.ddml.process.CheckedConfigDef;
import io.idaas.transforms.ddml.process.ProcessorConfigs;
import io.idaas.transforms.ddml.process.TableSelector;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/** The configuration of {@link DdmlMask}: its {@link #CONFIG_DEF} and typed getters. */
final class DdmlMaskConfig extends AbstractConfig {

    private static final String TABLES = "Tables";
    private static final String MASKS = "Masks";

    /** The shortest hash key accepted, in characters. */
    static final int MIN_KEY_LENGTH = 16;

    static final String COLUMNS_CONFIG = "columns";
    private static final String COLUMNS_DOC = "Comma-separated 'column:mode' pairs, e.g. email:hash,card_no:redact,"
        + "note:null. Modes: 'hash' (the keyed HMAC-SHA256 of the value as 64 lowercase hex digits; the column becomes "
        + "string(64) in the schema and DDL; equal values hash alike, so joins on the hash work), 'redact' (a fixed value "
        + "of the column's own type: '****' for text, 0 for numbers, 1970-01-01 for dates, ...), 'null' (NULL; nullable "
        + "columns only). Applied in before, after and key (and the key of tombstones). A primary-key column can only be "
        + "hashed. NULL stays NULL in every mode.";

    static final String HASH_KEY_CONFIG = "hash.key";
    private static final String HASH_KEY_DOC = "The secret key of 'hash' (at least " + MIN_KEY_LENGTH + " characters; "
        + "use 32 random characters, from a Connect config provider such as ${file:/etc/idaas/secrets.properties:mask.key}). "
        + "Required when a column is hashed. Every transform that hashes with the same key gives equal values equal hashes; "
        + "changing it changes every hash.";

    /** The configuration definition, documented. */
    static final CheckedConfigDef CONFIG_DEF = define();

    private static CheckedConfigDef define() {
        CheckedConfigDef def = new CheckedConfigDef();
        ProcessorConfigs.defineTables(def, TABLES, "have their columns masked", "pass unchanged");
        def.define(COLUMNS_CONFIG, Type.LIST, ConfigDef.NO_DEFAULT_VALUE, ProcessorConfigs.validator(
                    "comma-separated column:hash|redact|null pairs", (name, value) -> {
                        try {
                            masks(castList(value));
                        } catch (IllegalArgumentException e) {
                            throw new ConfigException(name, value, e.getMessage());
                        }
                    }), Importance.HIGH, COLUMNS_DOC, MASKS, 1, Width.LONG, "Columns masked")
            .define(HASH_KEY_CONFIG, Type.PASSWORD, null, ProcessorConfigs.validator("a secret of at least "
                    + MIN_KEY_LENGTH + " characters", (name, value) -> {
                        if (value != null && ((Password) value).value().length() < MIN_KEY_LENGTH) {
                            throw new ConfigException(name, "[hidden]", "the hash key has "
                                + ((Password) value).value().length() + " characters: give it at least " + MIN_KEY_LENGTH
                                + " (32 random characters are best), so that the hashes cannot be reversed by guessing it");
                        }
                    }), Importance.HIGH, HASH_KEY_DOC, MASKS, 2, Width.MEDIUM, "Hash key");
        def.crossCheck((parsed, error) -> {
            if (masks(castList(parsed.get(COLUMNS_CONFIG))).containsValue(MaskMode.HASH) && parsed.get(HASH_KEY_CONFIG) == null) {
                error.accept(HASH_KEY_CONFIG, "a column is hashed but hash.key is not set: set it to a secret of at least "
                    + MIN_KEY_LENGTH + " characters (from a config provider), or mask the column with redact or null");
            }
        });
        return def;
    }

    @SuppressWarnings("unchecked")
    private static List<String> castList(Object o) {
        return (List<String>) o;
    }

    /** The masks, column to mode, checked: each 'column:mode', a column once, a known mode. */
    static Map<String, MaskMode> masks(List<String> pairs) {
        if (pairs == null || pairs.isEmpty()) {
            throw new IllegalArgumentException("no column is named: list columns to mask, e.g. email:hash,note:redact");
        }
        Map<String, MaskMode> out = new LinkedHashMap<>();
        for (String pair : pairs) {
            int colon = pair.lastIndexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("'" + pair + "' names no mode: write column:hash, column:redact or "
                    + "column:null");
            }
            String column = pair.substring(0, colon).trim();
            String mode = pair.substring(colon + 1).trim().toLowerCase(Locale.ROOT);
            MaskMode m;
            try {
                m = MaskMode.valueOf(mode.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + pair + "': '" + mode + "' is not a mode: use hash, redact or null");
            }
            if (out.put(column, m) != null) {
                throw new IllegalArgumentException("column '" + column + "' is masked twice: give it one mode");
            }
        }
        return out;
    }

    DdmlMaskConfig(Map<?, ?> props) {
        super(CONFIG_DEF, props);
        CONFIG_DEF.check(values());
    }

    TableSelector tables() {
        return ProcessorConfigs.tables(this);
    }

    Map<String, MaskMode> masks() {
        return masks(getList(COLUMNS_CONFIG));
    }

    /** The hash key; null when unset. */
    String hashKey() {
        Password p = getPassword(HASH_KEY_CONFIG);
        return p == null ? null : p.value();
    }
}
