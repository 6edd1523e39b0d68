package io.idaas.views.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.idaas.views.declaration.ViewDeclaration;
import io.idaas.views.declaration.ViewKind;
import org.apache.kafka.streams.KafkaStreams;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The view app's metrics, served at {@code GET /metrics} in the Prometheus text format: Kafka Streams' own
 * ({@link KafkaStreamsCollector}) and idaas's, per view:
 * <ul>
 *   <li>{@value #FRESHNESS}: seconds from the source commit of the newest change the view applied on this instance
 *   until now; for a join, merge or aggregate view, the newest change of any of its source topics (each is read into a
 *   table of its rows first, {@code mirror-<topic>});</li>
 *   <li>{@value #KEY_LOOKUPS} (histogram: {@code _count}, {@code _sum}, {@code _bucket}) and {@value #KEY_MISSES}: key
 *   lookups answered here and how many found no row;</li>
 *   <li>{@value #ROW_PAGES} and {@value #EMPTY_PAGES}: pages of rows answered here and how many held none;</li>
 *   <li>{@value #TOKEN_WAITS} and {@value #TOKEN_TIMEOUTS}: reads that waited for a consistency token
 *   ({@code at_least}), and how many timed out (answered 504).</li>
 * </ul>
 * The app's own warm-up reads (a few hundred, before {@code /ready}) are counted too.
 */
public final class ViewMetrics {

    public static final String FRESHNESS = "idaas_view_freshness_seconds";
    public static final String KEY_LOOKUPS = "idaas_view_key_lookup_seconds";
    public static final String KEY_MISSES = "idaas_view_key_lookup_misses_total";
    public static final String ROW_PAGES = "idaas_view_row_page_seconds";
    public static final String EMPTY_PAGES = "idaas_view_row_page_empty_total";
    public static final String TOKEN_WAITS = "idaas_view_token_wait_seconds";
    public static final String TOKEN_TIMEOUTS = "idaas_view_token_wait_timeouts_total";
    /** The Content-Type of {@link #scrape()}. */
    public static final String CONTENT_TYPE = PrometheusTextFormatWriter.CONTENT_TYPE;

    private static final double[] READ_SECONDS = {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25,
        0.5, 1, 2.5};
    private static final double[] WAIT_SECONDS = {0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60};

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = new PrometheusTextFormatWriter(false);
    private final Histogram keyLookups;
    private final Counter keyMisses;
    private final Histogram rowPages;
    private final Counter emptyPages;
    private final Histogram tokenWaits;
    private final Counter tokenTimeouts;

    public ViewMetrics(KafkaStreams streams, ViewFreshness freshness, List<ViewDeclaration> views) {
        registry.register(new KafkaStreamsCollector(streams));
        // Where each view's changes are applied first: a table view's own processor; another kind's source topics' tables.
        Map<String, List<String>> inputs = new LinkedHashMap<>();
        for (ViewDeclaration v : views) {
            inputs.put(v.name(), v.kind() == ViewKind.TABLE ? List.of(v.name())
                : v.topics().stream().map(t -> "mirror-" + t).toList());
        }
        GaugeWithCallback.builder().name(FRESHNESS).help("Seconds from the source commit of the newest change the view "
                + "applied on this instance until now.").labelNames("view")
            .callback(cb -> {
                long now = System.currentTimeMillis();
                inputs.forEach((view, applied) -> applied.stream().mapToDouble(a -> freshness.ageSeconds(a, now))
                    .filter(age -> !Double.isNaN(age)).min().ifPresent(age -> cb.call(age, view)));
            }).register(registry);
        keyLookups = Histogram.builder().name(KEY_LOOKUPS).help("Key lookups answered by this instance, and how long they took.")
            .labelNames("view").classicOnly().classicUpperBounds(READ_SECONDS).register(registry);
        keyMisses = Counter.builder().name(KEY_MISSES).help("Key lookups that found no row.").labelNames("view").register(registry);
        rowPages = Histogram.builder().name(ROW_PAGES).help("Pages of rows answered by this instance, and how long they took.")
            .labelNames("view").classicOnly().classicUpperBounds(READ_SECONDS).register(registry);
        emptyPages = Counter.builder().name(EMPTY_PAGES).help("Pages of rows that held no row.").labelNames("view").register(registry);
        tokenWaits = Histogram.builder().name(TOKEN_WAITS).help("Reads that waited for a consistency token (at_least), and how "
                + "long they waited.").labelNames("view").classicOnly().classicUpperBounds(WAIT_SECONDS).register(registry);
        tokenTimeouts = Counter.builder().name(TOKEN_TIMEOUTS).help("Waits for a consistency token that timed out (answered 504).")
            .labelNames("view").register(registry);
    }

    public void keyLookup(String view, long nanos, boolean found) {
        keyLookups.labelValues(view).observe(nanos / 1e9);
        if (!found) {
            keyMisses.labelValues(view).inc();
        }
    }

    public void rowPage(String view, long nanos, int rows) {
        rowPages.labelValues(view).observe(nanos / 1e9);
        if (rows == 0) {
            emptyPages.labelValues(view).inc();
        }
    }

    public void tokenWait(String view, long nanos, boolean timedOut) {
        tokenWaits.labelValues(view).observe(nanos / 1e9);
        if (timedOut) {
            tokenTimeouts.labelValues(view).inc();
        }
    }

    /** Every metric now, in the Prometheus text format (version 0.0.4). */
    public byte[] scrape() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            writer.write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
