package io.idaas.transforms.ddml.process.mask;

import io.idaas.ddml.types.PortableType;
import io.idaas.transforms.ddml.process.ValueTexts;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keyed hash of {@code hash}: HMAC-SHA256 with the configured key over the UTF-8 of the value's DDML JSON text
 * (SPEC.md section 8.2: a string, enum, decimal, date, time, uuid as its string; a number or boolean as its JSON text,
 * {@code 42}, {@code true}; bytes as base64; a set or array as its compact JSON array), written as 64 lowercase hex
 * digits. So equal values hash alike in every table that uses the same key (joins on the hash work), and a key's hash
 * is the same in an event and in the tombstone that follows it (whose key holds the JSON values).
 */
final class Hasher {

    /** The hex digits of a hash. */
    static final int LENGTH = 64;

    private final Mac mac;

    Hasher(String key) {
        try {
            mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }

    /** The hash of a value of {@code type} in {@code PortableValues} form; null stays null. */
    String of(PortableType type, Object value) {
        return value == null ? null : ofText(ValueTexts.of(type, value));
    }

    /** The hash of a value of a key as DDML JSON holds it (a tombstone's key); null stays null. */
    String ofJson(Object value) {
        return value == null ? null : ofText(ValueTexts.ofJson(value));
    }

    private String ofText(String text) {
        return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }
}
