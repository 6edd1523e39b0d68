package io.idaas.bench.views;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The peer of a view's key lookup: {@code GET /key?id=N} answers the row of {@code table} with that primary key as
 * JSON, one {@code SELECT} by primary key per request, on a small pool of JDBC connections (one per server thread,
 * each with its statement prepared once). Built like the view app's HTTP API (the JDK's HTTP server, as many threads),
 * so that wrk drives both the same way.
 */
final class KeyLookupServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A pooled connection and its prepared statement. */
    private record Lookup(Connection connection, PreparedStatement select) {
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final BlockingQueue<Lookup> pool;

    KeyLookupServer(String jdbcUrl, String user, String password, String table, int threads) throws SQLException, IOException {
        pool = new ArrayBlockingQueue<>(threads);
        for (int i = 0; i < threads; i++) {
            Connection c = DriverManager.getConnection(jdbcUrl, user, password);
            pool.add(new Lookup(c, c.prepareStatement("SELECT * FROM " + table + " WHERE id = ?")));
        }
        executor = Executors.newFixedThreadPool(threads);
        // As the view app does (ViewApp): without TCP_NODELAY each answer on a kept-alive connection waits for the
        // client's delayed ACK. Read once, when the JDK's HTTP server is first used in this JVM.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/key", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        int status = 200;
        byte[] body;
        try {
            String query = exchange.getRequestURI().getRawQuery();
            long id = Long.parseLong(query.substring(query.indexOf("id=") + 3));
            body = row(id);
            if (body == null) {
                status = 404;
                body = "{\"error_code\":404,\"message\":\"no such key\"}".getBytes();
            }
        } catch (RuntimeException | SQLException | InterruptedException e) {
            status = 500;
            body = ("{\"error_code\":500,\"message\":\"" + e.getClass().getSimpleName() + "\"}").getBytes();
        }
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private byte[] row(long id) throws SQLException, InterruptedException, IOException {
        Lookup lookup = pool.take();
        try {
            lookup.select().setLong(1, id);
            try (ResultSet rs = lookup.select().executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                ResultSetMetaData meta = rs.getMetaData();
                ObjectNode row = JSON.createObjectNode();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.putPOJO(meta.getColumnLabel(i), rs.getObject(i));
                }
                return JSON.writeValueAsBytes(row);
            }
        } finally {
            pool.add(lookup);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        for (Lookup lookup : pool) {
            try {
                lookup.connection().close();
            } catch (SQLException e) {
                // closing only
            }
        }
    }
}
