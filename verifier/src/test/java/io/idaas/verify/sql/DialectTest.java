package io.idaas.verify.sql;

import io.idaas.ddml.types.PortableType;
import io.idaas.verify.compare.Semantic;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Quoting and repair literals of each dialect, by hand-made values. */
class DialectTest {

    private final Dialect maria = Dialect.forUrl("jdbc:mariadb://h:3306/db");
    private final Dialect pg = Dialect.forUrl("jdbc:postgresql://h:5432/db");

    @Test
    void identifiersAreQuotedWithTheirQuoteDoubled() {
        assertThat(maria.quote("we`ird")).isEqualTo("`we``ird`");
        assertThat(pg.quote("We\"ird")).isEqualTo("\"We\"\"ird\"");
    }

    @Test
    void stringLiteralsEscapeWhatEachDatabaseNeeds() {
        assertThat(maria.stringLiteral("it's a \\ path")).isEqualTo("'it''s a \\\\ path'");
        assertThat(pg.stringLiteral("it's a \\ path")).isEqualTo("'it''s a \\ path'");
    }

    @Test
    void repairLiteralsFollowTheTargetColumnsType() {
        Column bool = new Column("b", "boolean", PortableType.BOOLEAN, false, true);
        assertThat(pg.literal(bool, Semantic.NUMBER, "1")).isEqualTo("TRUE");
        assertThat(maria.literal(new Column("b", "tinyint(1)", PortableType.BOOLEAN, false, true), Semantic.NUMBER, "0")).isEqualTo("0");
        Column bytes = new Column("x", "bytea", PortableType.BYTES, false, true);
        assertThat(pg.literal(bytes, Semantic.BYTES, "0AAA")).isEqualTo("decode('0AAA', 'hex')");
        assertThat(maria.literal(new Column("x", "blob", PortableType.BYTES, false, true), Semantic.BYTES, "0AAA")).isEqualTo("X'0AAA'");
        assertThat(pg.literal(new Column("x", "bit(12)", PortableType.bytes(2), false, true), Semantic.BYTES, "0AAA")).isEqualTo("B'101010101010'");
        assertThat(pg.literal(new Column("t", "timestamp(6) with time zone", PortableType.timestampTz(6), false, true), Semantic.TIMESTAMP,
                "2024-02-29 12:34:56.789012")).isEqualTo("'2024-02-29 12:34:56.789012+00'");
        assertThat(pg.literal(new Column("d", "numeric(10,2)", PortableType.decimal(10, 2), false, true), Semantic.NUMBER, "-1.5")).isEqualTo("-1.5");
        assertThat(maria.literal(new Column("s", "set('a','b')", PortableType.setOf(java.util.List.of("a", "b")), false, true), Semantic.SET,
                "[\"a\",\"b\"]")).isEqualTo("'a,b'");
        assertThat(pg.literal(new Column("a", "integer[]", PortableType.arrayOf(PortableType.INT32), false, true), Semantic.JSON, "[1,null]"))
                .isEqualTo("ARRAY(SELECT json_array_elements_text('[1,null]'))::integer[]");
        assertThat(maria.literal(bool, Semantic.NUMBER, null)).isEqualTo("NULL");
    }

    @Test
    void postgresBitStringsReadAsBigEndianBytes() {
        Column bit12 = new Column("x", "bit(12)", PortableType.bytes(2), false, true);
        assertThat(PostgresDialect.bits("101010101010", bit12)).containsExactly(0x0a, 0xaa);
        assertThat(PostgresDialect.bits("000000000001", bit12)).containsExactly(0, 1);
    }

    @Test
    void unknownUrlsSayWhichAreSupported() {
        assertThatThrownBy(() -> Dialect.forUrl("jdbc:oracle:thin:@h:1521/x")).hasMessageContaining("jdbc:mariadb://").hasMessageContaining("jdbc:postgresql://");
    }

    @Test
    void rowTextsMarkNullsAndSeparateColumnsTheSameWayOnBothSides() {
        java.util.List<String> pieces = java.util.List.of("\"id\"", "\"name\"::text");
        java.util.List<String> nullable = java.util.Arrays.asList(null, "\"name\"");
        // PostgreSQL joins texts with || (cheaper than concat_ws there); a nullable column's text is the NULL mark when NULL
        assertThat(pg.rowText(pieces, nullable))
                .isEqualTo("(\"id\")::text || '\u001f' || COALESCE((\"name\"::text)::text, '\u001e')");
        assertThat(maria.rowText(java.util.List.of("`id`", "`name`"), java.util.Arrays.asList(null, "`name`")))
                .isEqualTo("CONCAT_WS('\u001f', `id`, COALESCE(`name`, '\u001e'))");
        // MariaDB's calls take at most 90 arguments: nested, which gives the same text as every part is non-NULL
        java.util.List<String> many = java.util.Collections.nCopies(91, "`c`");
        String wide = maria.rowText(many, java.util.Collections.nCopies(91, null));
        assertThat(wide).startsWith("CONCAT_WS('\u001f', CONCAT_WS('\u001f', `c`").endsWith(", CONCAT_WS('\u001f', `c`))");
    }
}
