package io.idaas.verify;

/**
 * A source table and the target table it is compared with. Names are {@code table} or {@code schema.table} (for
 * MariaDB the schema is the database); without a schema, the connection's current one.
 */
public record TableMapping(String source, String target) {

    public TableMapping {
        requireName(source, "source");
        requireName(target, "target");
    }

    /** {@code src} (same name on both sides) or {@code src=dst}. */
    public static TableMapping parse(String text) {
        int eq = text.indexOf('=');
        if (eq < 0) {
            return new TableMapping(text.trim(), text.trim());
        }
        return new TableMapping(text.substring(0, eq).trim(), text.substring(eq + 1).trim());
    }

    /** The schema part of a name, or null. */
    public static String schemaOf(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? null : name.substring(0, dot);
    }

    /** The table part of a name. */
    public static String tableOf(String name) {
        return name.substring(name.lastIndexOf('.') + 1);
    }

    private static void requireName(String name, String side) {
        if (name == null || name.isBlank() || name.endsWith(".") || name.startsWith(".")) {
            throw new IllegalArgumentException("bad " + side + " table name '" + name + "': give TABLE or SCHEMA.TABLE, and SRC=DST for a target of another name");
        }
    }
}
