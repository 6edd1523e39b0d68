package io.idaas.connect.jdbc.ddl;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GeneratedColumnsTest {

    @Test
    void aGeneratedColumnIsReadFromTheStatement() {
        String statement = "ALTER TABLE t ADD COLUMN g INT AS (a + 1) VIRTUAL, ADD COLUMN `my col` INT GENERATED ALWAYS AS (a * 2) STORED, "
            + "ADD COLUMN b INT DEFAULT 3";
        assertThat(SchemaChanges.isGenerated(statement, "g")).isTrue();
        assertThat(SchemaChanges.isGenerated(statement, "my col")).isTrue();
        assertThat(SchemaChanges.isGenerated(statement, "b")).isFalse();
        assertThat(SchemaChanges.isGenerated(statement, "a")).isFalse();
        assertThat(SchemaChanges.isGenerated(null, "g")).isFalse();
    }
}
