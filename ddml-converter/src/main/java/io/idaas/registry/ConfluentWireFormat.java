package io.idaas.registry;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.function.IntFunction;

/**
 * The Confluent wire format of Avro values: a magic byte {@code 0}, the writer schema's registry id as a 4-byte
 * big-endian integer, then the value in Avro binary encoding. Values are Avro's generic representation
 * ({@code GenericRecord}, {@code Utf8} or {@code String}, boxed primitives, ...).
 */
public final class ConfluentWireFormat {

    /** The first byte of every framed payload. */
    public static final byte MAGIC_BYTE = 0;
    /** The magic byte and the schema id. */
    public static final int HEADER_LENGTH = 5;

    private ConfluentWireFormat() {
    }

    /** Writes the header of a payload of {@code schemaId}: the magic byte, then the id in 4 big-endian bytes. */
    public static void writeHeader(int schemaId, io.idaas.ddml.AvroBinaryOutput out) {
        out.writeRaw(new byte[] {MAGIC_BYTE, (byte) (schemaId >>> 24), (byte) (schemaId >>> 16), (byte) (schemaId >>> 8), (byte) schemaId});
    }

    /** Writes {@code value} with {@code schema}, framed with {@code schemaId}. */
    public static byte[] encode(int schemaId, Schema schema, Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        out.write(MAGIC_BYTE);
        out.writeBytes(ByteBuffer.allocate(4).putInt(schemaId).array());
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        try {
            new GenericDatumWriter<>(schema).write(value, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * The schema id in the header of {@code payload}.
     *
     * @throws WireFormatException when the payload is shorter than the header or its magic byte is not 0
     */
    public static int schemaId(byte[] payload) {
        if (payload == null || payload.length < HEADER_LENGTH) {
            throw new WireFormatException("not a Confluent-framed Avro payload: " + (payload == null ? "no" : payload.length)
                    + " bytes, fewer than the " + HEADER_LENGTH + " of the header (magic byte 0 and a 4-byte schema id)");
        }
        if (payload[0] != MAGIC_BYTE) {
            throw new WireFormatException(String.format("not a Confluent-framed Avro payload: the first byte is 0x%02x, not the magic byte 0x00%s",
                    payload[0] & 0xff, payload[0] == '{' || payload[0] == '[' ? " (it looks like JSON)" : ""));
        }
        return ByteBuffer.wrap(payload, 1, 4).getInt();
    }

    /** Reads {@code payload} with the writer schema its header names, as {@code writerSchemas} gives it. */
    public static Object decode(byte[] payload, IntFunction<Schema> writerSchemas) {
        int id = schemaId(payload);
        return decode(payload, writerSchemas.apply(id), null);
    }

    /**
     * Reads {@code payload}, written with {@code writer}, into {@code reader} (Avro schema resolution), or into
     * {@code writer} when {@code reader} is null.
     *
     * @throws WireFormatException when the header is wrong, or the body ends early or has bytes left over
     */
    public static Object decode(byte[] payload, Schema writer, Schema reader) {
        return decode(payload, new GenericDatumReader<>(writer, reader == null ? writer : reader));
    }

    /**
     * Reads {@code payload} with {@code datumReader}, whose writer schema must be the one the header's id names
     * (for readers that build other containers, such as ordered maps).
     *
     * @throws WireFormatException when the header is wrong, or the body ends early or has bytes left over
     */
    public static Object decode(byte[] payload, GenericDatumReader<?> datumReader) {
        int id = schemaId(payload);
        Schema writer = datumReader.getSchema();
        int bodyLength = payload.length - HEADER_LENGTH;
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(payload, HEADER_LENGTH, bodyLength, null);
        Object value;
        try {
            value = datumReader.read(null, decoder);
        } catch (EOFException e) {
            throw new WireFormatException("truncated Avro payload: its " + bodyLength + " bytes after the header end before a whole value of schema id "
                    + id + " (" + writer.getFullName() + ")", e);
        } catch (IOException | RuntimeException e) {
            throw new WireFormatException("cannot read the Avro payload of schema id " + id + " (" + writer.getFullName() + "): " + e, e);
        }
        try {
            if (!decoder.isEnd()) {
                throw new WireFormatException("the Avro payload of schema id " + id + " (" + writer.getFullName()
                        + ") has bytes left over after its value: it was not written with that schema");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return value;
    }
}
