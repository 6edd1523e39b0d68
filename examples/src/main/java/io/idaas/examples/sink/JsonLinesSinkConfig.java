package io.idaas.examples.sink;

import io.idaas.connect.sink.DdlPolicy;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;

/** The configuration of {@link JsonLinesSinkConnector}: its documented {@link #CONFIG_DEF} and typed getters. */
final class JsonLinesSinkConfig extends AbstractConfig {

    private static final String GROUP = "File";

    static final String FILE_CONFIG = "file";
    private static final String FILE_DOC = "The absolute path of the file the changes are appended to, one JSON object "
        + "a line. Its folder must exist and be writable by the Connect worker; the file is made when missing. The file "
        + "also holds where each line was read in Kafka, so a restarted task goes on after the last line it wrote.";

    static final String DDL_POLICY_CONFIG = "ddl.policy";
    private static final String DDL_POLICY_DOC = "What a DDL event (create, alter, drop, rename, truncate table) does: "
        + "'apply' writes it as a line (op, table, columns added, dropped, renamed and the columns after it), 'ignore' "
        + "leaves it out, 'fail' stops the task naming the table and the change.";

    static final ConfigDef CONFIG_DEF = new ConfigDef()
        .define(FILE_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, (name, value) -> {
            if (value == null || value.toString().isBlank() || !Path.of(value.toString()).isAbsolute()) {
                throw new ConfigException(name, value, "give the absolute path of the output file, e.g. "
                    + "/var/lib/idaas/changes.jsonl: a relative path would depend on the worker's working folder");
            }
        }, Importance.HIGH, FILE_DOC, GROUP, 1, Width.LONG, "Output file")
        .define(DDL_POLICY_CONFIG, Type.STRING, DdlPolicy.APPLY.configValue(), (name, value) -> {
            try {
                DdlPolicy.of(String.valueOf(value));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(name, value, "use one of " + Arrays.stream(DdlPolicy.values())
                    .map(DdlPolicy::configValue).toList());
            }
        }, Importance.MEDIUM, DDL_POLICY_DOC, GROUP, 2, Width.SHORT, "DDL events");

    JsonLinesSinkConfig(Map<?, ?> props) {
        super(CONFIG_DEF, props);
    }

    Path file() {
        return Path.of(getString(FILE_CONFIG));
    }

    DdlPolicy ddlPolicy() {
        return DdlPolicy.of(getString(DDL_POLICY_CONFIG).toLowerCase(Locale.ROOT));
    }
}
