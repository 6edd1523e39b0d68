package io.idaas.cli.status;

import java.time.Instant;
import java.util.List;

/**
 * What {@code idaas status} found: every connector with its tasks, for sinks their lag and dead letters, and for
 * Debezium sources their snapshot's progress.
 *
 * @param kafkaProblem   why lag and dead letters could not be read (no Kafka known, or it did not answer), else null
 * @param metricsUrl     the worker's Prometheus endpoint that snapshot progress was read from, null when none is known
 * @param metricsProblem why snapshot progress could not be read (no endpoint known, or it did not answer), else null
 * @param views          the lag of a view app's views ({@code --views}), else null
 */
public record StatusReport(String connectUrl, Instant time, List<Connector> connectors, String kafkaProblem, String metricsUrl,
                           String metricsProblem, ViewLag.Report views) {

    public StatusReport(String connectUrl, Instant time, List<Connector> connectors, String kafkaProblem) {
        this(connectUrl, time, connectors, kafkaProblem, null, null, null);
    }

    public StatusReport(String connectUrl, Instant time, List<Connector> connectors, String kafkaProblem, String metricsUrl,
                        String metricsProblem) {
        this(connectUrl, time, connectors, kafkaProblem, metricsUrl, metricsProblem, null);
    }

    /** This report with the views' lag. */
    public StatusReport withViews(ViewLag.Report views) {
        return new StatusReport(connectUrl, time, connectors, kafkaProblem, metricsUrl, metricsProblem, views);
    }

    /** Exit code when every connector and task is healthy (RUNNING, or PAUSED/STOPPED/UNASSIGNED/RESTARTING: none FAILED). */
    public static final int OK = 0;
    /** Exit code when a connector or a task FAILED. */
    public static final int FAILED = 2;

    /**
     * One connector and what Kafka says of it.
     *
     * @param lag         for a sink whose lag was read, else null
     * @param deadLetters the records in its dead-letter topic, when it has one and Kafka was read, else null
     * @param snapshot    a source's snapshot, when the worker's metrics publish one, else null
     */
    public record Connector(ConnectorStatus status, SinkLag.Lag lag, Long deadLetters, SnapshotProgress snapshot) {

        public Connector(ConnectorStatus status, SinkLag.Lag lag, Long deadLetters) {
            this(status, lag, deadLetters, null);
        }
    }

    public boolean anyFailed() {
        return connectors.stream().anyMatch(c -> c.status().failed());
    }

    public int exitCode() {
        return anyFailed() ? FAILED : OK;
    }

    /** How many trace lines are shown per failure (plus the root cause, see {@link KnownFixes#head}). */
    public static final int TRACE_LINES = 3;
}
