package io.idaas.verify.sql;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.List;

/** Reads the canonical JSON array text of sets and arrays back into elements, for repair literals. */
final class JsonText {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonText() {
    }

    /** The elements of a JSON array, each as text (null for JSON null). */
    static List<String> strings(String jsonArray) {
        try {
            List<String> out = new ArrayList<>();
            for (JsonNode e : JSON.readTree(jsonArray)) {
                out.add(e.isNull() ? null : e.isTextual() ? e.textValue() : e.toString());
            }
            return out;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a JSON array: " + jsonArray, e);
        }
    }
}
