package io.idaas.stack.connect;

import io.idaas.stack.StackStartException;
import io.prometheus.jmx.JmxCollector;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;

/**
 * The worker JVM's metrics in the Prometheus text format on {@code http://127.0.0.1:<port>/metrics}: every MBean of the
 * JVM (the worker's own, the tasks' plugin metrics {@code kafka.connect:type=plugins}, Debezium's) through the JMX
 * exporter's collector, the library of the javaagent that the compose stack runs, with the same rules:
 * {@code docker-compose/jmx-exporter.yml}, copied into this jar by the build as {@value #RULES}.
 */
public final class WorkerMetricsEndpoint implements AutoCloseable {

    /** The JMX exporter's rules, on the classpath. */
    static final String RULES = "jmx-exporter.yml";

    private final HTTPServer server;

    private WorkerMetricsEndpoint(HTTPServer server) {
        this.server = server;
    }

    /**
     * Serves the JVM's MBeans on {@code port} of the loopback interface.
     *
     * @throws StackStartException when the rules cannot be read or the port cannot be bound
     */
    public static WorkerMetricsEndpoint start(int port) {
        PrometheusRegistry registry = new PrometheusRegistry();
        try (InputStream rules = WorkerMetricsEndpoint.class.getResourceAsStream(RULES)) {
            if (rules == null) {
                throw new StackStartException("connect", "the JMX exporter's rules " + RULES + " are not on the classpath",
                    "build local-stack with Maven: it copies docker-compose/jmx-exporter.yml into the jar");
            }
            new JmxCollector(rules).register(registry);
        } catch (IOException | javax.management.MalformedObjectNameException | RuntimeException e) {
            if (e instanceof StackStartException s) {
                throw s;
            }
            throw new StackStartException("connect", "the JMX exporter's rules " + RULES + " are not valid: " + e.getMessage(),
                "fix docker-compose/jmx-exporter.yml (the exporter's rules format) and build again", e);
        }
        try {
            return new WorkerMetricsEndpoint(HTTPServer.builder().inetAddress(InetAddress.getLoopbackAddress()).port(port)
                .registry(registry).buildAndStart());
        } catch (IOException e) {
            throw new StackStartException("connect", "cannot serve the worker's metrics on port " + port + ": " + e.getMessage(),
                "free the port, or let the stack choose one", e);
        }
    }

    /** {@code http://127.0.0.1:<port>/metrics}. */
    public String url() {
        return "http://127.0.0.1:" + server.getPort() + "/metrics";
    }

    @Override
    public void close() {
        server.close();
    }
}
