package io.idaas.e2e.ddml;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * The type matrices: every native type the mapping tables of SPEC.md §10.1 and §10.2 name that the local stack's
 * servers hold (no PostGIS), with four rows each: typical values, minima, maxima (with unicode), and NULLs.
 */
final class TypeMatrices {

    private TypeMatrices() {
    }

    static final String LONG_TEXT = "long text ✓ ".repeat(500);
    static final byte[] BLOB = blob(1000);
    static final byte[] POINT_1_2 = HexFormat.of().parseHex("0101000000000000000000f03f0000000000000040");

    /** MariaDB 11.4 columns. Values per row: typical, minimum, maximum, NULL. */
    static List<TypeCase> mariadb() {
        return List.of(
                TypeCase.of("c_bool", "BOOLEAN", "boolean", rows(true, false, true)),
                TypeCase.of("c_tinyint", "TINYINT", "int8", rows((byte) 7, Byte.MIN_VALUE, Byte.MAX_VALUE)),
                TypeCase.of("c_tinyint_u", "TINYINT UNSIGNED", "int16", rows((short) 7, (short) 0, (short) 255)),
                TypeCase.of("c_smallint", "SMALLINT", "int16", rows((short) -300, Short.MIN_VALUE, Short.MAX_VALUE)),
                TypeCase.of("c_smallint_u", "SMALLINT UNSIGNED", "int32", rows(300, 0, 65535)),
                TypeCase.of("c_mediumint", "MEDIUMINT", "int32", rows(-70000, -8388608, 8388607)),
                TypeCase.of("c_int", "INT", "int32", rows(123456, Integer.MIN_VALUE, Integer.MAX_VALUE)),
                TypeCase.of("c_int_u", "INT UNSIGNED", "int64", rows(4_000_000_000L, 0L, 4_294_967_295L)),
                TypeCase.of("c_bigint", "BIGINT", "int64", rows(1L, Long.MIN_VALUE, Long.MAX_VALUE)),
                TypeCase.of("c_bigint_u", "BIGINT UNSIGNED", "decimal(20,0)",
                        rows(new BigDecimal("12345"), new BigDecimal("0"), new BigDecimal("18446744073709551615"))),
                TypeCase.of("c_decimal", "DECIMAL(38,10)", "decimal(38,10)", rows(new BigDecimal("1234.5678900000"),
                        new BigDecimal("-9999999999999999999999999999.9999999999"), new BigDecimal("9999999999999999999999999999.9999999999"))),
                TypeCase.of("c_decimal_small", "DECIMAL(5,2)", "decimal(5,2)", rows(new BigDecimal("0.01"), new BigDecimal("-999.99"), new BigDecimal("999.99"))),
                // Six significant digits at most: Debezium's snapshot reads FLOAT through MariaDB's text protocol, which
                // prints FLOAT with 6 (the log itself carries the exact float; see smt-transforms/README.md).
                TypeCase.of("c_float", "FLOAT", "float32", rows(1.5f, -1024.5f, 65504.0f)),
                TypeCase.of("c_double", "DOUBLE", "float64", rows(Math.PI, -Double.MAX_VALUE, Double.MIN_VALUE)),
                TypeCase.of("c_bit", "BIT(12)", "bytes(2)", rows(new byte[] {0x0a, (byte) 0xaa}, new byte[] {0, 0}, new byte[] {0x0f, (byte) 0xff})),
                TypeCase.of("c_char", "CHAR(10)", "string(10)", rows("abc", "", "ü€😀xyz")),
                TypeCase.of("c_varchar", "VARCHAR(100)", "string(100)", rows("hello", "", "日本語 ünïcödé 😀 \"quoted\" \\ back")),
                TypeCase.of("c_text", "TEXT", "string", rows(LONG_TEXT, "", "😀")),
                TypeCase.of("c_binary", "BINARY(4)", "bytes(4)", rows(new byte[] {1, 2, 3, 4}, new byte[] {0, 0, 0, 0}, new byte[] {-1, -1, -1, -1})),
                TypeCase.of("c_varbinary", "VARBINARY(16)", "bytes(16)", rows(new byte[] {0, 0x7f}, new byte[0], filled(16, (byte) -1))),
                TypeCase.of("c_blob", "BLOB", "bytes", rows(BLOB, new byte[0], new byte[] {0})),
                TypeCase.of("c_date", "DATE", "date", rows(LocalDate.of(2024, 2, 29), LocalDate.of(1000, 1, 1), LocalDate.of(9999, 12, 31))),
                TypeCase.of("c_time", "TIME(6)", "time(6)", rows(LocalTime.parse("12:34:56.789012"), LocalTime.MIDNIGHT, LocalTime.parse("23:59:59.999999"))),
                TypeCase.of("c_datetime", "DATETIME(6)", "timestamp(6)", rows(LocalDateTime.parse("2024-02-29T12:34:56.789012"),
                        LocalDateTime.parse("1000-01-01T00:00:00"), LocalDateTime.parse("9999-12-31T23:59:59.999999"))),
                TypeCase.of("c_timestamp", "TIMESTAMP(6) NULL", "timestamptz(6)",
                        rows("2024-02-29 12:34:56.789012", "1970-01-01 00:00:01", "2038-01-19 03:14:07.999999"),
                        rows(Instant.parse("2024-02-29T12:34:56.789012Z"), Instant.parse("1970-01-01T00:00:01Z"), Instant.parse("2038-01-19T03:14:07.999999Z"))),
                TypeCase.of("c_year", "YEAR", "int16", rows((short) 2024, (short) 1901, (short) 2155)),
                // MariaDB's JSON is LONGTEXT with a json_valid check; Debezium reads the table's definition back as
                // LONGTEXT, so DDML carries a string (SPEC.md §10.1).
                TypeCase.of("c_json", "JSON", "string", rows("{\"a\":1,\"b\":[true,null]}", "{}", "{\"ü\":\"😀\",\"n\":-1.5e10}")),
                TypeCase.of("c_enum", "ENUM('small','medium','large')", "enum('small','medium','large')", rows("medium", "small", "large")),
                TypeCase.of("c_set", "SET('a','b','c')", "set('a','b','c')", rows("a,c", "", "a,b,c"),
                        rows(List.of("a", "c"), List.of(), List.of("a", "b", "c"))),
                TypeCase.of("c_geometry", "GEOMETRY", "geometry", rows("POINT(1 2)", "POINT(0 0)", "POINT(1 2)"),
                        rows(POINT_1_2, HexFormat.of().parseHex("010100000000000000000000000000000000000000"), POINT_1_2))
                        .writtenAs("ST_GeomFromText(?)"),
                TypeCase.of("c_uuid", "UUID", "uuid", rows("8f5b7c1e-2a3d-4e5f-9a0b-1c2d3e4f5a6b", "00000000-0000-0000-0000-000000000000", "ffffffff-ffff-ffff-ffff-ffffffffffff"),
                        rows(UUID.fromString("8f5b7c1e-2a3d-4e5f-9a0b-1c2d3e4f5a6b"), UUID.fromString("00000000-0000-0000-0000-000000000000"),
                                UUID.fromString("ffffffff-ffff-ffff-ffff-ffffffffffff"))));
        // Not here: INET4 and INET6, which Debezium 3.5's MariaDB DDL parser does not know (its snapshot fails on them).
    }

