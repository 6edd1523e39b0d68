package io.idaas.views.declaration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One view of a declaration file.
 *
 * @param name   the view's name: its state store, its HTTP path and its changelog topic derive from it
 * @param kind   what it computes
 * @param topic  the DDML topic it reads
 * @param key    the source table's primary-key columns in key order, for HTTP lookups of composite keys; empty when
 *               not declared (then a lookup takes the parameters' order, which is enough for one-column keys)
 * @param fields output field to source field, in output order; empty means every field of the row, as named
 * @param where  conditions every row must pass (all of them); empty means every row
 * @param join   for a {@link ViewKind#JOIN} view, the referenced table; else {@code null}
 * @param children for a {@link ViewKind#MERGE} view, the child levels; else empty
 * @param groupBy  for a {@link ViewKind#AGGREGATE} view, the fields whose values make a group; else empty
 * @param aggregates for a {@link ViewKind#AGGREGATE} view, output name to aggregate, in output order; else empty
 * @param changelogTopic the topic the view's DDML changelog goes to; {@code null} for the default
 *                       ({@code io.idaas.views.changelog.ChangelogTopics})
 */
public record ViewDeclaration(String name, ViewKind kind, String topic, List<String> key, Map<String, String> fields,
                              List<Condition> where, JoinDeclaration join, List<MergeDeclaration> children,
                              List<String> groupBy, Map<String, Aggregate> aggregates, String changelogTopic) {

    /** A view whose changelog goes to the default topic. */
    public ViewDeclaration(String name, ViewKind kind, String topic, List<String> key, Map<String, String> fields,
                           List<Condition> where, JoinDeclaration join, List<MergeDeclaration> children,
                           List<String> groupBy, Map<String, Aggregate> aggregates) {
        this(name, kind, topic, key, fields, where, join, children, groupBy, aggregates, null);
    }

    public ViewDeclaration {
        fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        key = List.copyOf(key);
        children = List.copyOf(children);
        groupBy = List.copyOf(groupBy);
        aggregates = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(aggregates));
        where = List.copyOf(where);
    }

    /** Every DDML topic the view reads: its own, the joined one, and each merged child level's, in that order. */
    public java.util.Set<String> topics() {
        java.util.Set<String> topics = new java.util.LinkedHashSet<>();
        topics.add(topic);
        if (join != null) {
            topics.add(join.topic());
        }
        addChildTopics(children, topics);
        return topics;
    }

    private static void addChildTopics(List<MergeDeclaration> children, java.util.Set<String> topics) {
        for (MergeDeclaration c : children) {
            topics.add(c.topic());
            addChildTopics(c.children(), topics);
        }
    }

    /** Whether a DDML JSON row belongs in the view. */
    public boolean accepts(JsonNode row) {
        for (Condition c : where) {
            if (!c.test(row)) {
                return false;
            }
        }
        return true;
    }

    /** The view's document for a DDML JSON row: the declared fields, renamed, or the whole row. */
    public ObjectNode project(JsonNode row) {
        return project(row, fields);
    }

    /** {@code row} shaped by {@code fields} (output name to row field; empty: the whole row). */
    public static ObjectNode project(JsonNode row, Map<String, String> fields) {
        if (fields.isEmpty()) {
            return row.deepCopy();
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        fields.forEach((output, source) -> {
            JsonNode v = row.get(source);
            if (v != null) {
                out.set(output, v.deepCopy());
            }
        });
        return out;
    }
}
