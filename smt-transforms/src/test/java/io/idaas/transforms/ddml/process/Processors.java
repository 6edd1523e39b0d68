package io.idaas.transforms.ddml.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.idaas.ddml.DdmlEvent;
import io.idaas.transforms.ddml.Ddml;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.transforms.Transformation;

/** Test helpers for the DDML processors: run one on both sides, check the output, read validate's errors. */
public final class Processors {

    private Processors() {
    }

    /**
     * The event a processor emits for {@code event}, run on a source record and (by a second instance) on the sink
     * record DdmlConverter reads; both must agree and be valid DDML (JSON Schema, read back, headers). Null when
     * dropped.
     */
    public static DdmlEvent through(Supplier<? extends Transformation<?>> processor, Map<String, String> props,
                                    DdmlEvent event) {
        DdmlEvent fromSource = checked(run(processor, props, Orders.source(event)));
        DdmlEvent fromSink = checked(run(processor, props, Orders.sink(event)));
        assertThat(fromSink).isEqualTo(fromSource);
        return fromSource;
    }

    /** One record through a new, configured processor. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static <R extends ConnectRecord<R>> R run(Supplier<? extends Transformation<?>> processor,
                                                     Map<String, String> props, R record) {
        Transformation t = processor.get();
        t.configure(props);
        return (R) t.apply(record);
    }

    private static DdmlEvent checked(ConnectRecord<?> record) {
        if (record == null) {
            return null;
        }
        DdmlEvent event = Ddml.event(record);
        assertThat(Ddml.headers(record)).containsEntry("other", "kept");
        if (record instanceof SinkRecord s) {
            assertThat(s.kafkaPartition()).isEqualTo(3);
        }
        return event;
    }

    /** The errors validate reports for {@code key}. */
    public static List<String> errors(Transformation<?> processor, Map<String, String> props, String key) {
        for (ConfigValue v : processor.config().validate(props)) {
            if (v.name().equals(key)) {
                return v.errorMessages();
            }
        }
        throw new AssertionError("no key " + key);
    }

    /**
     * The SHA-256 of a schema's canonical text written out by the test (SPEC.md section 5.2), to check a fingerprint
     * against the standard rather than against the code that computes it.
     */
    public static String fingerprint(String... lines) {
        try {
            String text = String.join("\n", lines) + "\n";
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A source record whose topic is {@link Orders#TOPIC}, for tombstones. */
    public static SourceRecord tombstone(Map<String, Object> key) {
        return new SourceRecord(Map.of(), Map.of(), Orders.TOPIC, null, null, key, null, null);
    }
}
