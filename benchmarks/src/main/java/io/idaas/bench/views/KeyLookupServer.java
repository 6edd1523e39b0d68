package io.idaas.bench.views;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The peer of a view's key lookup: {@code GET /key?id=N} answers the row of {@code table} with that primary key as
 * JSON, one {@code SELECT} by primary key per request, on a small pool of JDBC connections (one per server thread,
 * each with its statement prepared once). Built like the view app's HTTP API (Jetty's core API, the same Jetty), so
 * that wrk drives both the same way and the comparison is of the reads, not of the HTTP servers.
 */
final class KeyLookupServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A pooled connection and its prepared statement. */
    private record Lookup(Connection connection, PreparedStatement select) {
    }

    private final Server server;
    private final ServerConnector connector;
    private final BlockingQueue<Lookup> pool;

    KeyLookupServer(String jdbcUrl, String user, String password, String table, int threads) throws SQLException, IOException {
        pool = new ArrayBlockingQueue<>(threads);
        for (int i = 0; i < threads; i++) {
            Connection c = DriverManager.getConnection(jdbcUrl, user, password);
            pool.add(new Lookup(c, c.prepareStatement("SELECT * FROM " + table + " WHERE id = ?")));
        }
        // Jetty's threads: its acceptor and selector, and one per pooled connection to answer (a blocking handler).
        QueuedThreadPool pooled = new QueuedThreadPool(threads + 4, 4);
        pooled.setName("key-lookup-http");
        pooled.setDaemon(true);
        server = new Server(pooled);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                answer(request, response, callback);
                return true;
            }
        });
        try {
            server.start();
        } catch (Exception e) {
            throw new IOException("the key lookup server did not start: " + e, e);
        }
    }

    int port() {
        return connector.getLocalPort();
    }

    private void answer(Request request, Response response, Callback callback) {
        int status = 200;
        byte[] body;
        try {
            String query = request.getHttpURI().getQuery();
            long id = Long.parseLong(query.substring(query.indexOf("id=") + 3));
            body = row(id);
            if (body == null) {
                status = 404;
                body = "{\"error_code\":404,\"message\":\"no such key\"}".getBytes();
            }
        } catch (RuntimeException | SQLException | InterruptedException | IOException e) {
            status = 500;
            body = ("{\"error_code\":500,\"message\":\"" + e.getClass().getSimpleName() + "\"}").getBytes();
        }
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
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
        try {
            server.stop();
        } catch (Exception e) {
            // closing only
        }
        for (Lookup lookup : pool) {
            try {
                lookup.connection().close();
            } catch (SQLException e) {
                // closing only
            }
        }
    }
}
