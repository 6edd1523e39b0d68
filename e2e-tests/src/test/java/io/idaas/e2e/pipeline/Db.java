package io.idaas.e2e.pipeline;

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
import java.util.function.Function;

/**
 * A database system of the local stack as the end-to-end tests see it from outside: plain SQL through the system's
 * own JDBC driver (never the sink's code), its quoting, its catalog ({@code information_schema}), and databases made
 * for one test run. No MySQL server runs here: what a test calls MySQL is a database on the MariaDB server.
 */
public enum Db {

    MARIADB("jdbc:mariadb://", "`", LocalStack::mariadb),
    POSTGRES("jdbc:postgresql://", "\"", LocalStack::postgres);

    private final String urlStart;
    private final String quote;
    private final Function<LocalStack, JdbcServer> server;

    Db(String urlStart, String quote, Function<LocalStack, JdbcServer> server) {
        this.urlStart = urlStart;
        this.quote = quote;
        this.server = server;
    }

    public JdbcServer server(LocalStack stack) {
        return server.apply(stack);
    }

    /** The JDBC URL of {@code database} on this server, for this system's own driver. */
    public String url(LocalStack stack, String database) {
        JdbcServer s = server(stack);
        return urlStart + s.host() + ":" + s.port() + "/" + database;
    }

    /** An identifier in this system's quotes, quote characters inside doubled. */
    public String quote(String identifier) {
        return quote + identifier.replace(quote, quote + quote) + quote;
    }

    /** The schema {@code information_schema} names {@code database}'s tables with: the database itself in MariaDB, {@code public}. */
    public String schema(String database) {
        return this == MARIADB ? database : "public";
    }

    /** Creates a database of its own for a test run. */
    public void createDatabase(LocalStack stack, String database) throws SQLException {
        try (Connection c = openDefault(stack); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + quote(database) + (this == MARIADB ? " CHARACTER SET utf8mb4" : ""));
        }
    }

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
            st.setString(1, schema(c.getCatalog()));
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
            st.setString(1, schema(c.getCatalog()));
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
