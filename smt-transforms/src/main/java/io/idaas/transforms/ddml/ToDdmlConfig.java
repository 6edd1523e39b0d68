package io.idaas.transforms.ddml;

import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/** The configuration of {@link ToDdml}: its {@link #CONFIG_DEF} and typed getters. */
public final class ToDdmlConfig extends AbstractConfig {

    /** What to do with Debezium tombstones. */
    public enum TombstoneHandling {
        /** Re-key each tombstone to the DDML key form and pass it on (SPEC §9). */
        KEEP,
        /** Drop tombstones (for topics that are not compacted). */
        DROP
    }

    private static final String GROUP = "ToDdml";

    public static final String TOMBSTONES_CONFIG = "tombstones";
    private static final String TOMBSTONES_DOC = "What to do with the tombstone (null value) Debezium writes after each delete: "
        + "'keep' re-keys it to the DDML key (the key columns encoded by their portable types, SPEC section 9) so that a "
        + "compacted topic forgets the row; 'drop' drops it.";

    public static final String UNAVAILABLE_VALUE_CONFIG = "unavailable.value.placeholder";
    private static final String UNAVAILABLE_VALUE_DOC = "The placeholder Debezium writes for a value it does not have (a "
        + "PostgreSQL TOASTed column that an update left unchanged); must equal the connector's "
        + "'unavailable.value.placeholder'. A column holding it is left out of the DDML row (absent means unknown).";
    public static final String UNAVAILABLE_VALUE_DEFAULT = "__debezium_unavailable_value";

    public static final String CACHE_SIZE_CONFIG = "table.cache.size";
    private static final String CACHE_SIZE_DOC = "How many tables ToDdml remembers the last shape of (from schema-change "
        + "events, for describing ALTER TABLE and for column defaults; from DML events, for re-keying tombstones); the least "
        + "recently used are forgotten beyond it.";

    public static final String HEADERS_CONFIG = "headers.enabled";
    private static final String HEADERS_DOC = "Whether to add the headers ddml.id, ddml.kind, ddml.op and ddml.fingerprint "
        + "(UTF-8 strings repeating the value, SPEC section 9) to every DDML record.";

    /** The configuration definition, documented; reference docs are generated from it. */
    public static final ConfigDef CONFIG_DEF = new ConfigDef()
        .define(TOMBSTONES_CONFIG, Type.STRING, "keep", ConfigDef.CaseInsensitiveValidString.in("keep", "drop"),
            Importance.MEDIUM, TOMBSTONES_DOC, GROUP, 1, Width.SHORT, "Tombstones")
        .define(UNAVAILABLE_VALUE_CONFIG, Type.STRING, UNAVAILABLE_VALUE_DEFAULT, new ConfigDef.NonEmptyString(),
            Importance.LOW, UNAVAILABLE_VALUE_DOC, GROUP, 2, Width.MEDIUM, "Unavailable value placeholder")
        .define(CACHE_SIZE_CONFIG, Type.INT, 10_000, ConfigDef.Range.atLeast(1),
            Importance.LOW, CACHE_SIZE_DOC, GROUP, 3, Width.SHORT, "Table cache size")
        .define(HEADERS_CONFIG, Type.BOOLEAN, true, Importance.LOW, HEADERS_DOC, GROUP, 4, Width.SHORT, "DDML headers");

    /** Parses and validates {@code props}. */
    public ToDdmlConfig(Map<?, ?> props) {
        super(CONFIG_DEF, props);
    }

    /** {@value #TOMBSTONES_CONFIG}. */
    public TombstoneHandling tombstones() {
        return TombstoneHandling.valueOf(getString(TOMBSTONES_CONFIG).toUpperCase(Locale.ROOT));
    }

    /** {@value #UNAVAILABLE_VALUE_CONFIG}. */
    public String unavailableValuePlaceholder() {
        return getString(UNAVAILABLE_VALUE_CONFIG);
    }

    /** {@value #CACHE_SIZE_CONFIG}. */
    public int tableCacheSize() {
        return getInt(CACHE_SIZE_CONFIG);
    }

    /** {@value #HEADERS_CONFIG}. */
    public boolean headersEnabled() {
        return getBoolean(HEADERS_CONFIG);
    }
}
