package io.idaas.connect.jdbc.dialect;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.idaas.ddml.Column;
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
        return '`' + identifier.replace("`", "``") + '`';
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
    public String upsert(String table, List<String> columns, List<String> key, int rows) {
        List<String> all = new ArrayList<>(columns);
        all.add(POSITION_COLUMN);
        String p = quote(POSITION_COLUMN);
        String guard = "(" + p + " IS NULL OR " + p + " <= VALUES(" + p + "))";
        String updates = all.stream().filter(c -> !key.contains(c))
            .map(c -> quote(c) + " = IF(" + guard + ", VALUES(" + quote(c) + "), " + quote(c) + ")")
            .collect(Collectors.joining(", "));
        return "INSERT INTO " + quote(table) + " (" + columnList(all) + ") VALUES " + Dialect.valueRows(all.size(), rows)
            + " ON DUPLICATE KEY UPDATE " + updates;
    }

    @Override
    public String truncate(String table) {
        return "DELETE FROM " + quote(table);
    }

    @Override
    public String columnDefinition(Column c, boolean inKey) {
        return quote(c.name()) + ' ' + columnType(c.type()) + (c.nullable() && !inKey ? " NULL" : " NOT NULL");
    }

    @Override
    public String changeColumnType(String table, Column column) {
        return "ALTER TABLE " + quote(table) + " MODIFY COLUMN " + columnDefinition(column, false);
    }

    @Override
    public String tableOptions() {
        return " CHARACTER SET utf8mb4";
    }

    @Override
    public boolean transactionalDdl() {
        return false;
    }

    @Override
    public String upsertOffset(String table) {
        return "INSERT INTO " + quote(table) + " (connector, topic, kafka_partition, next_offset) VALUES (?, ?, ?, ?)"
            + " ON DUPLICATE KEY UPDATE next_offset = VALUES(next_offset)";
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
}
