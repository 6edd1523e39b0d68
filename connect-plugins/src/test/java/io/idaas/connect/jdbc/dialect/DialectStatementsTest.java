package io.idaas.connect.jdbc.dialect;

import io.idaas.ddml.Column;
import io.idaas.ddml.types.PortableType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DialectStatementsTest {

    private final Dialect pg = Dialects.forUrl("jdbc:postgresql://h/db");
    private final Dialect maria = Dialects.forUrl("jdbc:mariadb://h/db");
    private final Dialect mysql = Dialects.forUrl("JDBC:MySQL://h/db");

    @Test
    void selectedFromTheUrl() {
        assertThat(pg).isInstanceOf(PostgresDialect.class);
        assertThat(maria).isInstanceOf(MariaDbDialect.class);
        assertThat(mysql).isInstanceOf(MySqlDialect.class);
        assertThatThrownBy(() -> Dialects.forUrl("jdbc:sqlite:x")).hasMessageContaining("jdbc:postgresql");
    }

    /** The offsets table holds each offset's topic id; an unknown id (NULL) never erases a stored one. */
    @Test
    void offsetsStatementsCarryTheTopicId() {
        for (Dialect d : java.util.List.of(pg, maria, mysql)) {
            assertThat(d.createOffsetsTable("o")).as(d.name()).contains("topic_id VARCHAR(36)");
            assertThat(d.addOffsetsTopicIdColumn("o")).as(d.name()).isEqualTo("ALTER TABLE " + d.quote("o")
                + " ADD COLUMN topic_id VARCHAR(36)");
            assertThat(d.selectOffsets("o")).as(d.name()).startsWith("SELECT topic, kafka_partition, next_offset, topic_id FROM");
        }
        assertThat(pg.upsertOffset("o")).isEqualTo("INSERT INTO \"o\" (connector, topic, kafka_partition, next_offset, "
            + "topic_id) VALUES (?, ?, ?, ?, ?) ON CONFLICT (connector, topic, kafka_partition) DO UPDATE SET next_offset = "
            + "EXCLUDED.next_offset, topic_id = COALESCE(EXCLUDED.topic_id, \"o\".topic_id)");
        for (Dialect d : java.util.List.of(maria, mysql)) {
            assertThat(d.upsertOffset("o")).as(d.name()).isEqualTo("INSERT INTO `o` (connector, topic, kafka_partition, "
                + "next_offset, topic_id) VALUES (?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE next_offset = VALUES(next_offset), "
                + "topic_id = COALESCE(VALUES(topic_id), topic_id)");
            // Kafka topic names are case-sensitive; the servers' default collations are not
            assertThat(d.createOffsetsTable("o")).as(d.name())
                .contains("connector VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL")
                .contains("topic VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL");
            assertThat(d.probeOffsetsKeyFoldsCase()).as(d.name()).contains("information_schema.COLUMNS");
            assertThat(d.offsetsKeyExact("o")).as(d.name()).startsWith("ALTER TABLE `o` MODIFY connector");
        }
        assertThat(pg.probeOffsetsKeyFoldsCase()).as("PostgreSQL's text compares exactly").isNull();
    }

    @Test
    void quotesReservedWordsSpacesQuotesAndNonAscii() {
        assertThat(pg.quote("order")).isEqualTo("\"order\"");
        assertThat(pg.quote("a \"b\" c")).isEqualTo("\"a \"\"b\"\" c\"");
        assertThat(pg.quote("größe")).isEqualTo("\"größe\"");
        assertThat(maria.quote("order")).isEqualTo("`order`");
        assertThat(maria.quote("a `b` c")).isEqualTo("`a ``b`` c`");
    }

    @Test
    void postgresRefusesNamesItWouldCutAt63Bytes() {
        String sixtyThree = "x".repeat(63);
        assertThat(pg.quote(sixtyThree)).isEqualTo('"' + sixtyThree + '"');
        assertThat(pg.quote("ä".repeat(31))).as("62 bytes").startsWith("\"ä");
        assertThatThrownBy(() -> pg.quote("x".repeat(64))).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("is 64 bytes in UTF-8").hasMessageContaining("keeps only the first 63 bytes")
            .hasMessageContaining("table.rename").hasMessageContaining("column.rename");
        assertThatThrownBy(() -> pg.quote("表".repeat(22))).hasMessageContaining("is 66 bytes");
        assertThat(maria.quote("x".repeat(64))).hasSize(66);
    }

    @Test
    void mariaDbAndMySqlRefuseNamesTheirServersWouldRefuseWithTheReason() {
        for (Dialect d : java.util.List.of(maria, mysql)) {
            assertThat(d.quote("tätö_表")).isEqualTo("`tätö_表`");
            assertThat(d.quote("表".repeat(64))).as("64 characters, 192 bytes").startsWith("`表");
            assertThatThrownBy(() -> d.quote("emoji_\uD83D\uDE80")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("U+1F680").hasMessageContaining("Basic Multilingual Plane")
                .hasMessageContaining(d.name()).hasMessageContaining("table.rename");
            assertThatThrownBy(() -> d.quote("x".repeat(65))).hasMessageContaining("has 65 characters, more than 64");
            assertThatThrownBy(() -> d.quote("trailing ")).hasMessageContaining("ends with a space");
        }
    }

    @Test
    void postgresUpsertIsGuardedByPosition() {
        assertThat(pg.upsert("order", List.of("id", "my name"), List.of("id"))).isEqualTo(
            "INSERT INTO \"order\" (\"id\", \"my name\", \"_idaas_position\") VALUES (?, ?, ?)"
                + " ON CONFLICT (\"id\") DO UPDATE SET \"my name\" = EXCLUDED.\"my name\","
                + " \"_idaas_position\" = EXCLUDED.\"_idaas_position\""
                + " WHERE \"order\".\"_idaas_position\" IS NULL OR \"order\".\"_idaas_position\" <= EXCLUDED.\"_idaas_position\"");
        assertThat(pg.delete("order", List.of("a", "b"))).isEqualTo(
            "DELETE FROM \"order\" WHERE \"a\" = ? AND \"b\" = ? AND (\"_idaas_position\" IS NULL OR \"_idaas_position\" <= ?)");
        assertThat(pg.truncate("t")).isEqualTo("TRUNCATE TABLE \"t\"");
    }

    @Test
    void mariaDbUpsertAssignsThePositionLast() {
        String sql = maria.upsert("order", List.of("id", "v"), List.of("id"));
        assertThat(sql).startsWith("INSERT INTO `order` (`id`, `v`, `_idaas_position`) VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE "
            + "`v` = IF((`_idaas_position` IS NULL OR `_idaas_position` <= VALUES(`_idaas_position`)), VALUES(`v`), `v`), ");
        assertThat(sql).endsWith("`_idaas_position` = IF((`_idaas_position` IS NULL OR `_idaas_position` <= "
            + "VALUES(`_idaas_position`)), VALUES(`_idaas_position`), `_idaas_position`)");
        assertThat(maria.truncate("t")).isEqualTo("DELETE FROM `t`");
    }

    @Test
    void createTableMapsTypesAndKey() {
        List<Column> cols = List.of(Column.of("id", PortableType.INT64),
            Column.builder("note", PortableType.string(20)).nullable(true).build(), Column.of("u", PortableType.UUID));
        assertThat(pg.createTable("t", cols, List.of("id"))).isEqualTo("CREATE TABLE IF NOT EXISTS \"t\" (\"id\" bigint NOT NULL, "
            + "\"note\" varchar(20), \"u\" uuid, \"_idaas_position\" varchar(128) COLLATE \"C\", PRIMARY KEY (\"id\"))");
        assertThat(maria.createTable("t", cols, List.of("id"))).isEqualTo("CREATE TABLE IF NOT EXISTS `t` (`id` BIGINT NOT NULL, "
            + "`note` VARCHAR(20) NULL, `u` CHAR(36) NULL, `_idaas_position` VARCHAR(128) CHARACTER SET ascii COLLATE ascii_bin, "
            + "PRIMARY KEY (`id`)) CHARACTER SET utf8mb4");
        assertThat(mysql.createTable("t", cols, List.of("id"))).contains("`u` CHAR(36) NULL");
    }

    @Test
    void alterStatements() {
        Column c = Column.builder("n", PortableType.INT32).nullable(true).build();
        assertThat(pg.addColumn("t", c)).isEqualTo("ALTER TABLE \"t\" ADD COLUMN IF NOT EXISTS \"n\" integer");
        assertThat(pg.changeColumnType("t", c)).isEqualTo(
            "ALTER TABLE \"t\" ALTER COLUMN \"n\" TYPE integer USING \"n\"::integer, ALTER COLUMN \"n\" DROP NOT NULL");
        assertThat(maria.changeColumnType("t", c)).isEqualTo("ALTER TABLE `t` MODIFY COLUMN `n` INT NULL");
        assertThat(maria.dropColumn("t", "n")).isEqualTo("ALTER TABLE `t` DROP COLUMN IF EXISTS `n`");
        assertThat(mysql.dropColumn("t", "n")).isEqualTo("ALTER TABLE `t` DROP COLUMN `n`");
        assertThat(pg.renameColumn("t", "a", "b")).isEqualTo("ALTER TABLE \"t\" RENAME COLUMN \"a\" TO \"b\"");
        assertThat(maria.renameTable("a", "b")).isEqualTo("ALTER TABLE `a` RENAME TO `b`");
    }
    @Test
    void defaultsAndPlacementOfAddedColumns() {
        Column n = Column.builder("n", PortableType.INT32).nullable(false).build();
        assertThat(pg.addColumn("t", n, "integer", "5", "a")).isEqualTo(
            "ALTER TABLE \"t\" ADD COLUMN IF NOT EXISTS \"n\" integer DEFAULT 5 NOT NULL");
        assertThat(maria.addColumn("t", n, "INT", "5", "a")).isEqualTo(
            "ALTER TABLE `t` ADD COLUMN IF NOT EXISTS `n` INT NOT NULL DEFAULT 5 AFTER `a`");
        assertThat(maria.addColumn("t", n, "INT", null, "")).isEqualTo("ALTER TABLE `t` ADD COLUMN IF NOT EXISTS `n` INT NOT NULL FIRST");
        assertThat(mysql.addColumn("t", n, "INT", "5", null)).isEqualTo("ALTER TABLE `t` ADD COLUMN `n` INT NOT NULL DEFAULT 5");
        Column note = Column.of("note", PortableType.STRING);
        assertThat(mysql.addColumn("t", note, "LONGTEXT", "'x'", null)).isEqualTo(
            "ALTER TABLE `t` ADD COLUMN `note` LONGTEXT NULL DEFAULT ('x')");
        assertThat(pg.setDefault("t", "n", "7", "integer")).isEqualTo("ALTER TABLE \"t\" ALTER COLUMN \"n\" SET DEFAULT 7");
        assertThat(maria.dropDefault("t", "n")).isEqualTo("ALTER TABLE `t` ALTER COLUMN `n` DROP DEFAULT");
        assertThat(maria.changeColumnType("t", n, "BIGINT", false, "7")).isEqualTo(
            "ALTER TABLE `t` MODIFY COLUMN `n` BIGINT NOT NULL DEFAULT 7");
        assertThat(pg.createTable("t", List.of(Column.of("id", PortableType.INT64), n), List.of("id"), c -> pg.columnType(c.type()),
            c -> c.name().equals("n") ? "5" : null)).contains("\"n\" integer DEFAULT 5 NOT NULL");
        assertThat(maria.stringLiteral("it's \\n")).isEqualTo("'it''s \\\\n'");
        assertThat(pg.stringLiteral("it's \\n")).isEqualTo("'it''s \\n'");
    }

    @Test
    void tablesWithoutThePositionColumnAreWrittenWithoutTheGuard() {
        assertThat(pg.upsertUnguarded("t", List.of("id", "v"), List.of("?", "?"), List.of("id"), 2)).isEqualTo(
            "INSERT INTO \"t\" (\"id\", \"v\") VALUES (?, ?), (?, ?) ON CONFLICT (\"id\") DO UPDATE SET \"v\" = EXCLUDED.\"v\"");
        assertThat(pg.upsertUnguarded("t", List.of("id"), List.of("?"), List.of("id"), 1)).endsWith("ON CONFLICT (\"id\") DO NOTHING");
        assertThat(maria.upsertUnguarded("t", List.of("id", "v"), List.of("?", "?"), List.of("id"), 1)).isEqualTo(
            "INSERT INTO `t` (`id`, `v`) VALUES (?, ?) ON DUPLICATE KEY UPDATE `v` = VALUES(`v`)");
        assertThat(maria.deleteUnguarded("t", List.of("a"), 2)).isEqualTo("DELETE FROM `t` WHERE (`a` = ?) OR (`a` = ?)");
        assertThat(pg.insertUnguarded("t", List.of("a"), List.of("?"), 1)).isEqualTo("INSERT INTO \"t\" (\"a\") VALUES (?)");
        assertThat(pg.addPositionColumn("t")).isEqualTo(
            "ALTER TABLE \"t\" ADD COLUMN IF NOT EXISTS \"_idaas_position\" varchar(128) COLLATE \"C\"");
        assertThat(mysql.addPositionColumn("t")).startsWith("ALTER TABLE `t` ADD COLUMN `_idaas_position` VARCHAR(128)");
    }

    @Test
    void multiRowUpsertAndDeleteGuardEachRowByItsOwnPosition() {
        assertThat(pg.upsert("t", List.of("id", "v"), List.of("id"), 3)).startsWith(
            "INSERT INTO \"t\" (\"id\", \"v\", \"_idaas_position\") VALUES (?, ?, ?), (?, ?, ?), (?, ?, ?) ON CONFLICT");
        assertThat(maria.upsert("t", List.of("id", "v"), List.of("id"), 2)).startsWith(
            "INSERT INTO `t` (`id`, `v`, `_idaas_position`) VALUES (?, ?, ?), (?, ?, ?) ON DUPLICATE KEY UPDATE");
        assertThat(maria.delete("t", List.of("a", "b"), 2)).isEqualTo("DELETE FROM `t` WHERE "
            + "(`a` = ? AND `b` = ? AND (`_idaas_position` IS NULL OR `_idaas_position` <= ?)) OR "
            + "(`a` = ? AND `b` = ? AND (`_idaas_position` IS NULL OR `_idaas_position` <= ?))");
        assertThat(pg.maxParameters()).isEqualTo(65_535);
    }
}
