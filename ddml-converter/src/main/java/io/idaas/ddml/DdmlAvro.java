package io.idaas.ddml;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;

/**
 * DDML events to and from Avro, with the one envelope schema {@link DdmlSchemas#avro()}. Binary
 * here is plain Avro binary (no registry framing; the Confluent wire format adds it). Thread-safe.
 */
public final class DdmlAvro {

    private static final GenericDatumWriter<GenericRecord> WRITER = new GenericDatumWriter<>(DdmlSchemas.avro());

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
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        try {
            WRITER.write(toRecord(event), encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
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
