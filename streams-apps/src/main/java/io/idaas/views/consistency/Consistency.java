package io.idaas.views.consistency;

import io.idaas.ddml.consistency.ConsistencyToken;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.TopologyDescription;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Read-your-writes for the view app: reads tokens from the declared sources, and waits until a view has applied
 * everything up to a token. Two steps: the source's changes up to the token reach Kafka ({@link TokenFrontier}, moved
 * by heartbeats), then the app applies the input records below the offsets that covered them, through every internal
 * topic, to the view's store ({@link AppliedOffsets}).
 */
public final class Consistency implements AutoCloseable {

    /** Why a wait ended without the view reaching the token. */
    public record Behind(String stage, String message, Map<String, Long> records) {
    }

    private final Map<String, SourceHeartbeat> heartbeats = new HashMap<>();
    private final TokenFrontier frontier;
    private final AppliedOffsets applied;
    private final Admin admin;
    private final Map<String, ViewLineage> lineages = new HashMap<>();

    /**
     * Starts the heartbeats and the frontier. {@code storesByView} maps each view to its store name, to find its
     * lineage in {@code topology}.
     */
    public Consistency(List<SourceDeclaration> sources, String bootstrapServers, String applicationId,
                       TopologyDescription topology, Map<String, String> storesByView) throws SQLException {
        Set<String> inputs = new java.util.HashSet<>();
        storesByView.forEach((view, store) -> {
            ViewLineage lineage = ViewLineage.of(topology, store, applicationId);
            lineages.put(view, lineage);
            inputs.addAll(lineage.inputs());
        });
        List<SourceHeartbeat> started = new ArrayList<>();
        try {
            for (SourceDeclaration s : sources) {
                SourceHeartbeat h = new SourceHeartbeat(s, applicationId);
                h.start();
                started.add(h);
                heartbeats.put(s.name(), h);
            }
        } catch (SQLException e) {
            started.forEach(SourceHeartbeat::close);
            throw e;
        }
        this.frontier = new TokenFrontier(bootstrapServers, started, sources, inputs);
        this.admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers));
        this.applied = new AppliedOffsets(admin, applicationId);
        frontier.start();
    }

    public Set<String> sources() {
        return heartbeats.keySet();
    }

    /** The source's current position. */
    public ConsistencyToken token(String source) throws SQLException {
        SourceHeartbeat h = heartbeats.get(source);
        if (h == null) {
            throw new IllegalArgumentException("there is no source '" + source + "'; "
                    + (heartbeats.isEmpty() ? "declare it under 'sources' in the view file" : "the sources are " + heartbeats.keySet()));
        }
        return h.token();
    }

    /**
     * Waits up to {@code timeout} until {@code view} has applied everything up to {@code token}.
     *
     * @return nothing when it has; else where it is behind
     * @throws IllegalArgumentException when the token's source is not declared
     */
    public Optional<Behind> await(String view, ConsistencyToken token, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Optional<Map<TopicPartition, Long>> ends = frontier.await(token, deadline);
        if (ends.isEmpty()) {
            return Optional.of(new Behind("capture", "the source's changes up to " + token + " have not all reached Kafka yet "
                    + "(newest heartbeat captured: " + frontier.newest(token.source()).orElse("none yet") + "); the source "
                    + "connector is behind or down, or does not capture the heartbeat table", Map.of()));
        }
        Optional<AppliedOffsets.Behind> behind = applied.await(lineages.get(view), ends.get(), deadline);
        return behind.map(b -> new Behind("apply", "view '" + view + "' has not applied " + token + " yet: records still "
                + "to apply at " + b.stage() + " per partition are listed", b.records()));
    }

    /**
     * Per source, the newest position {@code view} is known to have applied: the newest of the last heartbeats whose
     * covering input offsets the view has applied through its whole lineage (absent while none is).
     */
    public Map<String, ConsistencyToken> reflects(String view) throws InterruptedException {
        Map<String, ConsistencyToken> reflected = new java.util.TreeMap<>();
        for (String source : heartbeats.keySet()) {
            for (TokenFrontier.Entry entry : frontier.newestEntries(source, 20)) {
                if (applied.await(lineages.get(view), entry.inputEnds(), System.nanoTime()).isEmpty()) {
                    reflected.put(source, new ConsistencyToken(source, entry.position()));
                    break;
                }
            }
        }
        return reflected;
    }

    @Override
    public void close() {
        frontier.close();
        heartbeats.values().forEach(SourceHeartbeat::close);
        admin.close(Duration.ofSeconds(5));
    }
}
