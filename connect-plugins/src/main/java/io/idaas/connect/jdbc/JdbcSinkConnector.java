package io.idaas.connect.jdbc;

import io.idaas.connect.sink.Version;

import io.idaas.connect.jdbc.sink.TargetConnections;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The idaas JDBC sink: applies DDML topics to a PostgreSQL, MariaDB or MySQL target, idempotently (see
 * {@link JdbcSinkTask}). It only checks the config and hands every task the same one; Connect spreads the
 * topic partitions over the tasks. Connect's validate endpoint also connects to the target
 * ({@link #validate(Map)}): a refused login is reported on {@code connection.user} and {@code connection.password},
 * any other failure to connect on {@code connection.url}.
 */
public final class JdbcSinkConnector extends SinkConnector {

    /** How long validation waits for the target. */
    static final int VALIDATION_TIMEOUT_SECONDS = 10;

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

    /**
     * The keys' own checks, then, when the URL passed them, a connection to the target as the configured user, the way
     * Debezium's connectors check theirs: a failure adds an error to the keys that would fix it.
     */
    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        Config config = super.validate(connectorConfigs);
        Optional<ConfigValue> url = value(config, JdbcSinkConfig.CONNECTION_URL);
        if (url.isEmpty() || !url.get().errorMessages().isEmpty() || url.get().value() == null) {
            return config;
        }
        String target = (String) url.get().value();
        String user = value(config, JdbcSinkConfig.CONNECTION_USER).map(v -> (String) v.value()).orElse(null);
        String password = value(config, JdbcSinkConfig.CONNECTION_PASSWORD).map(ConfigValue::value)
            .map(p -> p instanceof Password pw ? pw.value() : String.valueOf(p)).orElse(null);
        try (Connection ignored = TargetConnections.open(target, user, password, VALIDATION_TIMEOUT_SECONDS)) {
            return config;
        } catch (SQLException | RuntimeException e) {
            String reason = e.getMessage() == null ? e.toString() : e.getMessage();
            if (e instanceof SQLException sql && TargetConnections.isLoginRefused(sql)) {
                String message = "Unable to connect to " + target + ": the target refused the login of user '" + user
                    + "' (" + reason + "); check connection.user and connection.password";
                addError(config, JdbcSinkConfig.CONNECTION_USER, message);
                addError(config, JdbcSinkConfig.CONNECTION_PASSWORD, message);
            } else {
                addError(config, JdbcSinkConfig.CONNECTION_URL, "Unable to connect to " + target + " within "
                    + VALIDATION_TIMEOUT_SECONDS + " s: " + reason + "; check the host, port and database of "
                    + "connection.url, and that the target is up and reachable from the Connect worker");
            }
            return config;
        }
    }

    private static Optional<ConfigValue> value(Config config, String name) {
        return config.configValues().stream().filter(v -> v.name().equals(name)).findFirst();
    }

    private static void addError(Config config, String name, String message) {
        value(config, name).ifPresent(v -> v.addErrorMessage(message));
    }
}
