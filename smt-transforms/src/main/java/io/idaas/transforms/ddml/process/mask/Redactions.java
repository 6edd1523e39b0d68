package io.idaas.transforms.ddml.process.mask;

import io.idaas.ddml.types.PortableType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;

/**
 * The fixed value {@code redact} writes in place of a value, per portable type (SPEC.md section 8): a value of the
 * column's own type, so the column's type, the targets' columns and the schema's fingerprint stay as they are.
 *
 * <table>
 *   <caption>redacted values</caption>
 *   <tr><td>string, string(n)</td><td>{@code ****}, cut to n characters when n &lt; 4</td></tr>
 *   <tr><td>json</td><td>{@code {}}</td></tr>
 *   <tr><td>enum</td><td>its first value</td></tr>
 *   <tr><td>set, array</td><td>empty</td></tr>
 *   <tr><td>int8..int64, decimal, float32, float64</td><td>0 (a decimal with its scale)</td></tr>
 *   <tr><td>boolean</td><td>false</td></tr>
 *   <tr><td>bytes</td><td>no bytes</td></tr>
 *   <tr><td>date, time, timestamp, timestamptz</td><td>1970-01-01, 00:00:00, 1970-01-01 00:00:00, 1970-01-01T00:00:00Z</td></tr>
 *   <tr><td>uuid</td><td>{@code 00000000-0000-0000-0000-000000000000}</td></tr>
 *   <tr><td>geometry</td><td>none: refused (no one WKB value every target reads), use hash or null</td></tr>
 * </table>
 */
final class Redactions {

    static final String TEXT = "****";

    private Redactions() {
    }

    /** Whether a column of this type can be redacted. */
    static boolean redactable(PortableType type) {
        return type.kind() != io.idaas.ddml.types.TypeKind.GEOMETRY;
    }

    /** The redacted value of a column of {@code type}. */
    static Object of(PortableType type) {
        return switch (type.kind()) {
            case STRING -> type.length() != null && type.length() < TEXT.length() ? TEXT.substring(0, type.length()) : TEXT;
            case JSON -> "{}";
            case ENUM -> type.values().get(0);
            case SET, ARRAY -> List.of();
            case INT8, INT16, INT32, INT64 -> 0L;
            case DECIMAL -> type.scale() == null ? BigDecimal.ZERO : BigDecimal.ZERO.setScale(type.scale());
            case FLOAT32 -> 0f;
            case FLOAT64 -> 0d;
            case BOOLEAN -> false;
            case BYTES -> new byte[0];
            case DATE -> LocalDate.EPOCH;
            case TIME -> LocalTime.MIDNIGHT;
            case TIMESTAMP -> LocalDateTime.of(LocalDate.EPOCH, LocalTime.MIDNIGHT);
            case TIMESTAMPTZ -> Instant.EPOCH;
            case UUID -> new UUID(0, 0);
            case GEOMETRY -> throw new IllegalArgumentException("a geometry has no redacted value");
        };
    }
}
