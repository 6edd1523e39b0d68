package io.idaas.transforms.ddml.ddl;

import io.idaas.ddml.Column;
import io.idaas.ddml.SourceSystem;
import io.idaas.ddml.TableRef;
import io.idaas.ddml.TableSchema;
import io.idaas.transforms.ddml.types.ColumnFactory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.kafka.connect.data.Struct;

/**
 * Reads an element of a Debezium schema-change event's {@code tableChanges}: its id
 * ({@code "db"."table"} or {@code "db"."schema"."table"}) and its {@code table} struct
 * ({@code primaryKeyColumnNames}, {@code columns} with {@code name}, {@code typeName}, {@code length},
 * {@code scale}, {@code position}, {@code optional}, {@code defaultValueExpression}, {@code enumValues}).
 */
final class TableChangeReader {

    private TableChangeReader() {
    }

    /** The table an id names; a two-part id is database and table, a three-part id adds the schema. */
    static TableRef tableRef(String id, String fallbackDatabase) {
        List<String> parts = splitQuoted(id);
        return switch (parts.size()) {
            case 1 -> new TableRef(fallbackDatabase, null, parts.get(0));
            case 2 -> new TableRef(parts.get(0), null, parts.get(1));
            default -> new TableRef(parts.get(0), parts.get(1), parts.get(2));
        };
    }

    /** The shape described by a {@code table} struct. */
    static TableSchema schema(SourceSystem system, Struct table) {
        return schema(system, table, null, null);
    }

    /**
     * The shape described by a {@code table} struct, of a schema change made by {@code statement} to a table whose
     * last shape was {@code previous} (null when unknown). MariaDB's and MySQL's defaults are written as SQL
     * expression text ({@link MySqlDefaults}); other systems' as Debezium gives them.
     */
    @SuppressWarnings("unchecked")
    static TableSchema schema(SourceSystem system, Struct table, String statement, TableSchema previous) {
        List<Struct> columns = new ArrayList<>((List<Struct>) table.get("columns"));
        columns.sort(Comparator.comparingInt(c -> c.getInt32("position")));
        boolean mysqlFamily = system == SourceSystem.MARIADB || system == SourceSystem.MYSQL;
        java.util.Map<String, java.util.Optional<String>> written = mysqlFamily ? MySqlDefaults.inStatement(statement)
            : java.util.Map.of();
        List<Column> out = new ArrayList<>();
        for (Struct c : columns) {
            Column read = column(system, c);
            if (mysqlFamily) {
                String name = read.name();
                String before = previous == null ? null : previous.column(name)
                    .filter(p -> java.util.Objects.equals(p.nativeType(), read.nativeType()))
                    .map(Column::defaultValue).orElse(null);
                String text = MySqlDefaults.of(c.getString("typeName"), read.defaultValue(),
                    written.get(name.toLowerCase(java.util.Locale.ROOT)), before);
                out.add(new Column(name, read.type(), read.nativeType(), read.nullable(), text, read.length(),
                    read.precision(), read.scale()));
            } else {
                out.add(read);
            }
        }
        List<String> pk = table.get("primaryKeyColumnNames") == null ? List.of() : (List<String>) table.get("primaryKeyColumnNames");
        return TableSchema.of(out, pk);
    }

    @SuppressWarnings("unchecked")
    private static Column column(SourceSystem system, Struct c) {
        List<String> values = new ArrayList<>();
        if (c.schema().field("enumValues") != null && c.get("enumValues") != null) {
            for (String v : (List<String>) c.get("enumValues")) {
                values.add(unquoteValue(v));
            }
        }
        Boolean optional = c.getBoolean("optional");
        String defaultValue = c.schema().field("defaultValueExpression") == null ? null : c.getString("defaultValueExpression");
        String name = c.getString("name");
        try {
            return ColumnFactory.of(system, name, c.getString("typeName"), c.getInt32("length"), c.getInt32("scale"),
                values, optional == null || optional, defaultValue, null);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("column " + name + ": " + e.getMessage(), e);
        }
    }

    private static String unquoteValue(String v) {
        return v.length() >= 2 && v.startsWith("'") && v.endsWith("'") ? v.substring(1, v.length() - 1).replace("''", "'") : v;
    }

    private static List<String> splitQuoted(String id) {
        List<String> parts = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < id.length(); i++) {
            char ch = id.charAt(i);
            if (ch == '"') {
                if (quoted && i + 1 < id.length() && id.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else {
                    quoted = !quoted;
                }
            } else if (ch == '.' && !quoted) {
                parts.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(ch);
            }
        }
        parts.add(cur.toString());
        parts.removeIf(String::isEmpty);
        return parts;
    }
}
