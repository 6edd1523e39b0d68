package io.idaas.views;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idaas.views.declaration.JoinDeclaration;
import io.idaas.views.declaration.MergeDeclaration;
import io.idaas.views.declaration.ViewDeclaration;
import io.idaas.views.declaration.ViewKind;
import io.idaas.views.serde.JsonSerde;
import io.idaas.views.serde.ViewRowSerde;
import io.idaas.views.changelog.ChangelogTopics;
import io.idaas.views.changelog.ViewChangelog;
import io.idaas.views.table.ColumnTypes;
import io.idaas.views.table.OpenStores;
import io.idaas.views.table.TableViewProcessor;
import io.idaas.views.table.ViewKeys;
import io.idaas.views.table.ViewRow;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.TableJoined;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The Kafka Streams topology of a set of views.
 *
 * <ul>
 *   <li>A table view is a {@link TableViewProcessor} over its topic, whose store is the view.</li>
 *   <li>A merge view is its parent topic's mirror left-joined, per child level, with the child documents grouped
 *   by the parent key they reference (a {@code KTable} groupBy and aggregate, so a child moving to another parent
 *   leaves the first list and joins the second); child levels nest.</li>
 *   <li>An aggregate view groups its topic's mirror by the {@code group_by} fields ({@code KTable.groupBy} and
 *   {@code aggregate}), keeping each group's members, and computes its aggregates from them ({@link Aggregates}).</li>
 *   <li>A join view joins two <em>mirrors</em>: each topic's rows kept by a {@link TableViewProcessor} without
 *   filter or projection, as a {@code KTable} (one mirror per topic, shared by the views that use it). The view is
 *   Kafka Streams' foreign-key join of the filtered left mirror with the right one, materialized as the view's
 *   store, so an update on either side (a customer renamed, an order moved to another customer) updates the view.</li>
 *   <li>Every view's changes also go to its DDML changelog topic ({@link ViewChangelog}, {@link ChangelogTopics}).</li>
 * </ul>
 */
public final class ViewTopology {

    private ViewTopology() {
    }

    /** The state store holding view {@code name}'s rows by key. */
    public static String storeName(String view) {
        return "view-" + view;
    }

    /** The state store holding, per partition, the newest source position table view {@code name} applied. */
    public static String positionsStoreName(String view) {
        return "view-" + view + "-positions";
    }

    /** The topology of {@code views} for the app {@code idaas-views} (the CLI's default application id). */
    public static Topology build(List<ViewDeclaration> views) {
        return build(views, "idaas-views");
    }

    /**
     * The topology of {@code views}; each view's changes also go, as DDML events, to its changelog topic
     * ({@link ChangelogTopics#topic}), whose events name {@code applicationId} as their source.
     */
    public static Topology build(List<ViewDeclaration> views, String applicationId) {
        return build(views, applicationId, new OpenStores());
    }

    /** As {@link #build(List, String)}; the table views' processors add their stores to {@code openStores} while they run. */
    public static Topology build(List<ViewDeclaration> views, String applicationId, OpenStores openStores) {
        return new Builder(applicationId, openStores).build(views);
    }

    private static final class Builder {

        private final StreamsBuilder builder = new StreamsBuilder();
        // Kafka Streams reads each topic in one source node only: views of the same topic share it.
        private final Map<String, KStream<byte[], JsonNode>> streams = new HashMap<>();
        private final Map<String, KTable<String, ViewRow>> mirrors = new HashMap<>();
        private final String applicationId;
        private final OpenStores openStores;

        Builder(String applicationId, OpenStores openStores) {
            this.applicationId = applicationId;
            this.openStores = openStores;
        }

