package io.idaas.e2e.values;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.idaas.e2e.pipeline.Db;
import io.idaas.e2e.pipeline.DeadLetters.DeadLetter;
import io.idaas.e2e.pipeline.Direction;
import io.idaas.e2e.pipeline.ShippedPipeline;
import io.idaas.e2e.pipeline.Source;
import io.idaas.stack.LocalStack;
import io.idaas.stack.junit.LocalStackExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The awkward-values matrix of one shipped direction ({@link AwkwardValues}), run as a user runs it: the source's rows
 * written with plain SQL, the connect-configs DDML source config and sink config as shipped (in databases of the run's
 * own), each value once through the snapshot, once inserted and read from the log, and once written by an update of a
 * row the target already holds. Then every value is judged with plain SQL on both databases and the records of the
 * sink's dead-letter topic, where a sink user looks: it arrives exactly; or the change is in the dead-letter topic with
 * the reason SPEC.md section 11.2 gives (refused by the sink, or not carried by the producer, naming the column) and the
 * target row is as it was before the change; or (only where the source connector itself changes it, as documented) it
 * holds the documented value. Nothing else passes.
 */
@ExtendWith(LocalStackExtension.class)
abstract class AwkwardValuesContract {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Row ids of the values inserted into the log start here; those of the snapshot at 1. */
    private static final int LOG_IDS = 1001;
    /** Row ids of the values written by updates start here. */
    private static final int UPDATE_IDS = 2001;
    /** The row written last, after every update: once it is in the target, the sink has dealt with all of them. */
    private static final int LAST_ID = 9999;

    abstract Direction direction();

    @Test
    void everyAwkwardValueArrivesExactlyOrIsRefusedWhereDocumented(LocalStack stack) throws Exception {
        Direction d = direction();
        Db source = d.source.db();
        Db target = d.target.db();
        String table = "aw";
        AwkwardTable t = d.source == Source.POSTGRES ? AwkwardValues.postgres() : AwkwardValues.mariadb(d.source == Source.MYSQL);
        int n = t.values().size();

        try (ShippedPipeline p = new ShippedPipeline(stack, d, "aw")) {
            try (Connection db = p.openSource(); Statement sql = db.createStatement()) {
                sql.execute(t.createTable(table));
                for (int i = 0; i < n; i++) {
                    sql.execute(t.insert(table, 1 + i, i));
                }
            }
            p.startSource();
            p.awaitTopics(table);
            p.startSink();

            awaitAccounted(p, table, ids(1, n));
            try (Connection db = p.openSource(); Statement sql = db.createStatement()) {
                for (int i = 0; i < n; i++) {
                    sql.execute(t.insert(table, LOG_IDS + i, i));
                    sql.execute(t.insertDefaults(table, UPDATE_IDS + i));
                }
            }
            awaitAccounted(p, table, ids(LOG_IDS, n));
            awaitAccounted(p, table, ids(UPDATE_IDS, n));
            // What the target holds of each row before its update: what a refused update must leave.
            Map<String, Map<Integer, Object>> beforeUpdates = new HashMap<>();
            try (Connection tgt = p.openTarget()) {
                prepare(tgt, target);
                for (AwkwardColumn c : t.columns()) {
                    beforeUpdates.put(c.name(), read(tgt, table, c, target, false));
                }
            }
            try (Connection db = p.openSource(); Statement sql = db.createStatement()) {
                for (int i = 0; i < n; i++) {
                    sql.execute(t.update(table, UPDATE_IDS + i, i));
                }
                sql.execute(t.insertDefaults(table, LAST_ID));
            }
            awaitAccounted(p, table, List.of(LAST_ID));
            // The sink waits for each dead-lettered record to be written before it commits what follows, so once a later
            // row is in the target, every record dead-lettered before it is there to read.
            Map<Integer, String> dead = byId(p.deadLetters().read());

            List<String> wrong = new ArrayList<>();
            List<String> report = new ArrayList<>();
            try (Connection inSrc = p.openSource(); Connection tgt = p.openTarget()) {
                prepare(inSrc, source);
                prepare(tgt, target);
                for (AwkwardColumn c : t.columns()) {
                    Map<Integer, Object> inSource = read(inSrc, table, c, source, true);
                    Map<Integer, Object> inTarget = read(tgt, table, c, target, false);
                    for (int i = 0; i < n; i++) {
                        AwkwardValue v = t.values().get(i);
                        if (v.column() != c && !v.column().name().equals(c.name())) {
                            continue;
                        }
                        for (Phase phase : Phase.values()) {
                            int id = (phase == Phase.SNAPSHOT ? 1 : phase == Phase.LOG ? LOG_IDS : UPDATE_IDS) + i;
                            Outcome expected = v.expected(d, phase);
                            Outcome seen = observed(id, phase, inSource, inTarget, beforeUpdates.get(c.name()), dead);
                            report.add(d + " " + phase + " " + v + ": " + seen);
                            if (!matches(expected, seen)) {
                                wrong.add(phase + " " + v + ": expected " + expected + ", saw " + seen);
                            }
                        }
                    }
                }
            }
            System.out.println("Awkward values, " + d + ":\n  " + String.join("\n  ", report));
            assertThat(wrong).as(d + ": values that neither arrived exactly nor were refused where documented").isEmpty();
        }
    }

