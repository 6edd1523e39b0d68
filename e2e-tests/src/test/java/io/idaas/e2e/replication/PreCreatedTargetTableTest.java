package io.idaas.e2e.replication;

import io.idaas.e2e.pipeline.Direction;
import io.idaas.e2e.pipeline.ShippedPipeline;
import io.idaas.stack.LocalStack;
import io.idaas.stack.junit.LocalStackExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A target table its user created before the pipeline, with types of its own, an index, an extra NULL-able column and
 * no {@code _idaas_position}, receives the replication: under {@code ddl.alter=apply} (the shipped configs) the sink adds
 * the position column and keeps the guard; under {@code ddl.alter=ignore} it alters nothing and writes the table
 * without the guard, counted in {@code unguarded-table-count}. Nothing goes to the dead-letter topic either way.
 */
@ExtendWith(LocalStackExtension.class)
class PreCreatedTargetTableTest {

    private static final List<String> COLUMNS = List.of("name", "price", "qty");

    @Test
    void mariaDbIntoAPostgresTableCreatedByItsUserGetsThePositionColumn(LocalStack stack) throws Exception {
        try (ShippedPipeline p = new ShippedPipeline(stack, Direction.MARIADB_TO_POSTGRES, "precreated")) {
            String t = "precreated";
            p.source("CREATE TABLE " + t + " (id INT PRIMARY KEY, name VARCHAR(40), price DECIMAL(10,2), qty INT)", insert(t));
            p.target("CREATE TABLE " + t + " (id integer PRIMARY KEY, name text, price numeric, qty bigint, note varchar(100))",
                "CREATE INDEX " + t + "_name_ix ON " + t + " (name)");
            p.startSource();
            p.awaitTopics(t);
            p.startSink();

            p.awaitSameRows(Duration.ofSeconds(120), List.of(t), COLUMNS);
            p.source(changes(t));
            p.awaitSameRows(Duration.ofSeconds(120), List.of(t), COLUMNS);

            assertThat(p.deadLetters().count()).as("records in the dead-letter topic").isZero();
            p.assertRunning();
            try (Connection target = p.openTarget()) {
                Map<String, String> columns = columns(target, t);
                assertThat(columns).as("the user's types, the extra column, and the position column the sink added")
                    .containsEntry("name", "text").containsEntry("price", "numeric").containsEntry("qty", "int8")
                    .containsEntry("note", "varchar").containsKey("_idaas_position");
                assertThat(count(target, "SELECT COUNT(*) FROM " + t + " WHERE note IS NOT NULL")).isZero();
                assertThat(count(target, "SELECT COUNT(*) FROM pg_indexes WHERE indexname = '" + t + "_name_ix'")).isEqualTo(1);
                assertThat(count(target, "SELECT COUNT(*) FROM " + t + " WHERE _idaas_position IS NULL")).as("rows guarded").isZero();
            }
            assertThat(p.taskMetric("plugins", "unguarded-table-count")).isZero();
        }
    }

    @Test
    void postgresIntoAMariaDbTableCreatedByItsUserIsWrittenWithoutTheGuardUnderDdlAlterIgnore(LocalStack stack) throws Exception {
        try (ShippedPipeline p = new ShippedPipeline(stack, Direction.POSTGRES_TO_MARIADB, "precreated")) {
            String t = "precreated";
            p.source("CREATE TABLE " + t + " (id integer PRIMARY KEY, name varchar(40), price numeric(10,2), qty integer)", insert(t));
            p.target("CREATE TABLE " + t + " (id INT NOT NULL PRIMARY KEY, name TEXT, price DECIMAL(12,4), qty BIGINT, "
                + "note VARCHAR(100) NULL, KEY ix_name (name(10))) CHARACTER SET utf8mb4");
            p.startSource();
            p.awaitTopics(t);
            p.startSink(Map.of("ddl.alter", "ignore"));

            p.awaitSameRows(Duration.ofSeconds(120), List.of(t), COLUMNS);
            p.source(changes(t));
            p.awaitSameRows(Duration.ofSeconds(120), List.of(t), COLUMNS);

            assertThat(p.deadLetters().count()).as("records in the dead-letter topic").isZero();
            p.assertRunning();
            try (Connection target = p.openTarget()) {
                assertThat(columns(target, t)).as("nothing altered").containsOnlyKeys("id", "name", "price", "qty", "note")
                    .containsEntry("name", "TEXT").containsEntry("price", "DECIMAL");
            }
            assertThat(p.taskMetric("plugins", "unguarded-table-count")).isEqualTo(1.0);
        }
    }

    private static String insert(String t) {
        return "INSERT INTO " + t + " (id, name, price, qty) VALUES " + IntStream.rangeClosed(1, 50)
            .mapToObj(i -> "(" + i + ", 'item " + i + "', " + i + ".25, " + i + ")").collect(Collectors.joining(", "));
    }

    /** Updates, deletes and inserts after the snapshot. */
    private static String[] changes(String t) {
        return new String[] {
            "UPDATE " + t + " SET price = price * 2, name = 'renamed' WHERE id <= 10",
            "DELETE FROM " + t + " WHERE id > 45",
            "INSERT INTO " + t + " (id, name, price, qty) VALUES (100, 'new', 9.99, 3)"};
    }

    private static long count(Connection db, String sql) throws SQLException {
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Column name to type name, from the JDBC metadata. */
    private static Map<String, String> columns(Connection db, String table) throws SQLException {
        Map<String, String> out = new LinkedHashMap<>();
        DatabaseMetaData meta = db.getMetaData();
        try (ResultSet rs = meta.getColumns(db.getCatalog(), db.getSchema(), table, null)) {
            while (rs.next()) {
                out.put(rs.getString("COLUMN_NAME"), rs.getString("TYPE_NAME"));
            }
        }
        return out;
    }
}
