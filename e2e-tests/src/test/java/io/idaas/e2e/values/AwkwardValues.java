package io.idaas.e2e.values;

import static io.idaas.e2e.values.ValueKind.*;

import io.idaas.e2e.pipeline.Target;

import java.util.EnumSet;
import java.util.Set;

/**
 * The awkward values each source can hold, one row each: every type's extremes (years 1, 99 and 9999, zero dates where
 * MariaDB allows them, NaN and infinities, DECIMAL(65,30), unsigned maxima), empty strings against NULL, emoji and
 * other 4-byte UTF-8, values longer than MariaDB's TEXT, and what PostgreSQL holds that MariaDB does not. What must
 * become of each, per direction, is stated next to it; the rules are SPEC.md section 11's.
 */
final class AwkwardValues {

    private AwkwardValues() {
    }

    private static final Set<Target> MYSQL_FAMILY = EnumSet.of(Target.MARIADB, Target.MYSQL);
    private static final Set<Target> POSTGRES = EnumSet.of(Target.POSTGRES);
    private static final Set<Phase> SNAPSHOT = EnumSet.of(Phase.SNAPSHOT);
    private static final Set<Phase> LOG = EnumSet.of(Phase.LOG);

    private static final String ZERO_DATE = "Debezium gives a zero date, or one with a zero month or day, as NULL (as the "
            + "column's default when NOT NULL); nothing after it can tell (SPEC.md section 10.1)";
    private static final String FLOAT_SNAPSHOT = "Debezium's snapshot reads FLOAT through MariaDB's text protocol, which "
            + "prints 6 significant digits (SPEC.md section 10.1)";
    private static final String OUTSIDE_YEARS = "outside the years 1 to 9999";

    /** A MariaDB table; {@code mysql}: read by Debezium's MySQL connector, whose DDL parser knows no MariaDB-only type. */
    static AwkwardTable mariadb(boolean mysql) {
        AwkwardTable t = new AwkwardTable();
        AwkwardColumn date = t.column("c_date", "DATE", DATE);
        t.value(date, "'0001-01-01'");
        t.value(date, "'0099-12-31'");
        t.value(date, "'9999-12-31'");
        t.value(date, "'0000-00-00'").changedBySource(null, ZERO_DATE);
        t.value(date, "'2024-00-10'").changedBySource(null, ZERO_DATE);
        t.value(date, "NULL");
        AwkwardColumn dateNotNull = t.column("c_date_nn", "DATE", DATE, "DATE NOT NULL DEFAULT '2000-01-01'");
        t.value(dateNotNull, "'0000-00-00'").changedBySource("2000-01-01", ZERO_DATE);
        AwkwardColumn datetime = t.column("c_datetime", "DATETIME(6)", TIMESTAMP);
        t.value(datetime, "'0001-01-01 00:00:00'");
        t.value(datetime, "'0099-12-31 23:59:59.999999'");
        t.value(datetime, "'9999-12-31 23:59:59.999999'");
        t.value(datetime, "'0000-00-00 00:00:00'").changedBySource(null, ZERO_DATE);
        AwkwardColumn ts = t.column("c_ts", "TIMESTAMP(6) NULL", TIMESTAMPTZ);
        t.value(ts, "'1970-01-01 00:00:01'");
        t.value(ts, "'2038-01-19 03:14:07.999999'");
        AwkwardColumn time = t.column("c_time", "TIME(6)", TIME);
        t.value(time, "'23:59:59.999999'");
        t.value(time, "'00:00:00'");
        t.value(time, "'838:59:59'").refusedAtSource("outside 00:00:00..23:59:59.999999");
        t.value(time, "'-00:00:01'").refusedAtSource("outside 00:00:00..23:59:59.999999");
        t.value(time, "'24:00:00'").refusedAtSource("outside 00:00:00..23:59:59.999999");
        AwkwardColumn year = t.column("c_year", "YEAR", NUMBER);
        t.value(year, "0");
        t.value(year, "1901");
        t.value(year, "2155");
        AwkwardColumn flt = t.column("c_float", "FLOAT", FLOAT);
        t.value(flt, "16777216").changedBySource(SNAPSHOT, "16777200", FLOAT_SNAPSHOT);
        t.value(flt, "1.2345678").changedBySource(SNAPSHOT, "1.234570026397705", FLOAT_SNAPSHOT);
        t.value(flt, "3.4028234e38").changedBySource(SNAPSHOT, "3.402820018375656E38", FLOAT_SNAPSHOT);
        t.value(flt, "-1.17549435e-38").changedBySource(SNAPSHOT, "-1.1754900067970481E-38", FLOAT_SNAPSHOT);
        AwkwardColumn dbl = t.column("c_double", "DOUBLE", FLOAT);
        t.value(dbl, "1.7976931348623157e308");
        t.value(dbl, "4.9e-324");
        t.value(dbl, "0.1");
        AwkwardColumn dec = t.column("c_dec", "DECIMAL(65,30)", NUMBER);
        t.value(dec, "99999999999999999999999999999999999.999999999999999999999999999999");
        t.value(dec, "-0.000000000000000000000000000001");
        AwkwardColumn ubig = t.column("c_ubig", "BIGINT UNSIGNED", NUMBER);
        t.value(ubig, "18446744073709551615");
        t.value(ubig, "9223372036854775808");
        AwkwardColumn bit = t.column("c_bit", "BIT(64)", BYTES);
        t.value(bit, "b'1111111111111111111111111111111111111111111111111111111111111111'");
        t.value(bit, "b'1'");
        AwkwardColumn vc = t.column("c_vc", "VARCHAR(5)", TEXT);
        t.value(vc, "'😀😀😀😀😀'");
        t.value(vc, "''");
        t.value(vc, "' '");
        t.value(vc, "NULL");
        t.value(vc, "'a\\0b'").refusedBy(POSTGRES, "U+0000");
        AwkwardColumn chr = t.column("c_char", "CHAR(3)", TEXT);
        t.value(chr, "'ab '");
        t.value(chr, "''");
        AwkwardColumn text = t.column("c_text", "LONGTEXT", TEXT);
        t.value(text, "REPEAT('x', 70000)");
        t.value(text, "REPEAT('😀', 20000)");
        AwkwardColumn blob = t.column("c_blob", "LONGBLOB", BYTES);
        t.value(blob, "x'00'");
        t.value(blob, "x''");
        AwkwardColumn json = t.column("c_json", "JSON", JSON);
        t.value(json, "'{\"k\":\"😀\",\"n\":[1,2.5e10,null]}'");
        AwkwardColumn enm = t.column("c_enum", "ENUM('a','b','')", TEXT);
        t.value(enm, "''");
        t.value(enm, "'b'");
        AwkwardColumn set = t.column("c_set", "SET('a','b','c')", SET);
        t.value(set, "''");
        t.value(set, "'a,c'");
        if (!mysql) {
            AwkwardColumn uuid = t.column("c_uuid", "UUID", UUID);
            t.value(uuid, "'ffffffff-ffff-ffff-ffff-ffffffffffff'");
            t.value(uuid, "'00000000-0000-0000-0000-000000000000'");
        }
        return t;
    }

