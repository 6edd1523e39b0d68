package io.idaas.ddml.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PortableTypeTest {

    @ParameterizedTest
    @ValueSource(strings = {"boolean", "int8", "int16", "int32", "int64", "decimal", "decimal(38,10)", "float32", "float64",
        "string", "string(255)", "bytes", "bytes(16)", "date", "time(0)", "time(6)", "timestamp(3)", "timestamptz(6)", "uuid",
        "json", "enum('a','b')", "set('x')", "array(int32)", "array(array(decimal(5,2)))", "geometry", "geometry(4326)",
        "enum('it''s','a,b','(x)')"})
    void canonicalTextReadsBackToItself(String text) {
        assertThat(PortableType.parse(text)).hasToString(text);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
        TIME | time(6)
        timestamp | timestamp(6)
        TimestampTZ | timestamptz(6)
        " decimal ( 10 , 2 ) " | decimal(10,2)
        "enum( 'a' , 'b' )" | enum('a','b')
        ARRAY(STRING(3)) | array(string(3))
        """)
    void lenientInputCanonicalOutput(String input, String canonical) {
        assertThat(PortableType.parse(input)).hasToString(canonical);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "int128", "decimal(2,3)", "decimal(5)", "time(7)", "string(0)", "enum()", "enum('a','a')",
        "array", "int32(4)", "enum('a", "decimal(10,2) x"})
    void badTextIsRefused(String text) {
        assertThatThrownBy(() -> PortableType.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void factoriesMatchTheText() {
        assertThat(PortableType.enumOf(List.of("a", "b"))).isEqualTo(PortableType.parse("enum('a','b')"));
        assertThat(PortableType.arrayOf(PortableType.decimal(5, 2))).isEqualTo(PortableType.parse("array(decimal(5,2))"));
        assertThat(PortableType.timestampTz(3)).isEqualTo(PortableType.parse("timestamptz(3)"));
    }
}
