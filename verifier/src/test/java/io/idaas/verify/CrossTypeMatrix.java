package io.idaas.verify;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/**
 * The DDML type matrix across databases: for each MariaDB type of e2e-tests' {@code TypeMatrices.mariadb()} and each
 * PostgreSQL type of {@code TypeMatrices.postgres()}, a column pair holding equal data in the two native types (the
 * types SPEC.md §11 maps them to), with four rows: typical values, minima, maxima (unicode included), NULLs. Not here:
 * geometry (the stack's PostgreSQL has no PostGIS). PostgreSQL's interval, which MariaDB lacks, is paired with the
 * {@code LONGTEXT} a copy gets, holding Debezium's ISO 8601 text ({@code interval.handling.mode=string}).
 */
final class CrossTypeMatrix {

    /** One column pair: its MariaDB and PostgreSQL declarations and values, and how each side writes a value. */
    record Pair(String name, String mariadbType, String postgresType, List<Object> mariadbValues, List<Object> postgresValues,
                String mariadbWrite, String postgresWrite, boolean sqlComparable) {

        static Pair of(String name, String mariadbType, String postgresType, Object typical, Object min, Object max) {
            List<Object> values = rows(typical, min, max);
            return new Pair(name, mariadbType, postgresType, values, values, "?", "?", true);
        }

        Pair postgresValues(Object typical, Object min, Object max) {
            return new Pair(name, mariadbType, postgresType, mariadbValues, rows(typical, min, max), mariadbWrite, postgresWrite, sqlComparable);
        }

        Pair postgresWrite(String expression) {
            return new Pair(name, mariadbType, postgresType, mariadbValues, postgresValues, mariadbWrite, expression, sqlComparable);
        }

        /** Compared in Java only across MariaDB and PostgreSQL (verifier/README.md says why). */
        Pair javaOnly() {
            return new Pair(name, mariadbType, postgresType, mariadbValues, postgresValues, mariadbWrite, postgresWrite, false);
        }
    }

    static final String LONG_TEXT = "long text ✓ ".repeat(500);

