package io.idaas.registry;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The compatibility levels of the Confluent Schema Registry: which earlier versions of a subject a new schema is
 * checked against, and in which direction. BACKWARD is the registry's default.
 */
public enum CompatibilityLevel {
    /** No check. */
    NONE(false, false, false),
    /** Readers with the new schema read data written with the latest one. */
    BACKWARD(true, false, false),
    /** Readers with the new schema read data written with every earlier one. */
    BACKWARD_TRANSITIVE(true, false, true),
    /** Readers with the latest schema read data written with the new one. */
    FORWARD(false, true, false),
    /** Readers with every earlier schema read data written with the new one. */
    FORWARD_TRANSITIVE(false, true, true),
    /** BACKWARD and FORWARD against the latest schema. */
    FULL(true, true, false),
    /** BACKWARD and FORWARD against every earlier schema. */
    FULL_TRANSITIVE(true, true, true);

    private final boolean backward;
    private final boolean forward;
    private final boolean transitive;

    CompatibilityLevel(boolean backward, boolean forward, boolean transitive) {
        this.backward = backward;
        this.forward = forward;
        this.transitive = transitive;
    }

    /** Whether the new schema, as reader, must read data written with the earlier ones. */
    public boolean backward() {
        return backward;
    }

    /** Whether the earlier schemas, as readers, must read data written with the new one. */
    public boolean forward() {
        return forward;
    }

    /** Whether every earlier version counts, not only the latest. */
    public boolean transitive() {
        return transitive;
    }

    /**
     * The level named {@code name}, in any case, as the registry's REST API writes it.
     *
     * @throws IllegalArgumentException naming the valid levels when {@code name} is none of them
     */
    public static CompatibilityLevel parse(String name) {
        if (name != null) {
            String wanted = name.trim().toUpperCase(Locale.ROOT);
            for (CompatibilityLevel level : values()) {
                if (level.name().equals(wanted)) {
                    return level;
                }
            }
        }
        throw new IllegalArgumentException("invalid compatibility level '" + name + "': choose from " + names());
    }

    /** Every level's name, comma-separated, for messages. */
    public static String names() {
        return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
    }
}
