package io.idaas.ddml;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * Compact UTF-8 JSON into a growable byte array, token by token, byte for byte as Jackson's UTF-8 generator (with its
 * defaults, as {@link JsonLimits#mapper()} makes it) writes the same tokens: strings escape {@code "}, {@code \} and
 * the control characters ({@code \b \t \n \f \r}, others as a six-character escape (backslash, u, 4 hex digits)), write other characters as UTF-8, and
 * each UTF-16 surrogate as a six-character escape (Jackson does not combine a pair); numbers are Java's
 * {@code toString}s; binary is standard padded base64. The caller writes the structure (braces, commas, field names),
 * mostly as constant bytes. Not thread-safe; {@link #forThisThread()} gives each thread one to reuse.
 */
final class JsonOutput {

    private static final int INITIAL = 2048;
    /** A buffer grown past this for a large event is dropped when reused, so that a thread does not keep it. */
    private static final int KEPT = 1 << 20;
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    /** Per ASCII character: 0 written as is, -1 as a six-character escape (backslash, u, 4 hex digits), else the letter after a backslash. */
    private static final int[] ESCAPES = new int[128];
    private static final byte[] NULL = bytes("null");
    private static final byte[] TRUE = bytes("true");
    private static final byte[] FALSE = bytes("false");
    /** 10 to the power of the index, 10^0 to 10^18. */
    private static final long[] POWERS_OF_TEN = new long[19];
    private static final ThreadLocal<JsonOutput> PER_THREAD = ThreadLocal.withInitial(JsonOutput::new);

    static {
        POWERS_OF_TEN[0] = 1;
        for (int i = 1; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
        }
        for (int i = 0; i < 0x20; i++) {
            ESCAPES[i] = -1;
        }
        ESCAPES['"'] = '"';
        ESCAPES['\\'] = '\\';
        ESCAPES['\b'] = 'b';
        ESCAPES['\t'] = 't';
        ESCAPES['\f'] = 'f';
        ESCAPES['\n'] = 'n';
        ESCAPES['\r'] = 'r';
    }

    private byte[] buf = new byte[INITIAL];
    private int size;

    /** This thread's output, emptied: valid until the thread's next call. */
    static JsonOutput forThisThread() {
        JsonOutput out = PER_THREAD.get();
        out.size = 0;
        if (out.buf.length > KEPT) {
            out.buf = new byte[INITIAL];
        }
        return out;
    }

    /** Empties the output. */
    void clear() {
        size = 0;
    }

    /** The UTF-8 bytes of constant text (field names, punctuation). */
    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The bytes written so far. */
    byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    private void ensure(int more) {
        if (size + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
        }
    }

    /** Bytes as they are: structure, constant field names, already written JSON. */
    void raw(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, size, bytes.length);
        size += bytes.length;
    }

    /** One ASCII character as it is. */
    void raw(char c) {
        ensure(1);
        buf[size++] = (byte) c;
    }

    /** A string value, quoted and escaped; null is JSON null (as Jackson's {@code writeString(null)}). */
    void string(String s) {
        if (s == null) {
            nullValue();
            return;
        }
        int length = s.length();
        ensure(length + 2);
        buf[size++] = '"';
        int i = 0;
        // the common case first: printable ASCII without quote or backslash, one byte each
        byte[] b = buf;
        int p = size;
        while (i < length) {
            char c = s.charAt(i);
            if (c >= 0x80 || c < 0x20 || c == '"' || c == '\\') {
                break;
            }
            b[p++] = (byte) c;
            i++;
        }
        size = p;
        if (i < length) {
            rest(s, i, length);
        }
        ensure(1);
        buf[size++] = '"';
    }

    /** The rest of a string from its first character that is not plain ASCII: up to 6 bytes a character. */
    private void rest(String s, int from, int length) {
        ensure((length - from) * 6);
        byte[] b = buf;
        int p = size;
        for (int i = from; i < length; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                int escape = ESCAPES[c];
                if (escape == 0) {
                    b[p++] = (byte) c;
                } else if (escape > 0) {
                    b[p++] = '\\';
                    b[p++] = (byte) escape;
                } else {
                    p = unicodeEscape(b, p, c);
                }
            } else if (c < 0x800) {
                b[p++] = (byte) (0xC0 | (c >> 6));
                b[p++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isSurrogate(c)) {
                p = unicodeEscape(b, p, c);
            } else {
                b[p++] = (byte) (0xE0 | (c >> 12));
                b[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                b[p++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        size = p;
    }

    private static int unicodeEscape(byte[] b, int p, char c) {
        b[p++] = '\\';
        b[p++] = 'u';
        b[p++] = HEX[(c >> 12) & 0xF];
        b[p++] = HEX[(c >> 8) & 0xF];
        b[p++] = HEX[(c >> 4) & 0xF];
        b[p++] = HEX[c & 0xF];
        return p;
    }

    /** A field name (quoted, escaped) and its colon. */
    void name(String name) {
        string(name);
        raw(':');
    }

    /** An integer, in decimal. */
    void number(long n) {
        if (n == Long.MIN_VALUE) {
            ascii(Long.toString(n));
            return;
        }
        ensure(20);
        if (n < 0) {
            buf[size++] = '-';
            n = -n;
        }
        int digits = 1;
        while (digits < POWERS_OF_TEN.length && n >= POWERS_OF_TEN[digits]) {
            digits++;
        }
        int end = size + digits;
        for (int p = end - 1; p >= size; p--) {
            buf[p] = (byte) ('0' + (int) (n % 10));
            n /= 10;
        }
        size = end;
    }

    /** A finite double, as {@link Double#toString(double)} writes it (what Jackson writes). */
    void number(double d) {
        ascii(Double.toString(d));
    }

    /** A finite float, as {@link Float#toString(float)} writes it (what Jackson writes). */
    void number(float f) {
        ascii(Float.toString(f));
    }

    void bool(boolean b) {
        raw(b ? TRUE : FALSE);
    }

    void nullValue() {
        raw(NULL);
    }

    /** Bytes as a string of standard, padded base64. */
    void binary(byte[] bytes) {
        raw('"');
        raw(Base64.getEncoder().encode(bytes));
        raw('"');
    }

    /** Text known to be ASCII without anything to escape (numbers), unquoted. */
    private void ascii(String text) {
        int length = text.length();
        ensure(length);
        for (int i = 0; i < length; i++) {
            buf[size++] = (byte) text.charAt(i);
        }
    }
}
