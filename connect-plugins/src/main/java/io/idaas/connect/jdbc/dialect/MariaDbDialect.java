package io.idaas.connect.jdbc.dialect;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.idaas.ddml.Column;
import io.idaas.ddml.SourceSystem;
import io.idaas.ddml.types.NativeTypes;
import io.idaas.ddml.types.PortableType;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * MariaDB: back-quoted identifiers, INSERT ... ON DUPLICATE KEY UPDATE, DDL that commits implicitly. Truncate is a
 * DELETE, so it stays inside the put()'s transaction.
 */
public class MariaDbDialect implements Dialect {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String name() {
        return "mariadb";
    }

    @Override
    public String quote(String identifier) {
        String refusal = refusal(identifier);
        if (refusal != null) {
            throw new IllegalArgumentException("the name `" + identifier + "` " + refusal + ", which " + name()
                + " does not take in a name; map it to another with table.rename (a table) or column.rename (a column)");
        }
        return '`' + identifier.replace("`", "``") + '`';
    }

    /** The most characters of a MariaDB or MySQL name. */
    public static final int MAX_IDENTIFIER_CHARACTERS = 64;

    /**
     * Why MariaDB and MySQL would refuse the name (a character outside Unicode's Basic Multilingual Plane, more than
     * {@value #MAX_IDENTIFIER_CHARACTERS} characters, a trailing space), or null: refused here, the change goes to the
     * dead-letter topic with the reason instead of failing the DDL statement, and the task, on the server.
     */
    static String refusal(String identifier) {
        int supplementary = identifier.codePoints().filter(Character::isSupplementaryCodePoint).findFirst().orElse(-1);
        if (supplementary >= 0) {
            return "has the character U+" + Integer.toHexString(supplementary).toUpperCase(java.util.Locale.ROOT)
                + ", outside Unicode's Basic Multilingual Plane";
        }
        int length = identifier.codePointCount(0, identifier.length());
        if (length > MAX_IDENTIFIER_CHARACTERS) {
            return "has " + length + " characters, more than " + MAX_IDENTIFIER_CHARACTERS;
        }
        if (identifier.endsWith(" ")) {
            return "ends with a space";
        }
        return null;
    }

    @Override
    public String columnType(PortableType type) {
        return NativeTypes.toMariaDb(type);
    }

    @Override
    public String positionColumnType() {
        return "VARCHAR(128) CHARACTER SET ascii COLLATE ascii_bin";
    }

    /**
     * Each non-key column is set to the new value only when the row's position is not newer; the position column is
     * assigned last, since MariaDB evaluates the assignments in order, each seeing the ones before.
     */
    @Override
    public String upsert(String table, List<String> columns, List<String> placeholders, List<String> key, int rows) {
        List<String> all = new ArrayList<>(columns);
        all.add(POSITION_COLUMN);
        String p = quote(POSITION_COLUMN);
        String guard = "(" + p + " IS NULL OR " + p + " <= VALUES(" + p + "))";
        String updates = all.stream().filter(c -> !key.contains(c))
            .map(c -> quote(c) + " = IF(" + guard + ", VALUES(" + quote(c) + "), " + quote(c) + ")")
            .collect(Collectors.joining(", "));
        return "INSERT INTO " + quote(table) + " (" + columnList(all) + ") VALUES " + Dialect.valueRows(withPosition(placeholders), rows)
            + " ON DUPLICATE KEY UPDATE " + updates;
    }

    @Override
    public String upsertUnguarded(String table, List<String> columns, List<String> placeholders, List<String> key, int rows) {
        List<String> set = columns.stream().filter(c -> !key.contains(c)).toList();
        // With nothing but the key to set, the key is set to itself: the row is left as it is.
        String updates = (set.isEmpty() ? key : set).stream().map(c -> quote(c) + " = VALUES(" + quote(c) + ")")
            .collect(Collectors.joining(", "));
        return "INSERT INTO " + quote(table) + " (" + columnList(columns) + ") VALUES " + Dialect.valueRows(placeholders, rows)
            + " ON DUPLICATE KEY UPDATE " + updates;
    }

