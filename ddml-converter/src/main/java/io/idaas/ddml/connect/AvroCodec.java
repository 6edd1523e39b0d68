package io.idaas.ddml.connect;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idaas.ddml.AvroBinaryOutput;
import io.idaas.ddml.ControlRecord;
import io.idaas.ddml.DdmlAvro;
import io.idaas.ddml.DdmlEvent;
import io.idaas.registry.ConfluentWireFormat;
import io.idaas.registry.SubjectNameStrategy;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * DDML Avro in the Confluent wire format: events with the envelope schema {@link DdmlAvro#schema()}, keys with
 * {@link KeyRows#SCHEMA}, control records with their own record schemas ({@link ControlRecord.Kind#schema()}), each
 * registered (or looked up) under the subject its strategy names. Reading fetches the writer schema by the payload's
 * id, tells a control record from an event or key row by the writer schema's full name, and resolves the writer
 * schema against this version's.
 */
final class AvroCodec implements DdmlCodec {

    private final RegistrySchemas registry;
    private final SubjectNameStrategy strategy;
    /** The event schema's id for the topic last written to. */
    private volatile TopicId lastEventId;

    AvroCodec(RegistrySchemas registry, SubjectNameStrategy strategy) {
        this.registry = registry;
        this.strategy = strategy;
    }

    @Override
    public byte[] writeEvent(String topic, DdmlEvent event) {
        int id = eventSchemaId(topic);
        AvroBinaryOutput out = AvroBinaryOutput.forThisThread();
        ConfluentWireFormat.writeHeader(id, out);
        DdmlAvro.write(event, out);
        return out.toByteArray();
    }

    /**
     * The registry id of the event schema for {@code topic}'s subject: the subject is the strategy's function of the topic
     * (the schema is always the one envelope), so the id found for the last topic is kept, and the registry's cache asked
     * only when the topic changes.
     */
    private int eventSchemaId(String topic) {
        TopicId last = lastEventId;
        if (last != null && last.topic().equals(topic)) {
            return last.id();
        }
        Schema schema = DdmlAvro.schema();
        int id = registry.writeId(strategy.subject(topic, false, schema), schema);
        lastEventId = new TopicId(topic, id);
        return id;
    }

    private record TopicId(String topic, int id) {
    }

    @Override
    public byte[] writeControl(String topic, ControlRecord control) {
        Schema schema = control.kind().schema();
        int id = registry.writeId(strategy.subject(topic, control.kind().isKey(), schema), schema);
        return ConfluentWireFormat.encode(id, schema, control.toAvro());
    }

    @Override
    public Object readValue(String topic, byte[] bytes) {
        Schema writer = registry.schemaById(ConfluentWireFormat.schemaId(bytes));
        Optional<ControlRecord> control = control(bytes, writer);
        if (control.isPresent()) {
            return control.get();
        }
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
        Optional<ControlRecord> control = control(bytes, writer);
        if (control.isPresent()) {
            return control.get().tree();
        }
        return KeyRows.fromAvro(ConfluentWireFormat.decode(bytes, KeyRows.reader(writer)));
    }

    /** The control record in {@code bytes}, when the writer schema is a control record's. */
    private static Optional<ControlRecord> control(byte[] bytes, Schema writer) {
        if (writer.getType() != Schema.Type.RECORD) {
            return Optional.empty();
        }
        return ControlRecord.Kind.ofAvroName(writer.getFullName()).map(kind -> ControlRecord.fromAvro(
            (GenericRecord) ConfluentWireFormat.decode(bytes, writer, kind.schema())));
    }
}
