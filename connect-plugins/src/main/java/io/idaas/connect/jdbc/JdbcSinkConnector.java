package io.idaas.connect.jdbc;

import io.idaas.connect.jdbc.sink.TargetConnections;
import io.idaas.connect.sink.DdmlSinkConnector;
import io.idaas.connect.sink.ValidatedKeys;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

/**
 * The idaas JDBC sink: applies DDML topics to a PostgreSQL, MariaDB or MySQL target, idempotently (see
 * {@link JdbcSinkTask}). Connect's validate endpoint also connects to the target ({@link #checkTarget}): a refused
 * login is reported on {@code connection.user} and {@code connection.password}, any other failure to connect on
 * {@code connection.url}.
 */
public final class JdbcSinkConnector extends DdmlSinkConnector {

    /** How long validation waits for the target. */
    static final int VALIDATION_TIMEOUT_SECONDS = 10;

    @Override
    protected void checkConfig(Map<String, String> props) {
        new JdbcSinkConfig(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return JdbcSinkTask.class;
    }

    @Override
    public ConfigDef config() {
        return JdbcSinkConfig.CONFIG_DEF;
    }

    /** A connection to the target as the configured user, when the URL passed its own checks. */
    @Override
    protected void checkTarget(ValidatedKeys keys) {
        if (!keys.passed(JdbcSinkConfig.CONNECTION_URL)) {
            return;
        }
        String target = keys.string(JdbcSinkConfig.CONNECTION_URL);
        String user = keys.string(JdbcSinkConfig.CONNECTION_USER);
        String password = keys.password(JdbcSinkConfig.CONNECTION_PASSWORD);
        try (Connection ignored = TargetConnections.open(target, user, password, VALIDATION_TIMEOUT_SECONDS)) {
            // reachable, and the login accepted
        } catch (SQLException | RuntimeException e) {
            String reason = e.getMessage() == null ? e.toString() : e.getMessage();
            if (e instanceof SQLException sql && TargetConnections.isLoginRefused(sql)) {
                keys.addError("Unable to connect to " + target + ": the target refused the login of user '" + user
                    + "' (" + reason + "); check connection.user and connection.password", JdbcSinkConfig.CONNECTION_USER,
                    JdbcSinkConfig.CONNECTION_PASSWORD);
            } else {
                keys.addError("Unable to connect to " + target + " within " + VALIDATION_TIMEOUT_SECONDS + " s: " + reason
                    + "; check the host, port and database of connection.url, and that the target is up and reachable "
                    + "from the Connect worker", JdbcSinkConfig.CONNECTION_URL);
            }
        }
    }
}
