package io.idaas.transforms.ddml.source;

import io.idaas.ddml.SourceSystem;
import io.idaas.transforms.ddml.ToDdmlConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;

/**
 * The configuration of {@link DdmlSourceConnector}: its own keys, all starting with {@code ddml.};
 * every other key belongs to the delegate connector.
 */
public final class DdmlSourceConfig extends AbstractConfig {

    /** The prefix of every key of the wrapper; keys without it go to the delegate. */
    public static final String PREFIX = "ddml.";

    private static final String GROUP = "DDML source";

    public static final String DELEGATE_CLASS_CONFIG = "ddml.delegate.connector.class";
    private static final String DELEGATE_CLASS_DOC = "The class of the source connector to wrap, e.g. "
        + "io.debezium.connector.postgresql.PostgresConnector. Every configuration key not starting with 'ddml.' is passed "
        + "to it; its records are turned into DDML records as ToDdml does.";

    public static final String DERIVED_DDL_CONFIG = "ddml.derived.ddl.systems";
    private static final String DERIVED_DDL_DOC = "The source systems (source.connector names) whose DDL is derived from "
        + "changes of table shape (SPEC section 7.3), because their log carries no DDL: before the first DML record of a table "
        + "and before each DML record whose schema fingerprint changed, a derived create_table or alter_table record is "
        + "emitted. Empty: never.";

    public static final String ERRORS_TOLERANCE_CONFIG = "ddml.errors.tolerance";
    private static final String ERRORS_TOLERANCE_DOC = "What to do with a record that does not map to DDML: 'none' fails "
        + "the task with a message naming the record; 'all' logs that message at ERROR and skips the record (its offset is "
        + "still committed).";

    /** The prefix of the ToDdml keys inside this configuration, e.g. {@code ddml.tombstones}. */
    public static final String TRANSFORM_PREFIX = PREFIX;

    /** Set by the connector in task configurations: the delegate's task class. */
    static final String DELEGATE_TASK_CLASS = "ddml.internal.delegate.task.class";

    /** The configuration definition: the wrapper's keys and ToDdml's, prefixed with {@code ddml.}. */
    public static final ConfigDef CONFIG_DEF = configDef();

    /** Parses and validates {@code props} (only the {@code ddml.} keys are looked at). */
    public DdmlSourceConfig(Map<String, String> props) {
        super(CONFIG_DEF, ownProps(props));
    }

    private static ConfigDef configDef() {
        ConfigDef def = new ConfigDef()
            .define(DELEGATE_CLASS_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
                Importance.HIGH, DELEGATE_CLASS_DOC, GROUP, 1, Width.LONG, "Delegate connector class")
            .define(DERIVED_DDL_CONFIG, Type.LIST, "postgresql", DdmlSourceConfig::validateSystems,
                Importance.MEDIUM, DERIVED_DDL_DOC, GROUP, 2, Width.MEDIUM, "Systems with derived DDL")
            .define(ERRORS_TOLERANCE_CONFIG, Type.STRING, "none", ConfigDef.CaseInsensitiveValidString.in("none", "all"),
                Importance.MEDIUM, ERRORS_TOLERANCE_DOC, GROUP, 3, Width.SHORT, "Errors tolerance")
            .defineInternal(DELEGATE_TASK_CLASS, Type.STRING, "", Importance.LOW);
        def.embed(TRANSFORM_PREFIX, GROUP, 10, ToDdmlConfig.CONFIG_DEF);
        return def;
    }

    private static void validateSystems(String name, Object value) {
        for (Object o : (List<?>) value) {
            if (SourceSystem.of(o.toString().trim().toLowerCase(Locale.ROOT)).isEmpty()) {
                throw new ConfigException(name, value, "'" + o + "' is not a source system; use postgresql, mysql, mariadb, "
                    + "oracle, sqlserver, mongodb or db2");
            }
        }
    }

    /** The keys of {@code props} that belong to the wrapper. */
    static Map<String, String> ownProps(Map<String, String> props) {
        return props.entrySet().stream().filter(e -> e.getKey().startsWith(PREFIX))
            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** The keys of {@code props} that belong to the delegate. */
    static Map<String, String> delegateProps(Map<String, String> props) {
        Map<String, String> out = new HashMap<>(props);
        out.keySet().removeIf(k -> k.startsWith(PREFIX));
        return out;
    }

    /** {@value #DELEGATE_CLASS_CONFIG}. */
    public String delegateClass() {
        return getString(DELEGATE_CLASS_CONFIG);
    }

    /** {@value #DERIVED_DDL_CONFIG}. */
    public Set<SourceSystem> derivedDdlSystems() {
        return getList(DERIVED_DDL_CONFIG).stream().map(s -> SourceSystem.of(s.trim().toLowerCase(Locale.ROOT)).orElseThrow())
            .collect(Collectors.toUnmodifiableSet());
    }

    /** Whether records that do not map are skipped ({@code all}) rather than failing the task. */
    public boolean tolerateErrors() {
        return getString(ERRORS_TOLERANCE_CONFIG).equalsIgnoreCase("all");
    }

    /** The ToDdml configuration inside this one (the {@code ddml.} keys of ToDdml, without the prefix). */
    public ToDdmlConfig transformConfig() {
        return new ToDdmlConfig(originalsWithPrefix(TRANSFORM_PREFIX));
    }

    /** The delegate's task class name, as the connector set it. */
    String delegateTaskClass() {
        return getString(DELEGATE_TASK_CLASS);
    }
}
