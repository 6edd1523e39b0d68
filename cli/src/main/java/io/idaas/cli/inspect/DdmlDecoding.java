package io.idaas.cli.inspect;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.idaas.ddml.connect.DdmlConverter;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.connect.errors.DataException;

/**
 * Decodes DDML keys or values of one topic, as DDML JSON (compact, one line): DDML JSON as it is, Confluent-framed
 * DDML Avro through the schema registry. It reads with {@link DdmlConverter}, so it checks what a DDML sink would.
 */
public final class DdmlDecoding {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final String topic;
    private final DdmlConverter json;
    private final DdmlConverter avro;
    private final boolean isKey;

    /**
     * @param topic       the topic read, named in messages
     * @param isKey       whether this decodes keys (DDML key rows) or values (DDML events)
     * @param registryUrl the schema registry for Avro, or null
     */
    public DdmlDecoding(String topic, boolean isKey, String registryUrl) {
        this.topic = topic;
        this.isKey = isKey;
        this.json = converter(isKey, Map.of());
        this.avro = registryUrl == null ? null : converter(isKey, Map.of("ddml.format", "avro", "schema.registry.url", registryUrl));
    }

    /** Whether this decodes keys (DDML key rows: any JSON object) rather than DDML events. */
    public boolean isKey() {
        return isKey;
    }

    private static DdmlConverter converter(boolean isKey, Map<String, String> props) {
        DdmlConverter c = new DdmlConverter();
        c.configure(new HashMap<>(props), isKey);
        return c;
    }

    /**
     * The DDML JSON of {@code bytes}.
     *
     * @throws IllegalArgumentException saying why the bytes are not DDML
     */
    public String decode(byte[] bytes) {
        boolean framed = RecordDecoder.isConfluentFramed(bytes);
        if (framed && avro == null) {
            throw new IllegalArgumentException("DDML Avro needs a schema registry, pass --registry URL");
        }
        try {
            Object tree = (framed ? avro : json).toConnectData(topic, bytes).value();
            return JSON.writeValueAsString(tree);
        } catch (DataException e) {
            throw new IllegalArgumentException(e.getCause() != null ? e.getCause().getMessage() : e.getMessage(), e);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
