package io.idaas.transforms.ddml.size;

import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/** The configuration of {@link LimitEventSize}: its {@link #CONFIG_DEF} and typed getters. */
public final class LimitEventSizeConfig extends AbstractConfig {

    private static final String GROUP = "LimitEventSize";

    public static final String MAX_BYTES_CONFIG = "max.bytes";
    /** 64 MiB: the shipped configs' producer max.request.size and topics' max.message.bytes (connect-configs/README.md). */
    public static final long MAX_BYTES_DEFAULT = 64L * 1024 * 1024;
    private static final String MAX_BYTES_DOC = "The largest record, in bytes, that the connector's producer may send: set it "
        + "to the producer's max.request.size (producer.override.max.request.size), which the topic's max.message.bytes "
        + "(or the broker's message.max.bytes) must allow too. A DML event whose JSON, with its key and headers, would be "
        + "larger is replaced by the same event without its rows, with dml.omitted saying why (DDML 1.1, SPEC.md section "
        + "6.1), which sinks dead-letter; without this transform the producer refuses the record and the task fails.";

    /** The configuration definition, documented. */
    public static final ConfigDef CONFIG_DEF = new ConfigDef()
        .define(MAX_BYTES_CONFIG, Type.LONG, MAX_BYTES_DEFAULT, ConfigDef.Range.between(1024L, (long) Integer.MAX_VALUE),
            Importance.HIGH, MAX_BYTES_DOC, GROUP, 1, Width.SHORT, "Largest record");

    /** Parses and validates {@code props}. */
    public LimitEventSizeConfig(Map<?, ?> props) {
        super(CONFIG_DEF, props);
    }

    /** {@value #MAX_BYTES_CONFIG}. */
    public long maxBytes() {
        return getLong(MAX_BYTES_CONFIG);
    }
}
