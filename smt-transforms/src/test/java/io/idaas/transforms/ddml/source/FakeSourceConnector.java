package io.idaas.transforms.ddml.source;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.SourceConnector;

/** A delegate connector for tests: one required key, one task. */
public class FakeSourceConnector extends SourceConnector {

    static final ConfigDef CONFIG = new ConfigDef().define("fake.server", ConfigDef.Type.STRING, ConfigDef.Importance.HIGH, "The server.");
    static volatile Map<String, String> started;

    @Override
    public void start(Map<String, String> props) {
        started = props;
    }

    @Override
    public Class<? extends Task> taskClass() {
        return FakeSourceTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        return List.of(Map.of("fake.server", started.get("fake.server"), "fake.task", "0"));
    }

    @Override
    public void stop() {
    }

    @Override
    public ConfigDef config() {
        return CONFIG;
    }

    @Override
    public String version() {
        return "1.0";
    }
}