    static List<Pair> pairs() {
        byte[] blob = new byte[1000];
        for (int i = 0; i < blob.length; i++) {
            blob[i] = (byte) (i * 31 + 7);
        }
        byte[] ff16 = new byte[16];
        Arrays.fill(ff16, (byte) -1);
        return List.of(
                Pair.of("c_bool", "BOOLEAN", "boolean", true, false, true),
                Pair.of("c_tinyint1", "TINYINT(1)", "boolean", true, false, true),
                Pair.of("c_tinyint", "TINYINT", "smallint", (short) 7, (short) -128, (short) 127),
                Pair.of("c_tinyint_u", "TINYINT UNSIGNED", "smallint", (short) 7, (short) 0, (short) 255),
                Pair.of("c_smallint", "SMALLINT", "smallint", (short) -300, Short.MIN_VALUE, Short.MAX_VALUE),
                Pair.of("c_smallint_u", "SMALLINT UNSIGNED", "integer", 300, 0, 65535),
                Pair.of("c_mediumint", "MEDIUMINT", "integer", -70000, -8388608, 8388607),
                Pair.of("c_int", "INT", "integer", 123456, Integer.MIN_VALUE, Integer.MAX_VALUE),
                Pair.of("c_int_u", "INT UNSIGNED", "bigint", 4_000_000_000L, 0L, 4_294_967_295L),
                Pair.of("c_bigint", "BIGINT", "bigint", 1L, Long.MIN_VALUE, Long.MAX_VALUE),
                Pair.of("c_bigint_u", "BIGINT UNSIGNED", "numeric(20,0)", new BigDecimal("12345"), BigDecimal.ZERO, new BigDecimal("18446744073709551615")),
                Pair.of("c_decimal", "DECIMAL(38,10)", "numeric(38,10)", new BigDecimal("1234.5678900000"),
                        new BigDecimal("-9999999999999999999999999999.9999999999"), new BigDecimal("9999999999999999999999999999.9999999999")),
                // the same values at another scale: numeric(9,4) holds 0.0100 where DECIMAL(5,2) holds 0.01
                Pair.of("c_decimal_scales", "DECIMAL(5,2)", "numeric(9,4)", new BigDecimal("0.01"), new BigDecimal("-999.99"), new BigDecimal("999.99")),
                Pair.of("c_decimal_free", "DECIMAL(65,30)", "numeric", new BigDecimal("3.141592653589793238462643383279"),
                        new BigDecimal("-0.000000000000000000010000000000"), new BigDecimal("12345678901234567890123456789012345")),
                Pair.of("c_money", "DECIMAL(19,2)", "money", new BigDecimal("1234.56"), new BigDecimal("-999999999999.99"), new BigDecimal("999999999999.99"))
                        .postgresWrite("?::numeric::money"),
                Pair.of("c_float", "FLOAT", "real", 1.5f, -1024.125f, 65504.0f),
                Pair.of("c_double", "DOUBLE", "double precision", Math.PI, -Double.MAX_VALUE, Double.MIN_VALUE),
                Pair.of("c_bit", "BIT(12)", "bit(12)", new byte[] {0x0a, (byte) 0xaa}, new byte[] {0, 0}, new byte[] {0x0f, (byte) 0xff})
                        .postgresValues("101010101010", "000000000000", "111111111111").postgresWrite("?::bit(12)"),
                // CHAR pads: PostgreSQL's char(10) holds 'abc       ', MariaDB's CHAR(10) gives 'abc'
                Pair.of("c_char", "CHAR(10)", "char(10)", "abc", "", "ü€😀xyz"),
                Pair.of("c_char_varchar", "CHAR(10)", "varchar(10)", "abc", "", "ü€😀xyz").postgresValues("abc  ", "", "ü€😀xyz "),
                Pair.of("c_varchar", "VARCHAR(100)", "varchar(100)", "hello", "", "日本語 ünïcödé 😀 \"quoted\" \\ back"),
                Pair.of("c_text", "TEXT", "text", LONG_TEXT, "", "😀"),
                Pair.of("c_binary", "BINARY(4)", "bytea", new byte[] {1, 2, 3, 4}, new byte[] {0, 0, 0, 0}, new byte[] {-1, -1, -1, -1}),
                Pair.of("c_varbinary", "VARBINARY(16)", "bytea", new byte[] {0, 0x7f}, new byte[0], ff16),
                Pair.of("c_blob", "BLOB", "bytea", blob, new byte[0], new byte[] {0}),
                Pair.of("c_date", "DATE", "date", LocalDate.of(2024, 2, 29), LocalDate.of(1000, 1, 1), LocalDate.of(9999, 12, 31)),
                Pair.of("c_time", "TIME(6)", "time(6)", LocalTime.parse("12:34:56.789012"), LocalTime.MIDNIGHT, LocalTime.parse("23:59:59.999999")),
                Pair.of("c_datetime", "DATETIME(6)", "timestamp(6)", LocalDateTime.parse("2024-02-29T12:34:56.789012"),
                        LocalDateTime.parse("1000-01-01T00:00:00"), LocalDateTime.parse("9999-12-31T23:59:59.999999")),
                // MariaDB's TIMESTAMP, written in the session's UTC, against timestamptz
                Pair.of("c_timestamp", "TIMESTAMP(6) NULL", "timestamptz(6)", "2024-02-29 12:34:56.789012", "1970-01-01 00:00:01", "2038-01-19 03:14:07.999999")
                        .postgresValues(OffsetDateTime.parse("2024-02-29T14:34:56.789012+02:00"), OffsetDateTime.parse("1970-01-01T00:00:01Z"),
                                OffsetDateTime.parse("2038-01-19T03:14:07.999999Z")),
                // SPEC.md §11: a timestamptz goes to a DATETIME holding UTC
                Pair.of("c_datetime_utc", "DATETIME(6)", "timestamptz(6)", LocalDateTime.parse("2024-02-29T12:34:56.789012"),
                        LocalDateTime.parse("1000-01-01T00:00:00"), LocalDateTime.parse("9999-12-31T23:59:59.999999"))
                        .postgresValues(OffsetDateTime.parse("2024-02-29T12:34:56.789012Z"), OffsetDateTime.parse("1000-01-01T00:00:00Z"),
                                OffsetDateTime.parse("9999-12-31T23:59:59.999999Z")),
                Pair.of("c_year", "YEAR", "smallint", (short) 2024, (short) 1901, (short) 2155),
                Pair.of("c_enum", "ENUM('small','medium','large')", "text", "medium", "small", "large"),
                Pair.of("c_uuid", "UUID", "uuid", "8f5b7c1e-2a3d-4e5f-9a0b-1c2d3e4f5a6b", "00000000-0000-0000-0000-000000000000",
                        "ffffffff-ffff-ffff-ffff-ffffffffffff").postgresWrite("?::uuid"),
                // PostgreSQL's interval against the text Debezium writes for it: the '1 day 02:03:04', parts
                // with their own signs and fractional seconds, mixed signs and hours beyond a day
                Pair.of("c_interval", "LONGTEXT", "interval", "P0Y0M1DT2H3M4S", "P-1Y-2M-3DT-4H-5M-6.5S", "P178000000Y1M-1DT100H0M0.000001S")
                        .postgresValues("1 day 02:03:04", "-1 years -2 mons -3 days -04:05:06.5", "178000000 years 1 mon -1 days +100:00:00.000001")
                        .postgresWrite("?::interval"),
                Pair.of("c_inet", "INET4", "inet", "192.168.0.1", "0.0.0.0", "255.255.255.255").postgresWrite("?::inet"),
                // JSON: other key order and spacing on each side
                Pair.of("c_json", "JSON", "jsonb", "{\"b\":[true,null],\"a\":1}", "{}", "{\"ü\":\"😀\",\"n\":-1.5e10}")
                        .postgresValues("{\"a\": 1.0, \"b\": [true, null]}", "{ }", "{\"n\": -15000000000, \"ü\": \"😀\"}").postgresWrite("?::jsonb").javaOnly(),
                Pair.of("c_set", "SET('a','b','c')", "text[]", "a,c", "", "a,b,c")
                        .postgresValues("{a,c}", "{}", "{c,b,a}").postgresWrite("?::text[]").javaOnly(),
                Pair.of("c_int_array", "JSON", "integer[]", "[1, 2, 3]", "[]", "[2147483647,null,-2147483648]")
                        .postgresValues("{1,2,3}", "{}", "{2147483647,NULL,-2147483648}").postgresWrite("?::integer[]").javaOnly());
    }

