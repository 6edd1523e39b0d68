package io.idaas.stack.connect;

import org.apache.kafka.connect.cli.ConnectDistributed;

/**
 * The entry point of a worker run as its own process ({@link ConnectWorkerProcess}): the worker JVM's metrics endpoint
 * ({@link WorkerMetricsEndpoint}, on the port of the system property {@value #METRICS_PORT}), then Kafka's own
 * {@link ConnectDistributed} with the given arguments (the worker properties file).
 */
public final class ConnectWorkerMain {

    /** The system property naming the port of the worker's {@code /metrics}. */
    static final String METRICS_PORT = "idaas.metrics.port";

    private ConnectWorkerMain() {
    }

    public static void main(String[] args) {
        String port = System.getProperty(METRICS_PORT);
        if (port != null) {
            WorkerMetricsEndpoint.start(Integer.parseInt(port)); // lives as long as the process
        }
        ConnectDistributed.main(args);
    }
}
