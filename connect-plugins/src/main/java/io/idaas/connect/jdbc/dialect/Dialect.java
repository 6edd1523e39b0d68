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
        StringBuilder sql = new StringBuilder("CREATE TABLE IF NOT EXISTS ").append(quote(table)).append(" (");
        for (Column c : columns) {
            sql.append(columnDefinition(c, key.contains(c.name()), types.apply(c))).append(", ");
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
    String columnDefinition(Column column, boolean inKey, String type);

    /** ALTER TABLE ... ADD COLUMN, a no-op when the column exists. */
    default String addColumn(String table, Column column) {
        return addColumn(table, column, columnType(column.type()));
    }

    /** ALTER TABLE ... ADD COLUMN of the given type, a no-op when the column exists. */
    default String addColumn(String table, Column column, String type) {
        return "ALTER TABLE " + quote(table) + " ADD COLUMN IF NOT EXISTS " + columnDefinition(column, false, type);
    }

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
    String changeColumnType(String table, Column column, String type, boolean inKey);

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

    /** CREATE TABLE IF NOT EXISTS for the sink offsets table. */
    default String createOffsetsTable(String table) {
        return "CREATE TABLE IF NOT EXISTS " + quote(table) + " (connector VARCHAR(255) NOT NULL, "
            + "topic VARCHAR(255) NOT NULL, kafka_partition INT NOT NULL, next_offset BIGINT NOT NULL, "
            + "PRIMARY KEY (connector, topic, kafka_partition))";
    }

    /** SELECT topic, kafka_partition, next_offset for a connector (one parameter). */
    default String selectOffsets(String table) {
        return "SELECT topic, kafka_partition, next_offset FROM " + quote(table) + " WHERE connector = ?";
    }

    /** Upsert of (connector, topic, kafka_partition, next_offset). */
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
