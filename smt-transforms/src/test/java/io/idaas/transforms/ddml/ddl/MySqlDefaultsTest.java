package io.idaas.transforms.ddml.ddl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MySqlDefaultsTest {

    @Test
    void theDefaultClausesOfAnAlterStatementAsWritten() {
        Map<String, Optional<String>> d = MySqlDefaults.inStatement("ALTER TABLE `shop`.`t` ADD COLUMN s VARCHAR(10) DEFAULT 'x', "
            + "ADD COLUMN n INT NOT NULL DEFAULT 5, ADD COLUMN q VARCHAR(10) DEFAULT 'it''s\\\\n', ADD COLUMN dt DATETIME DEFAULT "
            + "CURRENT_TIMESTAMP, ADD COLUMN dd DECIMAL(5,2) DEFAULT -1.50, ADD COLUMN e ENUM('a','b') DEFAULT 'b', "
            + "ADD COLUMN u UUID DEFAULT uuid(), ADD COLUMN f DOUBLE DEFAULT 1e3, ADD COLUMN nl INT DEFAULT NULL, "
            + "ADD COLUMN ex INT DEFAULT (1+2), ADD COLUMN c INT AFTER id, ADD t3 DATETIME(3) DEFAULT current_timestamp(3), "
            + "ADD COLUMN cs VARCHAR(3) DEFAULT _utf8mb4'y', ADD COLUMN dq VARCHAR(3) DEFAULT \"it's\", ADD INDEX ix (s)");
        assertThat(d).containsEntry("s", Optional.of("'x'")).containsEntry("n", Optional.of("5"))
            .containsEntry("q", Optional.of("'it''s\\\\n'")).containsEntry("dt", Optional.of("CURRENT_TIMESTAMP"))
            .containsEntry("dd", Optional.of("-1.50")).containsEntry("e", Optional.of("'b'"))
            .containsEntry("u", Optional.of("uuid()")).containsEntry("f", Optional.of("1e3"))
            .containsEntry("nl", Optional.empty()).containsEntry("ex", Optional.of("(1 + 2)"))
            .containsEntry("c", Optional.empty()).containsEntry("t3", Optional.of("current_timestamp(3)"))
            .containsEntry("cs", Optional.of("'y'")).containsEntry("dq", Optional.of("'it''s'"))
            .doesNotContainKeys("ix", "index", "id");
    }

    @Test
    void modifyChangeAndAlterColumn() {
        assertThat(MySqlDefaults.inStatement("ALTER TABLE t MODIFY COLUMN n INT NOT NULL DEFAULT 7"))
            .containsExactly(Map.entry("n", Optional.of("7")));
        assertThat(MySqlDefaults.inStatement("ALTER TABLE t CHANGE COLUMN a B INT DEFAULT 3"))
            .containsExactly(Map.entry("b", Optional.of("3")));
        assertThat(MySqlDefaults.inStatement("ALTER TABLE t ALTER COLUMN s SET DEFAULT 'y'"))
            .containsExactly(Map.entry("s", Optional.of("'y'")));
        assertThat(MySqlDefaults.inStatement("ALTER TABLE t ALTER s DROP DEFAULT")).containsExactly(Map.entry("s", Optional.empty()));
        assertThat(MySqlDefaults.inStatement("ALTER TABLE t DROP COLUMN s, RENAME COLUMN a TO b")).isEmpty();
    }

    @Test
    void aCreateTableAsShowCreateTableWritesIt() {
        Map<String, Optional<String>> d = MySqlDefaults.inStatement("CREATE TABLE `t` (\n  `id` int(11) NOT NULL,\n"
            + "  `s0` varchar(10) DEFAULT 'x' COMMENT 'the default',\n  `ts0` timestamp(3) NOT NULL DEFAULT current_timestamp(3),\n"
            + "  `g` int(11) GENERATED ALWAYS AS (`a` + 1) VIRTUAL,\n  PRIMARY KEY (`id`),\n  KEY `ix` (`s0`)\n"
            + ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4");
        assertThat(d).containsOnly(Map.entry("id", Optional.empty()), Map.entry("s0", Optional.of("'x'")),
            Map.entry("ts0", Optional.of("current_timestamp(3)")), Map.entry("g", Optional.empty()));
    }

    @Test
    void theDefaultValueFromTheStatementDebeziumOrTheLastShape() {
        // the statement defines the column: what it wrote, clocks in DATETIME/TIMESTAMP as CURRENT_TIMESTAMP
        assertThat(MySqlDefaults.of("DATETIME", "1970-01-01 00:00:00", Optional.of("now()"), null)).isEqualTo("CURRENT_TIMESTAMP");
        assertThat(MySqlDefaults.of("TIMESTAMP", "1970-01-01 00:00:00", Optional.of("current_timestamp(3)"), null))
            .isEqualTo("CURRENT_TIMESTAMP");
        assertThat(MySqlDefaults.of("DATETIME", "1970-01-01 00:00:00", Optional.of("'1970-01-01 00:00:00'"), null))
            .isEqualTo("'1970-01-01 00:00:00'");
        assertThat(MySqlDefaults.of("UUID", null, Optional.of("uuid()"), null)).isEqualTo("uuid()");
        assertThat(MySqlDefaults.of("INT", null, Optional.empty(), "5")).isNull();
        // not in the statement: Debezium's text as a literal
        assertThat(MySqlDefaults.of("VARCHAR", "it''s\\\\n", null, null)).isEqualTo("'it''s\\\\n'");
        assertThat(MySqlDefaults.of("ENUM", "b", null, null)).isEqualTo("'b'");
        assertThat(MySqlDefaults.of("INT UNSIGNED", "5", null, null)).isEqualTo("5");
        assertThat(MySqlDefaults.of("DECIMAL", "-1.50", null, null)).isEqualTo("-1.50");
        assertThat(MySqlDefaults.of("TINYINT", "1", null, null)).isEqualTo("1");
        assertThat(MySqlDefaults.of("DATETIME", "1970-01-01 00:00:00", null, null)).isEqualTo("CURRENT_TIMESTAMP");
        assertThat(MySqlDefaults.of("DATE", "2020-01-02", null, null)).isEqualTo("'2020-01-02'");
        assertThat(MySqlDefaults.of("INT", null, null, null)).isNull();
        // ... unless Debezium lost an expression the last shape had
        assertThat(MySqlDefaults.of("UUID", null, null, "uuid()")).isEqualTo("uuid()");
        assertThat(MySqlDefaults.of("DATETIME", "1970-01-01 00:00:00", null, "now()")).isEqualTo("now()");
        assertThat(MySqlDefaults.of("VARCHAR", "y", null, "'x'")).isEqualTo("'y'");
        assertThat(MySqlDefaults.of("INT", null, null, "5")).isNull();
    }
}
