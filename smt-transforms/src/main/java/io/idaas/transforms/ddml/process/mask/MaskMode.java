package io.idaas.transforms.ddml.process.mask;

import java.util.Locale;

/** How {@link DdmlMask} masks a column. */
enum MaskMode {
    /** The keyed HMAC-SHA256 of the value, as 64 lowercase hex digits; the column becomes {@code string(64)}. */
    HASH,
    /** A fixed value of the column's own type ({@link Redactions}). */
    REDACT,
    /** NULL (nullable columns only). */
    NULL;

    String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
