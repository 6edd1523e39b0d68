package io.idaas.e2e.ddml;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/** Exact equality of DDML values in their Java form: bytes by content, decimals by value and scale, lists element-wise. */
final class ValueComparison {

    private ValueComparison() {
    }

    static boolean equal(Object expected, Object actual) {
        if (expected == null || actual == null) {
            return expected == actual;
        }
        if (expected instanceof byte[] e && actual instanceof byte[] a) {
            return Arrays.equals(e, a);
        }
        if (expected instanceof BigDecimal e && actual instanceof BigDecimal a) {
            return e.equals(a) || (e.scale() == 0 && e.compareTo(a) == 0 && a.scale() <= 0);
        }
        if (expected instanceof List<?> e && actual instanceof List<?> a) {
            if (e.size() != a.size()) {
                return false;
            }
            for (int i = 0; i < e.size(); i++) {
                if (!equal(e.get(i), a.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return expected.equals(actual);
    }

    static String show(Object value) {
        if (value == null) {
            return "NULL";
        }
        if (value instanceof byte[] b) {
            return "0x" + HexFormat.of().formatHex(b) + " (byte[" + b.length + "])";
        }
        String text = value.toString();
        return (text.length() > 80 ? text.substring(0, 80) + "…" : text) + " (" + value.getClass().getSimpleName() + ")";
    }
}
