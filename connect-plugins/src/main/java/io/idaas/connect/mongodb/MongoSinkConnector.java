package io.idaas.connect.mongodb;

import com.mongodb.client.MongoClient;
import io.idaas.connect.sink.Version;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;
import org.bson.Document;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The idaas MongoDB sink: applies DDML topics (tables, and views' changelog topics) to MongoDB collections, exactly
 * once in effect (see {@link MongoSinkTask}). It only checks the config and hands every task the same one; Connect
 * spreads the topic partitions over the tasks. Connect's validate endpoint also connects to MongoDB
 * ({@link #validate(Map)}: a {@code ping} on the target database); a failure is reported on
 * {@value MongoSinkConfig#CONNECTION_URI}.
 */
public final class MongoSinkConnector extends SinkConnector {

    /** How long validation waits for MongoDB. */
    static final int VALIDATION_TIMEOUT_MS = 10_000;

    static {
        // As the other sinks: Kafka's JsonConverter reads a string of over 20,000,000 characters only with Jackson's
        // default limit raised (a 16 MiB binary value is 22,369,624 characters of base64).
        io.idaas.ddml.JsonLimits.raiseJvmDefault();
    }

    private Map<String, String> props;

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        new MongoSinkConfig(props);
        this.props = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return MongoSinkTask.class;
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
        return MongoSinkConfig.CONFIG_DEF;
    }

    /** The keys' own checks, then, when the connection string passed them, a ping to MongoDB. */
    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        Config config = super.validate(connectorConfigs);
        Optional<ConfigValue> uri = value(config, MongoSinkConfig.CONNECTION_URI);
        if (uri.isEmpty() || !uri.get().errorMessages().isEmpty() || uri.get().value() == null) {
            return config;
        }
        Object raw = uri.get().value();
        String text = raw instanceof Password p ? p.value() : String.valueOf(raw);
        String database = value(config, MongoSinkConfig.DATABASE).filter(v -> v.errorMessages().isEmpty())
            .map(v -> (String) v.value()).orElse("admin");
        try (MongoClient client = MongoConnections.open(text, VALIDATION_TIMEOUT_MS)) {
            client.getDatabase(database).runCommand(new Document("ping", 1));
        } catch (RuntimeException e) {
            String reason = e.getMessage() == null ? e.toString() : e.getMessage();
            uri.get().addErrorMessage("Unable to reach MongoDB at " + MongoConnections.redact(text) + " within "
                + VALIDATION_TIMEOUT_MS / 1000 + " s: " + reason + "; check the hosts, port and credentials in "
                + MongoSinkConfig.CONNECTION_URI + ", and that MongoDB is up and reachable from the Connect worker");
        }
        return config;
    }

    private static Optional<ConfigValue> value(Config config, String name) {
        return config.configValues().stream().filter(v -> v.name().equals(name)).findFirst();
    }
}
