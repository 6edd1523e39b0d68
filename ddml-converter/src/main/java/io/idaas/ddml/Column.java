package io.idaas.ddml;

import io.idaas.ddml.types.PortableType;
import java.util.Objects;

/**
 * A column of a table schema.
 *
 * @param name         the column name, as the source spells it
 * @param type         the portable type; it decides how values are encoded
 * @param nativeType   the source's type as declared, e.g. {@code DECIMAL(10,2) UNSIGNED}; null when unknown
 * @param nullable     whether the column accepts NULL
 * @param defaultValue the default as the source's expression text (e.g. {@code 0}, {@code 'x'},
 *                     {@code CURRENT_TIMESTAMP}); null when there is none; JSON/Avro name: {@code default_value}
 * @param length       the native length as the source reports it; null when none
 * @param precision    the native precision as the source reports it; null when none
 * @param scale        the native scale as the source reports it; null when none
 */
public record Column(String name, PortableType type, String nativeType, boolean nullable, String defaultValue,
                     Integer length, Integer precision, Integer scale) {

    /** Checks the required parts. */
    public Column {
        Objects.requireNonNull(name, "column name");
        Objects.requireNonNull(type, "column type");
    }

    /** A nullable column with only a name and a portable type. */
    public static Column of(String name, PortableType type) {
        return new Column(name, type, null, true, null, null, null, null);
    }

    /** A builder starting from {@link #of(String, PortableType)}. */
    public static Builder builder(String name, PortableType type) {
        return new Builder(name, type);
    }

    /** Builds a {@link Column}. */
    public static final class Builder {
        private final String name;
        private final PortableType type;
        private String nativeType;
        private boolean nullable = true;
        private String defaultValue;
        private Integer length;
        private Integer precision;
        private Integer scale;

        private Builder(String name, PortableType type) {
            this.name = name;
            this.type = type;
        }

        /** The native type text. */
        public Builder nativeType(String nativeType) {
            this.nativeType = nativeType;
            return this;
        }

        /** Whether NULL is allowed (default true). */
        public Builder nullable(boolean nullable) {
            this.nullable = nullable;
            return this;
        }

        /** The default expression text. */
        public Builder defaultValue(String defaultValue) {
            this.defaultValue = defaultValue;
            return this;
        }

        /** The native length. */
        public Builder length(Integer length) {
            this.length = length;
            return this;
        }

        /** The native precision and scale. */
        public Builder precision(Integer precision, Integer scale) {
            this.precision = precision;
            this.scale = scale;
            return this;
        }

        /** The column. */
        public Column build() {
            return new Column(name, type, nativeType, nullable, defaultValue, length, precision, scale);
        }
    }
}
