package io.idaas.views;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idaas.views.declaration.Aggregate;
import io.idaas.views.table.ViewRow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Map;

/** Computes an aggregate view's document from a group's members ({@code {rowKey: {key, position, values}}}). */
final class Aggregates {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Aggregates() {
    }

    /** The group's view row, or {@code null} (no row) when the group has no members left. */
    static ViewRow compute(String groupKey, JsonNode members, Map<String, Aggregate> aggregates) {
        if (members == null || members.isEmpty()) {
            return null;
        }
        ObjectNode document;
        try {
            document = (ObjectNode) JSON.readTree(groupKey);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String position = "";
        JsonNode latest = null;
        for (JsonNode m : members) {
            String p = m.get("position").asText();
            if (p.compareTo(position) > 0) {
                position = p;
                latest = m;
            }
        }
        for (Map.Entry<String, Aggregate> e : aggregates.entrySet()) {
            Aggregate a = e.getValue();
            document.set(e.getKey(), switch (a.op()) {
                case COUNT -> JsonNodeFactory.instance.numberNode(members.size());
                case SUM -> sum(members, a.field());
                case MIN -> extreme(members, a.field(), -1);
                case MAX -> extreme(members, a.field(), 1);
                case LATEST -> latest.get("values").get(a.field());
            });
        }
        return new ViewRow(document.deepCopy(), document, position);
    }

    /** The exact sum; a string when any value was a string (a DDML decimal), so that its digits are kept as text. */
    private static JsonNode sum(JsonNode members, String field) {
        BigDecimal total = BigDecimal.ZERO;
        boolean decimal = false;
        for (JsonNode m : members) {
            JsonNode v = m.get("values").get(field);
            if (v == null || v.isNull()) {
                continue;
            }
            if (v.isTextual()) {
                decimal = true;
                try {
                    total = total.add(new BigDecimal(v.textValue()));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("sum of field '" + field + "' met the value '" + v.textValue()
                            + "', which is not a number; sum numeric fields only", e);
                }
            } else if (v.isNumber()) {
                total = total.add(v.decimalValue());
            } else {
                throw new IllegalArgumentException("sum of field '" + field + "' met " + v + ", which is not a number");
            }
        }
        return decimal ? JsonNodeFactory.instance.textNode(total.toPlainString()) : JsonNodeFactory.instance.numberNode(total);
    }

    private static JsonNode extreme(JsonNode members, String field, int sign) {
        JsonNode best = null;
        for (JsonNode m : members) {
            JsonNode v = m.get("values").get(field);
            if (v == null || v.isNull()) {
                continue;
            }
            if (best == null || sign * io.idaas.views.declaration.Condition.compare(v, best) > 0) {
                best = v;
            }
        }
        return best == null ? JsonNodeFactory.instance.nullNode() : best;
    }
}
