package io.idaas.ddml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.idaas.ddml.types.PortableType;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaFingerprintTest {

    private static final List<Column> COLUMNS = List.of(
        Column.builder("id", PortableType.INT64).nativeType("BIGINT").nullable(false).build(),
        Column.builder("name", PortableType.string(10)).nativeType("VARCHAR(10)").defaultValue("'x'").build());

    @Test
    void canonicalTextIsTheSpecExample() {
        String text = SchemaFingerprint.canonicalText(COLUMNS, List.of("id"));
        assertThat(text).isEqualTo("ddml-schema-v1\n"
            + "c\tid\tint64\tBIGINT\t0\t\\N\t\\N\t\\N\t\\N\n"
            + "c\tname\tstring(10)\tVARCHAR(10)\t1\t'x'\t\\N\t\\N\t\\N\n"
            + "k\tid\n");
        assertThat(SpecExamples.specText()).contains(text.replace("\n", "\n").trim());
    }

    @Test
    void theSpecStatesTheExampleFingerprint() {
        String fingerprint = SchemaFingerprint.of(COLUMNS, List.of("id"));
        assertThat(fingerprint).matches("[0-9a-f]{64}");
        assertThat(SpecExamples.specText()).contains(fingerprint);
    }

    @Test
    void escapesAndAbsentValuesAreDistinct() {
        List<Column> withEmptyDefault = List.of(Column.builder("a\tb\\c\nd", PortableType.STRING).defaultValue("").build());
        List<Column> withoutDefault = List.of(Column.builder("a\tb\\c\nd", PortableType.STRING).build());
        assertThat(SchemaFingerprint.canonicalText(withEmptyDefault, List.of())).isEqualTo("ddml-schema-v1\nc\ta\\tb\\\\c\\nd\tstring\t\\N\t1\t\t\\N\t\\N\t\\N\nk\n");
        assertThat(SchemaFingerprint.of(withEmptyDefault, List.of())).isNotEqualTo(SchemaFingerprint.of(withoutDefault, List.of()));
    }

    @Test
    void anyChangeOfShapeChangesTheFingerprint() {
        String base = TableSchema.of(COLUMNS, List.of("id")).fingerprint();
        assertThat(TableSchema.of(COLUMNS, List.of()).fingerprint()).isNotEqualTo(base);
        assertThat(TableSchema.of(List.of(COLUMNS.get(1), COLUMNS.get(0)), List.of("id")).fingerprint()).isNotEqualTo(base);
        assertThat(TableSchema.of(List.of(COLUMNS.get(0), Column.builder("name", PortableType.string(11)).nativeType("VARCHAR(10)")
            .defaultValue("'x'").build()), List.of("id")).fingerprint()).isNotEqualTo(base);
        assertThat(TableSchema.of(COLUMNS, List.of("id")).fingerprint()).isEqualTo(base);
    }

    @Test
    void aWrongFingerprintIsRefused() {
        assertThatThrownBy(() -> new TableSchema("0".repeat(64), COLUMNS, List.of("id"))).hasMessageContaining("does not match");
    }
}
