package io.idaas.ddml;

import java.io.IOException;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;

/**
 * DDML events to and from Avro, with the one envelope schema {@link DdmlSchemas#avro()}. Binary
 * here is plain Avro binary (no registry framing; the Confluent wire format adds it). Thread-safe.
 */
public final class DdmlAvro {

    private DdmlAvro() {
    }

    /** The Avro schema every event is written with. */
    public static Schema schema() {
        return DdmlSchemas.avro();
    }

    /** The event as a record of {@link #schema()}. */
    public static GenericRecord toRecord(DdmlEvent event) {
        return AvroEventWriter.event(event);
    }

    /**
     * Reads an event from a record of {@link #schema()} or of a schema of a later 1.x version.
     *
     * @throws IllegalArgumentException if the record is not a valid DDML event, naming the field
     */
    public static DdmlEvent fromRecord(GenericRecord record) {
        return AvroEventReader.event(record);
    }

    /** The event as Avro binary written with {@link #schema()}. */
    public static byte[] serialize(DdmlEvent event) {
        AvroBinaryOutput out = AvroBinaryOutput.forThisThread();
        write(event, out);
        return out.toByteArray();
    }

    /**
     * Writes the event as Avro binary of {@link #schema()} to {@code out}, field by field (the same bytes as Avro's
     * GenericDatumWriter gives for {@link #toRecord}, without making the record).
     */
    public static void write(DdmlEvent event, AvroBinaryOutput out) {
        AvroEventWriter.write(event, out);
    }

    /** Reads Avro binary written with {@link #schema()}. */
    public static DdmlEvent deserialize(byte[] avro) {
        return deserialize(avro, schema());
    }

    /**
     * Reads Avro binary written with {@code writerSchema} (e.g. from a registry; any 1.x version),
     * resolved against {@link #schema()}.
     *
     * @throws IllegalArgumentException if the bytes do not decode or are not a valid DDML event
     */
    public static DdmlEvent deserialize(byte[] avro, Schema writerSchema) {
        GenericDatumReader<GenericRecord> reader = new GenericDatumReader<>(writerSchema, schema());
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(avro, null);
        GenericRecord record;
        try {
            record = reader.read(null, decoder);
            if (!decoder.isEnd()) {
                throw new IllegalArgumentException("Avro DDML event followed by " + "unread bytes");
            }
        } catch (IOException | AvroRuntimeException | IndexOutOfBoundsException e) {
            throw new IllegalArgumentException("not an Avro DDML event: " + e, e);
        }
        return fromRecord(record);
    }
}
