package io.idaas.transforms.ddml.process;

import io.idaas.ddml.Column;
import io.idaas.ddml.DdmlEvent;
import io.idaas.ddml.Row;
import java.util.List;

/**
 * Columns a processor adds at the end of a table ({@link EventRewriter}): to its schema (and primary key, when
 * {@link #inKey}), to the rows of its DML events, and to the column list of its create_table events.
 */
public interface ColumnAppender {

    /** The value that leaves a column out of a row: unknown, as an absent column is in DDML (SPEC.md section 6). */
    Object ABSENT = new Object();

    /** The columns added, in order. */
    List<Column> columns();

    /** Whether the added columns join the primary key of a table that has one (at its end). */
    boolean inKey();

    /**
     * A value of an added column.
     *
     * @param column the added column
     * @param event  the event, as it came in
     * @param row    the row the value is for, with the columns it came with (after any mapping); the key row's full row
     *               (after, else before) for the key
     * @param role   {@code "after"}, {@code "before"} or {@code "key"}
     * @return the value in {@code PortableValues} form, null for NULL, or {@link #ABSENT}
     */
    Object value(Column column, DdmlEvent event, Row row, String role);
}
