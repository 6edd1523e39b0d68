package io.idaas.transforms.ddml.process;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.idaas.ddml.DdmlEvent;
import io.idaas.ddml.DdmlJson;
import io.idaas.ddml.Source;
import io.idaas.ddml.connect.DdmlEventMap;
import io.idaas.transforms.ddml.Versions;
import io.idaas.transforms.ddml.dml.DdmlOutput;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.header.Headers;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.transforms.Transformation;

/**
 * The base of the transforms over DDML records (the DDML processors), on either side of Kafka:
 *
 * <ul>
 *   <li>on a source connector after {@code ToDdml} (or on {@code DdmlSourceConnector}), where the value is a
 *       {@link DdmlEventMap} holding the event;</li>
 *   <li>on a sink connector, where the value is what the converter read: a {@link DdmlEventMap} from
 *       {@code DdmlConverter}, or a plain DDML JSON map tree from JsonConverter with {@code schemas.enable=false}.</li>
 * </ul>
 *
 * <p>What it promises, for every subclass:
 * <ul>
 *   <li>A record that is not a DDML event passes unchanged: a control record (a transaction marker or heartbeat, a
 *       Struct on the source side, a map without {@code spec_version} on the sink side, SPEC.md section 9.1) or any
 *       other value. A map that has {@code spec_version} but is not a valid DDML event fails with a
 *       {@link DataException} naming the record (Connect's {@code errors.tolerance} applies).</li>
 *   <li>A tombstone (null value) goes to {@link #tombstone}, which passes it unchanged unless the subclass says
 *       otherwise; the table of the last event seen on the tombstone's topic is at hand ({@link #lastSource}), since
 *       a tombstone follows its delete on the same topic.</li>
 *   <li>An event the subclass changes is written exactly as {@code ToDdml} writes one ({@link DdmlOutput}): the key
 *       made again from the event (the key row in key order, or {@code {"_ddml_id": id}}), the value a
 *       {@link DdmlEventMap} of the new event, and the {@code ddml.id}, {@code ddml.kind}, {@code ddml.op},
 *       {@code ddml.fingerprint} and {@code ddml.omitted} headers replaced by the new event's when the record had
 *       any of them (a producer with {@code headers.enabled=false} wrote none, and gets none). The record keeps its
 *       other headers and its timestamp; a sink record keeps its partition (the sinks key offsets by it).</li>
 *   <li>An event the subclass does not change leaves the record as it is (the same instance).</li>
 * </ul>
 *
 * @param <R> the record type
 */
public abstract class DdmlTransformation<R extends ConnectRecord<R>> implements Transformation<R>, Versioned {

    /** The headers a DDML producer may add (SPEC.md section 9), replaced together. */
    static final List<String> DDML_HEADERS = List.of(DdmlOutput.HEADER_ID, DdmlOutput.HEADER_KIND, DdmlOutput.HEADER_OP,
        DdmlOutput.HEADER_FINGERPRINT, DdmlOutput.HEADER_OMITTED);

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int TOPICS_REMEMBERED = 10_000;

    /** The source block of the last event seen per topic, for tombstones. */
    private final Map<String, Source> lastSource = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Source> eldest) {
            return size() > TOPICS_REMEMBERED;
        }
    };

    @Override
    public final R apply(R record) {
        if (record.value() == null) {
            return tombstone(record);
        }
        DdmlEvent event = eventOf(record);
        if (event == null) {
            return record;
        }
        lastSource.put(record.topic(), event.source());
        return apply(record, event);
    }

    /**
     * What to do with a DDML event.
     *
     * @param record the record
     * @param event  its event
     * @return the record to pass on ({@code record} itself when nothing changes, {@link #emit} otherwise), or null
     *         to drop it
     */
    protected abstract R apply(R record, DdmlEvent event);

    /** What to do with a tombstone (null value, a DDML key): by default, pass it unchanged. */
    protected R tombstone(R record) {
        return record;
    }

    /** The source block of the last DDML event this transform saw on {@code topic}; null when none. */
    protected final Source lastSource(String topic) {
        return lastSource.get(topic);
    }

    /**
     * The DDML event of a record's value; null when the value is not one (a control record, a Struct, a map without
     * {@code spec_version}, anything else).
     *
     * @throws DataException when the value is a map with {@code spec_version} that is not a valid DDML event
     */
    public static DdmlEvent eventOf(ConnectRecord<?> record) {
        Object value = record.value();
        if (value instanceof DdmlEventMap map) {
            return map.event();
        }
        if (value instanceof DdmlEvent event) {
            return event;
        }
        if (!(value instanceof Map<?, ?> tree) || !tree.containsKey("spec_version")) {
            return null;
        }
        try {
            return DdmlJson.fromTree(MAPPER.valueToTree(tree));
        } catch (RuntimeException e) {
            throw new DataException(where(record) + ": the value has a spec_version but is not a valid DDML event: "
                + e.getMessage() + ". Read DDML topics with value.converter=io.idaas.ddml.connect.DdmlConverter, or with "
                + "JsonConverter (schemas.enable=false) on topics that ToDdml or DdmlSourceConnector wrote", e);
        }
    }

    /** The record with {@code event} in place of its own, on its own topic. */
    protected final R emit(R record, DdmlEvent event) {
        return emit(record, event, record.topic());
    }

    /**
     * The record with {@code event} in place of its own, on {@code topic}: key, value and {@code ddml.*} headers as
     * {@link DdmlOutput} makes them.
     */
    protected final R emit(R record, DdmlEvent event, String topic) {
        DdmlOutput out = DdmlOutput.of(topic, event);
        return record.newRecord(topic, partition(record, topic), null, out.key(), null, out.value(), record.timestamp(),
            headers(record.headers(), out.headers()));
    }

    /**
     * The record with another key and topic and no value: a tombstone rewritten by a subclass. Its headers are kept.
     */
    protected final R tombstone(R record, String topic, Map<String, Object> key) {
        return record.newRecord(topic, partition(record, topic), null, key, null, null, record.timestamp(),
            record.headers().duplicate());
    }

    private static Integer partition(ConnectRecord<?> record, String topic) {
        return record instanceof SinkRecord || Objects.equals(topic, record.topic()) ? record.kafkaPartition() : null;
    }

    private static Headers headers(Headers original, Map<String, String> ddml) {
        Headers headers = original.duplicate();
        boolean had = false;
        for (String name : DDML_HEADERS) {
            if (headers.lastWithName(name) != null) {
                had = true;
                headers.remove(name);
            }
        }
        if (had) {
            ddml.forEach(headers::addString);
        }
        return headers;
    }

    /** The record's place, for messages: topic, partition and offset (a sink record) or the topic alone. */
    public static String where(ConnectRecord<?> record) {
        if (record instanceof SinkRecord s) {
            return "record of topic '" + s.topic() + "', partition " + s.kafkaPartition() + ", offset " + s.kafkaOffset();
        }
        return "record of topic '" + record.topic() + "'";
    }

    @Override
    public String version() {
        return Versions.version();
    }

    @Override
    public void close() {
    }
}
