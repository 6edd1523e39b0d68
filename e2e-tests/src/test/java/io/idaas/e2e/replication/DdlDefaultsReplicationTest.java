package io.idaas.e2e.replication;

import io.idaas.e2e.pipeline.Direction;
import io.idaas.e2e.pipeline.ShippedPipeline;
import io.idaas.e2e.pipeline.Source;
import io.idaas.stack.LocalStack;
import io.idaas.stack.junit.LocalStackExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Columns added to a table that has rows, with the DDL forms a source sends, in every shipped direction between
 * MariaDB and PostgreSQL (both families and across): the target's existing rows end with the values the source gave
 * its rows, judged by plain SQL ({@link io.idaas.e2e.pipeline.PlainSqlComparison}), wherever the default is a constant; where it is a clock, a
 * sequence or a generated column (values neither log carries) the difference is counted in the sink's metric
 * {@code ddl-backfill-difference-total}. MariaDB's later default changes (SET DEFAULT, MODIFY, DROP DEFAULT) reach the
 * target column's default; a column added AFTER another is placed there on MariaDB.
 */
@ExtendWith(LocalStackExtension.class)
class DdlDefaultsReplicationTest {

    private static final int ROWS = 200;
    /** Columns whose default is a constant: every row equal to the source. */
    private static final List<String> CONSTANT = List.of("a", "s", "n", "q", "b", "dd", "dn");
    private static final List<String> MARIADB_ONLY_CONSTANT = List.of("e", "z", "c");

    @ParameterizedTest
    @EnumSource(value = Direction.class, names = {"MARIADB_TO_POSTGRES", "MARIADB_TO_MARIADB", "POSTGRES_TO_POSTGRES", "POSTGRES_TO_MARIADB"})
    void columnsAddedWithDefaultsGiveTheTargetsExistingRowsTheSourcesValues(Direction direction, LocalStack stack) throws Exception {
        boolean pgSource = direction.source == Source.POSTGRES;
        try (ShippedPipeline p = new ShippedPipeline(stack, direction, "dflt")) {
            String t = "dflt";
            p.source("CREATE TABLE " + t + " (id INT PRIMARY KEY, a INT)",
                "INSERT INTO " + t + " (id, a) VALUES " + IntStream.rangeClosed(1, ROWS).mapToObj(i -> "(" + i + ", " + i + ")")
                    .collect(Collectors.joining(", ")));
            p.startSource();
            p.awaitTopics(t);
            p.startSink();
            p.awaitSameRows(Duration.ofSeconds(120), List.of(t), List.of("a"));

            p.source(pgSource ? postgresDdl(t) : mariaDbDdl(t));
            // A change after the DDL (PostgreSQL's DDL is derived from it), and a new row with the later defaults.
            p.source("UPDATE " + t + " SET a = a + 1000 WHERE id = 1",
                "INSERT INTO " + t + " (id, a, dd" + (pgSource ? "" : ", z") + ") VALUES (" + (ROWS + 1) + ", 7, 2.50"
                    + (pgSource ? "" : ", 3") + ")");

            List<String> constant = new ArrayList<>(CONSTANT);
            if (!pgSource) {
                constant.addAll(MARIADB_ONLY_CONSTANT);
            }
            p.awaitSameRows(Duration.ofSeconds(180), List.of(t), constant);
            p.assertRunning();
            assertThat(p.deadLetters().count()).as("records in the dead-letter topic").isZero();

            try (Connection target = p.openTarget()) {
                // A clock default: every existing row has a value, the target's own (the source's is in no log).
                assertThat(count(target, "SELECT COUNT(*) FROM " + t + " WHERE ts IS NULL")).as("rows without ts").isZero();
                if (pgSource) {
                    try (Connection source = p.openSource()) {
                        assertThat(utcTimes(source, t, true)).as("a timestamptz literal, as UTC")
                            .isEqualTo(utcTimes(target, t, direction == Direction.POSTGRES_TO_POSTGRES))
                            .containsValue("2020-01-02 01:04:05");
                    }
                    // serial: the source numbered its existing rows, the target cannot; the updated and new rows carry theirs
                    assertThat(count(target, "SELECT COUNT(*) FROM " + t + " WHERE sr IS NULL")).isEqualTo(ROWS - 1);
                    assertThat(columns(target, t)).as("a generated column is not in PostgreSQL's log").doesNotContainKey("g");
                } else {
                    assertThat(count(target, "SELECT COUNT(*) FROM " + t + " WHERE g IS NULL")).as("generated, not in the log")
                        .isEqualTo(ROWS - 1);
                    Map<String, String> defaults = columnDefaults(target, t);
                    assertThat(defaults.get("s")).as("SET DEFAULT 'y'").contains("'y'");
                    assertThat(defaults.get("n")).as("MODIFY ... DEFAULT 7").contains("7");
                    assertThat(defaults.get("dd")).as("DROP DEFAULT").isNull();
                    assertThat(defaults.get("z")).as("the implicit default is not kept").isNull();
                    if (direction == Direction.MARIADB_TO_MARIADB) {
                        assertThat(columns(target, t).get("c")).as("c added AFTER id").isEqualTo(2);
                    }
                }
            }
            assertThat(p.taskMetric("plugins", "ddl-backfill-difference-total"))
                .as("columns whose existing rows differ: ts and " + (pgSource ? "sr" : "g")).isEqualTo(2.0);
        }
    }

