package io.idaas.cli;

import io.idaas.cli.connect.ConnectAnswerException;
import io.idaas.cli.connect.ConnectRestClient;
import io.idaas.cli.connect.ConnectUnreachableException;
import io.idaas.cli.status.ConnectorStatus;
import io.idaas.cli.status.JsonRenderer;
import io.idaas.cli.status.SinkLag;
import io.idaas.cli.status.SnapshotMetrics;
import io.idaas.cli.status.SnapshotProgress;
import io.idaas.cli.status.SourceRowEstimates;
import io.idaas.cli.status.StatusReport;
import io.idaas.cli.status.TableRenderer;
import io.idaas.cli.status.ViewLag;
import io.idaas.stack.StackEndpointsFile;
import io.idaas.stack.metrics.PrometheusText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;

/** {@code idaas status}: every connector and task, the lag of each sink, its dead letters, snapshot progress, views' lag. */
@Command(name = "status",
        header = "Shows every connector and task: states, failures and their fixes, snapshot progress, lag, dead letters.", mixinStandardHelpOptions = true,
        description = {"Shows every connector and task of a Kafka Connect cluster (type, state, worker; the trace and, when known,",
                "the fix of a failure), each sink's lag in records and seconds, the records in its dead-letter topic, and each",
                "Debezium source's snapshot progress (from the worker's Prometheus endpoint, --metrics), and with --views the lag",
                "and freshness of a view app's views.",
                "Exit code 0 when nothing FAILED, 2 when a connector or task FAILED, 1 when Kafka Connect does not answer."})
class StatusCommand implements Callable<Integer> {

    static final String DEFAULT_CONNECT_URL = "http://localhost:8083";
    static final String CLEAR_SCREEN = "\033[H\033[2J";
    /** How long one call of Connect's REST API may take: a look, not a wait. */
    private static final Duration CONNECT_CALL_TIMEOUT = Duration.ofSeconds(10);

    @Spec
    CommandSpec spec;

    @Mixin
    KafkaOptions kafka;

    @Option(names = {"--connect-url", "--connect"}, paramLabel = "URL",
            description = "The Kafka Connect REST API (default: $IDAAS_CONNECT_URL, else the local stack running on --data-dir, else "
                    + DEFAULT_CONNECT_URL + ").")
    String connectUrl;

    @Option(names = "--metrics", paramLabel = "URL",
            description = "The Connect worker's Prometheus endpoint (the JMX exporter's), for snapshot progress (default: the local "
                    + "stack running on --data-dir, else none).")
    String metricsUrl;

    @Option(names = "--views", paramLabel = "URL",
            description = "A view app's HTTP API (e.g. http://localhost:8090): each view's lag in records and its freshness.")
    String viewsUrl;

    @Option(names = "--json", description = "One JSON document instead of the table (its shape: README, \"idaas status\").")
    boolean json;

    Integer watchSeconds;

    @Option(names = "--watch", paramLabel = "SECONDS", arity = "0..1", fallbackValue = "2",
            description = "Show the status again every SECONDS (default 2), clearing the screen, until Ctrl-C.")
    void watch(int seconds) {
        if (seconds < 1) {
            throw new ParameterException(spec.commandLine(), "--watch is " + seconds + "; give the seconds between two looks, 1 or more");
        }
        watchSeconds = seconds;
    }

