package io.idaas.connect.jdbc.ddl;

import io.idaas.connect.jdbc.ddl.ColumnDefaults.Kind;
import io.idaas.connect.jdbc.ddl.ColumnDefaults.TargetDefault;
import io.idaas.connect.jdbc.dialect.Dialects;
import io.idaas.ddml.Column;
import io.idaas.ddml.SourceSystem;
import io.idaas.ddml.types.PortableType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.idaas.ddml.SourceSystem.MARIADB;
import static io.idaas.ddml.SourceSystem.POSTGRESQL;
import static org.assertj.core.api.Assertions.assertThat;

class ColumnDefaultsTest {

    private final ColumnDefaults pg = new ColumnDefaults(Dialects.forUrl("jdbc:postgresql://h/db"));
    private final ColumnDefaults maria = new ColumnDefaults(Dialects.forUrl("jdbc:mariadb://h/db"));
    private final ColumnDefaults mysql = new ColumnDefaults(Dialects.forUrl("jdbc:mysql://h/db"));

    @Test
    void postgresExpressionTextAsPgGetExprWritesIt() {
        // pg_get_expr(adbin, adrelid) of: DEFAULT 'x', 5, 'it''s\n', true, -1.50, -7, '2020-01-02', '{}', 'ab'
        assertConstant(pg.translate("'x'::character varying", PortableType.string(10), POSTGRESQL), "'x'");
        assertConstant(maria.translate("'x'::character varying", PortableType.string(10), POSTGRESQL), "'x'");
        assertConstant(maria.translate("5", PortableType.INT32, POSTGRESQL), "5");
        // PostgreSQL's standard strings: the backslash is a character; MariaDB needs it doubled.
        assertConstant(pg.translate("'it''s\\n'::text", PortableType.STRING, POSTGRESQL), "'it''s\\n'");
        assertConstant(maria.translate("'it''s\\n'::text", PortableType.STRING, POSTGRESQL), "'it''s\\\\n'");
        assertConstant(pg.translate("true", PortableType.BOOLEAN, POSTGRESQL), "true");
        assertConstant(maria.translate("true", PortableType.BOOLEAN, POSTGRESQL), "1");
        assertConstant(maria.translate("'-1.50'::numeric", PortableType.decimal(5, 2), POSTGRESQL), "-1.50");
        assertConstant(maria.translate("'-7'::integer", PortableType.INT64, POSTGRESQL), "-7");
        assertConstant(maria.translate("(- 7)", PortableType.INT64, POSTGRESQL), "-7");
        assertConstant(maria.translate("'2020-01-02'::date", PortableType.DATE, POSTGRESQL), "'2020-01-02'");
        assertConstant(maria.translate("'{}'::jsonb", PortableType.JSON, POSTGRESQL), "'{}'");
        assertConstant(maria.translate("'ab'::bpchar", PortableType.string(3), POSTGRESQL), "'ab'");
        assertConstant(maria.translate("'1000'::double precision", PortableType.FLOAT64, POSTGRESQL), "1000");
    }

    @Test
    void mariaDbLiteralsWithTheirBackslashEscapes() {
        // SHOW CREATE TABLE / the statement: DEFAULT 'it''s\\n' is it's\n (a backslash and an n)
        assertConstant(pg.translate("'it''s\\\\n'", PortableType.string(10), MARIADB), "'it''s\\n'");
        assertConstant(maria.translate("'it''s\\\\n'", PortableType.string(10), MARIADB), "'it''s\\\\n'");
        // \n in a MariaDB literal is a newline, \' a quote
        assertConstant(pg.translate("'a\\nb\\'c'", PortableType.STRING, MARIADB), "'a\nb''c'");
        assertConstant(pg.translate("1", PortableType.BOOLEAN, MARIADB), "true");
        assertConstant(pg.translate("0", PortableType.BOOLEAN, MARIADB), "false");
        assertConstant(pg.translate("-1.50", PortableType.decimal(5, 2), MARIADB), "-1.50");
        assertConstant(pg.translate("1e3", PortableType.FLOAT64, MARIADB), "1e3");
        assertConstant(pg.translate("'b'", PortableType.enumOf(List.of("a", "b")), MARIADB), "'b'");
        assertConstant(pg.translate("'2020-01-02'", PortableType.DATE, MARIADB), "'2020-01-02'");
        assertConstant(pg.translate("'10:11:12'", PortableType.time(0), MARIADB), "'10:11:12'");
        assertConstant(pg.translate("'5'", PortableType.INT32, MARIADB), "5");
    }

