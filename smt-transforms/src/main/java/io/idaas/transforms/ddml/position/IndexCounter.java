package io.idaas.transforms.ddml.position;

import io.idaas.ddml.SortablePosition.Phase;
import java.util.HashMap;
import java.util.Map;

/**
 * Assigns the {@code index} of sortable positions that the source does not give (SPEC §3.2): the
 * 0-based ordinal of an event among the consecutive events of one source with the same source part
 * and phase. Snapshot reads all carry the snapshot's position, so their index counts the reads of the
 * snapshot in emission order. State is per instance (one per connector task); not thread-safe.
 */
public final class IndexCounter {

    private record Key(String sourceName, Phase phase) {
    }

    private static final class State {
        private String part;
        private long count;
    }

    private final Map<Key, State> states = new HashMap<>();

    /** The index for the next event of {@code sourceName} at {@code part} and {@code phase}. */
    public long next(String sourceName, Phase phase, String part) {
        State s = states.computeIfAbsent(new Key(sourceName, phase), k -> new State());
        if (part.equals(s.part)) {
            s.count++;
        } else {
            s.part = part;
            s.count = 0;
        }
        return s.count;
    }
}
