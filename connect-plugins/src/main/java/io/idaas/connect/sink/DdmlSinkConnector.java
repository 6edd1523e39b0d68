package io.idaas.connect.sink;

import org.apache.kafka.common.config.Config;
import org.apache.kafka.connect.sink.SinkConnector;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What every idaas sink connector does the same way: it checks the config at start and hands every task the same
 * one (Connect spreads the topic partitions over the tasks), and Connect's validate endpoint runs the keys' own checks
 * and then, when the keys that name the target passed them, connects to the target ({@link #checkTarget}), adding an
 * error to the keys that would fix a failure, the way Debezium's connectors check theirs.
 */
public abstract class DdmlSinkConnector extends SinkConnector {

    static {
        // Before Connect makes the tasks' converters (Connect loads the connector first; with
        // plugin.discovery=service_load at the worker's start): Kafka's JsonConverter parses a record holding a string of
        // over 20,000,000 characters (a 16 MiB binary value is 22,369,624 in base64) only with Jackson's default limit
        // raised.
        io.idaas.ddml.JsonLimits.raiseJvmDefault();
    }

    private Map<String, String> props;

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public final void start(Map<String, String> props) {
        checkConfig(props);
        this.props = Map.copyOf(props);
    }

    /**
     * Parses the config as the tasks will.
     *
     * @throws org.apache.kafka.common.config.ConfigException naming the key and the fix
     */
    protected abstract void checkConfig(Map<String, String> props);

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        List<Map<String, String>> configs = new ArrayList<>(maxTasks);
        for (int i = 0; i < maxTasks; i++) {
            configs.add(props);
        }
        return configs;
    }

    @Override
    public void stop() {
    }

    /** The keys' own checks, then {@link #checkTarget}. */
    @Override
    public final Config validate(Map<String, String> connectorConfigs) {
        Config config = super.validate(connectorConfigs);
        checkTarget(new ValidatedKeys(config));
        return config;
    }

    /**
     * Connects to the target with the validated keys when the keys naming it passed their own checks
     * ({@link ValidatedKeys#passed}), and adds an error naming the problem and the fix to the keys that would fix it.
     */
    protected abstract void checkTarget(ValidatedKeys keys);
}
