package io.idaas.ddml;

import java.util.Map;
import java.util.Objects;

/**
 * Where an event sits in its source's log.
 *
 * @param sortable     the totally ordered form: events of one source order by comparing it
 *                     character by character (see {@link SortablePosition} and SPEC.md)
 * @param nativeFields the position as the source gives it (e.g. {@code file}, {@code pos},
 *                     {@code gtid}; {@code lsn}; {@code scn}), every value as a string; JSON
 *                     and Avro name this field {@code native}
 */
public record Position(String sortable, Map<String, String> nativeFields) {

    /** Copies the native fields into an unmodifiable map in key order ({@link NativeFields}, kept when it is one). */
    public Position {
        Objects.requireNonNull(sortable, "position.sortable");
        nativeFields = NativeFields.of(nativeFields);
    }

    /** A position. */
    public static Position of(String sortable, Map<String, String> nativeFields) {
        return new Position(sortable, nativeFields);
    }
}
