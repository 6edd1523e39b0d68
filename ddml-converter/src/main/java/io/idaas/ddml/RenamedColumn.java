package io.idaas.ddml;

import java.util.Objects;

/**
 * A column rename.
 *
 * @param from the old name
 * @param to   the new name
 */
public record RenamedColumn(String from, String to) {

    /** Checks both names are present. */
    public RenamedColumn {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }
}
