package io.idaas.ddml;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The fingerprint of a table schema (SPEC.md, "Schema fingerprint"): the lowercase hex SHA-256 of
 * a canonical text with one line {@code ddml-schema-v1}, one line per column
 * ({@code c TAB name TAB type TAB native_type TAB nullable TAB default_value TAB length TAB precision TAB scale})
 * and one primary-key line ({@code k} then {@code TAB name} per key column), each line ending in LF.
 */
public final class SchemaFingerprint {

    private SchemaFingerprint() {
    }

    /** The fingerprint of these columns (in order) and primary key (in key order). */
    public static String of(List<Column> columns, List<String> primaryKey) {
        return sha256(canonicalText(columns, primaryKey));
    }

    /** The canonical text the fingerprint hashes. */
    public static String canonicalText(List<Column> columns, List<String> primaryKey) {
        StringBuilder sb = new StringBuilder("ddml-schema-v1\n");
        for (Column c : columns) {
            sb.append('c');
            field(sb, c.name());
            field(sb, c.type().toString());
            field(sb, c.nativeType());
            field(sb, c.nullable() ? "1" : "0");
            field(sb, c.defaultValue());
            field(sb, c.length());
            field(sb, c.precision());
            field(sb, c.scale());
            sb.append('\n');
        }
        sb.append('k');
        for (String k : primaryKey) {
            field(sb, k);
        }
        return sb.append('\n').toString();
    }

    private static void field(StringBuilder sb, Object value) {
        sb.append('\t');
        if (value == null) {
            sb.append("\\N");
            return;
        }
        String s = value.toString();
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '\\' -> sb.append("\\\\");
                case '\t' -> sb.append("\\t");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                default -> sb.append(ch);
            }
        }
    }

    private static String sha256(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
