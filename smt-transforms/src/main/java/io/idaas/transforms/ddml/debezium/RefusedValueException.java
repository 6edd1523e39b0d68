package io.idaas.transforms.ddml.debezium;

import org.apache.kafka.connect.errors.DataException;

/**
 * A Debezium change event holding a value that DDML cannot carry exactly (SPEC.md section 8.1: a producer never rounds,
 * clips or replaces a value): a PostgreSQL {@code infinity} timestamp, a MySQL {@code TIME} outside a day, a number that
 * does not fit its type. The event is refused as a whole: ToDdml sends it to its refused-values topic when one is
 * configured ({@code refused.topic}), else this exception fails the record as any {@link DataException} does.
 */
public final class RefusedValueException extends DataException {

    private final String reason;

    RefusedValueException(String message, String reason, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /** Which column, which value, why, without the record's whereabouts: the text of the refused record's header. */
    public String reason() {
        return reason;
    }
}
