package io.idaas.verify.sql;

import io.idaas.ddml.types.NativeTypes;
import io.idaas.ddml.types.PortableType;
import io.idaas.ddml.types.TypeKind;
import io.idaas.verify.compare.ColumnPair;
import io.idaas.verify.compare.IntervalText;
import io.idaas.verify.compare.Semantic;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** MariaDB, and MySQL through the MariaDB driver. */
final class MariaDbDialect extends Dialect {

    @Override
    public String family() {
        return "mariadb";
    }

    @Override
    public void prepare(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("SET time_zone = '+00:00', NAMES utf8mb4");
        }
        // autocommit stays on: each statement sees the latest data (a transaction under REPEATABLE READ would keep the
        // first snapshot, and re-checks would never see a target that caught up)
        connection.setAutoCommit(true);
    }

    @Override
    public TableShape shape(Connection connection, String schema, String table) throws SQLException {
        String db = schema;
        if (db == null) {
            try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT DATABASE()")) {
                rs.next();
                db = rs.getString(1);
            }
        }
        Set<String> jsonColumns = new HashSet<>();
        query(connection, "SELECT CHECK_CLAUSE FROM information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = ? AND TABLE_NAME = ?", db, table, rs -> {
            String clause = rs.getString(1);
            if (clause != null && clause.toLowerCase(Locale.ROOT).startsWith("json_valid(`")) {
                jsonColumns.add(clause.substring("json_valid(`".length(), clause.lastIndexOf('`')));
            }
        });
        List<Column> columns = new ArrayList<>();
        query(connection, "SELECT COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?"
                + " ORDER BY ORDINAL_POSITION", db, table, rs -> {
            String name = rs.getString(1);
            String nativeType = rs.getString(2);
            PortableType type = jsonColumns.contains(name) ? PortableType.JSON : portable(nativeType);
            boolean padded = nativeType.toLowerCase(Locale.ROOT).startsWith("char(");
            columns.add(new Column(name, nativeType, type, padded, "YES".equals(rs.getString(3))));
        });
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("no table " + db + "." + table + " in the MariaDB database (check the table name and the database of the JDBC URL)");
        }
        List<String> key = new ArrayList<>();
        query(connection, "SELECT COLUMN_NAME FROM information_schema.KEY_COLUMN_USAGE WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?"
                + " AND CONSTRAINT_NAME = 'PRIMARY' ORDER BY ORDINAL_POSITION", db, table, rs -> key.add(rs.getString(1)));
        long[] estimate = {0};
        query(connection, "SELECT TABLE_ROWS FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?", db, table,
                rs -> estimate[0] = rs.getLong(1));
        return new TableShape(db, table, columns, key, estimate[0]);
    }

    /** Runs a catalog query whose two parameters are the database and the table, handing each row to {@code reader}. */
    private static void query(Connection connection, String sql, String db, String table, RowReader reader) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, db);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    reader.read(rs);
                }
            }
        }
    }

    /** Reads one row of a result. */
    private interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    private static PortableType portable(String nativeType) {
        try {
            return NativeTypes.fromMariaDb(nativeType.replaceAll("(?i)\\s+zerofill", ""));
        } catch (IllegalArgumentException e) {
            return PortableType.STRING; // compared as text (e.g. INET6): both sides give their text form
        }
    }

    @Override
    public String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }

    @Override
    public String stringLiteral(String text) {
        StringBuilder b = new StringBuilder("'");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\'' -> b.append("''");
                case '\\' -> b.append("\\\\");
                case '\0' -> b.append("\\0");
                default -> b.append(c);
            }
        }
        return b.append('\'').toString();
    }

    @Override
    public Optional<String> canonicalSql(ColumnPair pair, boolean sourceSide, boolean sameFamily) {
        Column c = pair.on(sourceSide);
        String q = quote(c.name());
        TypeKind kind = c.type().kind();
        return switch (pair.semantic()) {
            case NUMBER -> Optional.of(switch (kind) {
                case BOOLEAN -> "(" + q + " <> 0)";
                case DECIMAL -> pair.sameScale() || c.type().scale() == null || c.type().scale() == 0 ? q
                        : "TRIM(TRAILING '.' FROM TRIM(TRAILING '0' FROM " + q + "))";
                default -> q;
            });
            // DOUBLE prints its shortest exact text; FLOAT widened to DOUBLE prints the float's exact value, as
            // PostgreSQL's real::float8 does. (Exponents: 1e20 here, 1e+20 there: PostgreSQL drops its '+'.)
            case FLOAT32, FLOAT64 -> Optional.of(kind == TypeKind.FLOAT32 ? "CAST(" + q + " AS DOUBLE)" : q);
            case STRING -> Optional.of(pair.padded() && !c.padded() ? "TRIM(TRAILING ' ' FROM " + q + ")"
                    // INET4/INET6 (like UUID) keep their type through COALESCE, which then turns the NULL mark into ''
                    : c.nativeType().toLowerCase(Locale.ROOT).startsWith("inet") ? "CAST(" + q + " AS CHAR)" : q);
            case UUID -> Optional.of(kind == TypeKind.UUID ? "CAST(" + q + " AS CHAR)" : "LOWER(" + q + ")");
            case BYTES -> kind == TypeKind.GEOMETRY ? (sameFamily ? Optional.of("HEX(ST_AsWKB(" + q + "))") : Optional.empty())
                    : c.nativeType().toLowerCase(Locale.ROOT).startsWith("bit")
                    ? Optional.of("LPAD(HEX(" + q + "), " + 2 * c.type().length() + ", '0')")
                    : Optional.of("HEX(" + q + ")");
            case DATE -> Optional.of(q);
            case TIME -> Optional.of("TIME_FORMAT(" + q + ", '%H:%i:%s.%f')");
            // microseconds since 1970-01-01 00:00 (a TIMESTAMP read in the session's UTC): cheaper than formatting text
            case TIMESTAMP -> Optional.of("TIMESTAMPDIFF(MICROSECOND, '1970-01-01', " + q + ")");
            case JSON -> sameFamily ? Optional.of("JSON_NORMALIZE(" + q + ")") : Optional.empty();
            case SET -> sameFamily ? Optional.of(q) : Optional.empty();
            case INTERVAL -> Optional.of(isoDurationParts(q)); // MariaDB has no interval type: text holding ISO 8601
        };
    }

    /**
     * The months, days and microseconds of text holding an ISO 8601 duration (IntervalText.PATTERN, case-sensitive),
     * as PostgreSQL's side gives them for an interval ({@code '14 3 14706789000'}); other text as {@code '?'} and the
     * text, which no interval gives.
     */
    private String isoDurationParts(String q) {
        String pattern = stringLiteral("(?-i)" + IntervalText.PATTERN);
        String[] part = new String[7];
        for (int group = 1; group <= 6; group++) {
            // the replacement \N (written '\\N' in MariaDB's literal) is capture group N: '' when the part is absent
            part[group] = "CAST(COALESCE(NULLIF(REGEXP_REPLACE(" + q + ", " + pattern + ", " + stringLiteral("\\" + group) + "), ''), '0') AS DECIMAL("
                    + (group == 6 ? "26,6" : "20,0") + "))";
        }
        return "CASE WHEN " + q + " REGEXP " + pattern + " AND " + q + " <> 'P' AND " + q + " NOT LIKE '%T' THEN CONCAT_WS(' ', "
                + part[1] + " * 12 + " + part[2] + ", " + part[3] + ", CAST(" + part[4] + " * 3600000000 + " + part[5] + " * 60000000 + "
                + part[6] + " * 1000000 AS DECIMAL(45,0))) ELSE CONCAT('?', " + q + ") END";
    }

    @Override
    public String checksumSelect(String rowText) {
        return "COUNT(*), COALESCE(SUM(CAST(CONV(LEFT(MD5(" + rowText + "), 15), 16, 10) AS UNSIGNED)), 0)";
    }

    @Override
    public String fetchExpression(Column column) {
        return switch (column.type().kind()) {
            case GEOMETRY -> "ST_AsWKB(" + quote(column.name()) + ")";
            // the driver reads FLOAT through its 6-digit text form: widened to DOUBLE it comes exact
            case FLOAT32 -> "CAST(" + quote(column.name()) + " AS DOUBLE)";
            default -> quote(column.name());
        };
    }

    @Override
    public Object read(ResultSet rs, int index, Column column) throws SQLException {
        Object value = switch (column.type().kind()) {
            case BOOLEAN -> {
                long v = rs.getLong(index);
                yield v != 0;
            }
            case INT8, INT16, INT32, INT64 -> rs.getLong(index);
            case DECIMAL -> rs.getBigDecimal(index);
            case FLOAT32 -> (float) rs.getDouble(index);
            case FLOAT64 -> rs.getDouble(index);
            case BYTES, GEOMETRY -> bytes(rs.getBytes(index), column);
            case DATE -> rs.getObject(index, LocalDate.class);
            case TIME -> rs.getObject(index, LocalTime.class);
            case TIMESTAMP, TIMESTAMPTZ -> rs.getObject(index, LocalDateTime.class);
            default -> rs.getString(index);
        };
        return rs.wasNull() ? null : value;
    }

    /** BIT(n) values come as the bytes of the number: left-pad to the type's length. */
    private static byte[] bytes(byte[] value, Column column) {
        Integer length = column.type().length();
        if (value == null || length == null || value.length >= length || !column.nativeType().toLowerCase(Locale.ROOT).startsWith("bit")) {
            return value;
        }
        byte[] padded = new byte[length];
        System.arraycopy(value, 0, padded, length - value.length, value.length);
        return padded;
    }

    @Override
    public String literal(Column column, Semantic semantic, String canonical) {
        if (canonical == null) {
            return "NULL";
        }
        TypeKind kind = column.type().kind();
        return switch (kind) {
            case BOOLEAN, INT8, INT16, INT32, INT64, DECIMAL, FLOAT32, FLOAT64 -> numberOrString(canonical);
            case BYTES -> "X'" + canonical + "'";
            case GEOMETRY -> "ST_GeomFromWKB(X'" + canonical + "')";
            case SET -> stringLiteral(String.join(",", JsonText.strings(canonical)));
            default -> stringLiteral(canonical);
        };
    }

    @Override
    public String repairPreamble() {
        return "SET time_zone = '+00:00';";
    }
}
