package io.idaas.connect.jdbc.sink;

import io.idaas.ddml.TableRef;

import java.util.Optional;

/** Makes a target table name from {@code table.rename} or {@code table.name.format}, an event's source names and topic. */
public final class TableNames {

    private final String format;
    private final Renames renames;

    public TableNames(String format) {
        this(format, Renames.NONE);
    }

    public TableNames(String format, Renames renames) {
        this.format = format;
        this.renames = renames;
    }

    /**
     * The target table for a source table seen on a topic: the table.rename entry for it, else the format with a
     * missing source name as an empty string.
     */
    public String target(TableRef source, String topic) {
        Optional<String> renamed = renames.table(source);
        if (renamed.isPresent()) {
            return renamed.get();
        }
        return format.replace("${table}", nonNull(source.table()))
            .replace("${schema}", nonNull(source.schema()))
            .replace("${database}", nonNull(source.database()))
            .replace("${topic}", nonNull(topic));
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }
}
