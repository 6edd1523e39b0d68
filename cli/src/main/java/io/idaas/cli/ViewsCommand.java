package io.idaas.cli;

import io.idaas.views.app.ViewApp;
import io.idaas.views.consistency.SourceDeclaration;
import io.idaas.views.consistency.SourceDeclarations;
import io.idaas.views.declaration.ViewDeclaration;
import io.idaas.views.declaration.ViewDeclarations;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code idaas views}: runs one instance of the view app over the declared views, until Ctrl-C. */
@Command(name = "views",
        header = "Runs the view app: materialized views from DDML topics, served over HTTP.",
        description = {"Runs the view app: Kafka Streams builds the views declared in FILE (JSON or YAML) from DDML topics,",
                "and serves them over HTTP (GET /views, /views/NAME, /views/NAME/key?COLUMN=VALUE, /views/NAME/rows, /token).",
                "Instances started with the same --application-id share the views' partitions. Runs until Ctrl-C."},
        mixinStandardHelpOptions = true)
final class ViewsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--file", required = true, paramLabel = "FILE", description = "The view declarations (see streams-apps/README.md).")
    Path file;

    @Option(names = "--application-id", defaultValue = "idaas-views", paramLabel = "ID",
            description = "The Kafka Streams application id; instances with the same one share the work (default: ${DEFAULT-VALUE}).")
    String applicationId;

    @Option(names = "--http-host", defaultValue = "127.0.0.1", paramLabel = "HOST",
            description = "The address of the HTTP API, as the other instances reach it (default: ${DEFAULT-VALUE}).")
    String httpHost;

    @Option(names = "--http-port", defaultValue = "8090", paramLabel = "PORT",
            description = "The port of the HTTP API; 0 takes a free one (default: ${DEFAULT-VALUE}).")
    int httpPort;

    @Option(names = "--state-dir", defaultValue = ".idaas/views", paramLabel = "DIR",
            description = "Where the state stores live (default: ${DEFAULT-VALUE}); give each instance on one machine its own.")
    Path stateDir;

    @Option(names = "--streams-config", paramLabel = "KEY=VALUE",
            description = "A Kafka Streams or client setting for the app (repeatable), e.g. --streams-config commit.interval.ms=50; "
                    + "it overrides the app's own (streams-apps/README.md lists them).")
    java.util.Map<String, String> streamsConfig = new java.util.LinkedHashMap<>();

    @Option(names = "--warmup-events", defaultValue = "" + ViewApp.DEFAULT_WARMUP_EVENTS, paramLabel = "N",
            description = "Synthetic changes the app runs through a table view (away from Kafka) before GET /ready says ready, "
                    + "so that its first real changes run compiled; 0 for none (default: ${DEFAULT-VALUE}).")
    int warmupEvents;

    @Override
    public Integer call() throws Exception {
        List<ViewDeclaration> views;
        List<SourceDeclaration> sources;
        try {
            views = ViewDeclarations.read(file);
            sources = SourceDeclarations.read(file);
        } catch (io.idaas.views.declaration.ViewDeclarationException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        Properties extra = new Properties();
        extra.put("auto.offset.reset", "earliest"); // a new view is built from the start of its topics
        extra.putAll(streamsConfig);
        ViewApp app;
        try {
            app = ViewApp.start(views, sources, new ViewApp.Settings(kafka.bootstrapServers(), applicationId, httpHost, httpPort,
                    stateDir, extra, warmupEvents));
        } catch (io.idaas.views.declaration.ViewDeclarationException e) {
            throw new IllegalArgumentException(e.getMessage().replace("the declared views", file.toString()), e);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf("idaas views: %d view(s) from %s, HTTP API on http://%s:%d/views (application id %s; GET /ready once it is "
                        + "ready, /health). Press Ctrl-C to stop.%n", views.size(), file, httpHost, app.httpPort(), applicationId);
        if (!sources.isEmpty()) {
            out.printf("Consistency tokens for %s: GET http://%s:%d/token?source=NAME, then read with at_least=TOKEN.%n",
                    sources.stream().map(SourceDeclaration::name).toList(), httpHost, app.httpPort());
        }
        out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            stopped.countDown();
        }, "idaas-views-shutdown"));
        stopped.await();
        return 0;
    }
}
