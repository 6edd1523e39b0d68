package io.idaas.ddml;

import java.util.Objects;

/**
 * Why a DML event carries no rows (SPEC.md §6.1): its producer left {@code before}, {@code after} and {@code changed}
 * out, and a consumer must not apply it but report it, since the row it names is stale from this event on.
 *
 * @param reason why the rows were left out: {@link #TOO_LARGE}
 * @param bytes  the size the whole event would have had, in bytes of its JSON encoding
 * @param limit  the limit it was over, in the same bytes
 */
public record Omitted(String reason, long bytes, long limit) {

    /** The event with its rows was larger than the producer's limit for one record. */
    public static final String TOO_LARGE = "too_large";

    public Omitted {
        Objects.requireNonNull(reason, "dml.omitted.reason");
    }

    /** A sentence for logs and dead-letter reasons. */
    public String describe() {
        return TOO_LARGE.equals(reason)
            ? "its rows were left out by the producer: the event would have been " + bytes + " bytes, over its limit of " + limit
                + " bytes"
            : "its rows were left out by the producer (" + reason + ")";
    }
}
