package io.idaas.connect.jdbc.dialect;

import io.idaas.ddml.Column;
import io.idaas.ddml.SourceSystem;
import io.idaas.ddml.types.NativeTypes;
import io.idaas.ddml.types.PortableType;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** PostgreSQL: double-quoted identifiers, INSERT ... ON CONFLICT, transactional DDL. */
public class PostgresDialect implements Dialect {

    @Override
    public String name() {
        return "postgresql";
    }

    /** PostgreSQL's identifier limit, NAMEDATALEN - 1: it keeps the first 63 bytes of a longer one, with only a NOTICE. */
    public static final int MAX_IDENTIFIER_BYTES = 63;

    /**
     * The identifier in double quotes; refused when longer than {@value #MAX_IDENTIFIER_BYTES} bytes in UTF-8, which
     * PostgreSQL would cut silently (a 64-character MariaDB name would become another table or column).
     *
     * @throws IllegalArgumentException naming the identifier, its length and the fix
     */
    @Override
    public String quote(String identifier) {
        byte[] utf8 = identifier.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (utf8.length > MAX_IDENTIFIER_BYTES) {
            throw new IllegalArgumentException("the name \"" + identifier + "\" is " + utf8.length + " bytes in UTF-8, and "
                + "PostgreSQL keeps only the first " + MAX_IDENTIFIER_BYTES + " bytes of a name, so it would silently become "
                + "another name; map it to a shorter one with table.rename (a table) or column.rename (a column)");
        }
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    @Override
    public String columnType(PortableType type) {
        return NativeTypes.toPostgres(type);
    }

    @Override
    public String positionColumnType() {
        return "varchar(128) COLLATE \"C\"";
    }

    @Override
    public String upsert(String table, List<String> columns, List<String> placeholders, List<String> key, int rows) {
        List<String> all = new ArrayList<>(columns);
        all.add(POSITION_COLUMN);
        String t = quote(table);
        String updates = all.stream().filter(c -> !key.contains(c))
            .map(c -> quote(c) + " = EXCLUDED." + quote(c)).collect(Collectors.joining(", "));
        return "INSERT INTO " + t + " (" + columnList(all) + ") VALUES " + Dialect.valueRows(withPosition(placeholders), rows)
            + " ON CONFLICT (" + columnList(key) + ") DO UPDATE SET " + updates
            + " WHERE " + t + "." + quote(POSITION_COLUMN) + " IS NULL OR " + t + "." + quote(POSITION_COLUMN)
            + " <= EXCLUDED." + quote(POSITION_COLUMN);
    }

    @Override
    public String upsertUnguarded(String table, List<String> columns, List<String> placeholders, List<String> key, int rows) {
        String updates = columns.stream().filter(c -> !key.contains(c))
            .map(c -> quote(c) + " = EXCLUDED." + quote(c)).collect(Collectors.joining(", "));
        return "INSERT INTO " + quote(table) + " (" + columnList(columns) + ") VALUES " + Dialect.valueRows(placeholders, rows)
            + " ON CONFLICT (" + columnList(key) + ") DO " + (updates.isEmpty() ? "NOTHING" : "UPDATE SET " + updates);
    }

    @Override
    public String truncate(String table) {
        return "TRUNCATE TABLE " + quote(table);
    }

    @Override
    public String columnDefinition(Column c, boolean inKey, String type, String defaultSql) {
        return quote(c.name()) + ' ' + type + (defaultSql == null ? "" : " " + defaultClause(defaultSql, type))
            + (c.nullable() && !inKey ? "" : " NOT NULL");
    }

    @Override
    public String booleanLiteral(boolean value) {
        return value ? "true" : "false";
    }

    @Override
    public String instantLiteral(Instant value) {
        return stringLiteral(value.toString());
    }

    /** {@code timestamptz}: CURRENT_TIMESTAMP; {@code timestamp}: LOCALTIMESTAMP; CURRENT_DATE; LOCALTIME. */
    @Override
    public Optional<String> clockDefault(PortableType type) {
        return switch (type.kind()) {
            case TIMESTAMPTZ -> Optional.of("CURRENT_TIMESTAMP");
            case TIMESTAMP -> Optional.of("LOCALTIMESTAMP");
            case DATE -> Optional.of("CURRENT_DATE");
            case TIME -> Optional.of("LOCALTIME");
            default -> Optional.empty();
        };
    }

    @Override
    public Optional<String> uuidDefault(PortableType type) {
        return switch (type.kind()) {
            case UUID -> Optional.of("gen_random_uuid()");
            case STRING -> Optional.of("gen_random_uuid()::text");
            default -> Optional.empty();
        };
    }

    @Override
    public String dropPrimaryKey(String name) {
        return "DROP CONSTRAINT " + quote(name);
    }

    @Override
    public String changeColumnType(String table, Column column, String type, boolean inKey, String defaultSql) {
        String c = quote(column.name());
        return "ALTER TABLE " + quote(table) + " ALTER COLUMN " + c + " TYPE " + type + " USING " + c + "::" + type
            + ", ALTER COLUMN " + c + (column.nullable() && !inKey ? " DROP NOT NULL" : " SET NOT NULL");
    }

    /** Built-in types whose values bind as the portable type's (SPEC.md §10.2): no extension or user type. */
    private static final Set<String> NATIVE = Set.of("smallint", "integer", "bigint", "int2", "int4", "int8", "numeric",
        "decimal", "real", "double precision", "float4", "float8", "boolean", "bool", "text", "character varying",
        "varchar", "character", "char", "bpchar", "bytea", "date", "time", "time without time zone", "timestamp",
        "timestamp without time zone", "timestamp with time zone", "timestamptz", "uuid", "json", "jsonb", "inet",
        "cidr", "macaddr", "macaddr8", "xml", "int4range", "int8range", "numrange", "daterange");
    /** Element types of arrays that bind as the portable array's elements. */
    private static final Set<String> NATIVE_ELEMENTS = Set.of("smallint", "integer", "bigint", "int2", "int4", "int8",
        "numeric", "decimal", "real", "double precision", "float4", "float8", "boolean", "bool", "text",
        "character varying", "varchar", "uuid", "date");

    @Override
    public Optional<String> nativeType(Column column) {
        if (column.nativeType() == null) {
            return Optional.empty();
        }
        boolean array = column.type().kind() == io.idaas.ddml.types.TypeKind.ARRAY;
        if (array != column.nativeType().trim().endsWith("[]")) {
            return Optional.empty();
        }
        return NativeTypeGuard.allowed(column.nativeType(), array ? NATIVE_ELEMENTS : NATIVE);
    }

    @Override
    public boolean sameFamily(SourceSystem source) {
        return source == SourceSystem.POSTGRESQL;
    }

    @Override
    public boolean transactionalDdl() {
        return true;
    }

    @Override
    public String upsertOffset(String table) {
        return "INSERT INTO " + quote(table) + " (connector, topic, kafka_partition, next_offset, topic_id) VALUES "
            + "(?, ?, ?, ?, ?) ON CONFLICT (connector, topic, kafka_partition) DO UPDATE SET next_offset = "
            + "EXCLUDED.next_offset, topic_id = COALESCE(EXCLUDED.topic_id, " + quote(table) + ".topic_id)";
    }

    @Override
    public Optional<String> refusal(PortableType type, Object value) {
        return TargetLimits.postgres(type, value);
    }

    @Override
    public void bind(Connection connection, PreparedStatement st, int index, PortableType type, Object value)
        throws SQLException {
        if (value == null) {
            st.setNull(index, Types.NULL);
            return;
        }
        switch (type.kind()) {
            case TIMESTAMPTZ -> st.setObject(index, ((Instant) value).atOffset(ZoneOffset.UTC));
            case BYTES, GEOMETRY -> st.setBytes(index, (byte[]) value);
            case SET -> st.setArray(index, connection.createArrayOf("text", ((List<?>) value).toArray()));
            case ARRAY -> st.setArray(index, connection.createArrayOf(elementType(type), ((List<?>) value).toArray()));
            // untyped, so that a native inet, cidr, macaddr, xml or range column takes the text as a varchar does
            case JSON, UUID, STRING -> st.setObject(index, value.toString(), Types.OTHER);
            default -> st.setObject(index, value);
        }
    }

    private String elementType(PortableType array) {
        String element = columnType(array).replace("[]", "");
        int paren = element.indexOf('(');
        return paren < 0 ? element : element.substring(0, paren);
    }

    private static List<String> withPosition(List<String> placeholders) {
        List<String> all = new ArrayList<>(placeholders);
        all.add("?");
        return all;
    }
}
