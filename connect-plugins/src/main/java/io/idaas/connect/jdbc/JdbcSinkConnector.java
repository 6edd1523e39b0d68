package io.idaas.connect.jdbc;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The idaas JDBC sink: applies DDML topics to a PostgreSQL, MariaDB or MySQL target, idempotently (see
 * {@link JdbcSinkTask}). It only checks the config and hands every task the same one; Connect spreads the
 * topic partitions over the tasks.
 */
public final class JdbcSinkConnector extends SinkConnector {

    static {
        // Before Connect makes the tasks' converters (Connect loads the connector first; with plugin.discovery=service_load
        // at the worker's start): Kafka's JsonConverter parses a record holding a string of over 20,000,000 characters (a
        // 16 MiB binary value is 22,369,624 in base64) only with Jackson's default limit raised.
        io.idaas.ddml.JsonLimits.raiseJvmDefault();
    }

    private Map<String, String> props;

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        new JdbcSinkConfig(props);
        this.props = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return JdbcSinkTask.class;
    }

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

    @Override
    public ConfigDef config() {
        return JdbcSinkConfig.CONFIG_DEF;
    }
}
