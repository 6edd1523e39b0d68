package io.idaas.transforms.ddml.process;

import io.idaas.ddml.Column;
import io.idaas.ddml.TableSchema;
import java.util.Map;

/**
 * What a processor does to a table's columns, column by column: {@link EventRewriter} applies it to a whole event
 * (rows, key, changed columns, schema, DDL) consistently.
 */
public interface ColumnMapping {

    /** The column's name after the mapping, or null when the mapping drops it. */
    String name(String column);

    /**
     * The column's definition after the mapping, under {@code newName} (from {@link #name}); by default the same
     * definition under the new name.
     */
    default Column define(Column column, String newName) {
        return newName.equals(column.name()) ? column : new Column(newName, column.type(), column.nativeType(),
            column.nullable(), column.defaultValue(), column.length(), column.precision(), column.scale());
    }

    /** A value of {@code column} (its definition before the mapping) in its form after the mapping. */
    default Object value(Column column, Object value) {
        return value;
    }

    /**
     * A column of a tombstone's key (values in DDML JSON form, SPEC.md section 9) after the mapping, as the events'
     * keys are mapped; by default renamed (a dropped column, which a key cannot have, is kept as it is).
     */
    default Map.Entry<String, Object> keyEntry(String column, Object value) {
        String name = name(column);
        return new java.util.AbstractMap.SimpleEntry<>(name == null ? column : name, value);
    }

    /**
     * Whether the mapping changes anything of a table of this schema (its rows included); by default, whether it
     * renames, drops or redefines one of its columns.
     */
    default boolean touches(TableSchema schema) {
        for (Column c : schema.columns()) {
            String name = name(c.name());
            if (name == null || !define(c, name).equals(c)) {
                return true;
            }
        }
        return false;
    }
}
