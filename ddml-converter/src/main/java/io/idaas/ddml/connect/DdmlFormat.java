package io.idaas.ddml.connect;

import java.util.Locale;

/** How {@link DdmlConverter} encodes DDML on Kafka ({@code ddml.format}). */
public enum DdmlFormat {
    /** DDML JSON, UTF-8 (SPEC.md). */
    JSON,
    /** The DDML Avro envelope in the Confluent wire format, through a schema registry. */
    AVRO;

    /** The name in configurations: {@code json} or {@code avro}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The format called {@code id}, in any case. */
    public static DdmlFormat of(String id) {
        String wanted = id == null ? "" : id.trim().toUpperCase(Locale.ROOT);
        for (DdmlFormat f : values()) {
            if (f.name().equals(wanted)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown DDML format '" + id + "': choose json or avro");
    }
}
