package io.idaas.e2e.pipeline;

import io.idaas.stack.JdbcServer;
import io.idaas.stack.LocalStack;

import java.util.HashMap;
import java.util.Map;

/**
 * A target of connect-configs' sink configs. No MySQL server runs here: the MYSQL target is a database on the MariaDB
 * server that the sink reaches with MySQL Connector/J ({@code jdbc:mysql:}), so the sink's MySQL dialect and driver
 * run, against MariaDB's engine; a test reads it with MariaDB's own driver, as any MariaDB database.
 */
public enum Target {

    POSTGRES(Db.POSTGRES), MARIADB(Db.MARIADB), MYSQL(Db.MARIADB);

    private final Db db;

    Target(Db db) {
        this.db = db;
    }

    /** The database system that holds the target, and through whose own driver a test reads it. */
    public Db db() {
        return db;
    }

    /** The URL the sink is given. */
    public String sinkUrl(LocalStack stack, String database) {
        JdbcServer s = db.server(stack);
        return this == MYSQL ? "jdbc:mysql://" + s.host() + ":" + s.port() + "/" + database + "?sslMode=DISABLED"
                : db.url(stack, database);
    }

    /** Every target placeholder of the shipped sink configs ({@code postgres.*}, {@code mariadb.*}, ...), pointing at {@code database}. */
    public Map<String, String> values(LocalStack stack, String database) {
        JdbcServer s = db.server(stack);
        Map<String, String> values = new HashMap<>();
        for (String p : new String[] {"postgres", "mariadb", "mysql", "target"}) {
            values.put(p + ".jdbc.url", sinkUrl(stack, database));
            values.put(p + ".user", s.user());
            values.put(p + ".password", s.password());
        }
        return values;
    }
}
