package io.idaas.views.table;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Objects;

/**
 * A row of a view as its store holds it: the whole source row, what the view serves of it, the position that wrote
 * it and its columns' types.
 *
 * <p>A row read from a store ({@link #stored}) keeps its stored JSON and parses a part only when it is asked for: a
 * key lookup needs the position and the document's text, not the source row, which is most of the bytes.
 */
public final class ViewRow {

    /** A part of a stored row: its JSON text, a span of the stored bytes, parsed on first use. */
    public interface StoredPart {

        /** The part's JSON text, as stored (UTF-8). */
        byte[] bytes();

        /** Where the part starts in {@link #bytes()}. */
        int offset();

        /**
         * How many bytes from {@link #offset()} hold the part: exactly its text for the document and the types; for
         * a source row stored last, the rest of the stored row, of which the part is the start.
         */
        int length();

        /** The part parsed. */
        ObjectNode parse();
    }

    private volatile ObjectNode source;
    private volatile ObjectNode document;
    private volatile ObjectNode types;
    private final String position;
    private final StoredPart storedSource;
    private final StoredPart storedDocument;
    private final StoredPart storedTypes;

    /**
     * @param source   the whole source row (DDML JSON values), kept so that a partial update can be merged and a row
     *                 that stops passing {@code where} can be told apart
     * @param document what the view serves, shaped by the declaration; {@code null} when the row does not pass the
     *                 view's {@code where} (the row is kept so that a later partial update can be merged)
     * @param position the sortable source position of the event that wrote it
     * @param types    the portable types (SPEC.md section 8) of the document's columns and of the key columns, by
     *                 name, as the source table's schema gives them; {@code null} or partial where not known (then
     *                 the view's changelog infers them from the values)
     */
    public ViewRow(ObjectNode source, ObjectNode document, String position, ObjectNode types) {
        this(source, document, position, types, null, null, null);
    }

    /** A row whose column types are not known. */
    public ViewRow(ObjectNode source, ObjectNode document, String position) {
        this(source, document, position, null);
    }

    private ViewRow(ObjectNode source, ObjectNode document, String position, ObjectNode types, StoredPart storedSource,
                    StoredPart storedDocument, StoredPart storedTypes) {
        this.source = source;
        this.document = document;
        this.position = position;
        this.types = types;
        this.storedSource = storedSource;
        this.storedDocument = storedDocument;
        this.storedTypes = storedTypes;
    }

    /**
     * A row read from a store: its parts as stored, each parsed when first asked for ({@code document} and
     * {@code types} may be {@code null}: not in the view, types not known).
     */
    public static ViewRow stored(StoredPart source, StoredPart document, String position, StoredPart types) {
        return new ViewRow(null, null, Objects.requireNonNull(position, "position"), null, Objects.requireNonNull(source, "source"),
                document, types);
    }

    /** The whole source row. */
    public ObjectNode source() {
        ObjectNode s = source;
        if (s == null && storedSource != null) {
            source = s = storedSource.parse();
        }
        return s;
    }

    /** What the view serves; {@code null} when the row is not in the view. */
    public ObjectNode document() {
        ObjectNode d = document;
        if (d == null && storedDocument != null) {
            document = d = storedDocument.parse();
        }
        return d;
    }

    /** The document's JSON text as stored, when the row was read from a store and is in the view; else {@code null}. */
    public StoredPart storedDocument() {
        return storedDocument;
    }

    public String position() {
        return position;
    }

    /** The columns' portable types by name; {@code null} when not known. */
    public ObjectNode types() {
        ObjectNode t = types;
        if (t == null && storedTypes != null) {
            types = t = storedTypes.parse();
        }
        return t;
    }

    /** Whether the row is in the view (passes its {@code where}). */
    public boolean inView() {
        return document != null || storedDocument != null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ViewRow r && Objects.equals(position, r.position) && Objects.equals(source(), r.source())
                && Objects.equals(document(), r.document()) && Objects.equals(types(), r.types());
    }

    @Override
    public int hashCode() {
        return Objects.hash(source(), document(), position, types());
    }

    @Override
    public String toString() {
        return "ViewRow[source=" + source() + ", document=" + document() + ", position=" + position + ", types=" + types() + "]";
    }
}
