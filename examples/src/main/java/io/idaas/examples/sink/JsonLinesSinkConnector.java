package io.idaas.examples.sink;

import io.idaas.connect.sink.DdmlSinkConnector;
import io.idaas.examples.ExampleVersion;
import io.idaas.connect.sink.ValidatedKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;

/**
 * An example sink for a new target (docs/extending.md, part 2): appends every DDML change of the topics it reads to a
 * file, one JSON object a line ({@link JsonLinesSinkTask} says what it promises). The connector only checks the config
 * and hands it to one task: one file has one writer. Connect's validate endpoint also checks the target
 * ({@link #checkTarget}): the file's folder exists and the worker can write there.
 */
public final class JsonLinesSinkConnector extends DdmlSinkConnector {

    @Override
    public String version() {
        return ExampleVersion.get();
    }

    @Override
    protected void checkConfig(Map<String, String> props) {
        new JsonLinesSinkConfig(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return JsonLinesSinkTask.class;
    }

    /** One task whatever {@code tasks.max} says: two tasks appending to one file would interleave their lines. */
    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        return super.taskConfigs(1);
    }

    @Override
    public ConfigDef config() {
        return JsonLinesSinkConfig.CONFIG_DEF;
    }

    /** The target is the file: its folder must exist and be writable, and the file, when it exists, a writable file. */
    @Override
    protected void checkTarget(ValidatedKeys keys) {
        if (!keys.passed(JsonLinesSinkConfig.FILE_CONFIG)) {
            return;
        }
        Path file = Path.of(keys.string(JsonLinesSinkConfig.FILE_CONFIG));
        Path folder = file.getParent();
        String problem = null;
        if (folder == null || !Files.isDirectory(folder)) {
            problem = "the folder " + folder + " does not exist on the Connect worker: create it, or name a file in an "
                + "existing folder";
        } else if (Files.exists(file) && (!Files.isRegularFile(file) || !Files.isWritable(file))) {
            problem = file + " exists but is not a file the worker can write: name another file, or fix its permissions";
        } else if (!Files.exists(file) && !Files.isWritable(folder)) {
            problem = "the worker cannot create files in " + folder + ": grant it write access, or name another folder";
        }
        if (problem != null) {
            keys.addError(problem, JsonLinesSinkConfig.FILE_CONFIG);
        }
    }
}
