package io.idaas.views.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.idaas.views.app.ViewService;
import io.idaas.views.table.ViewRow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The JSON of the rows the API answers with, written token by token; a row read from a store gives its document's
 * stored text as it is, not parsed and written again.
 */
final class RowJson {

    private final ObjectMapper json;

    RowJson(ObjectMapper json) {
        this.json = json;
    }

    /** {@code {"view": ..., "key": ..., "position": ..., "document": {...}}}: one row by key. */
    byte[] row(String view, String key, ViewRow row) {
        ByteArrayBuilder out = new ByteArrayBuilder(256);
        try (JsonGenerator g = json.getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("view", view);
            fields(g, key, row);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("a row cannot be written as JSON", e); // not with a buffer in memory
        }
        return out.toByteArray();
    }

    /** {@code {"view": ..., "rows": [{"key", "position", "document"}...], "next": ...}}: a page of rows. */
    byte[] page(String view, ViewService.Page page) {
        ByteArrayBuilder out = new ByteArrayBuilder(1024);
        try (JsonGenerator g = json.getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("view", view);
            g.writeArrayFieldStart("rows");
            for (Map.Entry<String, ViewRow> e : page.rows()) {
                g.writeStartObject();
                fields(g, e.getKey(), e.getValue());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeStringField("next", page.next()); // null at the end
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("a page of rows cannot be written as JSON", e);
        }
        return out.toByteArray();
    }

    private static void fields(JsonGenerator g, String key, ViewRow row) throws IOException {
        g.writeStringField("key", key);
        g.writeStringField("position", row.position());
        g.writeFieldName("document");
        ViewRow.StoredPart stored = row.storedDocument();
        if (stored != null) {
            g.writeRawValue(new String(stored.bytes(), stored.offset(), stored.length(), StandardCharsets.UTF_8));
        } else {
            g.writeTree(row.document());
        }
    }
}
