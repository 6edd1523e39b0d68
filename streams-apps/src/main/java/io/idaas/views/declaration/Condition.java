package io.idaas.views.declaration;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One test on a field of a row, as a view's {@code where} declares it: {@code {"field": "status", "op": "eq",
 * "value": "paid"}}. Values compare as DDML JSON encodes them (SPEC.md section 8.2): numbers and numeric strings
 * (decimals) by number, anything else by its JSON text. A field that is absent or NULL fails every test but
 * {@code is_null}.
 */
public record Condition(String field, Op op, JsonNode value) {

    /** The comparison. */
    public enum Op {
        EQ, NE, LT, LE, GT, GE, IN, IS_NULL, NOT_NULL;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Whether the operator takes a {@code value}. */
        boolean needsValue() {
            return this != IS_NULL && this != NOT_NULL;
        }

        static Optional<Op> of(String id) {
            return Arrays.stream(values()).filter(o -> o.id().equals(id)).findFirst();
        }

        static String choices() {
            return Arrays.stream(values()).map(Op::id).collect(Collectors.joining(", "));
        }
    }

    /** Whether {@code row} (a DDML JSON row) passes. */
    public boolean test(JsonNode row) {
        JsonNode actual = row == null ? null : row.get(field);
        boolean isNull = actual == null || actual.isNull();
        return switch (op) {
            case IS_NULL -> isNull;
            case NOT_NULL -> !isNull;
            case IN -> !isNull && contains(value, actual);
            case EQ -> !isNull && compare(actual, value) == 0;
            case NE -> !isNull && compare(actual, value) != 0;
            case LT -> !isNull && compare(actual, value) < 0;
            case LE -> !isNull && compare(actual, value) <= 0;
            case GT -> !isNull && compare(actual, value) > 0;
            case GE -> !isNull && compare(actual, value) >= 0;
        };
    }

    private static boolean contains(JsonNode list, JsonNode actual) {
        for (JsonNode candidate : list) {
            if (compare(actual, candidate) == 0) {
                return true;
            }
        }
        return false;
    }

    /** Orders two DDML JSON values: by number when both read as numbers, else by text. */
    public static int compare(JsonNode a, JsonNode b) {
        Optional<BigDecimal> x = number(a);
        Optional<BigDecimal> y = number(b);
        if (x.isPresent() && y.isPresent()) {
            return x.get().compareTo(y.get());
        }
        return text(a).compareTo(text(b));
    }

    private static Optional<BigDecimal> number(JsonNode n) {
        if (n.isNumber()) {
            return Optional.of(n.decimalValue());
        }
        if (n.isTextual()) {
            try {
                return Optional.of(new BigDecimal(n.textValue()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static String text(JsonNode n) {
        return n.isTextual() ? n.textValue() : n.toString();
    }
}
