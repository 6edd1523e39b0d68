package io.idaas.e2e.ddml;

import io.idaas.ddml.Column;
import io.idaas.ddml.DdmlEvent;
import io.idaas.ddml.TableSchema;
import io.idaas.ddml.types.NativeTypes;
import io.idaas.ddml.types.PortableType;
import io.idaas.ddml.types.TypeKind;
import io.idaas.e2e.SourceDatabase;
import io.idaas.stack.LocalStack;
import io.idaas.stack.junit.LocalStackExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * MariaDB -> DDML -> PostgreSQL-typed values -> DDML -> MariaDB: every value of the MariaDB type matrix, captured by
 * Debezium and ToDdml, written into a PostgreSQL table typed by SPEC.md §11, captured again, written into a MariaDB
 * table typed by §11 from the PostgreSQL capture, captured a third time: each value comes back as it left, wherever
 * both systems hold it.
 */
@ExtendWith(LocalStackExtension.class)
class RoundTripTest {

    /** Values ({@code column} for all rows, {@code column@id} for one) a leg cannot carry, with why. Everything else must survive. */
    private static final Map<String, String> NOT_BACK_IN_MARIADB = Map.of(
            "c_set", "PostgreSQL holds a SET as text[], which comes back as array(string); MariaDB keeps arrays as JSON text");
    private static final Map<String, String> NOT_OUT_OF_POSTGRES = Map.of();

    @Test
    void mariaDbValuesSurviveAPostgresRoundTrip(LocalStack stack) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<TypeCase> matrix = TypeMatrices.mariadb();
        int rows = matrix.get(0).rows();
        String db = stack.mariadb().database();

        String source = "rt_src_" + run;
        try (Connection maria = mariadb(stack); Statement sql = maria.createStatement()) {
            sql.execute("CREATE TABLE " + source + " (id INT PRIMARY KEY, "
                    + matrix.stream().map(c -> c.column() + " " + c.nativeType()).collect(Collectors.joining(", ")) + ")");
            TypeMatrixContract.insertRows(maria, source, matrix, 1, false);
        }
        List<DdmlEvent> fromMariaDb = DdmlCapture.snapshot(stack,
                SourceDatabase.MARIADB.connector(stack, "mariadb-ddml-source", "rt-m1-" + run, "rt_m1_" + run),
                db + "." + source, "rt_m1_" + run + "." + db + "." + source, rows);

        String inPostgres = "rt_pg_" + run;
        try (Connection pg = postgres(stack)) {
            write(pg, inPostgres, fromMariaDb, true);
        }
        List<DdmlEvent> fromPostgres = DdmlCapture.snapshot(stack,
                SourceDatabase.POSTGRES.connector(stack, "postgres-ddml-source", "rt-p-" + run, "rt_p_" + run),
                "public." + inPostgres, "rt_p_" + run + ".public." + inPostgres, rows);

        String back = "rt_back_" + run;
        try (Connection maria = mariadb(stack)) {
            write(maria, back, fromPostgres, false);
        }
        List<DdmlEvent> backInMariaDb = DdmlCapture.snapshot(stack,
                SourceDatabase.MARIADB.connector(stack, "mariadb-ddml-source", "rt-m2-" + run, "rt_m2_" + run),
                db + "." + back, "rt_m2_" + run + "." + db + "." + back, rows);

        List<String> differences = new ArrayList<>();
        compare("MariaDB -> PostgreSQL", fromMariaDb, fromPostgres, NOT_OUT_OF_POSTGRES, differences);
        compare("MariaDB -> PostgreSQL -> MariaDB", fromMariaDb, backInMariaDb, NOT_BACK_IN_MARIADB, differences);
        assertThat(differences).isEmpty();
    }

    /** Creates {@code table} typed by SPEC §11 from the events' schema, and inserts their rows. */
    private static void write(Connection target, String table, List<DdmlEvent> events, boolean postgres) throws SQLException {
        TableSchema schema = events.get(0).schema();
        List<Column> columns = schema.columns();
        String ddl = "CREATE TABLE " + table + " (" + columns.stream()
                .map(c -> c.name() + " " + targetType(c.type(), postgres) + (schema.primaryKey().contains(c.name()) ? " PRIMARY KEY" : ""))
                .collect(Collectors.joining(", ")) + ")";
        try (Statement sql = target.createStatement()) {
            sql.execute(ddl);
        }
        String insert = "INSERT INTO " + table + " VALUES (" + columns.stream().map(c -> "?").collect(Collectors.joining(", ")) + ")";
        try (PreparedStatement st = target.prepareStatement(insert)) {
            for (DdmlEvent e : events) {
                for (int i = 0; i < columns.size(); i++) {
                    Column c = columns.get(i);
                    JdbcValues.bind(target, st, i + 1, c.type(), e.dml().after().get(c.name()), postgres);
                }
                st.executeUpdate();
            }
        }
    }

    private static String targetType(PortableType type, boolean postgres) {
        if (!postgres) {
            return NativeTypes.toMariaDb(type);
        }
        // The local stack's PostgreSQL has no PostGIS: SPEC §11 says bytea then.
        return type.kind() == TypeKind.GEOMETRY ? "bytea" : NativeTypes.toPostgres(type);
    }

    private static void compare(String leg, List<DdmlEvent> expected, List<DdmlEvent> actual, Map<String, String> skipped, List<String> differences) {
        for (int row = 0; row < expected.size(); row++) {
            for (Column c : expected.get(row).schema().columns()) {
                if (skipped.containsKey(c.name()) || skipped.containsKey(c.name() + "@" + (row + 1))) {
                    continue;
                }
                Object want = comparable(expected.get(row).dml().after().get(c.name()));
                Object got = comparable(actual.get(row).dml().after().get(c.name()));
                if (!ValueComparison.equal(want, got)) {
                    differences.add(leg + ", id " + (row + 1) + ", " + c.name() + " (" + c.type() + " -> "
                            + actual.get(row).schema().column(c.name()).map(x -> x.type().toString()).orElse("missing") + "): expected "
                            + ValueComparison.show(want) + ", got " + ValueComparison.show(got));
                }
            }
        }
    }

    /**
     * A value in a form that compares across the types a leg may change it to: numbers by value (int8 becomes
     * int16 in PostgreSQL), a timestamptz by its UTC wall time (MariaDB stores it as a DATETIME holding UTC), a uuid by
     * its text (SPEC.md section 11 maps uuid to CHAR(36) in MariaDB).
     */
    private static Object comparable(Object value) {
        if (value instanceof Float f) {
            return new BigDecimal(Float.toString(f));
        }
        if (value instanceof Number n && !(value instanceof BigDecimal) && !(value instanceof Double)) {
            return BigDecimal.valueOf(n.longValue());
        }
        if (value instanceof BigDecimal d) {
            return d.stripTrailingZeros().scale() < 0 ? d.setScale(0) : d.stripTrailingZeros();
        }
        if (value instanceof Instant i) {
            return LocalDateTime.ofInstant(i, ZoneOffset.UTC);
        }
        if (value instanceof UUID u) {
            return u.toString(); // a PostgreSQL uuid comes back to MariaDB as CHAR(36): string(36)
        }
        return value;
    }

    private static Connection mariadb(LocalStack stack) throws SQLException {
        return SourceDatabase.MARIADB.open(stack);
    }

    private static Connection postgres(LocalStack stack) throws SQLException {
        return SourceDatabase.POSTGRES.open(stack);
    }
}
