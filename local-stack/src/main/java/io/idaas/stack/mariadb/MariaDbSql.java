package io.idaas.stack.mariadb;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** What the server is asked over JDBC while it starts: whether it answers, and the accounts of its first start. */
final class MariaDbSql {

    private MariaDbSql() {
    }

    /**
     * True when the server at {@code url} accepts the login and serves {@code datadir}: a server of someone else
     * that took the port meanwhile does not count.
     */
    static boolean answers(String url, String user, String password, Path datadir) {
        try (Connection c = DriverManager.getConnection(url + "?connectTimeout=2000", user, password);
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT @@datadir")) {
            return r.next() && Files.isSameFile(Path.of(r.getString(1)), datadir);
        } catch (SQLException | IOException e) {
            return false;
        }
    }

    /**
     * Logged in as root (no password, as {@code mariadb-install-db} left it), drops the anonymous accounts and those
     * for this machine's host name (which {@code --skip-name-resolve} ignores), and creates {@code user} with every
     * privilege from any host, and {@code database}. Safe to repeat.
     */
    static void createUserAndDatabase(String url, String user, String password, String database) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, "root", "");
             Statement s = c.createStatement()) {
            List<String> unwanted = new ArrayList<>();
            try (ResultSet r = s.executeQuery("SELECT user, host FROM mysql.user WHERE is_role = 'N'"
                    + " AND (user = '' OR host NOT IN ('localhost', '127.0.0.1', '::1', '%'))")) {
                while (r.next()) {
                    unwanted.add(quote(r.getString(1)) + "@" + quote(r.getString(2)));
                }
            }
            for (String account : unwanted) {
                s.execute("DROP USER " + account);
            }
            // '%' alone would do over TCP; the others keep the anonymous-account shadowing of old setups out of play.
            for (String host : List.of("%", "localhost", "127.0.0.1")) {
                String account = quote(user) + "@" + quote(host);
                s.execute("CREATE USER IF NOT EXISTS " + account + " IDENTIFIED BY " + quote(password));
                s.execute("GRANT ALL PRIVILEGES ON *.* TO " + account + " WITH GRANT OPTION");
            }
            s.execute("CREATE DATABASE IF NOT EXISTS `" + database.replace("`", "``") + "`");
        }
    }

    private static String quote(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "''") + "'";
    }
}
