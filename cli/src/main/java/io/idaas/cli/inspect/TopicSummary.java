package io.idaas.cli.inspect;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;

/**
 * One row of {@code idaas topics}. Messages are the records the partitions hold now (end offset minus start
 * offset, summed): on a compacted or transactional topic this counts offsets, which may exceed the live records.
 */
public record TopicSummary(String name, int partitions, long messages, int consumerGroups) {

    /** Topics of the cluster, sorted by name; internal ones (leading '_', Connect's own) only when {@code all}. */
    public static List<TopicSummary> collect(Admin admin, boolean all) throws ExecutionException, InterruptedException {
        Set<String> names = new HashSet<>(admin.listTopics(new ListTopicsOptions().listInternal(all)).names().get());
        if (!all) {
            names.removeIf(TopicSummary::isInternal);
        }
        Map<String, TopicDescription> descriptions = admin.describeTopics(names).allTopicNames().get();
        Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        descriptions.values().forEach(d -> d.partitions().forEach(p -> {
            TopicPartition tp = new TopicPartition(d.name(), p.partition());
            earliest.put(tp, OffsetSpec.earliest());
            latest.put(tp, OffsetSpec.latest());
        }));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> starts = admin.listOffsets(earliest).all().get();
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get();
        Map<String, Long> messages = new HashMap<>();
        ends.forEach((tp, end) -> messages.merge(tp.topic(), end.offset() - starts.get(tp).offset(), Long::sum));
        Map<String, Integer> groups = groupsPerTopic(admin);

        List<TopicSummary> rows = new ArrayList<>();
        for (TopicDescription d : descriptions.values()) {
            rows.add(new TopicSummary(d.name(), d.partitions().size(), messages.getOrDefault(d.name(), 0L), groups.getOrDefault(d.name(), 0)));
        }
        rows.sort(Comparator.comparing(TopicSummary::name));
        return rows;
    }

    /** How many consumer groups have committed offsets on each topic. */
    private static Map<String, Integer> groupsPerTopic(Admin admin) throws ExecutionException, InterruptedException {
        Map<String, ListConsumerGroupOffsetsSpec> specs = new HashMap<>();
        admin.listConsumerGroups().all().get().forEach(g -> specs.put(g.groupId(), new ListConsumerGroupOffsetsSpec()));
        Map<String, Integer> counts = new HashMap<>();
        if (specs.isEmpty()) {
            return counts;
        }
        admin.listConsumerGroupOffsets(specs).all().get().forEach((group, offsets) -> offsets.keySet().stream()
                .map(TopicPartition::topic).distinct().forEach(topic -> counts.merge(topic, 1, Integer::sum)));
        return counts;
    }

    static boolean isInternal(String topic) {
        return topic.startsWith("_") || topic.startsWith("idaas-connect-");
    }
}
