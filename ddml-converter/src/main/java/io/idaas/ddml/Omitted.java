package io.idaas.ddml;

import java.util.Objects;

/**
 * Why a DML event carries no rows (SPEC.md §6.1): its producer left {@code before}, {@code after} and {@code changed}
 * out, and a consumer must not apply it but report it, since the row it names is stale from this event on.
 *
 * @param reason why the rows were left out: {@link #TOO_LARGE}, {@link #UNREPRESENTABLE_VALUE}, or a reason of a later
 *               1.x, which a reader treats alike
 * @param bytes  for {@link #TOO_LARGE}, the size the whole event would have had, in bytes of its JSON encoding; 0 for
 *               the other reasons
 * @param limit  for {@link #TOO_LARGE}, the limit it was over, in the same bytes; 0 for the other reasons
 * @param detail what a person needs to find the cause, in words (for {@link #UNREPRESENTABLE_VALUE}: the column, its
 *               value and why DDML cannot carry it); null when there is nothing to add
 */
public record Omitted(String reason, long bytes, long limit, String detail) {

    /** The event with its rows was larger than the producer's limit for one record. */
    public static final String TOO_LARGE = "too_large";
    /** A value of the change has no exact DDML value (SPEC.md §8.1): a PostgreSQL {@code infinity}, a numeric NaN, ... */
    public static final String UNREPRESENTABLE_VALUE = "unrepresentable_value";
    /** The DDML version that brought {@code dml.omitted}; an event that carries it has this {@code spec_version}. */
    public static final String SPEC_VERSION = "1.1";

    public Omitted {
        Objects.requireNonNull(reason, "dml.omitted.reason");
    }

    /** An {@code omitted} without detail. */
    public Omitted(String reason, long bytes, long limit) {
        this(reason, bytes, limit, null);
    }

    /** Rows left out because the event would have been {@code bytes} long, over {@code limit}. */
    public static Omitted tooLarge(long bytes, long limit) {
        return new Omitted(TOO_LARGE, bytes, limit, null);
    }

    /** Rows left out because a value has no exact DDML value; {@code detail} names the column and the value. */
    public static Omitted unrepresentableValue(String detail) {
        return new Omitted(UNREPRESENTABLE_VALUE, 0, 0, Objects.requireNonNull(detail, "detail"));
    }

    /** A sentence for logs and dead-letter reasons. */
    public String describe() {
        String what = switch (reason) {
            case TOO_LARGE -> "the event would have been " + bytes + " bytes, over its limit of " + limit + " bytes";
            case UNREPRESENTABLE_VALUE -> "a value has no exact DDML value (" + UNREPRESENTABLE_VALUE + ")";
            default -> "for the reason '" + reason + "'";
        };
        return "its rows were left out by the producer: " + what + (detail == null ? "" : ": " + detail);
    }
}
