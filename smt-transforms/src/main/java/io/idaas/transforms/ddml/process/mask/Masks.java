package io.idaas.transforms.ddml.process.mask;

import io.idaas.ddml.Column;
import io.idaas.ddml.TableSchema;
import io.idaas.ddml.types.PortableType;
import io.idaas.transforms.ddml.process.ColumnMapping;
import java.util.Map;

/**
 * The columns masked, as a {@link ColumnMapping}: names kept, a hashed column's definition becomes {@code string(64)}
 * (no native type, length, precision, scale or default: they described the source's type), values masked.
 */
final class Masks implements ColumnMapping {

    private static final PortableType HASHED = PortableType.string(Hasher.LENGTH);

    private final Map<String, MaskMode> modes;
    private final Hasher hasher;

    Masks(Map<String, MaskMode> modes, Hasher hasher) {
        this.modes = Map.copyOf(modes);
        this.hasher = hasher;
    }

    /** The mode of a column; null when it is not masked. */
    MaskMode mode(String column) {
        return modes.get(column);
    }

    @Override
    public String name(String column) {
        return column;
    }

    @Override
    public Column define(Column column, String newName) {
        if (modes.get(column.name()) != MaskMode.HASH) {
            return column;
        }
        return new Column(column.name(), HASHED, null, column.nullable(), null, null, null, null);
    }

    @Override
    public Object value(Column column, Object value) {
        MaskMode mode = modes.get(column.name());
        if (mode == null || value == null) {
            return value;
        }
        return switch (mode) {
            case HASH -> hasher.of(column.type(), value);
            case REDACT -> Redactions.of(column.type());
            case NULL -> null;
        };
    }

    /** A value of a tombstone's key (DDML JSON form) hashed as the events' keys are (a key column is only hashed). */
    @Override
    public Map.Entry<String, Object> keyEntry(String column, Object value) {
        return new java.util.AbstractMap.SimpleEntry<>(column,
            modes.get(column) == MaskMode.HASH ? hasher.ofJson(value) : value);
    }

    @Override
    public boolean touches(TableSchema schema) {
        for (Column c : schema.columns()) {
            if (modes.containsKey(c.name())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Checks that the schema's masked columns can be masked so: a primary-key column only by hash (the sinks find rows
     * by key; a redacted or NULL key would merge every row into one), null only in a nullable column, redact not of a
     * geometry.
     *
     * @throws IllegalArgumentException naming the column and the fix
     */
    void check(TableSchema schema) {
        for (Column c : schema.columns()) {
            MaskMode mode = modes.get(c.name());
            if (mode == null || mode == MaskMode.HASH) {
                continue;
            }
            if (schema.primaryKey().contains(c.name())) {
                throw new IllegalArgumentException("column '" + c.name() + "' is in the primary key " + schema.primaryKey()
                    + " and masked with " + mode.wireName() + ", which would give every row the same key: mask it with hash "
                    + "(equal keys stay equal, distinct keys distinct)");
            }
            if (mode == MaskMode.NULL && !c.nullable()) {
                throw new IllegalArgumentException("column '" + c.name() + "' is NOT NULL, so it cannot be masked with null: "
                    + "mask it with redact or hash, or drop it with DdmlColumns");
            }
            if (mode == MaskMode.REDACT && !Redactions.redactable(c.type())) {
                throw new IllegalArgumentException("column '" + c.name() + "' is a " + c.type() + ", which has no redacted "
                    + "value every target reads: mask it with hash or null, or drop it with DdmlColumns");
            }
        }
    }
}
