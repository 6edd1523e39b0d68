package io.idaas.views.app;

import io.idaas.views.ViewTopology;
import io.idaas.views.changelog.ChangelogTopics;
import io.idaas.views.consistency.Consistency;
import io.idaas.views.consistency.SourceDeclaration;
import io.idaas.views.declaration.ViewDeclaration;
import io.idaas.views.http.ViewHttpServer;
import io.idaas.views.table.OpenStores;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.HostInfo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One instance of the view app: Kafka Streams running the declared views with {@code exactly_once_v2}, and the HTTP
 * API. Instances started with the same application id share the views' partitions; each one's {@code
 * application.server} is its HTTP address, so any instance can find the one holding a key.
 */
public final class ViewApp implements AutoCloseable {

    /**
     * How to start an instance.
     *
     * @param extra        Kafka Streams and client settings, over the app's own
     * @param warmupEvents synthetic changes the app runs through a table view of its own before it is ready
     *                     ({@link StreamsPathWarmup});
     *                     0: none. {@link #DEFAULT_WARMUP_EVENTS} unless given
     */
    public record Settings(String bootstrapServers, String applicationId, String httpHost, int httpPort, Path stateDir,
                           Properties extra, int warmupEvents) {

        /** With the default warm-up. */
        public Settings(String bootstrapServers, String applicationId, String httpHost, int httpPort, Path stateDir, Properties extra) {
            this(bootstrapServers, applicationId, httpHost, httpPort, stateDir, extra, DEFAULT_WARMUP_EVENTS);
        }
    }

