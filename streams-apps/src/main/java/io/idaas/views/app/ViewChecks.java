package io.idaas.views.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.idaas.views.declaration.Aggregate;
import io.idaas.views.declaration.Condition;
import io.idaas.views.declaration.MergeDeclaration;
import io.idaas.views.declaration.ViewDeclaration;
import io.idaas.views.declaration.ViewDeclarationException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;

/**
 * Checks declared views against the Kafka cluster before the app starts: every topic exists, and every field a view
 * names (fields, where, join and merge keys, group_by, aggregates) is a column of its table, as the newest DDML
 * event of the topic describes the table. A topic with no DDML event yet is not checked for columns (logged).
 */
public final class ViewChecks {

    private static final Logger LOG = LoggerFactory.getLogger(ViewChecks.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private ViewChecks() {
    }

    /** Throws {@link ViewDeclarationException} listing every problem found. */
    public static void check(List<ViewDeclaration> views, String bootstrapServers, String origin) {
        Set<String> topics = new LinkedHashSet<>();
        for (ViewDeclaration v : views) {
            topics.addAll(v.topics());
        }
        Set<String> existing;
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
            existing = admin.listTopics().names().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while listing the topics of " + bootstrapServers, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot list the topics of " + bootstrapServers + ": " + e.getCause().getMessage()
                    + "; check --bootstrap-server", e.getCause());
        }
        Map<String, Set<String>> columns = new HashMap<>();
        List<String> present = topics.stream().filter(existing::contains).toList();
        columns.putAll(newestColumns(present, bootstrapServers));
        List<String> problems = new ArrayList<>();
        for (ViewDeclaration v : views) {
            String label = "view '" + v.name() + "'";
            checkTopic(label, "topic", v.topic(), existing, problems);
            Optional<Set<String>> own = Optional.ofNullable(columns.get(v.topic()));
            v.fields().forEach((out, field) -> column(label, "fields." + out, field, v.topic(), own, problems));
            for (int i = 0; i < v.where().size(); i++) {
                Condition c = v.where().get(i);
                column(label, "where[" + i + "].field", c.field(), v.topic(), own, problems);
            }
            v.groupBy().forEach(f -> column(label, "group_by", f, v.topic(), own, problems));
            for (Map.Entry<String, Aggregate> a : v.aggregates().entrySet()) {
                if (a.getValue().field() != null) {
                    column(label, "aggregates." + a.getKey() + ".field", a.getValue().field(), v.topic(), own, problems);
                }
            }
            if (v.join() != null) {
                checkTopic(label, "join.topic", v.join().topic(), existing, problems);
                Optional<Set<String>> other = Optional.ofNullable(columns.get(v.join().topic()));
                v.join().on().forEach((field, key) -> {
                    column(label, "join.on." + field, field, v.topic(), own, problems);
                    column(label, "join.on." + field + " (its value)", key, v.join().topic(), other, problems);
                });
                v.join().fields().forEach((out, field) -> column(label, "join.fields." + out, field, v.join().topic(), other, problems));
            }
            checkChildren(label, "children", v.children(), v.topic(), own, existing, columns, problems);
        }
        if (!problems.isEmpty()) {
            throw new ViewDeclarationException(origin, problems);
        }
    }

    private static void checkChildren(String label, String path, List<MergeDeclaration> children, String parentTopic,
                                      Optional<Set<String>> parentColumns, Set<String> existing,
                                      Map<String, Set<String>> columns, List<String> problems) {
        for (int i = 0; i < children.size(); i++) {
            MergeDeclaration c = children.get(i);
            String at = path + "[" + i + "]";
            checkTopic(label, at + ".topic", c.topic(), existing, problems);
            Optional<Set<String>> own = Optional.ofNullable(columns.get(c.topic()));
            c.on().forEach((field, key) -> {
                column(label, at + ".on." + field, field, c.topic(), own, problems);
                column(label, at + ".on." + field + " (its value)", key, parentTopic, parentColumns, problems);
            });
            c.fields().forEach((out, field) -> column(label, at + ".fields." + out, field, c.topic(), own, problems));
            checkChildren(label, at + ".children", c.children(), c.topic(), own, existing, columns, problems);
        }
    }

    private static void checkTopic(String label, String path, String topic, Set<String> existing, List<String> problems) {
        if (!existing.contains(topic)) {
            problems.add(label + ": field '" + path + "' names topic '" + topic + "', which does not exist; start the "
                    + "source connector that writes it first, or fix the name (`idaas topics` lists the topics)");
        }
    }

    private static void column(String label, String path, String column, String topic, Optional<Set<String>> columns,
                               List<String> problems) {
        if (columns.isPresent() && !columns.get().contains(column)) {
            problems.add(label + ": field '" + path + "' names column '" + column + "', which the table of topic '" + topic
                    + "' does not have; its columns are " + columns.get());
        }
    }

    /** Per topic, the columns of the newest DDML event that carries a schema (the last record of each partition). */
    private static Map<String, Set<String>> newestColumns(List<String> topics, String bootstrapServers) {
        Map<String, Set<String>> columns = new HashMap<>();
        if (topics.isEmpty()) {
            return columns;
        }
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrapServers,
                "enable.auto.commit", "false"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            for (String topic : topics) {
                List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                        .map(p -> new TopicPartition(topic, p.partition())).toList();
                consumer.assign(partitions);
                Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
                Map<TopicPartition, Long> begins = consumer.beginningOffsets(partitions);
                int wanted = 0;
                for (TopicPartition tp : partitions) {
                    long end = ends.get(tp);
                    if (end > begins.get(tp)) {
                        consumer.seek(tp, Math.max(begins.get(tp), end - 20));
                        wanted++;
                    }
                }
                String best = null;
                Set<String> found = null;
                long deadline = System.currentTimeMillis() + 5_000;
                while (wanted > 0 && System.currentTimeMillis() < deadline) {
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                        Optional<JsonNode> event = parse(r.value());
                        if (event.isEmpty() || !event.get().path("schema").has("columns")) {
                            continue;
                        }
                        String position = event.get().path("position").path("sortable").asText("");
                        if (best == null || position.compareTo(best) > 0) {
                            best = position;
                            found = new LinkedHashSet<>();
                            for (JsonNode c : event.get().path("schema").path("columns")) {
                                found.add(c.path("name").asText());
                            }
                        }
                    }
                    boolean done = true;
                    for (TopicPartition tp : partitions) {
                        done &= consumer.position(tp) >= ends.get(tp);
                    }
                    if (done) {
                        break;
                    }
                }
                if (found != null) {
                    columns.put(topic, found);
                } else {
                    LOG.warn("Topic {} holds no DDML event with a schema yet: the fields views read from it are not checked", topic);
                }
            }
        }
        return columns;
    }

    private static Optional<JsonNode> parse(byte[] value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readTree(value));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