    @Override
    public String truncate(String table) {
        return "DELETE FROM " + quote(table);
    }

    @Override
    public String columnDefinition(Column c, boolean inKey, String type, String defaultSql) {
        return quote(c.name()) + ' ' + type + (c.nullable() && !inKey ? " NULL" : " NOT NULL")
            + (defaultSql == null ? "" : " " + defaultClause(defaultSql, type));
    }

    /** Columns are placed where the source has them: {@code FIRST}, or {@code AFTER} the column before. */
    @Override
    public String addColumn(String table, Column column, String type, String defaultSql, String after) {
        String place = after == null ? "" : after.isEmpty() ? " FIRST" : " AFTER " + quote(after);
        return "ALTER TABLE " + quote(table) + " ADD COLUMN IF NOT EXISTS " + columnDefinition(column, false, type, defaultSql)
            + place;
    }

    /** {@code SET DEFAULT} takes a literal, or any other expression in parentheses. */
    @Override
    public String setDefault(String table, String column, String defaultSql, String targetType) {
        char first = defaultSql.isEmpty() ? ' ' : defaultSql.charAt(0);
        boolean literal = first == '\'' || first == '(' || first == '-' || Character.isDigit(first);
        return Dialect.super.setDefault(table, column, literal ? defaultSql : "(" + defaultSql + ")", targetType);
    }

