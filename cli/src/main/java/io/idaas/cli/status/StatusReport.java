package io.idaas.cli.status;

import java.time.Instant;
import java.util.List;

/**
 * What {@code idaas status} found: every connector with its tasks, and for sinks their lag and dead letters.
 *
 * @param kafkaProblem why lag and dead letters could not be read (no Kafka known, or it did not answer), else null
 */
public record StatusReport(String connectUrl, Instant time, List<Connector> connectors, String kafkaProblem) {

    /** Exit code when every connector and task is healthy (RUNNING, or PAUSED/STOPPED/UNASSIGNED/RESTARTING: none FAILED). */
    public static final int OK = 0;
    /** Exit code when a connector or a task FAILED. */
    public static final int FAILED = 2;

    /**
     * One connector and what Kafka says of it.
     *
     * @param lag         for a sink whose lag was read, else null
     * @param deadLetters the records in its dead-letter topic, when it has one and Kafka was read, else null
     */
    public record Connector(ConnectorStatus status, SinkLag.Lag lag, Long deadLetters) {
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
