package io.idaas.verify.sql;

import io.idaas.verify.compare.ColumnPair;
import io.idaas.verify.compare.Semantic;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * What differs between database systems for the verifier: the catalog, identifier and literal quoting, the SQL
 * expressions that produce each {@link Semantic}'s canonical text inside the database, the range checksum, and how
 * values are read from and bound to JDBC.
 */
public abstract class Dialect {

    /** Separates the columns of a row's canonical text (ASCII unit separator). */
    static final String SEPARATOR = "\u001f";
    /** Stands for NULL in a row's canonical text (ASCII record separator): a text holding exactly this character is the
     * only value that hashes like NULL; the comparison in Java still tells them apart in ranges whose checksums differ. */
    static final String NULL_MARK = "\u001e";

    /** The dialect of a JDBC URL: {@code jdbc:mariadb:}, {@code jdbc:mysql:} (through the MariaDB driver) or {@code jdbc:postgresql:}. */
    public static Dialect forUrl(String jdbcUrl) {
        String url = jdbcUrl.toLowerCase(Locale.ROOT);
        if (url.startsWith("jdbc:mariadb:") || url.startsWith("jdbc:mysql:")) {
            return new MariaDbDialect();
        }
        if (url.startsWith("jdbc:postgresql:")) {
            return new PostgresDialect();
        }
        throw new IllegalArgumentException("unsupported JDBC URL '" + jdbcUrl + "': use jdbc:mariadb://HOST:PORT/DB (MariaDB or MySQL)"
                + " or jdbc:postgresql://HOST:PORT/DB");
    }

    /** The family name; canonical SQL for JSON, sets, arrays and geometries holds only between databases of one family. */
    public abstract String family();

    /** Sets the session up for comparison (UTC time zone, text encoding). */
    public abstract void prepare(Connection connection) throws SQLException;

    /** The table's shape; {@code schema} null means the connection's current schema or database. */
    public abstract TableShape shape(Connection connection, String schema, String table) throws SQLException;

    /** An identifier, quoted. */
    public abstract String quote(String identifier);

    /** A string literal, quoted and escaped. */
    public abstract String stringLiteral(String text);

    /** {@code schema.table}, quoted. */
    public String qualified(TableShape shape) {
        return quote(shape.schema()) + "." + quote(shape.table());
    }

    /**
     * The SQL expression giving the canonical text of this side's column of {@code pair} (NULL for NULL), or empty when
     * the database cannot produce it: then the column is compared in Java only.
     */
    public abstract Optional<String> canonicalSql(ColumnPair pair, boolean sourceSide, boolean sameFamily);

    /** The select list {@code count, sum of a 60-bit slice of md5(row text)} over the rows of a WHERE clause. */
    public abstract String checksumSelect(String rowText);

    /**
     * The expression concatenating column texts with the separator, each NULL as the NULL mark.
     *
     * @param pieces          each column's canonical SQL ({@link #canonicalSql})
     * @param nullableColumns for each piece, its column quoted when the column is nullable, else null
     */
    public String rowText(List<String> pieces, List<String> nullableColumns) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < pieces.size(); i++) {
            // canonical SQL is NULL exactly when its column is: only a nullable column's text can need the mark
            parts.add(nullableColumns.get(i) == null ? pieces.get(i) : "COALESCE(" + asText(pieces.get(i)) + ", '" + NULL_MARK + "')");
        }
        while (parts.size() > 90) { // in groups, so that no call has more than 90 arguments
            List<String> grouped = new ArrayList<>();
            for (int i = 0; i < parts.size(); i += 90) {
                grouped.add(concatWs(parts.subList(i, Math.min(parts.size(), i + 90))));
            }
            parts = grouped;
        }
        return concatWs(parts);
    }

    /** The expression as text, where the database does not convert by itself. */
    String asText(String expression) {
        return expression;
    }

    private String concatWs(List<String> parts) {
        return "CONCAT_WS('" + SEPARATOR + "', " + String.join(", ", parts) + ")";
    }

    /** The expression selecting this column for comparison in Java (the column itself unless the driver needs help). */
    public String fetchExpression(Column column) {
        return quote(column.name());
    }

    /** Reads a fetched column as a Java value that {@link io.idaas.verify.compare.Canonical} understands. */
    public abstract Object read(ResultSet rs, int index, Column column) throws SQLException;

    /** Binds a key value read from either database. */
    public void bind(PreparedStatement ps, int index, Object value) throws SQLException {
        ps.setObject(index, value instanceof UUID u ? u.toString() : value);
    }

    /** A literal of {@code column}'s type holding the value whose canonical text is {@code canonical}, for repair statements. */
    public abstract String literal(Column column, Semantic semantic, String canonical);

    /** Statements to run before repair statements (the session time zone, so timestamps mean UTC). */
    public abstract String repairPreamble();

    /** A numeric literal when the text is a plain number, else a quoted string. */
    String numberOrString(String canonical) {
        return canonical.matches("-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?") ? canonical : stringLiteral(canonical);
    }
}
