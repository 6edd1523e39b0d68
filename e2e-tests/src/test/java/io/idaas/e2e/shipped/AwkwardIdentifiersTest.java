package io.idaas.e2e.shipped;

import io.idaas.e2e.pipeline.DeadLetters.DeadLetter;
import io.idaas.e2e.pipeline.Db;
import io.idaas.e2e.pipeline.Direction;
import io.idaas.e2e.pipeline.ShippedPipeline;
import io.idaas.e2e.pipeline.Source;
import io.idaas.e2e.pipeline.Target;
import io.idaas.stack.LocalStack;
import io.idaas.stack.junit.LocalStackExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The identifier half of issue 10's awkward-inputs matrix, on every shipped direction: tables and columns named with a
 * space, a double quote, a backtick, a single quote, a dot, non-ASCII letters, an emoji, reserved words, the source's
 * longest name, and upper/mixed/lower case (and two tables whose names map to one topic), each created, filled, updated, altered and dropped while the shipped source
 * and sink configs run (the sink with its shipped wide {@code topics.regex}).
 *
 * <p>Each table either arrives exactly, judged with plain SQL on the target's {@code information_schema} and rows, or
 * is refused at a documented place with a clear reason (connect-configs/README.md, "Names"):
 * <ul>
 *   <li>by the source database itself: MariaDB takes no character outside the Basic Multilingual Plane (an emoji) in a
 *   name ("Invalid utf8mb4 character string"); PostgreSQL cuts names at 63 bytes, so its longest is 63;</li>
 *   <li>by the sink, into the dead-letter topic: a PostgreSQL target refuses a name over 63 bytes (which it would cut
 *   silently), a MariaDB or MySQL target a name with a character outside the Basic Multilingual Plane (an emoji),
 *   which their servers would refuse.</li>
 * </ul>
 * Nothing stops: the source and sink tasks run to the end, the sink reads every record, and no table arrives under
 * another name.
 */
@ExtendWith(LocalStackExtension.class)
class AwkwardIdentifiersTest {

    private static final String EMOJI = "\uD83D\uDE80";
    private static final String ADDED = "new col";

    /** A table of the matrix: its name and its columns besides {@code id}. */
    record Case(String table, List<String> columns) {
    }

    static List<Case> cases(Source source) {
        int longest = source == Source.POSTGRES ? 63 : 64; // PostgreSQL's NAMEDATALEN - 1 bytes; MariaDB's 64 characters
        List<Case> cases = new ArrayList<>(List.of(
                new Case("Order Items", List.of("first name", "quo\"te", "back`tick", "it's", "ünï_表", "order", "select", "user",
                        "MixedCase", "UPPER")),
                // Shares its topic with "Order Items" (SPEC.md section 9.2): each keeps its own rows.
                new Case("Order_Items", List.of("v")),
                new Case("quo\"te", List.of("v")),
                new Case("back`tick", List.of("v")),
                new Case("it's", List.of("v")),
                new Case("dot.ted", List.of("v")),
                new Case("tätö_ñ_表", List.of("v")),
                new Case("order", List.of("select")),
                new Case("user", List.of("v")),
                new Case("MixedCase", List.of("v")),
                new Case("mixedcase", List.of("v")),
                new Case("UPPER", List.of("v")),
                new Case("l" + "x".repeat(longest - 1), List.of("v")),
                new Case("long_column", List.of("c" + "x".repeat(longest - 1)))));
        if (source == Source.POSTGRES) {
            cases.add(new Case("emoji_" + EMOJI, List.of(EMOJI)));
        }
        return cases;
    }

    /** Why the target refuses a case, or null when it takes it. */
    static String refusal(Target target, Case c) {
        List<String> names = Stream.concat(Stream.of(c.table(), ADDED), c.columns().stream()).toList();
        if (target == Target.POSTGRES && names.stream().anyMatch(n -> n.getBytes(StandardCharsets.UTF_8).length > 63)) {
            return "keeps only the first 63 bytes";
        }
        if (target != Target.POSTGRES && names.stream().anyMatch(n -> n.codePoints().anyMatch(Character::isSupplementaryCodePoint))) {
            return "outside Unicode's Basic Multilingual Plane";
        }
        return null;
    }