    @Test
    void theCurrentTimeBecomesTheTargetsOwnClock() {
        for (String now : List.of("CURRENT_TIMESTAMP", "current_timestamp()", "now()", "NOW(3)", "CURRENT_TIMESTAMP(6)",
                "LOCALTIMESTAMP", "transaction_timestamp()", "clock_timestamp()")) {
            assertVolatile(pg.translate(now, PortableType.timestampTz(6), MARIADB), "CURRENT_TIMESTAMP");
            assertVolatile(pg.translate(now, PortableType.timestamp(6), POSTGRESQL), "LOCALTIMESTAMP");
            assertVolatile(maria.translate(now, PortableType.timestamp(3), POSTGRESQL), "CURRENT_TIMESTAMP(3)");
            // SPEC.md §11: timestamptz is a DATETIME holding UTC on MariaDB
            assertVolatile(maria.translate(now, PortableType.timestampTz(6), POSTGRESQL), "(UTC_TIMESTAMP(6))");
        }
        assertVolatile(pg.translate("curdate()", PortableType.DATE, MARIADB), "CURRENT_DATE");
        assertVolatile(maria.translate("CURRENT_DATE", PortableType.DATE, POSTGRESQL), "(CURDATE())");
        assertVolatile(maria.translate("CURRENT_TIME", PortableType.time(0), POSTGRESQL), "(CURTIME(0))");
        assertThat(pg.translate("now()", PortableType.STRING, POSTGRESQL).kind()).isEqualTo(Kind.NOT_CARRIED);
    }

    @Test
    void aRandomUuidBecomesTheTargetsOwn() {
        assertVolatile(pg.translate("uuid()", PortableType.UUID, MARIADB), "gen_random_uuid()");
        assertVolatile(maria.translate("gen_random_uuid()", PortableType.UUID, POSTGRESQL), "(UUID())");
        assertVolatile(mysql.translate("gen_random_uuid()", PortableType.UUID, POSTGRESQL), "(UUID())");
    }

    @Test
    void whatCannotBeEvaluatedToTheSourcesValueIsNotCarried() {
        assertNotCarried(maria.translate("nextval('t_id_seq'::regclass)", PortableType.INT32, POSTGRESQL), "sequence");
        assertNotCarried(maria.translate("(1 + 2)", PortableType.INT32, POSTGRESQL), "does not translate");
        assertNotCarried(maria.translate("random()", PortableType.FLOAT64, POSTGRESQL), "does not translate");
        assertNotCarried(pg.translate("'0000-00-00'", PortableType.DATE, MARIADB), "zero date");
        assertNotCarried(pg.translate("'0000-00-00 00:00:00'", PortableType.timestamp(0), MARIADB), "zero date");
        assertNotCarried(pg.translate("'838:59:59'", PortableType.time(0), MARIADB), "not a valid time");
        assertConstant(pg.translate("'2020-01-02 03:04:05.123'", PortableType.timestamp(3), MARIADB), "'2020-01-02 03:04:05.123'");
        assertNotCarried(pg.translate("'abc'", PortableType.INT32, MARIADB), "not a number");
        assertNotCarried(pg.translate("'2020-01-01 00:00:00'", PortableType.timestampTz(0), MARIADB), "time zone");
        assertNotCarried(maria.translate("'{1,2}'::integer[]", PortableType.arrayOf(PortableType.INT32), POSTGRESQL), "family");
        assertNotCarried(pg.translate("'a' 'b'", PortableType.STRING, MARIADB), "single string literal");
        // what a producer older than this rule wrote for MariaDB (Debezium's text: unquoted strings, epoch for now())
        assertNotCarried(pg.translate("x", PortableType.string(10), MARIADB), "does not translate");
        assertNotCarried(pg.translate("1970-01-01 00:00:00", PortableType.timestamp(0), MARIADB), "does not translate");
    }

