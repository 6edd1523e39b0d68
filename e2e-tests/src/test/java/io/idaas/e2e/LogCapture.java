package io.idaas.e2e;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.apache.logging.log4j.core.impl.Log4jContextFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The log lines of one logger, as they are written, in every Log4j logger context of this JVM (Connect's plugin class
 * loaders may each have their own): attach after the plugin has logged once, so that its context exists.
 */
public final class LogCapture implements AutoCloseable {

    private final String logger;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final List<LoggerContext> contexts = new ArrayList<>();
    private final AbstractAppender appender;

    /** Captures the events of {@code logger} (a class name) at {@code WARN} and above. */
    public LogCapture(String logger) {
        this.logger = logger;
        appender = new AbstractAppender("capture-" + UUID.randomUUID(), null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                if (event.getLoggerName().equals(LogCapture.this.logger) && event.getLevel().isMoreSpecificThan(Level.WARN)) {
                    lines.add(event.getLevel() + " " + event.getMessage().getFormattedMessage());
                }
            }
        };
        appender.start();
        if (LogManager.getFactory() instanceof Log4jContextFactory factory) {
            for (LoggerContext context : factory.getSelector().getLoggerContexts()) {
                context.getConfiguration().getRootLogger().addAppender(appender, Level.WARN, null);
                context.updateLoggers();
                contexts.add(context);
            }
        }
    }

    /** The lines captured so far, each {@code LEVEL message}. */
    public List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void close() {
        for (LoggerContext context : contexts) {
            context.getConfiguration().getRootLogger().removeAppender(appender.getName());
            context.updateLoggers();
        }
        appender.stop();
    }
}
