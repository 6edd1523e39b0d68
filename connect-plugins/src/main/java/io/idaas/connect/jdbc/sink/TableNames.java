package io.idaas.connect.jdbc.sink;

import io.idaas.ddml.TableRef;

/** Makes a target table name from {@code table.name.format} and an event's source names and topic. */
public final class TableNames {

    private final String format;

    public TableNames(String format) {
        this.format = format;
    }

    /** The target table for a source table seen on a topic; a missing source name is an empty string. */
    public String target(TableRef source, String topic) {
        return format.replace("${table}", nonNull(source.table()))
            .replace("${schema}", nonNull(source.schema()))
            .replace("${database}", nonNull(source.database()))
            .replace("${topic}", nonNull(topic));
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }
}
