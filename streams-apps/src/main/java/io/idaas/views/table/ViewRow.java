package io.idaas.views.table;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A row of a view as its store holds it.
 *
 * @param source   the whole source row (DDML JSON values), kept so that a partial update can be merged and a row
 *                 that stops passing {@code where} can be told apart
 * @param document what the view serves, shaped by the declaration; {@code null} when the row does not pass the
 *                 view's {@code where} (the row is kept so that a later partial update can be merged)
 * @param position the sortable source position of the event that wrote it
 * @param types    the portable types (SPEC.md section 8) of the document's columns and of the key columns, by name,
 *                 as the source table's schema gives them; {@code null} or partial where not known (then the
 *                 view's changelog infers them from the values)
 */
public record ViewRow(ObjectNode source, ObjectNode document, String position, ObjectNode types) {

    /** A row whose column types are not known. */
    public ViewRow(ObjectNode source, ObjectNode document, String position) {
        this(source, document, position, null);
    }

    /** Whether the row is in the view (passes its {@code where}). */
    public boolean inView() {
        return document != null;
    }
}
