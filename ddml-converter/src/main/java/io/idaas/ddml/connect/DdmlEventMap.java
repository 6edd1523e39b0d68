package io.idaas.ddml.connect;

import io.idaas.ddml.DdmlEvent;

import java.util.AbstractMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The Connect value the ToDdml transform emits: the DDML JSON of an event as an unmodifiable {@code Map} tree (what
 * any schemaless converter, such as JsonConverter with {@code schemas.enable=false}, writes as the DDML JSON), which
 * also carries the event it was made from, so that {@link DdmlConverter} serializes the event directly instead of
 * reading the tree back. The tree is made only when something reads the map (a schemaless converter, a
 * transform), and cannot be changed in place, so the two never disagree; a transform that changes the value makes
 * a new map, which the converter then reads as a plain tree.
 */
public final class DdmlEventMap extends AbstractMap<String, Object> {

    private final DdmlEvent event;
    private final Supplier<Map<String, Object>> treeMaker;
    private Map<String, Object> tree;

    private DdmlEventMap(DdmlEvent event, Supplier<Map<String, Object>> treeMaker) {
        this.event = Objects.requireNonNull(event, "event");
        this.treeMaker = Objects.requireNonNull(treeMaker, "treeMaker");
    }

    /**
     * @param event     the event
     * @param treeMaker makes its DDML JSON as an unmodifiable Map tree (nested maps and lists unmodifiable too),
     *                  called at most once, when the map is first read
     */
    public static DdmlEventMap of(DdmlEvent event, Supplier<Map<String, Object>> treeMaker) {
        return new DdmlEventMap(event, treeMaker);
    }

    private Map<String, Object> tree() {
        if (tree == null) {
            tree = Objects.requireNonNull(treeMaker.get(), "tree");
        }
        return tree;
    }

    /** The event this tree is the JSON of. */
    public DdmlEvent event() {
        return event;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return tree().entrySet();
    }

    @Override
    public Object get(Object key) {
        return tree().get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return tree().containsKey(key);
    }

    @Override
    public int size() {
        return tree().size();
    }
}
