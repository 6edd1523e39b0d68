package io.idaas.cli.status;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One connector as Connect reports it: type, state, worker and trace of the connector and of each task, and its config.
 *
 * @param type   {@code source}, {@code sink}, or {@code unknown} (Connect says so while a connector cannot be loaded)
 * @param trace  the connector's own stack trace when it FAILED, else null
 */
public record ConnectorStatus(String name, String type, String state, String workerId, String trace, List<TaskStatus> tasks,
                              Map<String, String> config) {

    /** One task. */
    public record TaskStatus(int id, String state, String workerId, String trace) {
    }

    /** From the {@code status} and {@code info} members of one entry of {@code GET /connectors?expand=status&expand=info}. */
    public static ConnectorStatus from(String name, JsonNode status, JsonNode info) {
        List<TaskStatus> tasks = new ArrayList<>();
        for (JsonNode t : status.path("tasks")) {
            tasks.add(new TaskStatus(t.path("id").asInt(), t.path("state").asText(), t.path("worker_id").asText(), text(t.path("trace"))));
        }
        tasks.sort(java.util.Comparator.comparingInt(TaskStatus::id));
        Map<String, String> config = new LinkedHashMap<>();
        info.path("config").fields().forEachRemaining(e -> config.put(e.getKey(), e.getValue().asText()));
        String type = status.path("type").asText(info.path("type").asText("unknown"));
        JsonNode connector = status.path("connector");
        return new ConnectorStatus(name, type.isEmpty() ? "unknown" : type, connector.path("state").asText("UNKNOWN"),
                connector.path("worker_id").asText(), text(connector.path("trace")), List.copyOf(tasks), Map.copyOf(config));
    }

    private static String text(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? null : node.asText();
    }

    public boolean isSink() {
        return "sink".equals(type);
    }

    public long tasksRunning() {
        return tasks.stream().filter(t -> "RUNNING".equals(t.state())).count();
    }

    /** The connector or one of its tasks FAILED. */
    public boolean failed() {
        return "FAILED".equals(state) || tasks.stream().anyMatch(t -> "FAILED".equals(t.state()));
    }

    /** The group its sink tasks consume in: {@code consumer.override.group.id}, else Connect's {@code connect-<name>}. */
    public String consumerGroup() {
        return config.getOrDefault("consumer.override.group.id", "connect-" + name);
    }

    /** {@code errors.deadletterqueue.topic.name}, if set. */
    public java.util.Optional<String> deadLetterTopic() {
        String topic = config.get("errors.deadletterqueue.topic.name");
        return topic == null || topic.isBlank() ? java.util.Optional.empty() : java.util.Optional.of(topic.trim());
    }
}
