package io.idaas.e2e.shipped;

import io.idaas.stack.JdbcServer;
import io.idaas.stack.LocalStack;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A database system of the local stack as the end-to-end tests see it from outside: plain SQL through the system's
 * own JDBC driver (never the sink's code), its quoting, its catalog ({@code information_schema}), and databases made
 * for one test run.
 */
public enum Db {

    MARIADB {
        @Override
        public JdbcServer server(LocalStack stack) {
            return stack.mariadb();
        }

        @Override
        public String url(LocalStack stack, String database) {
            return "jdbc:mariadb://" + server(stack).host() + ":" + server(stack).port() + "/" + database;
        }

        @Override
        public String quote(String identifier) {
            return '`' + identifier.replace("`", "``") + '`';
        }

        @Override
        public void createDatabase(LocalStack stack, String database) throws SQLException {
            try (Connection c = openDefault(stack); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + quote(database) + " CHARACTER SET utf8mb4");
            }
        }

        @Override
        String catalogSchema(Connection c) throws SQLException {
            return c.getCatalog();
        }
    },

    POSTGRES {
        @Override
        public JdbcServer server(LocalStack stack) {
            return stack.postgres();
        }

        @Override
        public String url(LocalStack stack, String database) {
            return "jdbc:postgresql://" + server(stack).host() + ":" + server(stack).port() + "/" + database;
        }

        @Override
        public String quote(String identifier) {
            return '"' + identifier.replace("\"", "\"\"") + '"';
        }

        @Override
        public void createDatabase(LocalStack stack, String database) throws SQLException {
            try (Connection c = openDefault(stack); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + quote(database));
            }
        }

        @Override
        String catalogSchema(Connection c) throws SQLException {
            return "public";
        }
    };

    public abstract JdbcServer server(LocalStack stack);

    /** The JDBC URL of {@code database} on this server, for this system's own driver. */
    public abstract String url(LocalStack stack, String database);

    /** An identifier in this system's quotes, quote characters inside doubled. */
    public abstract String quote(String identifier);

    /** Creates a database of its own for a test run. */
    public abstract void createDatabase(LocalStack stack, String database) throws SQLException;

    /** The {@code information_schema} schema name of the connection's tables. */
    abstract String catalogSchema(Connection c) throws SQLException;

    /** A connection to {@code database} as the stack's user. */
    public Connection open(LocalStack stack, String database) throws SQLException {
        JdbcServer s = server(stack);
        return DriverManager.getConnection(url(stack, database), s.user(), s.password());
    }

    /** A connection to the stack's own database. */
    public Connection openDefault(LocalStack stack) throws SQLException {
        JdbcServer s = server(stack);
        return DriverManager.getConnection(s.jdbcUrl(), s.user(), s.password());
    }

    /** The names of the connection's database's tables, exactly as {@code information_schema.tables} holds them. */
    public List<String> tables(Connection c) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = ? ORDER BY table_name")) {
            st.setString(1, catalogSchema(c));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
        }
        return names;
    }

    /**
     * The column names of a table, exactly as {@code information_schema.columns} holds them, in their order; the table
     * is picked by comparing names in Java, so case and every character count.
     */
    public List<String> columns(Connection c, String table) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("SELECT table_name, column_name FROM information_schema.columns "
                + "WHERE table_schema = ? ORDER BY ordinal_position")) {
            st.setString(1, catalogSchema(c));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    if (table.equals(rs.getString(1))) {
                        names.add(rs.getString(2));
                    }
                }
            }
        }
        return names;
    }

    /** Every row of {@code table} as text, {@code columns} in order, sorted by the first column (an integer key). */
    public List<List<String>> rows(Connection c, String table, List<String> columns) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        String list = String.join(", ", columns.stream().map(this::quote).toList());
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT " + list + " FROM " + quote(table) + " ORDER BY " + quote(columns.get(0)))) {
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= columns.size(); i++) {
                    row.add(rs.getString(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
