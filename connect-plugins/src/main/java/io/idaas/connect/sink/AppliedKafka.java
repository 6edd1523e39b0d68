package io.idaas.connect.sink;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

import java.util.Map;

/**
 * The Kafka admin client settings of an idaas sink, the keys {@value #PREFIX}{@code *}: the Kafka cluster the sink reads
 * ({@value #BOOTSTRAP}, the worker's {@code bootstrap.servers}) with any other admin client setting under the same
 * prefix. {@link AppliedFrontier} reads end offsets there, {@link TopicIdCheck} the topics' ids.
 */
public final class AppliedKafka {

    public static final String PREFIX = "applied.kafka.";
    public static final String BOOTSTRAP = PREFIX + "bootstrap.servers";

    private AppliedKafka() {
    }

    /** Adds {@value #BOOTSTRAP} to a sink's config definition, with what the sink does with it in {@code doc}. */
    public static ConfigDef define(ConfigDef def, String doc, String group, int order, String displayName) {
        return def.define(BOOTSTRAP, Type.STRING, "", Importance.MEDIUM, doc, group, order, Width.LONG, displayName);
    }

    /** The admin client's settings, the prefix taken off; empty when {@value #BOOTSTRAP} is not set. */
    public static Map<String, Object> adminConfig(AbstractConfig config) {
        if (config.getString(BOOTSTRAP).isBlank()) {
            return Map.of();
        }
        return config.originalsWithPrefix(PREFIX);
    }
}