        Topology build(List<ViewDeclaration> views) {
            for (ViewDeclaration view : views) {
                if (view.kind() == ViewKind.TABLE) {
                    changelog(view, rows(view, view.name()));
                } else if (view.kind() == ViewKind.JOIN) {
                    changelog(view, join(view).toStream(Named.as("changes-" + view.name())));
                } else if (view.kind() == ViewKind.MERGE) {
                    changelog(view, merge(view).toStream(Named.as("changes-" + view.name())));
                } else if (view.kind() == ViewKind.AGGREGATE) {
                    changelog(view, aggregate(view).toStream(Named.as("changes-" + view.name())));
                } else {
                    throw new IllegalArgumentException("view '" + view.name() + "': kind " + view.kind().id() + " is not built yet");
                }
            }
            return builder.build();
        }

        private KStream<byte[], JsonNode> stream(String topic) {
            return streams.computeIfAbsent(topic, t -> builder.stream(t, Consumed.with(Serdes.ByteArray(), new JsonSerde())
                    .withName("source-" + t)));
        }

        /** Adds the processor keeping {@code view}'s store, and returns its output: the view's changes. */
        private KStream<String, ViewRow> rows(ViewDeclaration view, String name) {
            builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(storeName(name)),
                    Serdes.String(), new ViewRowSerde()));
            builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(positionsStoreName(name)),
                    Serdes.Integer(), Serdes.String()));
            return stream(view.topic()).process(() -> new TableViewProcessor(view, storeName(name), positionsStoreName(name), openStores),
                    Named.as("rows-" + name), storeName(name), positionsStoreName(name));
        }

        /** Writes the view's changes to its changelog topic as DDML events ({@link ViewChangelog}). */
        private void changelog(ViewDeclaration view, KStream<String, ViewRow> changes) {
            builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ViewChangelog.storeName(view.name())),
                    Serdes.String(), Serdes.Long()));
            changes.process(() -> new ViewChangelog(applicationId, view.name()), Named.as("changelog-" + view.name()),
                            ViewChangelog.storeName(view.name()))
                    .to(ChangelogTopics.topic(view, applicationId), Produced.with(Serdes.ByteArray(), Serdes.ByteArray())
                            .withName("changelog-topic-" + view.name()));
        }

        /** The rows of {@code topic} as a table keyed by the topic's Kafka key text. */
        private KTable<String, ViewRow> mirror(String topic) {
            return mirrors.computeIfAbsent(topic, t -> {
                ViewDeclaration all = new ViewDeclaration("mirror-" + t, ViewKind.TABLE, t, List.of(), Map.of(), List.of(), null, List.of(),
                        List.of(), Map.of());
                return rows(all, all.name()).toTable(Named.as("mirror-table-" + t),
                        Materialized.<String, ViewRow, KeyValueStore<Bytes, byte[]>>as("mirror-table-" + t)
                                .withKeySerde(Serdes.String()).withValueSerde(new ViewRowSerde()));
            });
        }

        private KTable<String, ViewRow> join(ViewDeclaration view) {
            JoinDeclaration join = view.join();
            KTable<String, ViewRow> left = mirror(view.topic())
                    .filter((key, row) -> row.inView() && view.accepts(row.source()), Named.as("where-" + view.name()));
            KTable<String, ViewRow> right = mirror(join.topic());
            Function<ViewRow, String> foreignKey = row -> foreignKey(row.source(), join);
            Materialized<String, ViewRow, KeyValueStore<Bytes, byte[]>> store =
                    Materialized.<String, ViewRow, KeyValueStore<Bytes, byte[]>>as(storeName(view.name()))
                            .withKeySerde(Serdes.String()).withValueSerde(new ViewRowSerde());
            TableJoined<String, String> named = TableJoined.as("join-" + view.name());
            if (join.inner()) {
                return left.join(right, foreignKey, (l, r) -> joined(view, l, r), named, store);
            }
            return left.leftJoin(right, foreignKey, (l, r) -> joined(view, l, r), named, store);
        }

        private KTable<String, ViewRow> merge(ViewDeclaration view) {
            KTable<String, ViewRow> parents = mirror(view.topic())
                    .filter((key, row) -> row.inView() && view.accepts(row.source()), Named.as("where-" + view.name()));
            return level(parents, view.fields(), view.children(), view.name(), Materialized.<String, ViewRow, KeyValueStore<Bytes, byte[]>>as(storeName(view.name()))
                    .withKeySerde(Serdes.String()).withValueSerde(new ViewRowSerde()));
        }

        /**
         * {@code rows} with their documents shaped by {@code fields} and, per child level, the list of child documents
         * that reference them (empty when none); materialized as {@code store} when given.
         */
        private KTable<String, ViewRow> level(KTable<String, ViewRow> rows, Map<String, String> fields, List<MergeDeclaration> children,
                                              String name, Materialized<String, ViewRow, KeyValueStore<Bytes, byte[]>> store) {
            KTable<String, ViewRow> shaped = rows.mapValues(row -> new ViewRow(row.source(), ViewDeclaration.project(row.source(), fields),
                    row.position(), ColumnTypes.project(row.types(), fields)), Named.as("shape-" + name));
            for (int i = 0; i < children.size(); i++) {
                MergeDeclaration child = children.get(i);
                String childName = name + "." + i;
                KTable<String, ViewRow> childRows = level(mirror(child.topic()), child.fields(), child.children(), childName, null);
                KTable<String, JsonNode> lists = childRows
                        .groupBy((key, row) -> KeyValue.pair(parentKey(row.source(), child.on()), entry(key, row)),
                                Grouped.with("group-" + childName, Serdes.String(), new JsonSerde()))
                        .aggregate(JsonNodeFactory.instance::objectNode,
                                (parent, entry, list) -> ((ObjectNode) list).set(entry.get("key").asText(), entry),
                                (parent, entry, list) -> {
                                    ((ObjectNode) list).remove(entry.get("key").asText());
                                    return list;
                                },
                                Named.as("children-" + childName),
                                Materialized.<String, JsonNode, KeyValueStore<Bytes, byte[]>>as("children-" + childName)
                                        .withKeySerde(Serdes.String()).withValueSerde(new JsonSerde()));
                boolean last = i == children.size() - 1;
                if (last && store != null) {
                    shaped = shaped.leftJoin(lists, (row, list) -> withChildren(row, child.as(), list), Named.as("merge-" + childName), store);
                } else {
                    shaped = shaped.leftJoin(lists, (row, list) -> withChildren(row, child.as(), list), Named.as("merge-" + childName));
                }
            }
            return shaped;
        }

        /**
         * Groups the view's rows by its {@code group_by} fields, keeping each group's members (row key to the fields
         * the aggregates read), so that a row deleted, changed or moved to another group is taken out exactly; the
         * aggregates are computed from the members.
         */
        private KTable<String, ViewRow> aggregate(ViewDeclaration view) {
            java.util.Set<String> read = new java.util.TreeSet<>();
            view.aggregates().values().forEach(a -> {
                if (a.field() != null) {
                    read.add(a.field());
                }
            });
            KTable<String, JsonNode> groups = mirror(view.topic())
                    .filter((key, row) -> row.inView() && view.accepts(row.source()), Named.as("where-" + view.name()))
                    .groupBy((key, row) -> KeyValue.pair(groupKey(row.source(), view.groupBy()), member(key, row, read)),
                            Grouped.with("group-" + view.name(), Serdes.String(), new JsonSerde()))
                    .aggregate(JsonNodeFactory.instance::objectNode,
                            (group, member, members) -> ((ObjectNode) members).set(member.get("key").asText(), member),
                            (group, member, members) -> {
                                ((ObjectNode) members).remove(member.get("key").asText());
                                return members;
                            },
                            Named.as("members-" + view.name()),
                            Materialized.<String, JsonNode, KeyValueStore<Bytes, byte[]>>as("members-" + view.name())
                                    .withKeySerde(Serdes.String()).withValueSerde(new JsonSerde()));
            return groups.mapValues((group, members) -> Aggregates.compute(group, members, view.aggregates()), Named.as("aggregate-" + view.name()),
                    Materialized.<String, ViewRow, KeyValueStore<Bytes, byte[]>>as(storeName(view.name()))
                            .withKeySerde(Serdes.String()).withValueSerde(new ViewRowSerde()));
        }

        /** The group's key text: the group_by fields and their values, as JSON; NULL is a value of its own. */
        private static String groupKey(ObjectNode row, List<String> groupBy) {
            ObjectNode key = JsonNodeFactory.instance.objectNode();
            for (String field : groupBy) {
                JsonNode value = row.get(field);
                key.set(field, value == null ? JsonNodeFactory.instance.nullNode() : value);
            }
            return key.toString();
        }

        private static JsonNode member(String key, ViewRow row, java.util.Set<String> fields) {
            ObjectNode member = JsonNodeFactory.instance.objectNode();
            member.put("key", key);
            member.put("position", row.position());
            ObjectNode values = member.putObject("values");
            for (String f : fields) {
                JsonNode v = row.source().get(f);
                values.set(f, v == null ? JsonNodeFactory.instance.nullNode() : v);
            }
            return member;
        }

        private static JsonNode entry(String key, ViewRow row) {
            ObjectNode entry = JsonNodeFactory.instance.objectNode();
            entry.put("key", key);
            entry.put("position", row.position());
            entry.set("document", row.document());
            return entry;
        }

        /** {@code row} with the child documents of {@code list} (child key to entry) in the child keys' natural order ({@link ViewKeys#NATURAL}) under {@code as}. */
        private static ViewRow withChildren(ViewRow row, String as, JsonNode list) {
            ObjectNode document = row.document().deepCopy();
            com.fasterxml.jackson.databind.node.ArrayNode items = document.putArray(as);
            String position = row.position();
            if (list != null) {
                java.util.TreeMap<String, JsonNode> ordered = new java.util.TreeMap<>(ViewKeys::compareKeys); // {"id":2} before {"id":10}
                list.fields().forEachRemaining(e -> ordered.put(e.getKey(), e.getValue()));
                for (JsonNode entry : ordered.values()) {
                    items.add(entry.get("document"));
                    String p = entry.get("position").asText();
                    if (p.compareTo(position) > 0) {
                        position = p;
                    }
                }
            }
            return new ViewRow(row.source(), document, position, ColumnTypes.with(row.types(), as, "json"));
        }

        /** The parent row's key text from a child row's {@code on} fields; {@code null} when one is absent or NULL. */
        static String parentKey(ObjectNode row, Map<String, String> on) {
            ObjectNode key = JsonNodeFactory.instance.objectNode();
            for (Map.Entry<String, String> e : on.entrySet()) {
                JsonNode value = row.get(e.getKey());
                if (value == null || value.isNull()) {
                    return null;
                }
                key.set(e.getValue(), value);
            }
            return key.toString();
        }

        /**
         * The referenced row's key text: the {@code on} fields' values under the referenced key columns, in the
         * declared order, as the referenced topic's Kafka key writes them. {@code null} (no match) when a field is
         * absent or NULL.
         */
        static String foreignKey(ObjectNode row, JoinDeclaration join) {
            return parentKey(row, join.on());
        }

        private static ViewRow joined(ViewDeclaration view, ViewRow left, ViewRow right) {
            ObjectNode document = view.project(left.source());
            JoinDeclaration join = view.join();
            if (right == null || !right.inView()) {
                document.putNull(join.as());
            } else {
                document.set(join.as(), ViewDeclaration.project(right.source(), join.fields()));
            }
            String position = right != null && right.position().compareTo(left.position()) > 0 ? right.position() : left.position();
            return new ViewRow(left.source(), document, position, ColumnTypes.with(ColumnTypes.project(left.types(), view.fields()), join.as(), "json"));
        }
    }
}