    /** PostgreSQL 17 columns. Values per row: typical, minimum, maximum, NULL. */
    static List<TypeCase> postgres() {
        return List.of(
                TypeCase.of("c_bool", "boolean", "boolean", rows(true, false, true)),
                TypeCase.of("c_smallint", "smallint", "int16", rows((short) -300, Short.MIN_VALUE, Short.MAX_VALUE)),
                TypeCase.of("c_int", "integer", "int32", rows(123456, Integer.MIN_VALUE, Integer.MAX_VALUE)),
                TypeCase.of("c_bigint", "bigint", "int64", rows(1L, Long.MIN_VALUE, Long.MAX_VALUE)),
                TypeCase.of("c_numeric", "numeric(38,10)", "decimal(38,10)", rows(new BigDecimal("1234.5678900000"),
                        new BigDecimal("-9999999999999999999999999999.9999999999"), new BigDecimal("9999999999999999999999999999.9999999999"))),
                TypeCase.of("c_numeric_free", "numeric", "decimal", rows(new BigDecimal("3.14159265358979323846264338327950288419716939937510"),
                        new BigDecimal("-1E-20"), new BigDecimal("123456789012345678901234567890"))),
                TypeCase.of("c_real", "real", "float32", rows(1.5f, -1024.125f, 65504.0f)),
                TypeCase.of("c_double", "double precision", "float64", rows(Math.PI, -Double.MAX_VALUE, Double.MIN_VALUE)),
                TypeCase.of("c_varchar", "varchar(100)", "string(100)", rows("hello", "", "日本語 ünïcödé 😀 \"quoted\" \\ back")),
                TypeCase.of("c_char", "char(10)", "string(10)", rows("abc       ", "          ", "ü€😀xyz    ")),
                TypeCase.of("c_text", "text", "string", rows(LONG_TEXT, "", "😀")),
                TypeCase.of("c_bytea", "bytea", "bytes", rows(BLOB, new byte[0], new byte[] {0})),
                TypeCase.of("c_date", "date", "date", rows(LocalDate.of(2024, 2, 29), LocalDate.of(1, 1, 1), LocalDate.of(9999, 12, 31))),
                TypeCase.of("c_time", "time(6)", "time(6)", rows(LocalTime.parse("12:34:56.789012"), LocalTime.MIDNIGHT, LocalTime.parse("23:59:59.999999"))),
                TypeCase.of("c_timestamp", "timestamp(6)", "timestamp(6)", rows(LocalDateTime.parse("2024-02-29T12:34:56.789012"),
                        LocalDateTime.parse("1900-01-01T00:00:00"), LocalDateTime.parse("9999-12-31T23:59:59.999999"))),
                TypeCase.of("c_timestamptz", "timestamptz(6)", "timestamptz(6)",
                        rows(Instant.parse("2024-02-29T12:34:56.789012Z"), Instant.parse("1900-01-01T00:00:00Z"), Instant.parse("9999-12-31T23:59:59.999999Z"))),
                TypeCase.of("c_uuid", "uuid", "uuid", rows(UUID.fromString("8f5b7c1e-2a3d-4e5f-9a0b-1c2d3e4f5a6b"),
                        UUID.fromString("00000000-0000-0000-0000-000000000000"), UUID.fromString("ffffffff-ffff-ffff-ffff-ffffffffffff"))),
                TypeCase.of("c_json", "json", "json", rows("{\"a\":1,\"b\":[true,null]}", "{}", "{\"ü\":\"😀\",\"n\":-1.5e10}")),
                TypeCase.of("c_jsonb", "jsonb", "json", rows("{\"a\": 1, \"b\": [true, null]}", "{}", "{\"n\": -15000000000, \"ü\": \"😀\"}")),
                TypeCase.of("c_int_array", "integer[]", "array(int32)", rows(List.of(1, 2, 3), List.of(), Arrays.asList(Integer.MAX_VALUE, null, Integer.MIN_VALUE))),
                TypeCase.of("c_text_array", "text[]", "array(string)", rows(List.of("a", "b"), List.of(), List.of("😀", "\"q\"", ""))),
                TypeCase.of("c_interval", "interval", "string", rows("P1Y2M3DT4H5M6.789S", "PT0S", "P-1Y-2M-3DT-4H-5M-6S"),
                        rows("P1Y2M3DT4H5M6.789S", "P0Y0M0DT0H0M0S", "P-1Y-2M-3DT-4H-5M-6S"))
                        .writtenAs("?::interval"),
                TypeCase.of("c_inet", "inet", "string", rows("192.168.0.1", "0.0.0.0", "2001:db8::1")).writtenAs("?::inet"),
                TypeCase.of("c_bit", "bit(12)", "bytes(2)", rows("101010101010", "000000000000", "111111111111"),
                        rows(new byte[] {0x0a, (byte) 0xaa}, new byte[] {0, 0}, new byte[] {0x0f, (byte) 0xff})).writtenAs("?::bit(12)"),
                // Within 15 significant digits: Debezium reads money through a double, so the type's extremes
                // (±92233720368547758.08) lose their last digits before idaas sees them.
                TypeCase.of("c_money", "money", "decimal(19,2)", rows(new BigDecimal("1234.56"), new BigDecimal("-999999999999.99"), new BigDecimal("999999999999.99")))
                        .writtenAs("?::numeric::money"));
    }

    /** The three value rows plus a row of NULLs. */
    private static List<Object> rows(Object typical, Object minimum, Object maximum) {
        return Arrays.asList(typical, minimum, maximum, null);
    }

    private static byte[] blob(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + 7);
        }
        return b;
    }

    private static byte[] filled(int n, byte value) {
        byte[] b = new byte[n];
        Arrays.fill(b, value);
        return b;
    }
}
