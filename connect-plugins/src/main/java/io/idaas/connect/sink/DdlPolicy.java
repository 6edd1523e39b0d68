package io.idaas.connect.sink;

import java.util.Locale;

/** What the sink does with one kind of definition change. */
public enum DdlPolicy {
    /** Apply the change to the target. */
    APPLY,
    /** Leave the target as it is and go on. */
    IGNORE,
    /** Stop the task with a message naming the table and the change. */
    FAIL;

    /** The lowercase config value, e.g. {@code apply}. */
    public String configValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The policy for a config value, case-insensitively. */
    public static DdlPolicy of(String value) {
        return valueOf(value.trim().toUpperCase(Locale.ROOT));
    }
}