    /** A PostgreSQL table. */
    static AwkwardTable postgres() {
        AwkwardTable t = new AwkwardTable();
        AwkwardColumn f8 = t.column("c_float8", "double precision", FLOAT);
        t.value(f8, "'NaN'").refusedBy(MYSQL_FAMILY, "has no NaN or infinity");
        t.value(f8, "'Infinity'").refusedBy(MYSQL_FAMILY, "has no NaN or infinity");
        t.value(f8, "'-Infinity'").refusedBy(MYSQL_FAMILY, "has no NaN or infinity");
        t.value(f8, "'-0'").heldAs(MYSQL_FAMILY, "0", "MariaDB and MySQL store -0 as 0 (SPEC.md section 11.2); "
                + "PostgreSQL keeps -0, since the shipped sinks read DDML JSON with DdmlConverter (Kafka's JsonConverter, "
                + "which they used before, reads a JSON number as a BigDecimal, which has no -0)");
        t.value(f8, "1.7976931348623157e308");
        t.value(f8, "5e-324");
        AwkwardColumn f4 = t.column("c_float4", "real", FLOAT);
        t.value(f4, "'NaN'").refusedBy(MYSQL_FAMILY, "has no NaN or infinity");
        t.value(f4, "3.4028235e38");
        t.value(f4, "1.4e-45");
        AwkwardColumn num = t.column("c_num", "numeric", NUMBER);
        t.value(num, "'NaN'").refusedAtSource("has no DDML decimal value");
        t.value(num, "'Infinity'").refusedAtSource("has no DDML decimal value");
        t.value(num, "'-Infinity'").refusedAtSource("has no DDML decimal value");
        t.value(num, "0.0000000000000000000000000000000000000001").refusedBy(MYSQL_FAMILY, "DECIMAL(65,30)");
        t.value(num, "123456789012345678901234567890123456").refusedBy(MYSQL_FAMILY, "DECIMAL(65,30)");
        t.value(num, "0.1234567890123456789012345678901").refusedBy(MYSQL_FAMILY, "DECIMAL(65,30)");
        t.value(num, "1.50");
        t.value(num, "-99999999999999999999999999999999999.999999999999999999999999999999");
        AwkwardColumn num6530 = t.column("c_num6530", "numeric(65,30)", NUMBER);
        t.value(num6530, "99999999999999999999999999999999999.999999999999999999999999999999");
        AwkwardColumn date = t.column("c_date", "date", DATE);
        t.value(date, "'0001-01-01'");
        t.value(date, "'0099-12-31'");
        t.value(date, "'9999-12-31'");
        t.value(date, "'0044-03-15 BC'")
                .changedBySource(SNAPSHOT, "0044-03-15", "Debezium's PostgreSQL snapshot drops the era of a date before year 1 "
                        + "(SPEC.md section 10.2)")
                .refusedBy(MYSQL_FAMILY, OUTSIDE_YEARS);
        t.value(date, "'10000-01-01'").refusedBy(MYSQL_FAMILY, OUTSIDE_YEARS);
        t.value(date, "'infinity'").refusedAtSource("infinity");
        t.value(date, "'-infinity'").refusedAtSource("infinity");
        t.value(date, "'1582-10-04'");
        AwkwardColumn ts = t.column("c_ts", "timestamp(6)", TIMESTAMP);
        t.value(ts, "'0001-01-01 00:00:00'");
        t.value(ts, "'0099-12-31 23:59:59.999999'");
        t.value(ts, "'1000-01-01 00:00:00'");
        t.value(ts, "'9999-12-31 23:59:59.999999'");
        t.value(ts, "'infinity'").refusedAtSource("infinity");
        t.value(ts, "'0044-03-15 12:00:00 BC'").refusedBy(MYSQL_FAMILY, OUTSIDE_YEARS);
        t.value(ts, "'10000-01-01 00:00:00'").refusedBy(MYSQL_FAMILY, OUTSIDE_YEARS);
        AwkwardColumn tstz = t.column("c_tstz", "timestamptz(6)", TIMESTAMPTZ);
        t.value(tstz, "'0001-01-01 00:00:00+00'");
        t.value(tstz, "'1969-12-31 23:59:59.999999+00'");
        t.value(tstz, "'2038-01-19 03:14:08+00'");
        t.value(tstz, "'9999-12-31 23:59:59.999999+00'");
        t.value(tstz, "'infinity'").refusedAtSource("infinity");
        t.value(tstz, "'10000-01-01 00:00:00+00'").refusedBy(MYSQL_FAMILY, OUTSIDE_YEARS);
        AwkwardColumn time = t.column("c_time", "time(6)", TIME);
        t.value(time, "'23:59:59.999999'");
        t.value(time, "'24:00:00'").refusedAtSource("outside 00:00:00..23:59:59.999999");
        AwkwardColumn uuid = t.column("c_uuid", "uuid", UUID);
        t.value(uuid, "md5('3')::uuid");
        t.value(uuid, "'ffffffff-ffff-ffff-ffff-ffffffffffff'");
        AwkwardColumn text = t.column("c_text", "text", TEXT);
        t.value(text, "repeat('x', 70000)");
        t.value(text, "repeat('😀', 20000)");
        t.value(text, "''");
        t.value(text, "NULL");
        AwkwardColumn vc = t.column("c_vc", "varchar(5)", TEXT);
        t.value(vc, "'😀😀😀😀😀'");
        AwkwardColumn bytea = t.column("c_bytea", "bytea", BYTES);
        t.value(bytea, "'\\x00'");
        t.value(bytea, "'\\x'");
        AwkwardColumn json = t.column("c_json", "json", JSON);
        t.value(json, "'{\"b\":1,\"a\":[1,2]}'");
        t.value(json, "'{\"a\":\"\\u0000\"}'");
        AwkwardColumn jsonb = t.column("c_jsonb", "jsonb", JSON);
        t.value(jsonb, "'{\"😀\": \"x\", \"n\": 1e300}'");
        AwkwardColumn interval = t.column("c_interval", "interval", INTERVAL);
        t.value(interval, "'1 day 02:03:04'");
        t.value(interval, "'-1 years -2 mons +3 days -04:05:06.789'");
        AwkwardColumn timetz = t.column("c_timetz", "time with time zone", TIMETZ);
        t.value(timetz, "'12:00:00+02'");
        AwkwardColumn varbit = t.column("c_varbit", "bit varying(16)", BITS);
        t.value(varbit, "B'0101'").refusedAtSource("bit varying");
        t.value(varbit, "B''").refusedAtSource("bit varying");
        AwkwardColumn array = t.column("c_int_array", "integer[]", ARRAY);
        t.value(array, "'{1,NULL,3}'");
        t.value(array, "'{}'");
        AwkwardColumn money = t.column("c_money", "money", NUMBER);
        money = t.replace(money, money.readInSourceAs("%s::numeric::text"));
        t.value(money, "'92233720368547758.07'").refusedAtSource(SNAPSHOT, "money through a double");
        t.value(money, "'-1234.56'");
        return t;
    }
}
