package io.idaas.verify.copy;

import io.idaas.ddml.types.PortableType;
import io.idaas.ddml.types.PortableValues;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Source values between the JDBC drivers and DDML's portable values, for comparisons with copies kept outside SQL
 * (Redis, MongoDB), whose values are read back as portable values.
 */
public final class SourceValues {

    private SourceValues() {
    }

    /** The value in its {@code PortableValues} form, from what the JDBC drivers give. */
    public static Object portable(PortableType type, Object value) {
        Object v = value;
        switch (type.kind()) {
            case TIMESTAMPTZ -> {
                if (v instanceof LocalDateTime t) {
                    v = t.toInstant(ZoneOffset.UTC); // MariaDB/MySQL: DATETIME/TIMESTAMP read in the UTC session
                } else if (v instanceof java.sql.Timestamp t) {
                    v = t.toInstant();
                }
            }
            case SET -> {
                if (v instanceof String s) {
                    v = s.isEmpty() ? List.of() : List.of(s.split(",", -1)); // MariaDB's 'a,b'
                }
            }
            case ARRAY -> {
                if (v instanceof Object[] a) {
                    v = new ArrayList<>(Arrays.asList(a));
                }
            }
            case BOOLEAN -> {
                if (v instanceof Number n) {
                    v = n.longValue() != 0;
                }
            }
            case UUID -> {
                if (v instanceof java.util.UUID u) {
                    v = u.toString();
                }
            }
            default -> {
            }
        }
        return PortableValues.normalize(type, v);
    }

    /**
     * A portable value as a Java value to bind in a query of the source (a key of a row the copy has and the source may
     * not): an {@link Instant} as the driver takes a timestamptz ({@link OffsetDateTime} for PostgreSQL, a UTC
     * {@link LocalDateTime} for MariaDB/MySQL, whose sessions the verifier sets to UTC); other values as they are.
     */
    public static Object bindable(Object portable, boolean postgres) {
        if (portable instanceof Instant i) {
            return postgres ? OffsetDateTime.ofInstant(i, ZoneOffset.UTC) : LocalDateTime.ofInstant(i, ZoneOffset.UTC);
        }
        return portable;
    }
}
