package io.idaas.connect.mongodb;

import com.mongodb.client.MongoClient;
import io.idaas.connect.sink.DdmlSinkConnector;
import io.idaas.connect.sink.ValidatedKeys;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.bson.Document;

import java.util.Map;

/**
 * The idaas MongoDB sink: applies DDML topics (tables, and views' changelog topics) to MongoDB collections, exactly
 * once in effect (see {@link MongoSinkTask}). Connect's validate endpoint also connects to MongoDB
 * ({@link #checkTarget}: a {@code ping} on the target database); a failure is reported on
 * {@value MongoSinkConfig#CONNECTION_URI}.
 */
public final class MongoSinkConnector extends DdmlSinkConnector {

    /** How long validation waits for MongoDB. */
    static final int VALIDATION_TIMEOUT_MS = 10_000;

    @Override
    protected void checkConfig(Map<String, String> props) {
        new MongoSinkConfig(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return MongoSinkTask.class;
    }

    @Override
    public ConfigDef config() {
        return MongoSinkConfig.CONFIG_DEF;
    }

    /** A ping to MongoDB, when the connection string passed its own checks. */
    @Override
    protected void checkTarget(ValidatedKeys keys) {
        if (!keys.passed(MongoSinkConfig.CONNECTION_URI)) {
            return;
        }
        String text = keys.password(MongoSinkConfig.CONNECTION_URI);
        String database = keys.passed(MongoSinkConfig.DATABASE) ? keys.string(MongoSinkConfig.DATABASE) : "admin";
        try (MongoClient client = MongoConnections.open(text, VALIDATION_TIMEOUT_MS)) {
            client.getDatabase(database).runCommand(new Document("ping", 1));
        } catch (RuntimeException e) {
            String reason = e.getMessage() == null ? e.toString() : e.getMessage();
            keys.addError("Unable to reach MongoDB at " + MongoConnections.redact(text) + " within "
                + VALIDATION_TIMEOUT_MS / 1000 + " s: " + reason + "; check the hosts, port and credentials in "
                + MongoSinkConfig.CONNECTION_URI + ", and that MongoDB is up and reachable from the Connect worker",
                MongoSinkConfig.CONNECTION_URI);
        }
    }
}
