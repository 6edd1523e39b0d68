package io.idaas.cli.inspect;

import io.idaas.registry.ConfluentWireFormat;
import io.idaas.registry.SchemaRegistryClient;
import org.apache.avro.generic.GenericData;

/** Decodes Confluent-framed Avro with the writer's schema from a schema registry, printed as Avro's JSON-like text. */
public final class RegistryAvroDecoding implements RecordDecoder.AvroDecoding {

    private final SchemaRegistryClient registry;

    public RegistryAvroDecoding(SchemaRegistryClient registry) {
        this.registry = registry;
    }

    @Override
    public String decode(byte[] framed) {
        Object value = ConfluentWireFormat.decode(framed, registry::schemaById);
        return GenericData.get().toString(value);
    }
}
