package io.idaas.ddml;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * How long a JSON string idaas reads may be. Jackson (2.15 and later) refuses, by default, a string longer than
 * 20,000,000 characters while parsing; a 16 MiB binary value is 22,369,624 characters of base64 in DDML JSON, and the
 * shipped configs carry records of up to 64 MiB (connect-configs/README.md, "Large values"). idaas's own parsers allow
 * {@link #MAX_STRING_LENGTH}; Kafka's {@code JsonConverter} makes its parser with Jackson's defaults, which only
 * {@link #raiseJvmDefault()} changes.
 */
public final class JsonLimits {

    /** 256 Mi characters: four times the largest record the shipped configs allow. */
    public static final int MAX_STRING_LENGTH = 256 * 1024 * 1024;

    private JsonLimits() {
    }

    /** An ObjectMapper whose parsers take strings up to {@link #MAX_STRING_LENGTH}, other limits Jackson's defaults. */
    public static ObjectMapper mapper() {
        return new ObjectMapper(JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.defaults().rebuild().maxStringLength(MAX_STRING_LENGTH).build())
                .build());
    }

    /**
     * Raises Jackson's default string limit, for every parser made from now on in this JVM (other limits kept), to
     * {@link #MAX_STRING_LENGTH} unless it is higher already. The idaas sink connectors call it before Connect makes their
     * converters: Kafka Connect's {@code JsonConverter} has no setting for it, and would otherwise fail on a record holding a
     * string over 20,000,000 characters. Jackson is the worker's (plugins do not ship it), so this reaches the converter.
     */
    public static synchronized void raiseJvmDefault() {
        StreamReadConstraints current = StreamReadConstraints.defaults();
        if (current.getMaxStringLength() < MAX_STRING_LENGTH) {
            StreamReadConstraints.overrideDefaultStreamReadConstraints(current.rebuild().maxStringLength(MAX_STRING_LENGTH).build());
        }
    }
}
