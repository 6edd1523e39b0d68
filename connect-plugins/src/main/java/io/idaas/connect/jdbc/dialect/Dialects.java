package io.idaas.connect.jdbc.dialect;

import java.util.Locale;

/** Picks the dialect for a JDBC URL by its scheme. */
public final class Dialects {

    private Dialects() {
    }

    /**
     * @throws IllegalArgumentException naming the supported schemes when the URL's is not one of them
     */
    public static Dialect forUrl(String url) {
        String u = url.trim().toLowerCase(Locale.ROOT);
        if (u.startsWith("jdbc:postgresql:")) {
            return new PostgresDialect();
        }
        if (u.startsWith("jdbc:mariadb:")) {
            return new MariaDbDialect();
        }
        if (u.startsWith("jdbc:mysql:")) {
            return new MySqlDialect();
        }
        throw new IllegalArgumentException("no dialect for this URL; use jdbc:postgresql://host:port/db, "
            + "jdbc:mariadb://host:port/db or jdbc:mysql://host:port/db");
    }
}
