package io.idaas.ddml;

import io.idaas.ddml.types.PortableType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Deterministic DDML events for pinning the bytes the writers give: events shaped as the DDML pipeline benchmark's
 * (a MariaDB table of ten mixed columns: inserts, updates with before images, deletes, transactions), a row of every
 * portable type with its edge values (control characters, quotes, non-ASCII, surrogate pairs and lone surrogates,
 * non-finite floats, empty strings and arrays), every SPEC.md example, and random strings of every kind of character.
 */
final class WireFixtures {

    /** The benchmark's table, as ToDdml maps Debezium's MariaDB schema of it. */
    static final TableSchema ORDERS = TableSchema.of(List.of(
            column("id", "int64", "BIGINT", false, 20, null, null),
            column("customer", "string(100)", "VARCHAR(100)", false, 100, null, null),
            column("email", "string(200)", "VARCHAR(200)", true, 200, null, null),
            column("total", "decimal(12,2)", "DECIMAL(12,2)", false, 12, null, 2),
            column("quantity", "int32", "INT", false, 11, null, null),
            column("paid", "boolean", "TINYINT(1)", false, 1, null, null),
            column("weight", "float64", "DOUBLE", true, 22, null, null),
            column("created_at", "timestamp(6)", "DATETIME(6)", false, 6, null, null),
            column("status", "enum('new','paid','shipped')", "ENUM('new','paid','shipped')", false, 1, null, null),
            column("note", "string(65535)", "TEXT", true, 65535, null, null)),
        List.of("id"));

    /** Every portable type, each nullable. */
    static final TableSchema ALL_TYPES = TableSchema.of(List.of(
            column("id", "int64", "BIGINT", false, null, null, null),
            column("b", "boolean", null, true, null, null, null),
            column("i8", "int8", null, true, null, null, null),
            column("i16", "int16", null, true, null, null, null),
            column("i32", "int32", null, true, null, null, null),
            column("i64", "int64", null, true, null, null, null),
            column("dec", "decimal(38,10)", "NUMERIC(38,10)", true, null, 38, 10),
            column("decu", "decimal", "NUMERIC", true, null, null, null),
            column("f32", "float32", "REAL", true, null, null, null),
            column("f64", "float64", "DOUBLE PRECISION", true, null, null, null),
            column("s", "string", "TEXT", true, null, null, null),
            column("js", "json", "JSONB", true, null, null, null),
            column("en", "enum('a','b c','ü')", null, true, null, null, null),
            column("by", "bytes", "BYTEA", true, null, null, null),
            column("geo", "geometry", "GEOMETRY", true, null, null, null),
            column("d", "date", "DATE", true, null, null, null),
            column("t", "time(6)", "TIME(6)", true, null, null, null),
            column("ts", "timestamp(3)", "TIMESTAMP(3)", true, null, null, null),
            column("tz", "timestamptz(6)", "TIMESTAMPTZ", true, null, null, null),
            column("u", "uuid", "UUID", true, null, null, null),
            column("st", "set('x','y','z')", null, true, null, null, null),
            column("ai", "array(int32)", "INT[]", true, null, null, null),
            column("as", "array(string)", "TEXT[]", true, null, null, null),
            column("aa", "array(array(float64))", null, true, null, null, null)),
        List.of("id"));

    /** Strings a writer must escape or encode with care. */
    static final List<String> HARD_STRINGS = List.of("", "plain", "quote \" backslash \\ slash /", "\u0000\u0001\u0007\b\t\n\u000b\f\r\u001b\u001f",
        "\u007f del", "é ü ß", "日本語", "🚀 rocket", "\ud83d", "a\udc00b", "\ud83d\ud83d", "\u2028\u2029", "\ufffe\uffff", "x".repeat(300),
        "ü".repeat(5000) + "🚀");

    private WireFixtures() {
    }

    private static Column column(String name, String type, String nativeType, boolean nullable, Integer length, Integer precision,
                                 Integer scale) {
        return new Column(name, PortableType.parse(type), nativeType, nullable, null, length, precision, scale);
    }