    /** How many times --watch looks before returning; only tests lower it. */
    long watchRounds = Long.MAX_VALUE;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        if (watchSeconds == null) {
            StatusReport report = collect();
            render(report, out);
            return report.exitCode();
        }
        int code = StatusReport.OK;
        for (long round = 0; round < watchRounds; round++) {
            if (round > 0) {
                Thread.sleep(watchSeconds * 1000L);
            }
            out.print(CLEAR_SCREEN);
            try {
                StatusReport report = collect();
                if (!json) {
                    out.println("Every " + watchSeconds + " s, Ctrl-C to stop; " + report.time());
                }
                render(report, out);
                code = report.exitCode();
            } catch (ConnectUnreachableException | ConnectAnswerException e) {
                out.println("idaas: " + e.getMessage());
                out.flush();
                code = 1;
            }
        }
        return code;
    }

    private void render(StatusReport report, PrintWriter out) {
        if (json) {
            JsonRenderer.render(report, out);
        } else {
            TableRenderer.render(report, out, System.console() != null);
        }
    }

    /** The Connect URL: --connect-url, else $IDAAS_CONNECT_URL, else the local stack's, else {@value #DEFAULT_CONNECT_URL}. */
    String connectUrl() {
        return connectUrl(connectUrl, kafka.dataDir);
    }

    /** The Connect URL: {@code option}, else $IDAAS_CONNECT_URL, else the local stack's on {@code dataDir}, else {@value #DEFAULT_CONNECT_URL}. */
    static String connectUrl(String option, java.nio.file.Path dataDir) {
        if (option != null && !option.isBlank()) {
            return option;
        }
        String env = System.getenv("IDAAS_CONNECT_URL");
        if (env != null && !env.isBlank()) {
            return env;
        }
        return StackEndpointsFile.read(dataDir).map(p -> p.getProperty(StackEndpointsFile.CONNECT_REST))
                .filter(url -> !url.isBlank()).orElse(DEFAULT_CONNECT_URL);
    }

    /** Whether the report shows this connector: every one here; {@code idaas pipeline status} shows its pipeline's only. */
    boolean selects(String connector) {
        return true;
    }

    StatusReport collect() throws InterruptedException {
        ConnectRestClient connect = new ConnectRestClient(connectUrl(), CONNECT_CALL_TIMEOUT);
        List<ConnectorStatus> connectors = connect.connectorStatuses().stream().filter(c -> selects(c.name())).toList();
        List<StatusReport.Connector> found = new ArrayList<>();
        String problem = null;
        boolean kafkaNeeded = connectors.stream().anyMatch(c -> c.isSink() || c.deadLetterTopic().isPresent());
        String servers = null;
        if (kafkaNeeded) {
            try {
                servers = kafka.reachableBootstrapServers();
            } catch (KafkaUnreachableException | IllegalArgumentException e) {
                problem = e.getMessage();
            }
        }
        if (servers == null) {
            connectors.forEach(c -> found.add(new StatusReport.Connector(c, null, null)));
            return withViews(withSnapshots(new StatusReport(connect.url(), java.time.Instant.now(), found, problem)), null);
        }
        try (SinkLag kafkaOffsets = new SinkLag(servers, Clock.systemUTC())) {
            for (ConnectorStatus c : connectors) {
                SinkLag.Lag lag = null;
                Long dead = null;
                try {
                    if (c.isSink()) {
                        lag = kafkaOffsets.lag(c.consumerGroup(), kafkaOffsets.topicsOf(c, connect.activeTopics(c.name())));
                    }
                    if (c.deadLetterTopic().isPresent()) {
                        dead = kafkaOffsets.endOffsetSum(c.deadLetterTopic().get());
                    }
                } catch (ExecutionException e) {
                    problem = "Kafka at " + servers + " refused to tell the offsets of " + c.name() + ": " + e.getCause().getMessage();
                }
                found.add(new StatusReport.Connector(c, lag, dead));
            }
        }
        return withViews(withSnapshots(new StatusReport(connect.url(), java.time.Instant.now(), found, problem)), servers);
    }

    /** Adds the lag of the view app's views, when --views names one. */
    private StatusReport withViews(StatusReport report, String servers) throws InterruptedException {
        if (viewsUrl == null || viewsUrl.isBlank()) {
            return report;
        }
        String bootstrap = servers;
        if (bootstrap == null) {
            try {
                bootstrap = kafka.reachableBootstrapServers();
            } catch (KafkaUnreachableException | IllegalArgumentException e) {
                bootstrap = null;
            }
        }
        if (bootstrap == null) {
            return report.withViews(ViewLag.read(viewsUrl, null));
        }
        try (SinkLag offsets = new SinkLag(bootstrap, Clock.systemUTC())) {
            return report.withViews(ViewLag.read(viewsUrl, offsets));
        }
    }

    /** The worker's Prometheus endpoint: --metrics, else the local stack's; null when none is known. */
    String metricsUrl() {
        if (metricsUrl != null && !metricsUrl.isBlank()) {
            return metricsUrl;
        }
        return StackEndpointsFile.read(kafka.dataDir).map(p -> p.getProperty(StackEndpointsFile.CONNECT_METRICS))
                .filter(url -> !url.isBlank()).orElse(null);
    }

    /** Adds each Debezium source's snapshot progress, read from the worker's Prometheus endpoint. */
    private StatusReport withSnapshots(StatusReport report) {
        if (report.connectors().stream().noneMatch(c -> !c.status().isSink() && c.status().config().containsKey("topic.prefix"))) {
            return report;
        }
        String url = metricsUrl();
        if (url == null) {
            return new StatusReport(report.connectUrl(), report.time(), report.connectors(), report.kafkaProblem(), null,
                    "snapshot progress needs the Connect worker's Prometheus endpoint: give --metrics URL");
        }
        PrometheusText.Scrape scrape;
        try {
            scrape = PrometheusText.scrape(URI.create(url), Duration.ofSeconds(10));
        } catch (IOException | IllegalArgumentException e) {
            return new StatusReport(report.connectUrl(), report.time(), report.connectors(), report.kafkaProblem(), url,
                    "snapshot progress not read from " + url + ": " + e.getMessage());
        }
        List<StatusReport.Connector> connectors = new ArrayList<>();
        for (StatusReport.Connector c : report.connectors()) {
            String server = c.status().config().get("topic.prefix");
            SnapshotProgress snapshot = c.status().isSink() || server == null ? null
                    : SnapshotMetrics.read(scrape, server, tables -> SourceRowEstimates.of(c.status().config(), tables)).orElse(null);
            connectors.add(new StatusReport.Connector(c.status(), c.lag(), c.deadLetters(), snapshot));
        }
        return new StatusReport(report.connectUrl(), report.time(), connectors, report.kafkaProblem(), url, null);
    }
}
