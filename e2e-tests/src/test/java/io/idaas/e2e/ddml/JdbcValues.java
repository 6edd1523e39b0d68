package io.idaas.e2e.ddml;

import io.idaas.ddml.types.PortableType;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Binds a DDML value (PortableValues' Java form) into a JDBC statement of a MariaDB or PostgreSQL target, for the
 * round-trip tests. Test code only: the JDBC sink has its own dialects.
 */
final class JdbcValues {

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private JdbcValues() {
    }

    static void bind(Connection db, PreparedStatement st, int index, PortableType type, Object value, boolean postgres) throws SQLException {
        if (value == null) {
            st.setNull(index, Types.NULL);
            return;
        }
        switch (type.kind()) {
            case TIMESTAMPTZ -> st.setObject(index, ((Instant) value).atOffset(ZoneOffset.UTC));
            case DATE -> st.setObject(index, (LocalDate) value);
            case TIME -> st.setObject(index, (LocalTime) value);
            case TIMESTAMP -> st.setObject(index, (LocalDateTime) value);
            case BYTES, GEOMETRY -> st.setBytes(index, (byte[]) value);
            case SET -> {
                List<?> members = (List<?>) value;
                if (postgres) {
                    st.setArray(index, db.createArrayOf("text", members.toArray()));
                } else {
                    st.setString(index, String.join(",", members.stream().map(String::valueOf).toList()));
                }
            }
            case ARRAY -> {
                if (postgres) {
                    st.setArray(index, db.createArrayOf(postgresElementType(type), ((List<?>) value).toArray()));
                } else {
                    st.setString(index, JSON.valueToTree(value).toString()); // MariaDB keeps arrays as JSON
                }
            }
            case JSON, UUID, ENUM -> {
                if (postgres) {
                    st.setObject(index, value.toString(), Types.OTHER);
                } else {
                    st.setString(index, value.toString());
                }
            }
            default -> st.setObject(index, value);
        }
    }

    private static String postgresElementType(PortableType array) {
        String element = io.idaas.ddml.types.NativeTypes.toPostgres(array).replace("[]", "");
        return element.contains("(") ? element.substring(0, element.indexOf('(')) : element;
    }
}