    @ParameterizedTest
    @EnumSource(Direction.class)
    void everyNameArrivesExactlyOrIsRefusedWithItsReason(Direction direction, LocalStack stack) throws Exception {
        try (ShippedPipeline pipeline = new ShippedPipeline(stack, direction, "awk")) {
            Db src = direction.source.db();
            if (src == Db.MARIADB) {
                assertMariaDbRefusesEmojiNames(pipeline);
            }
            pipeline.startSource();
            pipeline.startSink();

            List<Case> cases = cases(direction.source);
            try (Connection db = pipeline.openSource(); Statement sql = db.createStatement()) {
                for (Case c : cases) {
                    fill(src, sql, c);
                }
            }
            List<Case> arriving = cases.stream().filter(c -> refusal(direction.target, c) == null).toList();
            List<Case> refused = cases.stream().filter(c -> refusal(direction.target, c) != null).toList();

            await(direction + ": every table that arrives holds the source's columns and rows").atMost(Duration.ofSeconds(240))
                    .pollInterval(Duration.ofSeconds(1))
                    .failFast("a connector stopped", () -> pipeline.assertRunning())
                    .untilAsserted(() -> assertArrived(pipeline, arriving));
            await(direction + ": every refused table is in the dead-letter topic with its reason").atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofSeconds(1))
                    .failFast("a connector stopped", () -> pipeline.assertRunning())
                    .untilAsserted(() -> assertRefused(pipeline, refused));

            try (Connection db = pipeline.openSource(); Statement sql = db.createStatement()) {
                for (Case c : cases) {
                    sql.execute("DROP TABLE " + src.quote(c.table()));
                }
            }
            pipeline.awaitSinkCaughtUp(Duration.ofSeconds(120));
            pipeline.assertRunning();
            // The shipped sinks ignore drops (ddl.drop=ignore): the copies stay, unchanged.
            assertArrived(pipeline, arriving, sourceRowsBeforeDrop);
            assertNoStrayTables(pipeline, arriving);
            List<DeadLetter> dead = pipeline.deadLetters().read();
            for (Case c : arriving) {
                assertThat(dead).as("dead letters of " + c.table()).noneMatch(d -> pipeline.topicOf(c.table()).equals(d.topic()));
            }
        }
    }

    /** The rows each table held in the source before it was dropped, by table. */
    private final Map<String, List<List<String>>> sourceRowsBeforeDrop = new java.util.HashMap<>();

    /** Creates, fills, updates, deletes from and alters a table, so its topic carries every kind of event. */
    private static void fill(Db db, Statement sql, Case c) throws SQLException {
        String t = db.quote(c.table());
        String columns = c.columns().stream().map(col -> db.quote(col) + " VARCHAR(40)").collect(Collectors.joining(", "));
        sql.execute("CREATE TABLE " + t + " (" + db.quote("id") + " INT PRIMARY KEY, " + columns + ")");
        String names = Stream.concat(Stream.of("id"), c.columns().stream()).map(db::quote).collect(Collectors.joining(", "));
        for (int id = 1; id <= 3; id++) {
            int row = id;
            String values = c.columns().stream().map(col -> "'v" + row + "'").collect(Collectors.joining(", "));
            sql.execute("INSERT INTO " + t + " (" + names + ") VALUES (" + id + ", " + values + ")");
        }
        sql.execute("UPDATE " + t + " SET " + db.quote(c.columns().get(0)) + " = 'updated' WHERE " + db.quote("id") + " = 2");
        sql.execute("DELETE FROM " + t + " WHERE " + db.quote("id") + " = 3");
        sql.execute("ALTER TABLE " + t + " ADD COLUMN " + db.quote(ADDED) + " VARCHAR(40)");
        String four = c.columns().stream().map(col -> "'v4'").collect(Collectors.joining(", "));
        sql.execute("INSERT INTO " + t + " (" + names + ", " + db.quote(ADDED) + ") VALUES (4, " + four + ", 'added')");
    }

    private void assertArrived(ShippedPipeline pipeline, List<Case> arriving) throws SQLException {
        try (Connection source = pipeline.openSource(); Connection target = pipeline.openTarget()) {
            Db src = pipeline.direction().source.db();
            Db tgt = pipeline.direction().target.db();
            List<String> targetTables = tgt.tables(target);
            for (Case c : arriving) {
                List<String> columns = src.columns(source, c.table());
                assertThat(columns).as("source columns of " + c.table()).contains(ADDED);
                assertThat(targetTables).as("tables of the target").contains(c.table());
                assertThat(tgt.columns(target, c.table()).stream().filter(n -> !n.startsWith("_idaas")))
                        .as("columns of " + c.table() + " in the target (but the sink's own)")
                        .containsExactlyInAnyOrderElementsOf(columns);
                List<List<String>> rows = src.rows(source, c.table(), columns);
                assertThat(tgt.rows(target, c.table(), columns)).as("rows of " + c.table()).isEqualTo(rows);
                sourceRowsBeforeDrop.put(c.table(), rows);
            }
        }
    }

    private void assertArrived(ShippedPipeline pipeline, List<Case> arriving, Map<String, List<List<String>>> expected)
            throws SQLException {
        try (Connection target = pipeline.openTarget()) {
            Db tgt = pipeline.direction().target.db();
            for (Case c : arriving) {
                List<String> columns = Stream.concat(Stream.of("id"), c.columns().stream()).collect(Collectors.toList());
                columns.add(ADDED);
                assertThat(tgt.rows(target, c.table(), columns)).as("rows of " + c.table() + " after the drop")
                        .isEqualTo(expected.get(c.table()));
            }
        }
    }

    private static void assertRefused(ShippedPipeline pipeline, List<Case> refused) throws SQLException {
        List<DeadLetter> dead = pipeline.deadLetters().read();
        for (Case c : refused) {
            String reason = refusal(pipeline.direction().target, c);
            assertThat(dead).as("dead letters of " + c.table() + " on " + pipeline.topicOf(c.table()))
                    .anySatisfy(d -> {
                        assertThat(d.topic()).isEqualTo(pipeline.topicOf(c.table()));
                        assertThat(d.reason()).contains(reason);
                    });
        }
        try (Connection target = pipeline.openTarget()) {
            List<String> tables = pipeline.direction().target.db().tables(target);
            for (Case c : refused) {
                assertThat(tables).as("no table of " + c.table() + ", under its name or cut short")
                        .noneMatch(t -> c.table().startsWith(t) && t.length() > 1 && !t.startsWith("idaas_"));
            }
        }
    }

    /** Only the arriving tables (and the sink's own idaas_* tables) are in the target: nothing arrived under another name. */
    private static void assertNoStrayTables(ShippedPipeline pipeline, List<Case> arriving) throws SQLException {
        try (Connection target = pipeline.openTarget()) {
            assertThat(pipeline.direction().target.db().tables(target).stream().filter(t -> !t.startsWith("idaas_")))
                    .containsExactlyInAnyOrderElementsOf(arriving.stream().map(Case::table).toList());
        }
    }

    /** MariaDB itself refuses a name with a character outside the Basic Multilingual Plane: no such table can exist. */
    private static void assertMariaDbRefusesEmojiNames(ShippedPipeline pipeline) throws SQLException {
        try (Connection db = pipeline.openSource(); Statement sql = db.createStatement()) {
            assertThatThrownBy(() -> sql.execute("CREATE TABLE " + Db.MARIADB.quote("emoji_" + EMOJI) + " (id INT PRIMARY KEY)"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("Invalid utf8mb");
            assertThatThrownBy(() -> sql.execute("CREATE TABLE e (id INT PRIMARY KEY, " + Db.MARIADB.quote(EMOJI) + " INT)"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("Invalid utf8mb");
        }
    }
}