    /** Quotes doubled, and backslashes too: MariaDB and MySQL read a backslash in a literal as an escape. */
    @Override
    public String stringLiteral(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "''") + "'";
    }

    /** {@code TINYINT(1)}: 1 or 0. */
    @Override
    public String booleanLiteral(boolean value) {
        return value ? "1" : "0";
    }

    /** SPEC.md §11: a timestamptz is a DATETIME holding UTC. */
    @Override
    public String instantLiteral(Instant value) {
        return stringLiteral(LocalDateTime.ofInstant(value, ZoneOffset.UTC).toString().replace('T', ' '));
    }

    /**
     * {@code timestamptz} (a DATETIME holding UTC): UTC_TIMESTAMP(p); {@code timestamp}: CURRENT_TIMESTAMP(p);
     * CURDATE(); CURTIME(p). p is the column's fractional-second precision.
     */
    @Override
    public Optional<String> clockDefault(PortableType type) {
        int p = type.precision() == null ? 0 : type.precision();
        return switch (type.kind()) {
            case TIMESTAMPTZ -> Optional.of("(UTC_TIMESTAMP(" + p + "))");
            case TIMESTAMP -> Optional.of("CURRENT_TIMESTAMP(" + p + ")");
            case DATE -> Optional.of("(CURDATE())");
            case TIME -> Optional.of("(CURTIME(" + p + "))");
            default -> Optional.empty();
        };
    }

    @Override
    public Optional<String> uuidDefault(PortableType type) {
        return type.kind() == io.idaas.ddml.types.TypeKind.UUID || type.kind() == io.idaas.ddml.types.TypeKind.STRING
            ? Optional.of("(UUID())") : Optional.empty();
    }

    @Override
    public String dropPrimaryKey(String name) {
        return "DROP PRIMARY KEY";
    }

    @Override
    public String changeColumnType(String table, Column column, String type, boolean inKey, String defaultSql) {
        return "ALTER TABLE " + quote(table) + " MODIFY COLUMN " + columnDefinition(column, inKey, type, defaultSql);
    }

    @Override
    public boolean typeChangeRestatesDefault() {
        return true;
    }

    @Override
    public String tableOptions() {
        return " CHARACTER SET utf8mb4";
    }

    /**
     * Declared types not used as they are: TIMESTAMP converts from the session time zone, while the sink binds the
     * UTC DATETIME of SPEC.md §11.
     */
    private static final Set<String> NOT_NATIVE = Set.of("timestamp");

    @Override
    public Optional<String> nativeType(Column column) {
        return NativeTypeGuard.baseName(column.nativeType())
            .filter(b -> !b.contains("[]") && !NOT_NATIVE.contains(b.split(" ")[0]))
            .map(b -> column.nativeType().trim());
    }

    /** A geometry travels as WKB (SPEC.md §8.2); MariaDB's GEOMETRY stores its own format, so it is converted. */
    @Override
    public String placeholder(PortableType type) {
        if (type.kind() == io.idaas.ddml.types.TypeKind.GEOMETRY) {
            return type.srid() == null ? "ST_GeomFromWKB(?)" : "ST_GeomFromWKB(?, " + type.srid() + ")";
        }
        return "?";
    }

    @Override
    public boolean sameFamily(SourceSystem source) {
        return source == SourceSystem.MARIADB || source == SourceSystem.MYSQL;
    }

    @Override
    public boolean transactionalDdl() {
        return false;
    }

    /** The offsets table's key text compares byte by byte: Kafka topic names are case-sensitive. */
    private static final String EXACT_TEXT = " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL";

    @Override
    public String createOffsetsTable(String table) {
        return "CREATE TABLE IF NOT EXISTS " + quote(table) + " (connector VARCHAR(255)" + EXACT_TEXT + ", "
            + "topic VARCHAR(255)" + EXACT_TEXT + ", kafka_partition INT NOT NULL, next_offset BIGINT NOT NULL, "
            + "topic_id VARCHAR(36), PRIMARY KEY (connector, topic, kafka_partition))";
    }

    @Override
    public String probeOffsetsKeyFoldsCase() {
        return "SELECT COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? "
            + "AND COLUMN_NAME IN ('connector', 'topic') AND COLLATION_NAME NOT LIKE '%\\_bin'";
    }

    @Override
    public String offsetsKeyExact(String table) {
        return "ALTER TABLE " + quote(table) + " MODIFY connector VARCHAR(255)" + EXACT_TEXT + ", MODIFY topic VARCHAR(255)"
            + EXACT_TEXT;
    }

    @Override
    public String upsertOffset(String table) {
        return "INSERT INTO " + quote(table) + " (connector, topic, kafka_partition, next_offset, topic_id) VALUES "
            + "(?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE next_offset = VALUES(next_offset), "
            + "topic_id = COALESCE(VALUES(topic_id), topic_id)";
    }

    @Override
    public Optional<String> refusal(PortableType type, Object value) {
        return TargetLimits.mysql(type, value, "MariaDB");
    }

    @Override
    public void bind(Connection connection, PreparedStatement st, int index, PortableType type, Object value)
        throws SQLException {
        if (value == null) {
            st.setNull(index, Types.NULL);
            return;
        }
        switch (type.kind()) {
            // SPEC.md §11: timestamptz is a DATETIME holding UTC.
            case TIMESTAMPTZ -> st.setObject(index, LocalDateTime.ofInstant((Instant) value, ZoneOffset.UTC));
            case BYTES, GEOMETRY -> st.setBytes(index, (byte[]) value);
            // As the double it is exactly: a Float is sent as its shortest text (3.4028235E38 for the largest float),
            // which the server reads as a double beyond FLOAT's range ("Out of range value").
            case FLOAT32 -> st.setDouble(index, ((Float) value).doubleValue());
            case SET -> {
                List<?> members = (List<?>) value;
                st.setString(index, columnType(type).startsWith("SET")
                    ? members.stream().map(String::valueOf).collect(Collectors.joining(","))
                    : json(members));
            }
            case ARRAY -> st.setString(index, json(value));
            case JSON, UUID, ENUM -> st.setString(index, value.toString());
            default -> st.setObject(index, value);
        }
    }

    private static String json(Object value) throws SQLException {
        try {
            return JSON.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new SQLException("cannot write " + value + " as JSON", "22000", e);
        }
    }

    private static List<String> withPosition(List<String> placeholders) {
        List<String> all = new ArrayList<>(placeholders);
        all.add("?");
        return all;
    }
}
