package io.idaas.ddml.connect;

import io.idaas.ddml.DdmlEvent;

import java.util.AbstractMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The Connect value the ToDdml transform emits: the DDML JSON of an event as an unmodifiable {@code Map} tree (what
 * any schemaless converter, such as JsonConverter with {@code schemas.enable=false}, writes as the DDML JSON), which
 * also carries the event it was made from, so that {@link DdmlConverter} serializes the event directly instead of
 * reading the tree back. The tree cannot be changed in place, so the two never disagree; a transform that changes
 * the value makes a new map, which the converter then reads as a plain tree.
 */
public final class DdmlEventMap extends AbstractMap<String, Object> {

    private final DdmlEvent event;
    private final Map<String, Object> tree;

    private DdmlEventMap(DdmlEvent event, Map<String, Object> tree) {
        this.event = Objects.requireNonNull(event, "event");
        this.tree = Objects.requireNonNull(tree, "tree");
    }

    /**
     * @param event the event
     * @param tree  its DDML JSON as an unmodifiable Map tree (nested maps and lists unmodifiable too)
     */
    public static DdmlEventMap of(DdmlEvent event, Map<String, Object> tree) {
        return new DdmlEventMap(event, tree);
    }

    /** The event this tree is the JSON of. */
    public DdmlEvent event() {
        return event;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return tree.entrySet();
    }

    @Override
    public Object get(Object key) {
        return tree.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return tree.containsKey(key);
    }

    @Override
    public int size() {
        return tree.size();
    }
}