    private static String[] mariaDbDdl(String t) {
        return new String[] {
            "ALTER TABLE " + t + " ADD COLUMN s VARCHAR(10) DEFAULT 'x'",
            "ALTER TABLE " + t + " ADD COLUMN n INT NOT NULL DEFAULT 5",
            "ALTER TABLE " + t + " ADD COLUMN q VARCHAR(20) DEFAULT 'it''s \\\\ ok'",
            "ALTER TABLE " + t + " ADD COLUMN b TINYINT(1) DEFAULT 1",
            "ALTER TABLE " + t + " ADD COLUMN dd DECIMAL(6,2) DEFAULT -1.50",
            "ALTER TABLE " + t + " ADD COLUMN dn DATE DEFAULT '2020-01-02'",
            "ALTER TABLE " + t + " ADD COLUMN e ENUM('p','q') NOT NULL DEFAULT 'q'",
            "ALTER TABLE " + t + " ADD COLUMN z INT NOT NULL",
            "ALTER TABLE " + t + " ADD COLUMN c INT DEFAULT 9 AFTER id",
            "ALTER TABLE " + t + " ADD COLUMN ts DATETIME DEFAULT CURRENT_TIMESTAMP",
            "ALTER TABLE " + t + " ADD COLUMN g INT AS (a + 1) STORED",
            "ALTER TABLE " + t + " ALTER COLUMN s SET DEFAULT 'y'",
            "ALTER TABLE " + t + " MODIFY COLUMN n INT NOT NULL DEFAULT 7",
            "ALTER TABLE " + t + " ALTER COLUMN dd DROP DEFAULT"};
    }

    private static String[] postgresDdl(String t) {
        return new String[] {
            "ALTER TABLE " + t + " ADD COLUMN s varchar(10) DEFAULT 'x'",
            "ALTER TABLE " + t + " ADD COLUMN n int NOT NULL DEFAULT 5",
            "ALTER TABLE " + t + " ADD COLUMN q text DEFAULT 'it''s \\ ok'",
            "ALTER TABLE " + t + " ADD COLUMN b boolean DEFAULT true",
            "ALTER TABLE " + t + " ADD COLUMN dd numeric(6,2) DEFAULT -1.50",
            "ALTER TABLE " + t + " ADD COLUMN dn date DEFAULT '2020-01-02'",
            "ALTER TABLE " + t + " ADD COLUMN tz timestamptz DEFAULT '2020-01-02 03:04:05+02'",
            "ALTER TABLE " + t + " ADD COLUMN ts timestamptz DEFAULT now()",
            "ALTER TABLE " + t + " ADD COLUMN sr serial",
            "ALTER TABLE " + t + " ADD COLUMN g int GENERATED ALWAYS AS (a + 1) STORED"};
    }

    private static long count(Connection db, String sql) throws SQLException {
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Each row's {@code tz} as UTC wall time text; a PostgreSQL timestamptz converted, a MariaDB DATETIME (UTC) as it is. */
    private static Map<Long, String> utcTimes(Connection db, String table, boolean postgres) throws SQLException {
        String expr = postgres ? "to_char(tz AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS')" : "DATE_FORMAT(tz, '%Y-%m-%d %H:%i:%s')";
        Map<Long, String> out = new HashMap<>();
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("SELECT id, " + expr + " FROM " + table)) {
            while (rs.next()) {
                out.put(rs.getLong(1), rs.getString(2));
            }
        }
        return out;
    }

    /** The table's columns and their positions, from information_schema. */
    private static Map<String, Integer> columns(Connection db, String table) throws SQLException {
        Map<String, Integer> out = new HashMap<>();
        try (PreparedStatement st = db.prepareStatement("SELECT column_name, ordinal_position FROM information_schema.columns "
            + "WHERE table_name = ? AND table_schema = " + (isPostgres(db) ? "current_schema()" : "DATABASE()"))) {
            st.setString(1, table);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getInt(2));
                }
            }
        }
        return out;
    }

    /** The table's column defaults as the target's information_schema writes them (null: none). */
    private static Map<String, String> columnDefaults(Connection db, String table) throws SQLException {
        Map<String, String> out = new HashMap<>();
        try (PreparedStatement st = db.prepareStatement("SELECT column_name, column_default FROM information_schema.columns "
            + "WHERE table_name = ? AND table_schema = " + (isPostgres(db) ? "current_schema()" : "DATABASE()"))) {
            st.setString(1, table);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    String d = rs.getString(2);
                    out.put(rs.getString(1), d == null || d.equalsIgnoreCase("NULL") ? null : d);
                }
            }
        }
        return out;
    }

    private static boolean isPostgres(Connection db) throws SQLException {
        return db.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("postgres");
    }
}
