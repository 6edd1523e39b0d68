package io.idaas.e2e.ddml;

import java.util.List;

/**
 * One column of a type matrix: its native type in the source, the portable type DDML must give it, the SQL
 * expression that writes a value ({@code ?} by default, e.g. {@code ST_GeomFromText(?)}), and per row the
 * value bound into that expression and the exact value DDML must carry (in {@code PortableValues}' Java form).
 */
record TypeCase(String column, String nativeType, String portableType, String writeExpression,
                List<Object> bound, List<Object> expected) {

    static TypeCase of(String column, String nativeType, String portableType, List<Object> values) {
        return new TypeCase(column, nativeType, portableType, "?", values, values);
    }

    static TypeCase of(String column, String nativeType, String portableType, List<Object> bound, List<Object> expected) {
        return new TypeCase(column, nativeType, portableType, "?", bound, expected);
    }

    TypeCase writtenAs(String expression) {
        return new TypeCase(column, nativeType, portableType, expression, bound, expected);
    }

    int rows() {
        return bound.size();
    }
}
