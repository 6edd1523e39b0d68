package io.idaas.connect.jdbc.dialect;

import io.idaas.ddml.Column;
import io.idaas.ddml.SourceSystem;
import io.idaas.ddml.types.PortableType;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What differs between JDBC targets: quoting, types, the upsert and the DDL text, and how a value is bound. Every
 * statement takes values as {@code ?} parameters; only identifiers, quoted by {@link #quote(String)}, are put in
 * the SQL text. A new target is one class implementing this (usually extending one of the two below) and a line
 * in {@link Dialects}.
 *
 * <p>Every target table holds, besides the source's columns, {@link #POSITION_COLUMN}: the sortable source position
 * (SPEC.md §3.2) of the event that last wrote the row. Upserts and deletes only touch a row whose position is not
 * newer than the event's.
 */
public interface Dialect {

    /** The column that holds the position of the event that last wrote a row. */
    String POSITION_COLUMN = "_idaas_position";

    /** The dialect's name, e.g. {@code postgresql}. */
    String name();

    /** An identifier in the target's quotes, with embedded quote characters doubled. */
    String quote(String identifier);

    /** The target's column type for a portable type (SPEC.md §11). */
    String columnType(PortableType type);

    /** The type of {@link #POSITION_COLUMN}, compared byte-wise. */
    String positionColumnType();

    /**
     * INSERT of {@code columns} and the position column (last parameter) that, on a key conflict, updates the row
     * only when its position is null or not newer than the event's.
     */
    default String upsert(String table, List<String> columns, List<String> key) {
        return upsert(table, columns, key, 1);
    }

    /**
     * The multi-row form of {@link #upsert(String, List, List)}: {@code rows} rows of parameters (the columns, then
     * the position), each row guarded by its own position.
     */
    default String upsert(String table, List<String> columns, List<String> key, int rows) {
        return upsert(table, columns, java.util.Collections.nCopies(columns.size(), "?"), key, rows);
    }

    /** The multi-row upsert with a placeholder per column ({@link #placeholder}); the position's is {@code ?}. */
    String upsert(String table, List<String> columns, List<String> placeholders, List<String> key, int rows);

    /**
     * The multi-row upsert of a table without {@link #POSITION_COLUMN} (a table created by its user, which the sink may
     * not alter): the columns only, no position parameter, and a conflicting row is always replaced.
     */
    String upsertUnguarded(String table, List<String> columns, List<String> placeholders, List<String> key, int rows);

    /** A plain multi-row INSERT of the columns only (a table without key and without {@link #POSITION_COLUMN}). */
    default String insertUnguarded(String table, List<String> columns, List<String> placeholders, int rows) {
        return "INSERT INTO " + quote(table) + " (" + columnList(columns) + ") VALUES " + valueRows(placeholders, rows);
    }

    /** DELETE of {@code rows} keys of a table without {@link #POSITION_COLUMN}: key parameters only. */
    default String deleteUnguarded(String table, List<String> key, int rows) {
        String one = keyMatch("", key);
        if (rows == 1) {
            return "DELETE FROM " + quote(table) + " WHERE " + one;
        }
        String each = "(" + one + ")";
        StringBuilder sql = new StringBuilder("DELETE FROM ").append(quote(table)).append(" WHERE ").append(each);
        for (int i = 1; i < rows; i++) {
            sql.append(" OR ").append(each);
        }
        return sql.toString();
    }

    /** A plain multi-row INSERT of the columns and the position (for tables without a key). */
    default String insert(String table, List<String> columns, List<String> placeholders, int rows) {
        List<String> all = new java.util.ArrayList<>(columns);
        all.add(POSITION_COLUMN);
        List<String> marks = new java.util.ArrayList<>(placeholders);
        marks.add("?");
        return "INSERT INTO " + quote(table) + " (" + columnList(all) + ") VALUES " + valueRows(marks, rows);
    }

    /** DELETE of the row with the key (parameters in key order), then the event's position, guarded as the upsert. */
    default String delete(String table, List<String> key) {
        return delete(table, key, 1);
    }

    /**
     * DELETE of {@code rows} keys, each followed by its event's position and guarded by it:
     * {@code (k = ? AND (p IS NULL OR p <= ?)) OR ...}.
     */
    default String delete(String table, List<String> key, int rows) {
        String p = quote(POSITION_COLUMN);
        String one = keyMatch("", key) + " AND (" + p + " IS NULL OR " + p + " <= ?)";
        if (rows == 1) {
            return "DELETE FROM " + quote(table) + " WHERE " + one;
        }
        String each = "(" + one + ")";
        StringBuilder sql = new StringBuilder("DELETE FROM ").append(quote(table)).append(" WHERE ").append(each);
        for (int i = 1; i < rows; i++) {
            sql.append(" OR ").append(each);
        }
        return sql.toString();
    }

    /** The most bind parameters one statement may carry (PostgreSQL's wire protocol counts them in 16 bits). */
    default int maxParameters() {
        return 65_535;
    }

    /** {@code (?, ?), (?, ?)}: {@code rows} rows of {@code columns} parameters. */
    static String valueRows(int columns, int rows) {
        return valueRows(java.util.Collections.nCopies(columns, "?"), rows);
    }

    /** {@code rows} rows of the placeholders, e.g. {@code (?, ST_GeomFromWKB(?)), (?, ST_GeomFromWKB(?))}. */
    static String valueRows(List<String> placeholders, int rows) {
        String one = "(" + String.join(", ", placeholders) + ")";
        StringBuilder sb = new StringBuilder(rows * (one.length() + 2)).append(one);
        for (int i = 1; i < rows; i++) {
            sb.append(", ").append(one);
        }
        return sb.toString();
    }

    /** Removes every row of a table within the current transaction. */
    String truncate(String table);

    /** CREATE TABLE IF NOT EXISTS with the columns (of the portable mapping), the position column and the primary key. */
    default String createTable(String table, List<Column> columns, List<String> key) {
        return createTable(table, columns, key, c -> columnType(c.type()));
    }

    /** CREATE TABLE IF NOT EXISTS with the columns, each of the type {@code types} gives, and the primary key. */
    default String createTable(String table, List<Column> columns, List<String> key, Function<Column, String> types) {
        return createTable(table, columns, key, types, c -> null);
    }

    /**
     * CREATE TABLE IF NOT EXISTS with the columns, each of the type {@code types} gives and the DEFAULT expression
     * {@code defaults} gives (none when null), and the primary key.
     */
    default String createTable(String table, List<Column> columns, List<String> key, Function<Column, String> types,
                               Function<Column, String> defaults) {
        StringBuilder sql = new StringBuilder("CREATE TABLE IF NOT EXISTS ").append(quote(table)).append(" (");
        for (Column c : columns) {
            sql.append(columnDefinition(c, key.contains(c.name()), types.apply(c), defaults.apply(c))).append(", ");
        }
        sql.append(quote(POSITION_COLUMN)).append(' ').append(positionColumnType());
        if (!key.isEmpty()) {
            sql.append(", PRIMARY KEY (").append(columnList(key)).append(')');
        }
        return sql.append(')').append(tableOptions()).toString();
    }

    /** What follows a CREATE TABLE's column list (e.g. a character set); empty by default. */
    default String tableOptions() {
        return "";
    }

    /** The name, portable-mapped type and nullability of a column in CREATE or ALTER TABLE. */
    default String columnDefinition(Column column, boolean inKey) {
        return columnDefinition(column, inKey, columnType(column.type()));
    }

    /** The name, the given type and nullability of a column; key columns are always NOT NULL. */
    default String columnDefinition(Column column, boolean inKey, String type) {
        return columnDefinition(column, inKey, type, null);
    }

    /**
     * The name, the given type, the DEFAULT expression {@code defaultSql} (none when null, see {@link #defaultClause})
     * and nullability of a column; key columns are always NOT NULL.
     */
    String columnDefinition(Column column, boolean inKey, String type, String defaultSql);

    /** {@code DEFAULT <sql>} for a column of the target type {@code targetType}. */
    default String defaultClause(String defaultSql, String targetType) {
        return "DEFAULT " + defaultSql;
    }

    /** ALTER TABLE ... ADD COLUMN, a no-op when the column exists. */
    default String addColumn(String table, Column column) {
        return addColumn(table, column, columnType(column.type()));
    }

    /** ALTER TABLE ... ADD COLUMN of the given type, a no-op when the column exists. */
    default String addColumn(String table, Column column, String type) {
        return addColumn(table, column, type, null, null);
    }

    /**
     * ALTER TABLE ... ADD COLUMN of the given type and DEFAULT expression (none when null), a no-op when the column
     * exists. {@code after} is the column it follows in the source table ("" when it is the first; null when
     * unknown): targets that place columns (MariaDB, MySQL) put it there, others append it.
     */
    default String addColumn(String table, Column column, String type, String defaultSql, String after) {
        return "ALTER TABLE " + quote(table) + " ADD COLUMN IF NOT EXISTS " + columnDefinition(column, false, type, defaultSql);
    }

    /** ALTER TABLE ... ALTER COLUMN ... SET DEFAULT. */
    default String setDefault(String table, String column, String defaultSql, String targetType) {
        return "ALTER TABLE " + quote(table) + " ALTER COLUMN " + quote(column) + " SET " + defaultClause(defaultSql, targetType);
    }

    /** ALTER TABLE ... ALTER COLUMN ... DROP DEFAULT. */
    default String dropDefault(String table, String column) {
        return "ALTER TABLE " + quote(table) + " ALTER COLUMN " + quote(column) + " DROP DEFAULT";
    }

    /** ALTER TABLE ... ADD COLUMN {@link #POSITION_COLUMN}, a no-op when the column exists. */
    default String addPositionColumn(String table) {
        return "ALTER TABLE " + quote(table) + " ADD COLUMN IF NOT EXISTS " + quote(POSITION_COLUMN) + " " + positionColumnType();
    }

    /** A query that returns a row when the table has any. */
    default String anyRow(String table) {
        return "SELECT 1 FROM " + quote(table) + " LIMIT 1";
    }

    /** A string literal: the value in single quotes, each quote doubled. */
    default String stringLiteral(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    /** A boolean literal for a column of the portable type {@code boolean}. */
    String booleanLiteral(boolean value);

    /** A literal of an instant for a column of the portable type {@code timestamptz} (SPEC.md §11). */
    String instantLiteral(java.time.Instant value);

    /**
     * The target's expression for "the current time" in a column of {@code type} (a timestamp, timestamptz, date or
     * time); empty for other types.
     */
    Optional<String> clockDefault(PortableType type);

    /** The target's expression for a new random UUID in a column of {@code type} (uuid or string); empty otherwise. */
    Optional<String> uuidDefault(PortableType type);

    /** ALTER TABLE ... DROP COLUMN, a no-op when the column is missing. */
    default String dropColumn(String table, String column) {
        return "ALTER TABLE " + quote(table) + " DROP COLUMN IF EXISTS " + quote(column);
    }

    /** ALTER TABLE ... RENAME COLUMN. */
    default String renameColumn(String table, String from, String to) {
        return "ALTER TABLE " + quote(table) + " RENAME COLUMN " + quote(from) + " TO " + quote(to);
    }

    /** Changes a column's type to the portable mapping (and nullability where the target ties them). */
    default String changeColumnType(String table, Column column) {
        return changeColumnType(table, column, columnType(column.type()), false);
    }

    /** Changes a column's type to {@code type} (and nullability; a key column stays NOT NULL). */
    default String changeColumnType(String table, Column column, String type, boolean inKey) {
        return changeColumnType(table, column, type, inKey, null);
    }

    /**
     * Changes a column's type to {@code type} (and nullability; a key column stays NOT NULL). Targets whose statement
     * restates the whole column (MariaDB, MySQL {@code MODIFY COLUMN}) give it {@code defaultSql} (none when null);
     * others keep the column's default, which {@link #setDefault}/{@link #dropDefault} change.
     */
    String changeColumnType(String table, Column column, String type, boolean inKey, String defaultSql);

    /** Whether {@link #changeColumnType} restates the column's default (else it keeps the one the column has). */
    default boolean typeChangeRestatesDefault() {
        return false;
    }

    /**
     * Replaces a table's primary key: drops the current one ({@code currentName} is its constraint name, null when
     * the table has none) and adds {@code key} (none when empty).
     */
    default String changePrimaryKey(String table, String currentName, boolean hasKey, List<String> key) {
        List<String> parts = new java.util.ArrayList<>();
        if (hasKey) {
            parts.add(dropPrimaryKey(currentName));
        }
        if (!key.isEmpty()) {
            parts.add("ADD PRIMARY KEY (" + columnList(key) + ")");
        }
        return "ALTER TABLE " + quote(table) + " " + String.join(", ", parts);
    }

    /** The ALTER TABLE clause that drops the primary key named {@code name}. */
    String dropPrimaryKey(String name);

    /**
     * Whether events of {@code source} come from this target's family (MariaDB or MySQL; PostgreSQL), whose
     * declared column types it can use as they are (SPEC.md §11).
     */
    boolean sameFamily(SourceSystem source);

    /**
     * The column's {@code native_type}, when this target can create it and bind the column's values to it; empty
     * otherwise. The text is checked by {@link NativeTypeGuard} first, so nothing but a type reaches the SQL.
     */
    Optional<String> nativeType(Column column);

    /** The SQL that takes a bound value of the type, {@code ?} unless the target converts it (e.g. a geometry). */
    default String placeholder(PortableType type) {
        return "?";
    }

    /** Renames a table. */
    default String renameTable(String from, String to) {
        return "ALTER TABLE " + quote(from) + " RENAME TO " + quote(to);
    }

    /** DROP TABLE IF EXISTS. */
    default String dropTable(String table) {
        return "DROP TABLE IF EXISTS " + quote(table);
    }

    /** Whether DDL runs inside a transaction (PostgreSQL) or commits it implicitly (MariaDB, MySQL). */
    boolean transactionalDdl();

    /**
     * Why this target cannot hold {@code value} (PortableValues' Java form) of {@code type} in the column the portable
     * mapping gives it, or empty when it can. Checked before a row is written, so that a value the target would round,
     * clip or replace without an error (MariaDB rounds a DECIMAL(65,30) value with 31 fraction digits and only warns) is
     * refused instead, and its row goes to the dead-letter topic with this reason (SPEC.md section 11).
     */
    default Optional<String> refusal(PortableType type, Object value) {
        return Optional.empty();
    }

    /** Binds one value, in PortableValues' Java form, as parameter {@code index}. */
    void bind(Connection connection, PreparedStatement statement, int index, PortableType type, Object value)
        throws SQLException;

    /**
     * CREATE TABLE IF NOT EXISTS for the sink offsets table: per connector, topic and partition, the next offset and the
     * Kafka topic id ({@code Uuid.toString()}) of the topic it was read from (NULL in rows an older idaas wrote).
     */
    default String createOffsetsTable(String table) {
        return "CREATE TABLE IF NOT EXISTS " + quote(table) + " (connector VARCHAR(255) NOT NULL, "
            + "topic VARCHAR(255) NOT NULL, kafka_partition INT NOT NULL, next_offset BIGINT NOT NULL, "
            + "topic_id VARCHAR(36), PRIMARY KEY (connector, topic, kafka_partition))";
    }

    /**
     * A query, with the offsets table's name as its one parameter, that gives a row when the table's {@code connector}
     * or {@code topic} column compares text case-insensitively (as MariaDB's and MySQL's default collations do, and as
     * older idaas versions created the table there: two topics differing only in case then shared one row of offsets);
     * null where text always compares exactly.
     */
    default String probeOffsetsKeyFoldsCase() {
        return null;
    }

    /** Makes the offsets table's {@code connector} and {@code topic} columns compare byte by byte. */
    default String offsetsKeyExact(String table) {
        throw new UnsupportedOperationException(name() + " compares the offsets table's text exactly already");
    }

    /** Adds the {@code topic_id} column to an offsets table an older idaas created. */
    default String addOffsetsTopicIdColumn(String table) {
        return "ALTER TABLE " + quote(table) + " ADD COLUMN topic_id VARCHAR(36)";
    }

    /** A query that fails when the offsets table lacks the {@code topic_id} column. */
    default String probeOffsetsTopicId(String table) {
        return "SELECT topic_id FROM " + quote(table) + " WHERE 1 = 0";
    }

    /** SELECT topic, kafka_partition, next_offset, topic_id for a connector (one parameter). */
    default String selectOffsets(String table) {
        return "SELECT topic, kafka_partition, next_offset, topic_id FROM " + quote(table) + " WHERE connector = ?";
    }

    /**
     * Upsert of (connector, topic, kafka_partition, next_offset, topic_id); a NULL topic_id (the id is unknown) keeps
     * the stored one.
     */
    String upsertOffset(String table);

    /** {@code a, b, c} quoted. */
    default String columnList(List<String> columns) {
        return columns.stream().map(this::quote).collect(Collectors.joining(", "));
    }

    /** {@code a = ? AND b = ?} quoted. */
    default String keyMatch(String qualifier, List<String> key) {
        return key.stream().map(k -> qualifier + quote(k) + " = ?").collect(Collectors.joining(" AND "));
    }

    /** {@code ?, ?, ?} for n parameters. */
    static String parameters(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }
}
