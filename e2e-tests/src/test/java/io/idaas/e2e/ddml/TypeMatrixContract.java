package io.idaas.e2e.ddml;

import io.idaas.ddml.Column;
import io.idaas.ddml.DdmlEvent;
import io.idaas.ddml.DmlOp;
import io.idaas.ddml.EventKind;
import io.idaas.ddml.types.PortableType;
import io.idaas.e2e.ConnectRest;
import io.idaas.e2e.SourceDatabase;
import io.idaas.stack.LocalStack;
import io.idaas.stack.junit.LocalStackExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every column type of a source's mapping table, with NULLs, extremes and unicode, changed in the real database
 * and captured by the real Debezium connector with ToDdml on the local stack: each value must arrive in DDML
 * exactly, with its portable type, both from the snapshot and from the log.
 */
@ExtendWith(LocalStackExtension.class)
abstract class TypeMatrixContract {

    abstract List<TypeCase> matrix();

    /** The source database under test. */
    abstract SourceDatabase source();

    @Test
    void everyTypeArrivesExactlyFromSnapshotAndFromTheLog(LocalStack stack) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String table = "types_" + run;
        String prefix = "tm_" + run;
        String connector = "tm-" + run;
        List<TypeCase> matrix = matrix();
        int rows = matrix.get(0).rows();

        try (Connection db = source().open(stack); Statement sql = db.createStatement()) {
            sql.execute("CREATE TABLE " + table + " (id INT PRIMARY KEY, "
                    + matrix.stream().map(c -> c.column() + " " + c.nativeType()).collect(Collectors.joining(", ")) + ")");
            insertRows(db, table, matrix, 1, source() == SourceDatabase.POSTGRES); // read by the snapshot

            ConnectRest connect = new ConnectRest(stack.connect().restUrl());
            connect.create(source().connector(stack, source().ddmlConfig(), connector, prefix));
            try (DdmlTopicReader topic = new DdmlTopicReader(stack.kafka().bootstrapServers(), source().topicOf(stack, prefix, table))) {
                connect.awaitRunning(connector, Duration.ofSeconds(60));
                topic.readUntil(events -> dml(events).size() >= rows, Duration.ofSeconds(90));
                insertRows(db, table, matrix, rows + 1, source() == SourceDatabase.POSTGRES); // read from the log
                List<DdmlEvent> events = dml(topic.readUntil(all -> dml(all).size() >= 2 * rows, Duration.ofSeconds(90)));

                assertThat(events).hasSize(2 * rows);
                assertThat(events.subList(0, rows)).allMatch(e -> e.dml().op() == DmlOp.READ);
                assertThat(events.subList(rows, 2 * rows)).allMatch(e -> e.dml().op() == DmlOp.INSERT);

                DdmlEvent first = events.get(0);
                List<String> typeErrors = new ArrayList<>();
                for (TypeCase c : matrix) {
                    Column column = first.schema().column(c.column()).orElseThrow(() -> new AssertionError("no column " + c.column() + " in " + first.schema()));
                    if (!column.type().equals(PortableType.parse(c.portableType()))) {
                        typeErrors.add(c.column() + " " + c.nativeType() + ": expected " + c.portableType() + ", got " + column.type() + " (native " + column.nativeType() + ")");
                    }
                }
                List<String> valueErrors = new ArrayList<>();
                for (DdmlEvent e : events) {
                    int id = ((Number) e.dml().after().get("id")).intValue();
                    int row = (id - 1) % rows;
                    for (TypeCase c : matrix) {
                        Object expected = c.expected().get(row);
                        Object actual = e.dml().after().get(c.column());
                        boolean equal = PortableType.parse(c.portableType()).scale() == null && expected instanceof java.math.BigDecimal e1
                                && actual instanceof java.math.BigDecimal a1
                                ? e1.compareTo(a1) == 0 // an unconstrained decimal is compared by value, not by display scale
                                : ValueComparison.equal(expected, actual);
                        if (!equal) {
                            valueErrors.add("id " + id + " (" + e.dml().op() + ") " + c.column() + " " + c.nativeType() + ": expected "
                                    + ValueComparison.show(expected) + ", got " + ValueComparison.show(actual));
                        }
                    }
                }
                assertThat(typeErrors).as("portable types").isEmpty();
                assertThat(valueErrors).as("values").isEmpty();
            } finally {
                connect.delete(connector);
            }
        }
    }

    static List<DdmlEvent> dml(List<DdmlEvent> events) {
        return events.stream().filter(e -> e.kind() == EventKind.DML).toList();
    }

    static void insertRows(Connection db, String table, List<TypeCase> matrix, int firstId, boolean postgres) throws SQLException {
        String sql = "INSERT INTO " + table + " (id, " + matrix.stream().map(TypeCase::column).collect(Collectors.joining(", "))
                + ") VALUES (?, " + matrix.stream().map(TypeCase::writeExpression).collect(Collectors.joining(", ")) + ")";
        try (PreparedStatement st = db.prepareStatement(sql)) {
            for (int row = 0; row < matrix.get(0).rows(); row++) {
                st.setInt(1, firstId + row);
                for (int i = 0; i < matrix.size(); i++) {
                    TypeCase c = matrix.get(i);
                    bindSourceValue(db, st, i + 2, c, c.bound().get(row), postgres);
                }
                st.executeUpdate();
            }
        }
    }

    private static void bindSourceValue(Connection db, PreparedStatement st, int index, TypeCase c, Object v, boolean postgres) throws SQLException {
        if (v == null) {
            st.setNull(index, java.sql.Types.NULL);
        } else if (v instanceof List<?> list) {
            st.setArray(index, db.createArrayOf(c.nativeType().replace("[]", ""), list.toArray()));
        } else if (v instanceof java.time.Instant instant) {
            st.setObject(index, instant.atOffset(java.time.ZoneOffset.UTC));
        } else if (postgres && (v instanceof UUID || c.nativeType().startsWith("json"))) {
            st.setObject(index, v.toString(), java.sql.Types.OTHER);
        } else {
            st.setObject(index, v);
        }
    }
}
