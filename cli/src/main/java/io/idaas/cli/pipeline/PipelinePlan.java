package io.idaas.cli.pipeline;

import io.idaas.cli.connect.ConnectRestClient;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * What applying a pipeline would do to a Connect cluster: the connectors to create, to change (key by key, against
 * {@code GET /connectors/{name}/config}), to leave as they are, and to delete (connectors named after the pipeline,
 * {@code <name>-source} or {@code <name>-to-*}, that the file no longer declares).
 */
public record PipelinePlan(List<Step> steps) {

    /** What happens to one connector. */
    public enum Action { CREATE, CHANGE, UNCHANGED, DELETE }

    /** A key whose value changes: {@code before} null for an added key, {@code after} null for a removed one. */
    public record KeyChange(String key, String before, String after) {
    }

    /** One connector's step; {@code spec} is null for a delete. */
    public record Step(String connector, Action action, ConnectorSpec spec, List<KeyChange> changes) {
    }

    /** Compares the pipeline's connectors with what {@code connect} runs. */
    public static PipelinePlan of(Pipeline pipeline, List<ConnectorSpec> specs, ConnectRestClient connect) {
        List<Step> steps = new ArrayList<>();
        List<String> declared = new ArrayList<>();
        for (ConnectorSpec spec : specs) {
            declared.add(spec.name());
            steps.add(connect.config(spec.name())
                    .map(current -> {
                        List<KeyChange> diff = diff(current, spec.config());
                        return new Step(spec.name(), diff.isEmpty() ? Action.UNCHANGED : Action.CHANGE, spec, diff);
                    })
                    .orElseGet(() -> new Step(spec.name(), Action.CREATE, spec, List.of())));
        }
        // Sinks are deleted before the source.
        List<String> gone = new ArrayList<>(connect.connectorNames().stream().filter(pipeline::owns).filter(n -> !declared.contains(n)).sorted().toList());
        gone.sort((a, b) -> Boolean.compare(a.equals(pipeline.sourceConnector()), b.equals(pipeline.sourceConnector())));
        gone.forEach(n -> steps.add(new Step(n, Action.DELETE, null, List.of())));
        return new PipelinePlan(steps);
    }

    /** The keys that differ between what runs and what the file declares, sorted. */
    static List<KeyChange> diff(Map<String, String> current, Map<String, String> wanted) {
        TreeSet<String> keys = new TreeSet<>(current.keySet());
        keys.addAll(wanted.keySet());
        List<KeyChange> changes = new ArrayList<>();
        for (String k : keys) {
            if (!Objects.equals(current.get(k), wanted.get(k))) {
                changes.add(new KeyChange(k, current.get(k), wanted.get(k)));
            }
        }
        return changes;
    }

    public boolean changesNothing() {
        return steps.stream().allMatch(s -> s.action() == Action.UNCHANGED);
    }

    public List<Step> of(Action action) {
        return steps.stream().filter(s -> s.action() == action).toList();
    }

    /** The plan in words: one line per connector, and for a change one line per key. */
    public void print(PrintWriter out, boolean showCreatedConfig) {
        for (Step s : steps) {
            switch (s.action()) {
                case CREATE -> {
                    out.println("+ create " + s.connector() + " (" + s.spec().connectorClass() + ")");
                    if (showCreatedConfig) {
                        s.spec().config().forEach((k, v) -> out.println("    + " + k + " = " + v));
                    }
                }
                case CHANGE -> {
                    out.println("~ change " + s.connector() + " (" + s.changes().size() + (s.changes().size() == 1 ? " key)" : " keys)"));
                    for (KeyChange c : s.changes()) {
                        if (c.before() == null) {
                            out.println("    + " + c.key() + " = " + c.after());
                        } else if (c.after() == null) {
                            out.println("    - " + c.key() + " = " + c.before());
                        } else {
                            out.println("    ~ " + c.key() + ": " + c.before() + " -> " + c.after());
                        }
                    }
                }
                case UNCHANGED -> out.println("= unchanged " + s.connector());
                case DELETE -> out.println("- delete " + s.connector());
            }
        }
        out.println(String.format("Plan: %d to create, %d to change, %d to delete, %d unchanged.",
                of(Action.CREATE).size(), of(Action.CHANGE).size(), of(Action.DELETE).size(), of(Action.UNCHANGED).size()));
    }
}
