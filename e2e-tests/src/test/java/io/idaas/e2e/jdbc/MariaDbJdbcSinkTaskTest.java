package io.idaas.e2e.jdbc;

import io.idaas.stack.mariadb.MariaDbServer;

import io.idaas.ddml.Column;
import io.idaas.ddml.types.PortableType;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;

/** The JDBC sink task on a real MariaDB server. */
class MariaDbJdbcSinkTaskTest extends JdbcSinkTaskContract {

    @Override
    io.idaas.stack.JdbcServer newServer(Path dir) {
        return new MariaDbServer(dir, 0);
    }

    @Override
    String q(String identifier) {
        return '`' + identifier.replace("`", "``") + '`';
    }

    @Override
    io.idaas.ddml.SourceSystem family() {
        return io.idaas.ddml.SourceSystem.MARIADB;
    }

    @Override
    java.util.List<NativeCase> nativeCases() {
        byte[] point = java.nio.ByteBuffer.allocate(21).order(java.nio.ByteOrder.LITTLE_ENDIAN).put((byte) 1).putInt(1)
            .putDouble(1.5).putDouble(-2).array();
        return List.of(
            new NativeCase(Column.builder("shape", PortableType.GEOMETRY).nativeType("POINT").build(), point, "point",
                "geometry", "CONCAT(ST_AsText(%s), ' ', HEX(ST_AsWKB(%s)))", "POINT(1.5 -2) " + java.util.HexFormat.of()
                .withUpperCase().formatHex(point)),
            new NativeCase(Column.builder("tags", PortableType.setOf(List.of("a", "b", "c"))).nativeType("SET('a','b','c')").build(),
                List.of("a", "c"), "set('a','b','c')", "set('a','b','c')", "%s", "a,c"),
            new NativeCase(Column.builder("small", PortableType.INT16).nativeType("SMALLINT(5) UNSIGNED").build(), (short) 7,
                "smallint(5) unsigned", "smallint(6)", "%s", "7"),
            new NativeCase(Column.builder("ip", PortableType.string(39)).nativeType("INET6").build(), "::1",
                "inet6", "varchar(39)", "%s", "::1"));
    }

    @Override
    String declaredType(String table, String column) throws java.sql.SQLException {
        try (Connection c = DriverManager.getConnection(url(), user(), password());
             java.sql.PreparedStatement st = c.prepareStatement("SELECT COLUMN_TYPE FROM information_schema.COLUMNS "
                 + "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? AND COLUMN_NAME = ?")) {
            st.setString(1, table);
            st.setString(2, column);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    @Override
    void endOtherSessions(Connection caller) throws java.sql.SQLException {
        List<Long> ids = new java.util.ArrayList<>();
        try (java.sql.Statement st = caller.createStatement(); ResultSet rs = st.executeQuery("SELECT ID FROM "
            + "information_schema.PROCESSLIST WHERE ID <> CONNECTION_ID() AND DB = DATABASE()")) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        try (java.sql.Statement st = caller.createStatement()) {
            for (long id : ids) {
                st.execute("KILL CONNECTION " + id);
            }
        }
    }
}
