package io.idaas.verify;

import io.idaas.verify.sql.Dialect;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The connections to one database of a verification: the first opened at once, the others (one per {@code --parallel}
 * lane) when a lane first needs them; all read-only, prepared by the dialect, and closed together.
 */
final class Connections implements AutoCloseable {

    private final VerifyConfig.Database database;
    private final Dialect dialect;
    private final List<Connection> open = new ArrayList<>();

    Connections(VerifyConfig.Database database, Dialect dialect) throws SQLException {
        this.database = database;
        this.dialect = dialect;
        get(0);
    }

    /** The connection of lane {@code lane} (0 is the first), opened if it is not yet. */
    synchronized Connection get(int lane) throws SQLException {
        while (open.size() <= lane) {
            open.add(connect(database, dialect));
        }
        return open.get(lane);
    }

    @Override
    public synchronized void close() throws SQLException {
        SQLException failed = null;
        for (Connection c : open) {
            try {
                c.close();
            } catch (SQLException e) {
                if (failed == null) {
                    failed = e;
                } else {
                    failed.addSuppressed(e);
                }
            }
        }
        open.clear();
        if (failed != null) {
            throw failed;
        }
    }

    static Connection connect(VerifyConfig.Database db, Dialect dialect) throws SQLException {
        String url = db.jdbcUrl();
        if (url.toLowerCase(Locale.ROOT).startsWith("jdbc:mysql:") && !url.contains("permitMysqlScheme")) {
            url = url + (url.contains("?") ? "&" : "?") + "permitMysqlScheme";
        }
        Connection c = db.user() == null ? DriverManager.getConnection(url) : DriverManager.getConnection(url, db.user(), db.password());
        c.setReadOnly(true);
        dialect.prepare(c);
        return c;
    }
}
