package io.idaas.transforms.ddml.debezium;

import org.apache.kafka.connect.errors.DataException;

/**
 * A Debezium change event holding a value that DDML cannot carry exactly (SPEC.md section 8.1: a producer never rounds,
 * clips or replaces a value): a PostgreSQL {@code infinity} timestamp, a MySQL {@code TIME} outside a day, a number that
 * does not fit its type. The mapping catches it and writes the change without its rows, {@code dml.omitted} with the
 * reason {@code unrepresentable_value} and {@link #reason()} as its detail (SPEC.md section 6.1).
 */
public final class RefusedValueException extends DataException {

    private final String reason;

    RefusedValueException(String message, String reason, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /** Which column, which value, why, without the record's whereabouts: the {@code dml.omitted.detail} text. */
    public String reason() {
        return reason;
    }
}