    /** Events as the benchmark's: {@code n} changes, two inserts for each update, one delete in ten. */
    static List<DdmlEvent> benchmarkLike(int n, long seed) {
        Random random = new Random(seed);
        List<DdmlEvent> events = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long id = i / 3 + 1;
            Row row = ordersRow(id, random);
            String op = i % 10 == 9 ? "d" : i % 3 == 2 ? "u" : "c";
            Row before = op.equals("c") ? null : ordersRow(id, random);
            DmlChange dml = switch (op) {
                case "c" -> DmlChange.insert(row);
                case "u" -> DmlChange.update(before, row);
                default -> DmlChange.delete(before);
            };
            long pos = 4L + i * 300L;
            Map<String, String> position = new LinkedHashMap<>();
            position.put("file", "mysql-bin.000003");
            position.put("pos", Long.toString(pos));
            position.put("row", "0");
            position.put("gtid", "0-1-" + (i + 1));
            position.put("server_id", "1");
            long tsMs = 1_700_000_000_000L + i;
            events.add(DdmlEvent.builder()
                .source(Source.of(SourceSystem.MARIADB, "bench", "shop", null, "orders"))
                .position(Position.of(SortablePosition.of(SortablePosition.mysql("mysql-bin.000003", pos), SortablePosition.Phase.CHANGE, 0),
                    position))
                .transaction(new Transaction("0-1-" + (i + 1), 1, 1L, null))
                .time(Timing.of(tsMs * 1000, (tsMs + 3) * 1000, 1_765_000_000_000_000L + i))
                .schema(ORDERS).dml(dml).build());
        }
        return events;
    }

    private static Row ordersRow(long id, Random random) {
        LinkedHashMap<String, Object> v = new LinkedHashMap<>();
        v.put("id", id);
        v.put("customer", "customer " + random.nextInt(10_000) + " ü");
        v.put("email", random.nextBoolean() ? "c" + id + "@example.com" : null);
        v.put("total", BigDecimal.valueOf(random.nextInt(10_000_000), 2));
        v.put("quantity", random.nextInt(100));
        v.put("paid", random.nextBoolean());
        v.put("weight", random.nextDouble() * 100);
        v.put("created_at", LocalDateTime.of(2023, 11, 14, 22, 13, 20).plusNanos(random.nextInt(1_000_000_000) * 1000L));
        v.put("status", List.of("new", "paid", "shipped").get(random.nextInt(3)));
        v.put("note", random.nextInt(4) == 0 ? null : "note " + "x".repeat(random.nextInt(40)));
        return Row.of(v);
    }

    /** Rows of every type at its edges, as inserts, updates and deletes of a PostgreSQL table, with and without times. */
    static List<DdmlEvent> allTypes() {
        List<DdmlEvent> events = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        rows.add(allTypesRow(1, "plain", 0.5f, 0.25));
        rows.add(allTypesRow(2, "quote \" backslash \\", Float.NaN, Double.NaN));
        rows.add(allTypesRow(3, "\u0000\u001f\u007f", Float.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY));
        rows.add(allTypesRow(4, "🚀 日本 é", -0.0f, -0.0));
        rows.add(allTypesRow(5, "\ud83d lone", Float.MIN_VALUE, Double.MIN_VALUE));
        rows.add(allTypesRow(6, "", Float.MAX_VALUE, 1e-300));
        rows.add(allTypesRow(7, "x", 1.0e10f, 123456789.123456789));
        LinkedHashMap<String, Object> nulls = new LinkedHashMap<>();
        nulls.put("id", 8L);
        for (Column c : ALL_TYPES.columns().subList(1, ALL_TYPES.columns().size())) {
            nulls.put(c.name(), null);
        }
        rows.add(Row.of(nulls));
        rows.add(Row.of("id", 9L, "s", "only some columns", "i32", 5));
        int n = 0;
        for (Row row : rows) {
            n++;
            Map<String, String> position = Map.of("lsn", "0/" + n, "lsn_commit", "0/" + n, "txId", "77");
            DdmlEvent.Builder b = DdmlEvent.builder()
                .source(Source.of(SourceSystem.POSTGRESQL, "pg", "db", "public", "all_types"))
                .position(Position.of(SortablePosition.of(SortablePosition.postgres(n, n), SortablePosition.Phase.CHANGE, 0), position))
                .transaction(n % 2 == 0 ? null : new Transaction("77", n, n % 3 == 0 ? null : (long) n, n % 4 == 1 ? 9L : null))
                .time(Timing.of(n % 2 == 0 ? null : Long.MIN_VALUE + n, n, Long.MAX_VALUE - n))
                .schema(ALL_TYPES);
            DmlChange dml = switch (n % 3) {
                case 0 -> DmlChange.insert(row);
                case 1 -> DmlChange.update(rows.get(0), row);
                default -> DmlChange.delete(row);
            };
            events.add(b.dml(dml).build());
        }
        events.add(DdmlEvent.builder()
            .source(Source.of(SourceSystem.POSTGRESQL, "pg", "db", "public", "all_types"))
            .position(Position.of(SortablePosition.of(SortablePosition.postgres(99, 99), SortablePosition.Phase.CHANGE, 0), null))
            .time(Timing.of(null, 0, 0)).schema(ALL_TYPES).dml(DmlChange.truncate()).build());
        events.add(DdmlEvent.builder().specVersion(Omitted.SPEC_VERSION)
            .source(Source.of(SourceSystem.POSTGRESQL, "pg", "db", "public", "all_types"))
            .position(Position.of(SortablePosition.of(SortablePosition.postgres(100, 100), SortablePosition.Phase.CHANGE, 0), Map.of()))
            .time(Timing.of(1L, 2, 3)).schema(ALL_TYPES)
            .dml(new DmlChange(DmlOp.UPDATE, Row.of("id", 10L), null, null, null, Omitted.unrepresentableValue("column x: \"infinity\"")))
            .build());
        return events;
    }

    private static Row allTypesRow(long id, String s, float f32, double f64) {
        LinkedHashMap<String, Object> v = new LinkedHashMap<>();
        v.put("id", id);
        v.put("b", id % 2 == 0);
        v.put("i8", (byte) -128);
        v.put("i16", (short) 32767);
        v.put("i32", Integer.MIN_VALUE);
        v.put("i64", id == 1 ? Long.MAX_VALUE : Long.MIN_VALUE);
        v.put("dec", new BigDecimal("-1234567890123456789012345678.0123456789"));
        v.put("decu", id == 2 ? new BigDecimal("1E+5") : new BigDecimal("0.000"));
        v.put("f32", f32);
        v.put("f64", f64);
        v.put("s", s);
        v.put("js", "{\"a\": [1, 2.50, \"ü\"], \"b\": null}");
        v.put("en", id % 2 == 0 ? "b c" : "ü");
        v.put("by", id == 6 ? new byte[0] : new byte[] {0, 1, (byte) 0x7f, (byte) 0x80, (byte) 0xff, 'a'});
        v.put("geo", "POINT(1 2)".getBytes(StandardCharsets.US_ASCII));
        v.put("d", id == 3 ? LocalDate.of(-44, 3, 15) : LocalDate.of(2026, 12, 7));
        v.put("t", LocalTime.of(23, 59, 59, 999_999_000));
        v.put("ts", LocalDateTime.of(1969, 12, 31, 23, 59, 59, 123_000_000));
        v.put("tz", Instant.parse("2026-11-25T12:00:00.123456Z"));
        v.put("u", UUID.fromString("123e4567-e89b-12d3-a456-426614174000"));
        v.put("st", id == 6 ? List.of() : List.of("x", "z"));
        v.put("ai", Arrays.asList(1, null, -3));
        v.put("as", id == 6 ? List.of() : Arrays.asList(s, null, "🚀"));
        v.put("aa", List.of(List.of(1.5, Double.NaN), List.of()));
        return Row.of(v);
    }

    /** Events whose strings are random mixes of every kind of character, in every string field. */
    static List<DdmlEvent> randomStrings(int n, long seed) {
        Random random = new Random(seed);
        List<DdmlEvent> events = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            // a lone surrogate in a schema is refused by the JSON writer (Jackson's SerializedString), so none here
            TableSchema schema = TableSchema.of(List.of(
                new Column("id" + pairedString(random, 3), PortableType.INT64, pairedString(random, 5), false,
                    random.nextBoolean() ? null : "'" + pairedString(random, 4) + "'", null, null, null),
                new Column("c" + pairedString(random, 6), PortableType.STRING, null, true, null, null, null, null)),
                List.of());
            String key = schema.columns().get(0).name();
            String col = schema.columns().get(1).name();
            Map<String, String> position = new LinkedHashMap<>();
            position.put("gtid", randomString(random, 8));
            position.put("file", "f." + i);
            events.add(DdmlEvent.builder()
                .source(new Source("mariadb", randomString(random, 6), randomString(random, 4), random.nextBoolean() ? null : randomString(random, 3),
                    randomString(random, 5)))
                .position(Position.of(SortablePosition.of(SortablePosition.mysql("f." + i, i), SortablePosition.Phase.CHANGE, i), position))
                .transaction(new Transaction(randomString(random, 7), i + 1, null, null))
                .time(Timing.of((long) i, i, i))
                .schema(schema)
                .dml(DmlChange.insert(Row.of(key, (long) i, col, randomString(random, random.nextInt(60)))))
                .build());
        }
        return events;
    }

    /** A random string without lone surrogates. */
    private static String pairedString(Random random, int length) {
        String s = randomString(random, length);
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                sb.append(c).append(s.charAt(++i));
            } else if (!Character.isSurrogate(c)) {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static String randomString(Random random, int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            int kind = random.nextInt(8);
            char c = switch (kind) {
                case 0 -> (char) random.nextInt(0x20);
                case 1 -> "\"\\/\u007f".charAt(random.nextInt(4));
                case 2 -> (char) (0x80 + random.nextInt(0x780));
                case 3 -> (char) (0x800 + random.nextInt(0xD800 - 0x800));
                case 4 -> (char) (0xD800 + random.nextInt(0x800)); // surrogates, paired by chance or not
                case 5 -> (char) (0xE000 + random.nextInt(0x2000));
                default -> (char) (0x20 + random.nextInt(0x5f));
            };
            sb.append(c);
            if (kind == 4 && c < 0xDC00 && random.nextBoolean()) {
                sb.append((char) (0xDC00 + random.nextInt(0x400))); // a valid pair
            }
        }
        return sb.toString();
    }

    /** Every {@code json ddml-example} of SPEC.md, read. */
    static List<DdmlEvent> specExamples() {
        return SpecExamples.examples().stream().map(e -> DdmlJson.read(e[1].getBytes(StandardCharsets.UTF_8))).toList();
    }

    /** All of the above. */
    static List<DdmlEvent> all() {
        List<DdmlEvent> events = new ArrayList<>(benchmarkLike(300, 42));
        events.addAll(allTypes());
        events.addAll(specExamples());
        events.addAll(randomStrings(300, 7));
        return events;
    }
}
