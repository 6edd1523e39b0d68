package io.idaas.cli.logging;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configurator;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Handler;
import java.util.logging.LogRecord;

/**
 * The logging of {@code idaas up}: only what a user needs on the console (the stack's own messages, and errors), the
 * rest in a file under the data folder's {@code logs/}. Libraries that log with {@code java.util.logging} (the MySQL
 * binlog client of Debezium's MySQL and MariaDB connectors) are sent to the same place: JUL's console handler is
 * removed and a handler that hands each record to Log4j put in its stead.
 */
public final class IdaasLogging {

    /** The configuration {@link #toFolder} loads, a resource of the CLI. */
    public static final String UP_CONFIGURATION = "idaas-up-log4j2.xml";
    /** The system property that names the log folder in {@link #UP_CONFIGURATION}. */
    public static final String LOG_DIR_PROPERTY = "idaas.log.dir";

    private IdaasLogging() {
    }

    /**
     * Switches to {@link #UP_CONFIGURATION}, writing to {@code logs/idaas-up.log}, and routes {@code java.util.logging}
     * to it.
     *
     * @return the log file
     */
    public static Path toFolder(Path logs) {
        try {
            Files.createDirectories(logs);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot create the log folder " + logs + " (" + e.getMessage()
                    + "); check that the data folder is writable, or pass another --data-dir", e);
        }
        System.setProperty(LOG_DIR_PROPERTY, logs.toAbsolutePath().toString());
        try {
            LoggerContext context = (LoggerContext) LogManager.getContext(false);
            context.setConfigLocation(IdaasLogging.class.getClassLoader().getResource(UP_CONFIGURATION).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException(UP_CONFIGURATION + " is missing from the CLI's jar; rebuild the cli module", e);
        }
        routeJavaUtilLogging();
        return logs.resolve("idaas-up.log");
    }

    /** Removes JUL's root handlers (its console) and puts in one that logs each record through Log4j. */
    public static void routeJavaUtilLogging() {
        java.util.logging.Logger root = java.util.logging.LogManager.getLogManager().getLogger("");
        for (Handler h : root.getHandlers()) {
            root.removeHandler(h);
        }
        root.addHandler(new ToLog4j());
        root.setLevel(java.util.logging.Level.INFO); // FINE and below are not asked of Log4j: they would be dropped there anyway
    }

    /** A JUL handler that logs each record through Log4j, under the same logger name. */
    static final class ToLog4j extends Handler {
        private final java.util.logging.Formatter messages = new java.util.logging.SimpleFormatter();

        @Override
        public void publish(LogRecord record) {
            org.apache.logging.log4j.Logger logger = LogManager.getLogger(record.getLoggerName() == null ? "jul" : record.getLoggerName());
            Level level = level(record.getLevel());
            if (logger.isEnabled(level)) {
                logger.log(level, messages.formatMessage(record), record.getThrown());
            }
        }

        static Level level(java.util.logging.Level jul) {
            int v = jul.intValue();
            return v >= java.util.logging.Level.SEVERE.intValue() ? Level.ERROR
                    : v >= java.util.logging.Level.WARNING.intValue() ? Level.WARN
                    : v >= java.util.logging.Level.INFO.intValue() ? Level.INFO
                    : v >= java.util.logging.Level.FINE.intValue() ? Level.DEBUG : Level.TRACE;
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
