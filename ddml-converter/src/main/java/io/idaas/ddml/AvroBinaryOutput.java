package io.idaas.ddml;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Avro's binary encoding (the Avro specification, "Binary Encoding") into a growable byte array: the same bytes as Avro's
 * {@code BinaryEncoder} writes for each primitive (zig-zag varints for int and long, little-endian IEEE 754 for double,
 * length-prefixed UTF-8 for strings as {@code String.getBytes(UTF_8)} gives it), without a stream or a datum writer in
 * between. Not thread-safe; {@link #forThisThread()} gives each thread one to reuse.
 */
public final class AvroBinaryOutput {

    private static final int INITIAL = 1024;
    /** A buffer grown past this for a large event is dropped when reused, so that a thread does not keep it. */
    private static final int KEPT = 1 << 20;
    private static final ThreadLocal<AvroBinaryOutput> PER_THREAD = ThreadLocal.withInitial(AvroBinaryOutput::new);

    private byte[] buf = new byte[INITIAL];
    private int size;

    /** An empty output. */
    public AvroBinaryOutput() {
    }

    /** This thread's output, emptied: valid until the thread's next call. */
    public static AvroBinaryOutput forThisThread() {
        AvroBinaryOutput out = PER_THREAD.get();
        out.reset();
        return out;
    }

    /** Empties the output. */
    public void reset() {
        size = 0;
        if (buf.length > KEPT) {
            buf = new byte[INITIAL];
        }
    }

    /** The bytes written so far. */
    public byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    /** The number of bytes written so far. */
    public int size() {
        return size;
    }

    private void ensure(int more) {
        if (size + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
        }
    }

    /** Bytes as they are (an already encoded part, a framing header). */
    public void writeRaw(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, size, bytes.length);
        size += bytes.length;
    }

    /** An Avro long: zig-zag, then a varint. */
    public void writeLong(long n) {
        ensure(10);
        long v = (n << 1) ^ (n >> 63);
        while ((v & ~0x7FL) != 0) {
            buf[size++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[size++] = (byte) v;
    }

    /** An Avro int (the same varint as a long of its value). */
    public void writeInt(int n) {
        writeLong(n);
    }

    /** The branch of a union. */
    public void writeIndex(int index) {
        writeLong(index);
    }

    /** An Avro boolean: one byte. */
    public void writeBoolean(boolean b) {
        ensure(1);
        buf[size++] = (byte) (b ? 1 : 0);
    }

    /** An Avro double: the IEEE 754 bits ({@code doubleToRawLongBits}, as Avro's encoder), little-endian. */
    public void writeDouble(double d) {
        ensure(8);
        long bits = Double.doubleToRawLongBits(d);
        for (int i = 0; i < 8; i++) {
            buf[size++] = (byte) (bits >>> (8 * i));
        }
    }

    /** An Avro string: its UTF-8 length, then its UTF-8 bytes. */
    public void writeString(String s) {
        int length = s.length();
        int start = size;
        writeLong(length); // the UTF-8 length when the string is ASCII, one byte a character: the usual case
        ensure(length);
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                size = start; // not ASCII: written again, through the JDK's UTF-8 encoder
                writeBytes(s.getBytes(StandardCharsets.UTF_8));
                return;
            }
            buf[size++] = (byte) c;
        }
    }

    /** Avro bytes: the length, then the bytes. */
    public void writeBytes(byte[] bytes) {
        writeLong(bytes.length);
        writeRaw(bytes);
    }

    /**
     * The count that starts a block of {@code count} array or map items, as Avro's encoder writes one block: nothing for
     * none (the block that ends every array and map, {@link #writeBlockEnd()}, follows directly).
     */
    public void writeBlockStart(int count) {
        if (count > 0) {
            writeLong(count);
        }
    }

    /** The empty block that ends an array or a map. */
    public void writeBlockEnd() {
        ensure(1);
        buf[size++] = 0;
    }
}
