package io.idaas.connect.sink;

import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkTaskContext;

/** What a sink task takes from its context, on workers older than the methods too. */
public final class SinkContexts {

    private SinkContexts() {
    }

    /** The task's plugin metrics (KIP-877), or null on a worker older than Kafka 4.1: counted, not published. */
    public static PluginMetrics pluginMetrics(SinkTaskContext context) {
        try {
            return context == null ? null : context.pluginMetrics();
        } catch (NoSuchMethodError | AbstractMethodError | NoClassDefFoundError | UnsupportedOperationException e) {
            return null;
        }
    }

    /** The dead-letter reporter, or null when there is none (no DLQ configured, or a worker older than Kafka 2.6). */
    public static ErrantRecordReporter reporter(SinkTaskContext context) {
        try {
            return context == null ? null : context.errantRecordReporter();
        } catch (NoSuchMethodError | NoClassDefFoundError e) {
            return null;
        }
    }
}
