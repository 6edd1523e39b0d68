package io.idaas.cli.inspect;

/** How {@code idaas print} decodes keys and values. */
public enum RecordFormat {
    /**
     * Per record: Confluent-framed Avro when a registry is known (DDML Avro shown as its DDML JSON), else JSON when it
     * parses, else a string, else hex.
     */
    AUTO,
    /** A DDML change event or key (DDML JSON, or Confluent-framed DDML Avro through the registry), checked and shown as its DDML JSON. */
    DDML,
    /** Confluent wire format (magic byte 0, 4-byte schema id, Avro binary), decoded with the schema registry. */
    AVRO,
    /** JSON text, printed compact. */
    JSON,
    /** UTF-8 text; bytes that are not UTF-8 are printed as hex. */
    STRING
}