    @Test
    void sameFamilyArraysAndSetsKeepTheirLiteral() {
        assertConstant(pg.translate("'{1,2}'::integer[]", PortableType.arrayOf(PortableType.INT32), POSTGRESQL), "'{1,2}'");
        assertConstant(maria.translate("'a,b'", PortableType.setOf(List.of("a", "b")), MARIADB), "'a,b'");
    }

    @Test
    void aTimestamptzLiteralWithItsOffsetIsConvertedToUtcWhereTheTargetHoldsUtc() {
        assertConstant(pg.translate("'2020-01-02 03:04:05+02'::timestamp with time zone", PortableType.timestampTz(6), POSTGRESQL),
            "'2020-01-02T01:04:05Z'");
        assertConstant(maria.translate("'2020-01-02 03:04:05.5+05:30'::timestamp with time zone", PortableType.timestampTz(6),
            POSTGRESQL), "'2020-01-01 21:34:05.500'");
    }

    @Test
    void noDefaultOrNull() {
        assertThat(pg.translate(null, PortableType.INT32, MARIADB).kind()).isEqualTo(Kind.NONE);
        assertThat(pg.translate("NULL", PortableType.INT32, MARIADB).kind()).isEqualTo(Kind.NONE);
        assertThat(pg.translate("NULL::character varying", PortableType.STRING, POSTGRESQL).kind()).isEqualTo(Kind.NONE);
    }

    @Test
    void mariaDbFillsANotNullColumnAddedWithoutDefaultWithTheTypesImplicitDefault() {
        Column n = Column.builder("n", PortableType.INT32).nullable(false).build();
        Column s = Column.builder("s", PortableType.string(5)).nullable(false).build();
        Column e = Column.builder("e", PortableType.enumOf(List.of("x", "y"))).nullable(false).build();
        Column d = Column.builder("d", PortableType.DATE).nullable(false).build();
        assertThat(pg.forAddedColumn(n, MARIADB).sql()).isEqualTo("0");
        assertThat(pg.forAddedColumn(s, MARIADB).sql()).isEqualTo("''");
        assertThat(pg.forAddedColumn(e, MARIADB).sql()).isEqualTo("'x'");
        assertThat(pg.forAddedColumn(d, MARIADB).kind()).isEqualTo(Kind.NONE);
        assertThat(pg.forAddedColumn(n, POSTGRESQL).kind()).isEqualTo(Kind.NONE);
        Column withDefault = Column.builder("n", PortableType.INT32).nullable(false).defaultValue("5").build();
        assertThat(pg.forAddedColumn(withDefault, MARIADB).sql()).isEqualTo("5");
        assertThat(pg.of(withDefault, SourceSystem.MYSQL).backfillsLikeTheSource()).isTrue();
    }

    private static void assertConstant(TargetDefault d, String sql) {
        assertThat(d.kind()).as(d.toString()).isEqualTo(Kind.CONSTANT);
        assertThat(d.sql()).isEqualTo(sql);
    }

    private static void assertVolatile(TargetDefault d, String sql) {
        assertThat(d.kind()).as(d.toString()).isEqualTo(Kind.VOLATILE);
        assertThat(d.sql()).isEqualTo(sql);
    }

    private static void assertNotCarried(TargetDefault d, String reasonPart) {
        assertThat(d.kind()).as(d.toString()).isEqualTo(Kind.NOT_CARRIED);
        assertThat(d.sql()).isNull();
        assertThat(d.reason()).contains(reasonPart);
    }
}