    private static List<Integer> ids(int first, int count) {
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(first + i);
        }
        return ids;
    }

    /** Waits until every id is in the target table or the dead-letter topic; fails fast on a FAILED task. */
    private static void awaitAccounted(ShippedPipeline p, String table, List<Integer> ids) {
        await(p.direction() + ": rows " + ids.get(0) + ".. in the target or dead-lettered").atMost(Duration.ofSeconds(240))
                .pollInterval(Duration.ofSeconds(1))
                .ignoreExceptionsInstanceOf(SQLException.class)
                .failFast("a task FAILED", p::assertNoTaskFailed)
                .untilAsserted(() -> {
                    Map<Integer, String> dead = byId(p.deadLetters().poll());
                    Set<Integer> present = new TreeSet<>();
                    try (Connection tgt = p.openTarget(); Statement st = tgt.createStatement();
                         ResultSet rs = st.executeQuery("SELECT id FROM " + table)) {
                        while (rs.next()) {
                            present.add(rs.getInt(1));
                        }
                    }
                    List<Integer> missing = ids.stream().filter(id -> !present.contains(id) && !dead.containsKey(id)).toList();
                    assertThat(missing).as("rows neither in the target nor dead-lettered").isEmpty();
                });
    }

    /** The dead-lettered rows by id (from each record's DDML key; -1 for a record without one), with their reasons. */
    private static Map<Integer, String> byId(List<DeadLetter> letters) throws IOException {
        Map<Integer, String> reasons = new HashMap<>();
        for (DeadLetter letter : letters) {
            JsonNode key = letter.key() == null ? null : JSON.readTree(letter.key());
            JsonNode id = key == null ? null : key.has("payload") ? key.path("payload").path("id") : key.path("id");
            reasons.put(id == null || id.isMissingNode() ? -1 : id.asInt(), letter.reason());
        }
        return reasons;
    }

    /**
     * What became of row {@code id}'s value: dead-lettered (and whether the target row is as it was: absent, or for an
     * update its value before the update), or in the target equal to the source's or not.
     */
    private static Outcome observed(int id, Phase phase, Map<Integer, Object> inSource, Map<Integer, Object> inTarget,
                                    Map<Integer, Object> beforeUpdate, Map<Integer, String> dead) {
        if (dead.containsKey(id)) {
            boolean asBefore = phase == Phase.UPDATE
                    ? inTarget.containsKey(id) && Objects.equals(inTarget.get(id), beforeUpdate.get(id))
                    : !inTarget.containsKey(id);
            return new Outcome.DeadLettered(dead.get(id), asBefore);
        }
        if (!inTarget.containsKey(id)) {
            return new Outcome.Missing();
        }
        Object s = inSource.get(id);
        Object t = inTarget.get(id);
        return Objects.equals(s, t) ? Outcome.ARRIVES : new Outcome.Differs(s, t);
    }

    /** The sink's words for a change whose rows the producer left out because a value has no DDML value (SPEC.md 6.1). */
    private static final String NOT_CARRIED = "was not carried: its rows were left out by the producer: a value has no exact "
            + "DDML value (unrepresentable_value): ";

    private static boolean matches(Outcome expected, Outcome seen) {
        if (expected instanceof Outcome.RefusedBySink r) {
            return seen instanceof Outcome.DeadLettered s && s.targetAsBefore() && !s.message().contains(NOT_CARRIED)
                    && s.message().contains(r.reason());
        }
        if (expected instanceof Outcome.RefusedBySource r) {
            return seen instanceof Outcome.DeadLettered s && s.targetAsBefore()
                    && s.message().contains(NOT_CARRIED + "column " + r.column() + " (after") && s.message().contains(r.reason());
        }
        if (expected instanceof Outcome.Changed c) {
            return seen instanceof Outcome.Differs s && Objects.equals(c.target(), s.target());
        }
        return expected instanceof Outcome.Arrives && seen instanceof Outcome.Arrives;
    }

    private static void prepare(Connection db, Db system) throws SQLException {
        if (system == Db.POSTGRES) {
            try (Statement st = db.createStatement()) {
                st.execute("SET intervalstyle = 'iso_8601'");
            }
        }
    }

    /** Every row's value of {@code column}, by id, as {@link ValueKind} normalizes it (null for SQL NULL). */
    private static Map<Integer, Object> read(Connection db, String table, AwkwardColumn column, Db system, boolean inSource)
            throws SQLException {
        Map<Integer, Object> values = new HashMap<>();
        ValueKind kind = column.kind();
        boolean bytes = kind.bytes() || kind == ValueKind.BITS && !inSource;
        String expression = bytes ? column.name() : column.select(system, inSource);
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("SELECT id, " + expression + " FROM " + table)) {
            while (rs.next()) {
                Object value;
                if (bytes) {
                    byte[] b = rs.getBytes(2);
                    value = b == null ? null : kind == ValueKind.BITS ? ValueKind.bits(b) : ValueKind.hex(b);
                } else {
                    String text = rs.getString(2);
                    value = text == null ? null : normalized(kind, text);
                }
                values.put(rs.getInt(1), value);
            }
        }
        return values;
    }

    private static Object normalized(ValueKind kind, String text) {
        try {
            return kind.normalize(text);
        } catch (RuntimeException e) {
            return text; // e.g. MariaDB's zero date, which no Java date holds: compared as its text
        }
    }
}
