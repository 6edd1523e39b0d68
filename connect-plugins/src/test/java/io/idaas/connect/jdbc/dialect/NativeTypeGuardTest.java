package io.idaas.connect.jdbc.dialect;

import io.idaas.ddml.Column;
import io.idaas.ddml.types.PortableType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class NativeTypeGuardTest {

    @Test
    void acceptsDeclaredTypesOfBothFamilies() {
        assertThat(NativeTypeGuard.baseName("ENUM('a','it''s', 'c d')")).contains("enum");
        assertThat(NativeTypeGuard.baseName("DECIMAL(10,2) UNSIGNED")).contains("decimal unsigned");
        assertThat(NativeTypeGuard.baseName("character varying(16)")).contains("character varying");
        assertThat(NativeTypeGuard.baseName("timestamp(3) with time zone")).contains("timestamp with time zone");
        assertThat(NativeTypeGuard.baseName("integer[]")).contains("integer[]");
        assertThat(NativeTypeGuard.baseName("POINT")).contains("point");
    }

    @Test
    void refusesAnythingThatCouldEndTheStatement() {
        for (String bad : List.of("INT); DROP TABLE x; --", "INT -- c", "INT /* c */", "ENUM('a\\', 'b')", "ENUM('a)",
            "public.mood", "INT(1)(2)", "VARCHAR(10", "ENUM('a' 'b')", "", "()", "INT\nNOT NULL", "INT = 1", "ENUM(a)")) {
            assertThat(NativeTypeGuard.baseName(bad)).as(bad).isEmpty();
        }
    }

    @Test
    void eachDialectTakesOnlyTypesItCanBind() {
        PostgresDialect pg = new PostgresDialect();
        MariaDbDialect maria = new MariaDbDialect();
        assertThat(pg.nativeType(Column.builder("a", PortableType.STRING).nativeType("inet").build())).contains("inet");
        assertThat(pg.nativeType(Column.builder("a", PortableType.arrayOf(PortableType.INT32)).nativeType("integer[]").build()))
            .contains("integer[]");
        assertThat(pg.nativeType(Column.builder("a", PortableType.STRING).nativeType("mood").build())).isEmpty();
        assertThat(pg.nativeType(Column.builder("a", PortableType.arrayOf(PortableType.STRING)).nativeType("inet[]").build())).isEmpty();
        assertThat(maria.nativeType(Column.builder("a", PortableType.GEOMETRY).nativeType("POINT").build())).contains("POINT");
        assertThat(maria.nativeType(Column.builder("a", PortableType.timestampTz(0)).nativeType("TIMESTAMP").build())).isEmpty();
        assertThat(maria.nativeType(Column.builder("a", PortableType.INT32).nativeType("INT); DROP TABLE t").build())).isEqualTo(Optional.empty());
        assertThat(maria.placeholder(PortableType.geometry(4326))).isEqualTo("ST_GeomFromWKB(?, 4326)");
    }
}
