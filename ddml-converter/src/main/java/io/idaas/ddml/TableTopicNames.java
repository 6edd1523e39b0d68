package io.idaas.ddml;

/**
 * The topic of a table's events by the default naming SPEC.md section 9.2 documents (Debezium's default
 * {@code TopicNamingStrategy} of each system with {@code topic.delimiter} {@code .}): the parts joined with {@code .}
 * ({@code <prefix>.<database>.<table>} for MySQL, MariaDB and MongoDB, {@code <prefix>.<database>.<schema>.<table>} for SQL
 * Server, {@code <prefix>.<schema>.<table>} for the others), every UTF-16 unit outside {@code [A-Za-z0-9._-]} replaced
 * by {@code _}, cut to 249 characters. For consumers without Debezium's classes (the idaas sinks); ToDdml names topics
 * with Debezium's own strategies, and a test holds the two to the same names.
 */
public final class TableTopicNames {

    /** Kafka's longest topic name. */
    public static final int MAX_LENGTH = 249;

    private TableTopicNames() {
    }

    /** The default topic of {@code table}'s events for a connector of {@code system} with {@code topic.prefix} {@code prefix}. */
    public static String of(String prefix, SourceSystem system, TableRef table) {
        StringBuilder raw = new StringBuilder(prefix).append('.');
        switch (system) {
            case MYSQL, MARIADB, MONGODB -> raw.append(table.database()).append('.');
            case SQLSERVER -> raw.append(table.database()).append('.').append(table.schema()).append('.');
            default -> raw.append(table.schema()).append('.');
        }
        raw.append(table.table());
        StringBuilder name = new StringBuilder(Math.min(raw.length(), MAX_LENGTH));
        for (int i = 0; i < raw.length() && name.length() < MAX_LENGTH; i++) {
            char c = raw.charAt(i);
            boolean kept = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-';
            name.append(kept ? c : '_');
        }
        return name.toString();
    }
}