    /**
     * The default of {@link Settings#warmupEvents()}: enough calls of a table view's processing for the JIT compiler's
     * top tier (thousands per method). On the shared 2-core machine of {@code benchmarks} {@code ViewBenchmark} they took
     * about 20 s of wall time, alongside the app's checks and Kafka Streams' start.
     */
    public static final int DEFAULT_WARMUP_EVENTS = 20_000;
    /** Reads of its own HTTP API the app makes, once Kafka Streams runs, before it is ready. */
    static final int WARMUP_LOOKUPS = 1_000;
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ViewApp.class);

    private final KafkaStreams streams;
    private final ViewHttpServer http;
    private final ViewService service;
    private final Consistency consistency;

    private final AtomicBoolean stopWarmup;

    private ViewApp(KafkaStreams streams, ViewHttpServer http, ViewService service, Consistency consistency, AtomicBoolean stopWarmup) {
        this.stopWarmup = stopWarmup;
        this.streams = streams;
        this.http = http;
        this.service = service;
        this.consistency = consistency;
    }

    /** Starts an instance without consistency tokens (no sources declared). */
    public static ViewApp start(List<ViewDeclaration> views, Settings settings) {
        return start(views, List.of(), settings);
    }

    /**
     * Checks the views against the cluster ({@link ViewChecks}: topics exist, named columns exist), then starts Kafka
     * Streams and the HTTP API. With {@code httpPort} 0 a free port is taken (see {@link #httpPort()}).
     *
     * @throws io.idaas.views.declaration.ViewDeclarationException naming every problem, before anything starts
     */
    public static ViewApp start(List<ViewDeclaration> views, List<SourceDeclaration> sources, Settings settings) {
        // The warm-up starts at once, on a thread of its own, alongside the checks and Kafka Streams' own start.
        AtomicBoolean stopWarmup = new AtomicBoolean();
        CompletableFuture<ViewWarmup.Done> processing = new CompletableFuture<>();
        daemon("view-warmup", () -> processing.complete(StreamsPathWarmup.run(settings.warmupEvents(), settings.bootstrapServers(),
                StreamsPathWarmup.name(settings.applicationId()), settings.stateDir(), settings.extra(), stopWarmup::get)));
        Consistency consistency = null;
        boolean started = false;
        try {
            ViewChecks.check(views, settings.bootstrapServers(), "the declared views");
            ChangelogTopics.create(views, settings.bootstrapServers(), settings.applicationId());
            // The HTTP server binds first, so that application.server carries the real port.
            InetSocketAddress address = new InetSocketAddress(settings.httpHost(), settings.httpPort());
            ViewService[] holder = new ViewService[1];
            Properties props = new Properties();
            props.put(StreamsConfig.APPLICATION_ID_CONFIG, settings.applicationId());
            props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
            props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
            props.put(StreamsConfig.STATE_DIR_CONFIG, settings.stateDir().toString());
            props.putAll(settings.extra());
            ViewHttpServer http = new ViewHttpServer(() -> holder[0], address);
            HostInfo self = new HostInfo(settings.httpHost(), http.port());
            props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, self.host() + ":" + self.port());
            OpenStores openStores = new OpenStores();
            Topology topology = ViewTopology.build(views, settings.applicationId(), openStores);
            if (!sources.isEmpty()) {
                Map<String, String> stores = new LinkedHashMap<>();
                views.forEach(v -> stores.put(v.name(), ViewTopology.storeName(v.name())));
                consistency = new Consistency(sources, settings.bootstrapServers(), settings.applicationId(),
                        topology.describe(), stores);
            }
            KafkaStreams streams = new KafkaStreams(topology, props);
            ViewService service = new ViewService(streams, self, views, consistency, openStores, settings.applicationId());
            holder[0] = service;
            long startNanos = System.nanoTime();
            streams.start();
            http.start();
            Thread ready = new Thread(() -> warmUp(processing, settings, streams, service, views, startNanos, self.port(), stopWarmup),
                    "view-warmup-ready");
            ready.setDaemon(true);
            ready.start();
            started = true;
            return new ViewApp(streams, http, service, consistency, stopWarmup);
        } catch (SQLException e) {
            throw new IllegalArgumentException("cannot write heartbeats to a declared source (" + e.getMessage() + "); check its "
                    + "jdbc_url, user and password, and that the user may create and write the heartbeat table", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the HTTP API on " + settings.httpHost() + ":" + settings.httpPort()
                    + " (" + e.getMessage() + "); choose a free port with --http-port", e);
        } finally {
            if (!started) {
                stopWarmup.set(true);
            }
        }
    }

    private static void daemon(String name, Runnable work) {
        Thread t = new Thread(work, name);
        t.setDaemon(true);
        t.start();
    }

    /**
     * Waits for the warm-up ({@link StreamsPathWarmup}), which runs while Kafka Streams starts, then, once it runs, makes
     * reads of the HTTP API ({@link ViewWarmup#lookups});
     * then the app is ready ({@code GET /ready}).
     */
    private static void warmUp(CompletableFuture<ViewWarmup.Done> warmup, Settings settings, KafkaStreams streams, ViewService service,
                               List<ViewDeclaration> views, long started, int httpPort, AtomicBoolean stop) {
        ViewWarmup.Done processing = warmup.join();
        try {
            while (streams.state() != KafkaStreams.State.RUNNING) {
                if (!service.healthy() || stop.get()) {
                    return;
                }
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        ViewWarmup.Done lookups = ViewWarmup.lookups(settings.warmupEvents() > 0 ? WARMUP_LOOKUPS : 0, settings.httpHost(),
                httpPort, views.stream().map(ViewDeclaration::name).toList(), stop::get);
        service.warmedUp();
        LOG.info("the view app is ready {} ms after Kafka Streams' start (warm-up: {} synthetic changes through a table view "
                        + "of its own on the cluster in {} ms, {} reads of the HTTP API in {} ms)",
                (System.nanoTime() - started) / 1_000_000, processing.count(), processing.took().toMillis(),
                lookups.count(), lookups.took().toMillis());
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    /**
     * Pauses processing ({@code KafkaStreams.pause()}): the views keep answering from their stores as they are, and
     * fall behind their topics until {@link #resume()}.
     */
    public void pause() {
        streams.pause();
    }

    public void resume() {
        streams.resume();
    }

    public int httpPort() {
        return http.port();
    }

    public ViewService service() {
        return service;
    }

    @Override
    public void close() {
        stopWarmup.set(true);
        http.close();
        streams.close(Duration.ofSeconds(30));
        if (consistency != null) {
            consistency.close();
        }
    }
}
