package io.idaas.connect.jdbc.sink;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Properties;
import java.util.ServiceLoader;

/**
 * Opens connections to the target with the JDBC driver shipped next to this plugin (DriverManager may not see plugin
 * classes), giving up after a bounded time when the target does not answer.
 */
public final class TargetConnections {

    private TargetConnections() {
    }

    /**
     * A connection to {@code url} as {@code user}.
     *
     * @param timeoutSeconds how long connecting and logging in may take (the drivers' {@code connectTimeout}, and
     *                       PostgreSQL's {@code loginTimeout})
     */
    public static Connection open(String url, String user, String password, int timeoutSeconds) throws SQLException {
        Properties props = new Properties();
        if (user != null) {
            props.setProperty("user", user);
        }
        if (password != null) {
            props.setProperty("password", password);
        }
        String u = url.toLowerCase(Locale.ROOT);
        if (u.startsWith("jdbc:postgresql:")) {
            props.setProperty("connectTimeout", String.valueOf(timeoutSeconds));
            props.setProperty("loginTimeout", String.valueOf(timeoutSeconds));
        } else {
            props.setProperty("connectTimeout", String.valueOf(timeoutSeconds * 1000L));
        }
        for (Driver driver : ServiceLoader.load(Driver.class, TargetConnections.class.getClassLoader())) {
            if (driver.acceptsURL(url)) {
                return driver.connect(url, props);
            }
        }
        return DriverManager.getConnection(url, props);
    }

    /** Whether a failure to connect says the user or password was refused (SQLState class 28). */
    public static boolean isLoginRefused(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getSQLState() != null && s.getSQLState().startsWith("28")) {
                return true;
            }
        }
        return false;
    }
}
