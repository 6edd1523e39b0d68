package io.idaas.e2e.jdbc;

import io.idaas.stack.postgres.PostgresServer;

import io.idaas.ddml.Column;
import io.idaas.ddml.types.PortableType;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;

/** The JDBC sink task on a real PostgreSQL server. */
class PostgresJdbcSinkTaskTest extends JdbcSinkTaskContract {

    @Override
    io.idaas.stack.JdbcServer newServer(Path dir) {
        return new PostgresServer(dir, 0);
    }

    @Override
    String q(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    @Override
    io.idaas.ddml.SourceSystem family() {
        return io.idaas.ddml.SourceSystem.POSTGRESQL;
    }

    @Override
    java.util.List<NativeCase> nativeCases() {
        return List.of(
            new NativeCase(Column.builder("addr", PortableType.STRING).nativeType("inet").build(), "192.168.0.1/24", "inet",
                "text", "%s::text", "192.168.0.1/24"),
            new NativeCase(Column.builder("doc", PortableType.JSON).nativeType("json").build(), "{\"a\": [1, 2], \"b\": 1}",
                "json", "jsonb", "%s::text", "{\"a\": [1, 2], \"b\": 1}"),
            new NativeCase(Column.builder("nums", PortableType.arrayOf(PortableType.INT16)).nativeType("smallint[]").build(),
                List.of((short) 1, (short) 2), "smallint[]", "smallint[]", "%s::text", "{1,2}"),
            new NativeCase(Column.builder("name", PortableType.string(10)).nativeType("character(10)").build(), "ab",
                "character(10)", "character varying(10)", "%s::text", "ab"));
    }

    @Override
    String declaredType(String table, String column) throws java.sql.SQLException {
        try (Connection c = DriverManager.getConnection(url(), user(), password());
             java.sql.PreparedStatement st = c.prepareStatement("SELECT format_type(atttypid, atttypmod) FROM pg_attribute "
                 + "WHERE attrelid = ?::regclass AND attname = ?")) {
            st.setString(1, q(table));
            st.setString(2, column);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    @Override
    void endOtherSessions(Connection caller) throws java.sql.SQLException {
        try (java.sql.Statement st = caller.createStatement()) {
            st.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() "
                + "AND pid <> pg_backend_pid()");
        }
    }
}