    /** Creates {@code table} with an {@code id} key and the pairs that {@code include} accepts, on both servers, and fills it. */
    static List<Pair> create(Connection mariadb, Connection postgres, String table, Predicate<Pair> include) throws SQLException {
        List<Pair> pairs = pairs().stream().filter(include).toList();
        createOn(mariadb, table, pairs, true);
        createOn(postgres, table, pairs, false);
        return pairs;
    }

    private static void createOn(Connection c, String table, List<Pair> pairs, boolean mariadb) throws SQLException {
        List<String> columns = new ArrayList<>();
        columns.add("id INT PRIMARY KEY");
        for (Pair p : pairs) {
            columns.add(p.name() + " " + (mariadb ? p.mariadbType() : p.postgresType()));
        }
        try (Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + table);
            s.execute("CREATE TABLE " + table + " (" + String.join(", ", columns) + ")");
            if (mariadb) {
                s.execute("SET time_zone = '+00:00'");
            }
        }
        String names = String.join(", ", pairs.stream().map(Pair::name).toList());
        String params = String.join(", ", pairs.stream().map(p -> mariadb ? p.mariadbWrite() : p.postgresWrite()).toList());
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " (id, " + names + ") VALUES (?, " + params + ")")) {
            for (int row = 0; row < 4; row++) {
                ps.setInt(1, row + 1);
                for (int i = 0; i < pairs.size(); i++) {
                    Object v = (mariadb ? pairs.get(i).mariadbValues() : pairs.get(i).postgresValues()).get(row);
                    ps.setObject(i + 2, v);
                }
                ps.executeUpdate();
            }
        }
    }

    private static List<Object> rows(Object typical, Object min, Object max) {
        return Arrays.asList(typical, min, max, null);
    }
}
