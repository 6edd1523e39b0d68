package io.idaas.verify;

import java.util.Locale;

/** How deep a verification looks. */
public enum Mode {
    /** Row counts per table. */
    COUNT,
    /** Every row by primary key: missing, extra and different rows. */
    ROW,
    /** As {@link #ROW}, and for different rows which fields differ, with both values. */
    FIELD;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
