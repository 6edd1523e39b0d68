package io.idaas.transforms.ddml.size;

import io.idaas.ddml.DdmlEvent;
import io.idaas.ddml.DdmlJson;
import io.idaas.ddml.DmlChange;
import io.idaas.ddml.Omitted;
import io.idaas.ddml.connect.DdmlEventMap;
import io.idaas.transforms.ddml.Versions;
import io.idaas.transforms.ddml.dml.JsonTrees;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.header.Headers;
import org.apache.kafka.connect.transforms.Transformation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a change too large for one Kafka record from stopping the capture, without losing it silently: a DDML DML
 * event whose JSON (with its key and headers) would be larger than {@code max.bytes} is replaced, on the same topic
 * with the same key, by the same event without its rows, {@code dml.omitted} saying how large it was (DDML 1.1,
 * SPEC.md section 6.1). Sinks dead-letter such an event with that reason, so the row it leaves stale shows up where
 * their users look; this transform logs a warning with a count. Everything else passes unchanged: DDL events,
 * tombstones, heartbeats, transaction metadata, and values that are not DDML.
 *
 * <p>Put it after {@code ToDdml} (or on {@code DdmlSourceConnector}), with {@code max.bytes} equal to the producer's
 * {@code max.request.size}. The size is that of the DDML JSON; an event written as DDML Avro is smaller (bytes raw,
 * not base64), so with {@code DdmlConverter} and {@code ddml.format=avro} the limit is conservative.
 *
 * @param <R> the record type
 */
public class LimitEventSize<R extends ConnectRecord<R>> implements Transformation<R>, Versioned {

    /** What the transform does, for generated docs. */
    public static final String OVERVIEW_DOC = "Replaces a DDML row change too large for one Kafka record (max.bytes) with the "
        + "same event without its rows (dml.omitted, DDML 1.1), which sinks dead-letter with the reason.";

    /** The configuration definition. */
    public static final ConfigDef CONFIG_DEF = LimitEventSizeConfig.CONFIG_DEF;

    /** The header, besides {@code ddml.*}, that marks a replaced event. */
    public static final String OMITTED_HEADER = io.idaas.transforms.ddml.dml.DdmlOutput.HEADER_OMITTED;

    /** The bytes of a Kafka record besides its key, value and headers (record and batch headers), with room to spare. */
    static final long RECORD_OVERHEAD = 1024;

    private static final Logger LOG = LoggerFactory.getLogger(LimitEventSize.class);

    private final AtomicLong replaced = new AtomicLong();
    private long maxBytes;

    @Override
    public void configure(Map<String, ?> props) {
        maxBytes = new LimitEventSizeConfig(props).maxBytes();
    }

    @Override
    public R apply(R record) {
        if (!(record.value() instanceof Map<?, ?> map)) {
            return record; // a tombstone, a heartbeat or transaction record (Structs), or not DDML
        }
        // ToDdml's value carries its event: measured without making its JSON tree (DdmlConverter may never need it).
        DdmlEvent event = map instanceof DdmlEventMap ddml ? ddml.event() : null;
        boolean dml = event != null ? event.dml() != null : "dml".equals(map.get("kind"));
        if (!dml) {
            return record;
        }
        long others = RECORD_OVERHEAD + JsonSize.upperBound(record.key()) + headerBytes(record.headers());
        long bound = others + (event != null ? JsonSize.upperBound(event) : JsonSize.upperBound(map));
        if (bound <= maxBytes) {
            return record;
        }
        long bytes = others + (event != null ? JsonSize.exact(event) : JsonSize.exact(map));
        if (bytes <= maxBytes) {
            return record;
        }
        if (event == null) {
            event = readOrNull(map);
            if (event == null || event.dml() == null) {
                return record; // not DDML: the producer decides
            }
        }
        return replace(record, event, bytes);
    }

    private R replace(R record, DdmlEvent event, long bytes) {
        DmlChange dml = event.dml();
        DdmlEvent omitted = DdmlEvent.builder().specVersion(Omitted.SPEC_VERSION).id(event.id()).source(event.source())
            .position(event.position()).transaction(event.transaction()).time(event.time()).schema(event.schema())
            .dml(new DmlChange(dml.op(), dml.key(), null, null, null, Omitted.tooLarge(bytes, maxBytes)))
            .build();
        long count = replaced.incrementAndGet();
        LOG.warn("The {} of {} (event {}, key {}) would be a record of {} bytes, over max.bytes={}: it is written without its "
                + "rows (dml.omitted), and sinks send it to their dead-letter topic; the row is stale in every copy until its "
                + "next change or a repair. Changes replaced so by this task: {}", dml.op().wireName(), event.source().table(),
            event.id(), dml.key() == null ? "none" : dml.key().values(), bytes, maxBytes, count);
        Headers headers = record.headers().duplicate();
        headers.remove(OMITTED_HEADER);
        headers.addString(OMITTED_HEADER, Omitted.TOO_LARGE);
        DdmlEventMap value = DdmlEventMap.of(omitted, () -> JsonTrees.toMap(DdmlJson.toTree(omitted)));
        return record.newRecord(record.topic(), record.kafkaPartition(), record.keySchema(), record.key(), null, value,
            record.timestamp(), headers);
    }

    private static DdmlEvent readOrNull(Map<?, ?> tree) {
        try {
            return DdmlJson.fromTree(new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(tree));
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static long headerBytes(Headers headers) {
        long total = 0;
        for (Header h : headers) {
            total += h.key().getBytes(StandardCharsets.UTF_8).length + 16
                + (h.value() == null ? 0 : JsonSize.upperBound(h.value() instanceof byte[] ? h.value() : String.valueOf(h.value())));
        }
        return total;
    }

    /** Events replaced since this transform was configured. */
    public long replaced() {
        return replaced.get();
    }

    @Override
    public ConfigDef config() {
        return CONFIG_DEF;
    }

    @Override
    public String version() {
        return Versions.version();
    }

    @Override
    public void close() {
    }
}
