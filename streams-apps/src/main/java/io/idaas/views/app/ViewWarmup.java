package io.idaas.views.app;

import io.idaas.ddml.Column;
import io.idaas.ddml.DdmlEvent;
import io.idaas.ddml.DdmlJson;
import io.idaas.ddml.DmlChange;
import io.idaas.ddml.Position;
import io.idaas.ddml.Row;
import io.idaas.ddml.SortablePosition;
import io.idaas.ddml.Source;
import io.idaas.ddml.SourceSystem;
import io.idaas.ddml.TableSchema;
import io.idaas.ddml.Timing;
import io.idaas.ddml.types.PortableType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The view app's warm-up, before it says it is ready ({@code GET /ready}). A fresh JVM runs its code interpreted
 * until the JIT compiler has seen it often enough: measured by {@code benchmarks} {@code ViewBenchmark}, a cold view
 * app applied its first changes at 1,000/s seconds late. So the app first runs the code its changes go through on
 * synthetic work, away from the declared views:
 *
 * <ol>
 *   <li>a table view of a synthetic table through the whole path, on the app's cluster ({@link StreamsPathWarmup}),
 *   with the synthetic DDML changes of {@link #event} and {@link #row};</li>
 *   <li>once Kafka Streams runs, reads of the app's own HTTP API over loopback ({@link #lookups}): the first keys of each
 *   view, and a key that does not exist.</li>
 * </ol>
 * Join, merge and aggregate views run other processors, which warm with their first changes. A warm-up that fails
 * is logged and ends; it never stops the app.
 */
final class ViewWarmup {

    private static final Logger LOG = LoggerFactory.getLogger(ViewWarmup.class);
    private static final TableSchema SCHEMA = TableSchema.of(List.of(
            Column.builder("id", PortableType.INT64).nullable(false).build(),
            Column.builder("name", PortableType.parse("string")).build(),
            Column.builder("qty", PortableType.INT32).build(),
            Column.builder("price", PortableType.parse("decimal(12,2)")).build(),
            Column.builder("note", PortableType.parse("string")).build(),
            Column.builder("changed_at", PortableType.INT64).build()), List.of("id"));

    private ViewWarmup() {
    }

    /** What a part of the warm-up did: how many changes or reads, in how long. */
    record Done(int count, Duration took) {
    }

    /**
     * {@code lookups} reads of the app's HTTP API on {@code port}: keys of each view (from its first page of rows), and a
     * key that is not there.
     */
    static Done lookups(int lookups, String host, int port, List<String> views, java.util.function.BooleanSupplier stop) {
        long start = System.nanoTime();
        int done = 0;
        if (lookups <= 0 || views.isEmpty()) {
            return new Done(0, Duration.ZERO);
        }
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        try {
            List<URI> uris = new ArrayList<>();
            for (String view : views) {
                String base = "http://" + host + ":" + port + "/views/" + URLEncoder.encode(view, StandardCharsets.UTF_8);
                HttpResponse<String> page = client.send(HttpRequest.newBuilder(URI.create(base + "/rows?limit=100")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (page.statusCode() == 200) {
                    for (var row : io.idaas.ddml.JsonLimits.mapper().readTree(page.body()).path("rows")) {
                        uris.add(URI.create(base + "/key?_key=" + URLEncoder.encode(row.path("key").asText(), StandardCharsets.UTF_8)));
                    }
                }
                uris.add(URI.create(base + "/key?_key=" + URLEncoder.encode("{\"idaas_warmup\":-1}", StandardCharsets.UTF_8)));
            }
            for (int i = 0; i < lookups && !stop.getAsBoolean(); i++) {
                client.send(HttpRequest.newBuilder(uris.get(i % uris.size())).build(), HttpResponse.BodyHandlers.discarding());
                done++;
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("the warm-up of the views' HTTP API stopped early ({}); the app goes on", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new Done(done, Duration.ofNanos(System.nanoTime() - start));
    }

    static Row row(long id, java.util.Random random) {
        return Row.of("id", id, "name", "item-" + id, "qty", random.nextInt(1000),
                "price", BigDecimal.valueOf(random.nextInt(1_000_000), 2), "note", "note " + Long.toString(random.nextLong() & Long.MAX_VALUE, 36),
                "changed_at", System.currentTimeMillis() * 1000);
    }

    /** A synthetic DDML JSON change event of the warm-up's table. */
    static byte[] event(long i, DmlChange dml) {
        return DdmlJson.write(DdmlEvent.builder()
                .source(Source.of(SourceSystem.MARIADB, "idaas-warmup", "warmup", null, "items"))
                .position(Position.of(SortablePosition.of(SortablePosition.mysql("warmup.000001", i), SortablePosition.Phase.CHANGE, 0), Map.of()))
                .time(Timing.of(i, i, i)).schema(SCHEMA).dml(dml).build());
    }

    static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // a leftover in the state directory's warmup-* folder; harmless
                }
            });
        } catch (IOException e) {
            LOG.debug("cannot delete the warm-up folder {}: {}", dir, e.toString());
        }
    }
}
