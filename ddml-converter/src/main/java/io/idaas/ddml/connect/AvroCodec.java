package io.idaas.ddml.connect;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idaas.ddml.DdmlAvro;
import io.idaas.ddml.DdmlEvent;
import io.idaas.registry.ConfluentWireFormat;
import io.idaas.registry.SubjectNameStrategy;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * DDML Avro in the Confluent wire format: events with the envelope schema {@link DdmlAvro#schema()}, keys with
 * {@link KeyRows#SCHEMA}, each registered (or looked up) under the subject its strategy names. Reading fetches the
 * writer schema by the payload's id and resolves it against this version's schema.
 */
final class AvroCodec implements DdmlCodec {

    private final RegistrySchemas registry;
    private final SubjectNameStrategy strategy;

    AvroCodec(RegistrySchemas registry, SubjectNameStrategy strategy) {
        this.registry = registry;
        this.strategy = strategy;
    }

    @Override
    public byte[] writeEvent(String topic, DdmlEvent event) {
        Schema schema = DdmlAvro.schema();
        int id = registry.writeId(strategy.subject(topic, false, schema), schema);
        return ConfluentWireFormat.encode(id, schema, DdmlAvro.toRecord(event));
    }

    @Override
    public DdmlEvent readEvent(String topic, byte[] bytes) {
        Schema writer = registry.schemaById(ConfluentWireFormat.schemaId(bytes));
        return DdmlAvro.fromRecord((GenericRecord) ConfluentWireFormat.decode(bytes, writer, DdmlAvro.schema()));
    }

    @Override
    public byte[] writeKey(String topic, ObjectNode key) {
        int id = registry.writeId(strategy.subject(topic, true, KeyRows.SCHEMA), KeyRows.SCHEMA);
        return ConfluentWireFormat.encode(id, KeyRows.SCHEMA, KeyRows.toAvro(key));
    }

    @Override
    public ObjectNode readKey(String topic, byte[] bytes) {
        Schema writer = registry.schemaById(ConfluentWireFormat.schemaId(bytes));
        return KeyRows.fromAvro(ConfluentWireFormat.decode(bytes, KeyRows.reader(writer)));
    }
}
