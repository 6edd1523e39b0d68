package io.idaas.views.consistency;

import org.apache.kafka.streams.TopologyDescription;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The topics a view's store is built from, read from the topology: its input topics (DDML topics) and the internal
 * topics (repartition, foreign-key subscription and response topics) between them and the store. A view has applied
 * its inputs up to some offsets once the app's committed offsets pass them, and then, one stage after the other, the
 * internal topics' ends as they stand after the previous stage; {@link #stages()} is an upper bound of the number of
 * internal hops on any path to the store.
 *
 * @param inputs   the view's input topics
 * @param internal the internal topics, as Kafka names them ({@code <application.id>-<name>})
 */
public record ViewLineage(Set<String> inputs, Set<String> internal) {

    /** The lineage of the subtopology holding {@code store}, in a topology whose internal topics Kafka prefixes with {@code applicationId}. */
    public static ViewLineage of(TopologyDescription topology, String store, String applicationId) {
        List<TopologyDescription.Subtopology> subtopologies = List.copyOf(topology.subtopologies());
        Set<String> sinkTopics = new HashSet<>();
        for (TopologyDescription.Subtopology s : subtopologies) {
            for (TopologyDescription.Node node : s.nodes()) {
                if (node instanceof TopologyDescription.Sink sink && sink.topic() != null) {
                    sinkTopics.add(sink.topic());
                }
            }
        }
        Set<String> inputs = new TreeSet<>();
        Set<String> internal = new TreeSet<>();
        Deque<TopologyDescription.Subtopology> todo = new ArrayDeque<>();
        Set<Integer> seen = new HashSet<>();
        subtopologies.stream().filter(s -> holds(s, store)).forEach(todo::add);
        if (todo.isEmpty()) {
            throw new IllegalArgumentException("no subtopology holds store " + store);
        }
        while (!todo.isEmpty()) {
            TopologyDescription.Subtopology s = todo.poll();
            if (!seen.add(s.id())) {
                continue;
            }
            for (String topic : sourceTopics(s)) {
                if (!sinkTopics.contains(topic)) {
                    inputs.add(topic);
                    continue;
                }
                internal.add(applicationId + "-" + topic);
                for (TopologyDescription.Subtopology producer : subtopologies) {
                    if (sinks(producer).contains(topic)) {
                        todo.add(producer);
                    }
                }
            }
        }
        return new ViewLineage(Set.copyOf(inputs), Set.copyOf(internal));
    }

    /** How many stages of internal topics to wait for after the inputs: at most one per internal topic. */
    public int stages() {
        return internal.size();
    }

    private static boolean holds(TopologyDescription.Subtopology s, String store) {
        return s.nodes().stream().anyMatch(n -> n instanceof TopologyDescription.Processor p && p.stores().contains(store));
    }

    private static Set<String> sourceTopics(TopologyDescription.Subtopology s) {
        Set<String> topics = new HashSet<>();
        for (TopologyDescription.Node node : s.nodes()) {
            if (node instanceof TopologyDescription.Source source && source.topicSet() != null) {
                topics.addAll(source.topicSet());
            }
        }
        return topics;
    }

    private static Set<String> sinks(TopologyDescription.Subtopology s) {
        Set<String> topics = new HashSet<>();
        for (TopologyDescription.Node node : s.nodes()) {
            if (node instanceof TopologyDescription.Sink sink && sink.topic() != null) {
                topics.add(sink.topic());
            }
        }
        return topics;
    }
}
