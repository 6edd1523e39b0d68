package io.idaas.ddml.connect;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idaas.ddml.ControlRecord;
import io.idaas.ddml.DdmlEvent;
import io.idaas.ddml.DdmlJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.storage.Converter;
import org.apache.kafka.connect.storage.ConverterConfig;
import org.apache.kafka.connect.storage.ConverterType;
import org.apache.kafka.connect.storage.HeaderConverter;

/**
 * The Kafka Connect converter of DDML (SPEC.md): writes and reads DDML events as values and DDML key rows as keys,
 * as DDML JSON or as the DDML Avro envelope in the Confluent wire format through a schema registry
 * ({@link DdmlConverterConfig}).
 *
 * <ul>
 *   <li>{@code fromConnectData}: the value is the schemaless DDML tree that the ToDdml transform makes (the DDML
 *       JSON as {@code java.util.Map}s and {@code List}s) or a {@link DdmlEvent}; it is checked to be a valid DDML
 *       event, then written. A key is the key row (a {@code Map} of column values). Null stays null (a
 *       tombstone). The Connect schema is ignored. Debezium's transaction-metadata and heartbeat records (and their
 *       keys), which ToDdml passes through as Structs, are written as DDML control records (SPEC.md section 9.1): in
 *       JSON as Kafka's JsonConverter writes them without schemas, in Avro with their own record schemas.</li>
 *   <li>{@code toConnectData}: the bytes are read and checked as DDML, and given to Connect as
 *       {@code SchemaAndValue(null, Map tree)}, the same canonical tree (integers as {@code Long}), as a
 *       {@link DdmlEventMap} that also carries the event read, so that idaas's sinks use the event without the tree
 *       being made (it is made when something reads the map, such as a transform); a control record
 *       as the Map of its JSON form; null gives {@link SchemaAndValue#NULL}.</li>
 *   <li>As a header converter it writes strings as UTF-8 and other values as JSON text, and reads every header
 *       as a UTF-8 string (SPEC.md section 9's {@code ddml.*} headers are strings).</li>
 * </ul>
 *
 * <p>Failures are {@link org.apache.kafka.connect.errors.DataException}s that name the topic, key or value, the
 * cause and the fix, so Connect's {@code errors.tolerance} and dead-letter topics handle them.
 */
public final class DdmlConverter implements Converter, HeaderConverter, Versioned {

    private static final String VERSION = readVersion();

    private DdmlConverterConfig config;
    private boolean isKey;
    private DdmlCodec codec;

    @Override
    public String version() {
        return VERSION;
    }

    @Override
    public ConfigDef config() {
        return DdmlConverterConfig.CONFIG_DEF;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        Map<String, Object> withType = new HashMap<>(configs);
        withType.put(ConverterConfig.TYPE_CONFIG, (isKey ? ConverterType.KEY : ConverterType.VALUE).getName());
        configure(withType);
    }

    @Override
    public void configure(Map<String, ?> configs) {
        config = new DdmlConverterConfig(configs);
        isKey = config.type() == ConverterType.KEY;
        codec = config.format() == DdmlFormat.AVRO && config.type() != ConverterType.HEADER
                ? new AvroCodec(RegistrySchemas.of(config), config.subjectNameStrategy(isKey))
                : new JsonCodec();
    }

    /** The configuration in force; null before {@code configure}. */
    public DdmlConverterConfig configuration() {
        return config;
    }

    @Override
    public byte[] fromConnectData(String topic, Schema schema, Object value) {
        return fromConnectData(topic, null, schema, value);
    }

    @Override
    public byte[] fromConnectData(String topic, Headers headers, Schema schema, Object value) {
        requireConfigured();
        if (value == null) {
            return null;
        }
        try {
            Optional<ControlRecord> control = ControlStructs.of(value, isKey);
            if (control.isPresent()) {
                return codec.writeControl(topic, control.get());
            }
            if (isKey) {
                ObjectNode key = KeyRows.require(DdmlTrees.tree(value));
                return codec.writeKey(topic, key);
            }
            DdmlEvent event = DdmlTrees.event(value);
            return codec.writeEvent(topic, event);
        } catch (RuntimeException e) {
            throw ConversionErrors.writing(topic, isKey, config.format(), e);
        }
    }

    @Override
    public SchemaAndValue toConnectData(String topic, byte[] value) {
        return toConnectData(topic, null, value);
    }

    @Override
    public SchemaAndValue toConnectData(String topic, Headers headers, byte[] value) {
        requireConfigured();
        if (value == null) {
            return SchemaAndValue.NULL;
        }
        try {
            if (isKey) {
                return new SchemaAndValue(null, DdmlTrees.toMap(codec.readKey(topic, value)));
            }
            Object read = codec.readValue(topic, value);
            if (read instanceof ControlRecord control) {
                return new SchemaAndValue(null, DdmlTrees.toMap(control.tree()));
            }
            DdmlEvent event = (DdmlEvent) read;
            // the tree is made only if something reads the map (a transform); idaas's sinks take the event itself
            return new SchemaAndValue(null, DdmlEventMap.of(event, () -> DdmlTrees.toFrozenMap(event)));
        } catch (RuntimeException e) {
            throw ConversionErrors.reading(topic, isKey, config.format(), value, e);
        }
    }

    @Override
    public byte[] fromConnectHeader(String topic, String headerKey, Schema schema, Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof String s) {
            return s.getBytes(StandardCharsets.UTF_8);
        }
        if (value instanceof byte[] b) {
            return b;
        }
        if (value instanceof DdmlEvent event) {
            return DdmlJson.write(event);
        }
        return DdmlTrees.write(DdmlTrees.tree(value));
    }

    @Override
    public SchemaAndValue toConnectHeader(String topic, String headerKey, byte[] value) {
        return value == null ? SchemaAndValue.NULL
                : new SchemaAndValue(Schema.OPTIONAL_STRING_SCHEMA, new String(value, StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        // Nothing to release: the registry client holds no connection between requests.
    }

    private void requireConfigured() {
        if (config == null) {
            throw new IllegalStateException("DdmlConverter used before configure()");
        }
    }

    private static String readVersion() {
        try (InputStream in = DdmlConverter.class.getResourceAsStream("ddml-converter-version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
