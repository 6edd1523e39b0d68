package io.idaas.cli.inspect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Turns the bytes of a key or value into one line of text for {@code idaas print}. A record that does not decode
 * in the asked format is printed as {@code <not FORMAT: reason> 0x...}, never skipped, and printing goes on.
 */
public final class RecordDecoder {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final RecordFormat format;
    private final AvroDecoding avro;
    private final DdmlDecoding ddml;

    /** Decodes Confluent-framed Avro; absent when no schema registry is known. */
    public interface AvroDecoding {
        String decode(byte[] framed) throws Exception;
    }

    public RecordDecoder(RecordFormat format, AvroDecoding avro) {
        this(format, avro, null);
    }

    /**
     * @param ddml decodes DDML (JSON, or framed Avro through the registry) for {@link RecordFormat#DDML}, and for
     *             {@link RecordFormat#AUTO}, which shows framed DDML Avro as its DDML JSON; null: DDML is read as JSON
     */
    public RecordDecoder(RecordFormat format, AvroDecoding avro, DdmlDecoding ddml) {
        this.format = format;
        this.avro = avro;
        this.ddml = ddml;
    }

    public String decode(byte[] bytes) {
        if (bytes == null) {
            return "<null>";
        }
        return switch (format) {
            case STRING -> utf8(bytes).orElseGet(() -> hex(bytes));
            case JSON -> json(bytes).orElseGet(() -> "<not JSON> " + printable(bytes));
            case DDML -> ddml == null ? json(bytes).orElseGet(() -> "<not JSON> " + printable(bytes)) : ddml(bytes);
            case AVRO -> avro(bytes);
            case AUTO -> auto(bytes);
        };
    }

    /**
     * What {@code bytes} are, for the header of {@code idaas print}: {@code DDML Avro}, {@code Avro} (Confluent wire
     * format), {@code DDML JSON}, {@code Debezium JSON} (an envelope with {@code op} and {@code source}, bare or in
     * {@code payload} as JsonConverter writes it with schemas), {@code JSON}, {@code plain text} or {@code binary};
     * {@code null} for a null key or value (a tombstone).
     */
    public String detect(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        if (isConfluentFramed(bytes)) {
            if (avro == null) {
                return "Avro or other Confluent wire format (pass --registry URL to decode it)";
            }
            return ddmlIfItIs(bytes).isPresent() ? "DDML Avro" : "Avro";
        }
        JsonNode tree;
        try {
            tree = JSON.readTree(bytes);
        } catch (Exception e) {
            tree = null;
        }
        if (tree == null || tree.isMissingNode()) {
            return utf8(bytes).isPresent() ? "plain text" : "binary";
        }
        if (ddml != null && !ddml.isKey() && ddmlIfItIs(bytes).isPresent()) {
            return "DDML JSON";
        }
        JsonNode envelope = tree.has("payload") && tree.has("schema") ? tree.get("payload") : tree;
        if (envelope.isObject() && envelope.has("op") && envelope.has("source")) {
            return "Debezium JSON";
        }
        return "JSON";
    }

    private String auto(byte[] bytes) {
        if (isConfluentFramed(bytes) && avro != null) {
            return ddmlIfItIs(bytes).orElseGet(() -> avro(bytes));
        }
        // DDML JSON is JSON, written compact: printed as JSON it is already its DDML form.
        return json(bytes).or(() -> utf8(bytes)).orElseGet(() -> hex(bytes));
    }

    private String ddml(byte[] bytes) {
        try {
            return ddml.decode(bytes);
        } catch (RuntimeException e) {
            return "<not DDML: " + e.getMessage() + "> " + (isConfluentFramed(bytes) ? hex(bytes) : printable(bytes));
        }
    }

    /** The DDML JSON of a record that is DDML; empty for any other. */
    private Optional<String> ddmlIfItIs(byte[] bytes) {
        if (ddml == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(ddml.decode(bytes));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private String avro(byte[] bytes) {
        if (avro == null) {
            return "<not decoded: Avro needs a schema registry, pass --registry URL> " + hex(bytes);
        }
        if (!isConfluentFramed(bytes)) {
            return "<not Avro in the Confluent wire format: " + (bytes.length < 5 ? "shorter than 5 bytes" : "first byte is not 0") + "> " + printable(bytes);
        }
        try {
            return avro.decode(bytes);
        } catch (Exception e) {
            return "<not decoded: " + e.getMessage() + "> " + hex(bytes);
        }
    }

    static boolean isConfluentFramed(byte[] bytes) {
        return bytes.length >= 5 && bytes[0] == 0;
    }

    private static Optional<String> json(byte[] bytes) {
        try {
            JsonNode node = JSON.readTree(bytes);
            return node == null || node.isMissingNode() ? Optional.empty() : Optional.of(node.toString());
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    /** The text, when the bytes are UTF-8 without control characters (other than tab and line breaks). */
    private static Optional<String> utf8(byte[] bytes) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            boolean binary = text.chars().anyMatch(c -> Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r');
            return binary ? Optional.empty() : Optional.of(text);
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    private static String printable(byte[] bytes) {
        return utf8(bytes).orElseGet(() -> hex(bytes));
    }

    static String hex(byte[] bytes) {
        return "0x" + HexFormat.of().formatHex(bytes);
    }
}
