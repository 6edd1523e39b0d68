package io.idaas.views.table;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The store key of a view row: its primary key as compact JSON, columns in key order ({@code {"id":7}},
 * {@code {"order_id":7,"line":2}}). Equal keys give equal text, so the store and the HTTP API agree on it.
 */
public final class ViewKeys {

    private ViewKeys() {
    }

    /** The store key of a DDML key row. */
    public static String of(JsonNode keyRow) {
        return keyRow.toString();
    }
}
