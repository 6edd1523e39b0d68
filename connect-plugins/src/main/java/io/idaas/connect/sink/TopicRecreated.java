package io.idaas.connect.sink;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

import java.util.Locale;

/**
 * What a sink does when the offsets it keeps in its target belong to an older topic of the same name (the topic was
 * deleted and created again, or a pipeline was re-created with the same connector name onto new topics): the key
 * {@value #CONFIG}, declared here once and added to every idaas sink's {@link ConfigDef} by {@link #define}.
 */
public enum TopicRecreated {

    /** The task fails, naming the topic, both ids, where the stale offsets are and the fixes. */
    FAIL,
    /** The stale offsets of the topic are discarded and the new topic is applied from its first record. */
    RESTART;

    public static final String CONFIG = "topic.recreated";

    /** Adds {@value #CONFIG} to a sink's config definition, in {@code group} at {@code order}. */
    public static ConfigDef define(ConfigDef def, String group, int order) {
        return def.define(CONFIG, Type.STRING, "fail", ConfigDef.CaseInsensitiveValidString.in("fail", "restart"),
            Importance.MEDIUM, "What the task does when the offsets the sink keeps in its target for a topic were written "
                + "for another topic of that name (the sink stores each topic's Kafka topic id with its offsets and "
                + "compares it with the topic's id when it opens its partitions; this needs the Kafka admin settings of "
                + "the sink): fail (the task fails, naming the topic, the stored and current ids, where the stale offsets "
                + "are and how to remove them) or restart (the stale offsets are discarded, the new topic is applied from "
                + "its first record, and a WARN names the topic and both ids; counted in the task metric "
                + SinkMetrics.TOPIC_RECREATED_TOTAL + "). Offsets stored without an id (by an older idaas) take the "
                + "topic's current id.",
            group, order, Width.SHORT, "Recreated topics");
    }

    /** The policy a (validated) config value names. */
    public static TopicRecreated of(String value) {
        return valueOf(value.trim().toUpperCase(Locale.ROOT));
    }
}
