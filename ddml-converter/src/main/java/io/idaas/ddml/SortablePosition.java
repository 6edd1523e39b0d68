package io.idaas.ddml;

import java.math.BigInteger;
import java.util.Locale;

/**
 * Builds the sortable form of a source position (SPEC.md, "Ordering"): a fixed-width source part
 * per system, then {@code /phase/index}. Strings of one source compare in log order.
 */
public final class SortablePosition {

    /** The phase digit: snapshot reads before derived DDL before changes at the same source part. */
    public enum Phase {
        /** A snapshot read. */
        SNAPSHOT('0'),
        /** A DDL event derived from a change of table shape, placed before the change that showed it. */
        DERIVED_DDL('1'),
        /** A change (DML or DDL) read from the log. */
        CHANGE('2');

        private final char digit;

        Phase(char digit) {
            this.digit = digit;
        }

        /** The digit written in the sortable form. */
        public char digit() {
            return digit;
        }
    }

    private SortablePosition() {
    }

    /** The full sortable position: {@code part + "/" + phase + "/" + index as 10 digits}. */
    public static String of(String sourcePart, Phase phase, long index) {
        if (index < 0 || index > 9_999_999_999L) {
            throw new IllegalArgumentException("index out of 0..9999999999: " + index);
        }
        StringBuilder b = new StringBuilder(sourcePart.length() + 13).append(sourcePart).append('/').append(phase.digit()).append('/');
        return appendDigits(b, index, 10).toString();
    }

    /** MySQL and MariaDB: binlog file sequence number (10 digits) {@code :} position (20 digits). */
    public static String mysql(String binlogFile, long pos) {
        int dot = binlogFile.lastIndexOf('.');
        long seq = Long.parseLong(binlogFile.substring(dot + 1));
        return appendDigits(appendDigits(new StringBuilder(31), seq, 10).append(':'), pos, 20).toString();
    }

    /** PostgreSQL: transaction-order LSN {@code :} change LSN, each as 16 lowercase hex digits. */
    public static String postgres(long txOrderLsn, long changeLsn) {
        return hex(txOrderLsn) + ":" + hex(changeLsn);
    }

    /** Parses PostgreSQL's text form of an LSN, {@code 16/B374D848}, to its 64-bit value. */
    public static long parsePgLsn(String lsn) {
        int slash = lsn.indexOf('/');
        return (Long.parseLong(lsn.substring(0, slash), 16) << 32) | Long.parseLong(lsn.substring(slash + 1), 16);
    }

    /** Oracle: commit SCN {@code :} change SCN, each as 20 decimal digits. */
    public static String oracle(BigInteger commitScn, BigInteger scn) {
        return digits(commitScn, 20) + ":" + digits(scn, 20);
    }

    /** SQL Server: commit LSN {@code :} change LSN, hex digits without separators, each padded to 20. */
    public static String sqlServer(String commitLsn, String changeLsn) {
        return hexDigits(commitLsn, 20) + ":" + hexDigits(changeLsn, 20);
    }

    /** Db2: commit LSN {@code :} change LSN, hex digits without separators, each padded to 32. */
    public static String db2(String commitLsn, String changeLsn) {
        return hexDigits(commitLsn, 32) + ":" + hexDigits(changeLsn, 32);
    }

    /** MongoDB: cluster-time seconds (10 digits) {@code :} ordinal within the second (10 digits). */
    public static String mongodb(long seconds, long ordinal) {
        return digits(seconds, 10) + ":" + digits(ordinal, 10);
    }

    /** Appends {@link #digits(long, int)}: {@code v} left-padded with zeros to {@code width} decimal digits. */
    private static StringBuilder appendDigits(StringBuilder b, long v, int width) {
        if (v < 0) {
            return b.append(digits(v, width)); // refused there, with its message
        }
        int length = 1;
        for (long t = v; t >= 10; t /= 10) {
            length++;
        }
        if (length > width) {
            throw new IllegalArgumentException(v + " does not fit " + width + " decimal digits");
        }
        for (int i = length; i < width; i++) {
            b.append('0');
        }
        return b.append(v);
    }

    private static String digits(long v, int width) {
        if (v < 0) {
            return digits(BigInteger.valueOf(v), width); // refused there, with its message
        }
        String s = Long.toString(v);
        if (s.length() > width) {
            throw new IllegalArgumentException(v + " does not fit " + width + " decimal digits");
        }
        if (s.length() == width) {
            return s;
        }
        byte[] padded = new byte[width];
        int zeros = width - s.length();
        java.util.Arrays.fill(padded, 0, zeros, (byte) '0');
        for (int i = 0; i < s.length(); i++) {
            padded[zeros + i] = (byte) s.charAt(i);
        }
        return new String(padded, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private static String digits(BigInteger v, int width) {
        String s = v.toString();
        if (v.signum() < 0 || s.length() > width) {
            throw new IllegalArgumentException(v + " does not fit " + width + " decimal digits");
        }
        return "0".repeat(width - s.length()) + s;
    }

    private static String hex(long v) {
        String s = Long.toHexString(v);
        return "0".repeat(16 - s.length()) + s;
    }

    private static final java.util.regex.Pattern HEX = java.util.regex.Pattern.compile("[0-9a-f]*");

    private static String hexDigits(String lsn, int width) {
        String s = lsn.replace(":", "").replace("-", "").toLowerCase(Locale.ROOT);
        if (s.length() > width || !HEX.matcher(s).matches()) {
            throw new IllegalArgumentException("not an LSN of at most " + width + " hex digits: " + lsn);
        }
        return "0".repeat(width - s.length()) + s;
    }
}
