package io.idaas.e2e.replication;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idaas.e2e.pipeline.Db;
import io.idaas.e2e.pipeline.DeadLetters.DeadLetter;
import io.idaas.e2e.pipeline.Direction;
import io.idaas.e2e.pipeline.ShippedPipeline;
import io.idaas.e2e.pipeline.Source;
import io.idaas.stack.LocalStack;
import io.idaas.stack.junit.LocalStackExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Item 4 of issue 10: values of 1 MiB and 16 MiB in LONGTEXT, LONGBLOB and JSON columns (MariaDB) and text, bytea and
 * jsonb columns (PostgreSQL), inserted and updated, replicate exactly through the shipped configs; a change too large
 * for one Kafka record (64 MiB with the shipped configs) lands in the sink's dead-letter topic with the reason, and the
 * changes after it still flow. Before, the source task failed on the first record over 1 MiB (RecordTooLargeException,
 * max.request.size) and captured nothing after it. The target is judged with plain SQL: each value's SHA-256 computed by
 * each database.
 */
@ExtendWith(LocalStackExtension.class)
class LargeValuesTest {

    private static final int MIB = 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void mariaDbToPostgres(LocalStack stack) throws Exception {
        run(stack, Direction.MARIADB_TO_POSTGRES, 50 * MIB);
    }

    @Test
    void postgresToMariaDb(LocalStack stack) throws Exception {
        run(stack, Direction.POSTGRES_TO_MARIADB, 70 * MIB);
    }

    /**
     * @param tooLarge the size of a text value whose update event is over 64 MiB: a MariaDB update carries the row before
     *                 and after, a PostgreSQL one (without REPLICA IDENTITY FULL) only the row after
     */
    private void run(LocalStack stack, Direction direction, int tooLarge) throws Exception {
        boolean fromMariaDb = direction.source == Source.MARIADB;
        String table = "lv";
        ShippedPipeline p = new ShippedPipeline(stack, direction, "lv");
        try (p) {
            p.source(fromMariaDb ? "CREATE TABLE " + table + " (id INT PRIMARY KEY, t LONGTEXT, b LONGBLOB, j JSON)"
                    : "CREATE TABLE " + table + " (id INT PRIMARY KEY, t TEXT, b BYTEA, j JSONB)",
                    "INSERT INTO " + table + " (id, t) VALUES (0, 'small')");
            p.startSource();
            p.awaitTopics(table);
            p.startSink();
            awaitSameValues(p, table, Duration.ofSeconds(120));

            // One source transaction: 1 MiB in each column, then five rows of one 16 MiB value each. The sink applies a
            // source transaction together, so its multi-row statement must be cut by bytes for a MariaDB target.
            try (Connection db = p.openSource()) {
                db.setAutoCommit(false);
                upsert(db, table, fromMariaDb, 1, text(MIB, 1), bytes(MIB, 1), json(MIB, 1));
                upsert(db, table, fromMariaDb, 2, text(16 * MIB, 2), null, null);
                upsert(db, table, fromMariaDb, 3, null, bytes(16 * MIB, 3), null);
                upsert(db, table, fromMariaDb, 4, null, null, json(16 * MIB, 4));
                upsert(db, table, fromMariaDb, 5, text(16 * MIB, 5), null, null);
                upsert(db, table, fromMariaDb, 6, null, bytes(16 * MIB, 6), null);
                db.commit();
            }
            awaitSameValues(p, table, Duration.ofSeconds(300));

            // Updates: a new value of the same size in each.
            try (Connection db = p.openSource()) {
                db.setAutoCommit(false);
                upsert(db, table, fromMariaDb, 1, text(MIB, 11), bytes(MIB, 11), json(MIB, 11));
                upsert(db, table, fromMariaDb, 2, text(16 * MIB, 12), null, null);
                upsert(db, table, fromMariaDb, 3, null, bytes(16 * MIB, 13), null);
                upsert(db, table, fromMariaDb, 4, null, null, json(16 * MIB, 14));
                db.commit();
            }
            List<String> beforeTooLarge = awaitSameValues(p, table, Duration.ofSeconds(300));

            // A change over the limit, then changes after it.
            try (Connection db = p.openSource()) {
                upsert(db, table, fromMariaDb, 5, text(tooLarge, 15), null, null);
                db.setAutoCommit(false);
                upsert(db, table, fromMariaDb, 7, "after the large one", null, null);
                upsert(db, table, fromMariaDb, 1, "changed after the large one", bytes(10, 17), json(100, 17));
                db.commit();
            }
            await("the changes after the one too large reach the target").atMost(Duration.ofSeconds(300))
                    .pollInterval(Duration.ofSeconds(1)).ignoreExceptionsInstanceOf(SQLException.class)
                    .failFast("a task FAILED", p::assertNoTaskFailed)
                    .untilAsserted(() -> {
                        List<String> target = digests(p, false, table);
                        List<String> now = digests(p, true, table);
                        assertThat(target).as("every row but 5").containsAll(now.stream().filter(r -> !r.startsWith("5|")).toList());
                    });
            List<String> target = digests(p, false, table);
            String stale = beforeTooLarge.stream().filter(r -> r.startsWith("5|")).findFirst().orElseThrow();
            assertThat(target).as("row 5 keeps its value from before the change that was too large").contains(stale);
            assertThat(digests(p, true, table)).doesNotContain(stale);

            await("a dead-lettered record").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> p.deadLetters().count() >= 1);
            List<DeadLetter> dead = p.deadLetters().read();
            assertThat(dead).hasSize(1);
            assertThat(dead.get(0).keyText()).isEqualTo("{\"id\":5}");
            assertThat(dead.get(0).reason()).contains("was not carried", "the row {id=5}", "over its limit of 67108864 bytes",
                    "stale from this change on");
            assertThat(JSON.readTree(dead.get(0).value()).path("dml").path("omitted").path("reason").asText()).isEqualTo("too_large");
            p.assertNoTaskFailed();
        } finally {
            // Once the connectors are gone: the pipeline's databases stay after the test, as every pipeline's do; rows of
            // up to 70 MiB do not.
            p.source("DROP TABLE IF EXISTS " + table);
            p.target("DROP TABLE IF EXISTS " + table);
        }
    }

    /** Inserts row {@code id}, or updates it when it exists (an update in the source's log); a null column is NULL. */
    private static void upsert(Connection db, String table, boolean mariadb, int id, String t, byte[] b, String j)
            throws SQLException {
        String sql = mariadb
                ? "INSERT INTO " + table + " (id, t, b, j) VALUES (?, ?, ?, ?) ON DUPLICATE KEY UPDATE t = VALUES(t), "
                + "b = VALUES(b), j = VALUES(j)"
                : "INSERT INTO " + table + " (id, t, b, j) VALUES (?, ?, ?, ?::jsonb) ON CONFLICT (id) DO UPDATE "
                + "SET t = EXCLUDED.t, b = EXCLUDED.b, j = EXCLUDED.j";
        try (PreparedStatement st = db.prepareStatement(sql)) {
            st.setInt(1, id);
            st.setString(2, t);
            st.setBytes(3, b);
            st.setString(4, j);
            st.executeUpdate();
        }
    }

    /**
     * Text of {@code bytes} UTF-8 bytes or a little more: letters, an accent, an emoji, quotes, backslashes, tabs and line
     * breaks (what JSON escapes), different for each seed.
     */
    static String text(int bytes, long seed) {
        String chunk = "v" + seed + " Zoë 🚀 \"quoted\" back\\slash\ttab\nline " + "abcdefghijklmnopqrstuvwxyz0123456789".repeat(20);
        int chunkBytes = chunk.getBytes(StandardCharsets.UTF_8).length;
        return chunk.repeat(Math.max(1, (bytes + chunkBytes - 1) / chunkBytes));
    }

    static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** A JSON document of about {@code bytes}: {"seed": N, "text": "..."}. */
    static String json(int bytes, long seed) {
        ObjectNode doc = JSON.createObjectNode().put("seed", seed).put("text", text(bytes, seed));
        return doc.toString();
    }

    /**
     * Waits until the target holds the source's rows of {@code table}, value for value, and returns them: per row, its id
     * and the SHA-256 of each value as each database computes it (of the JSON: its seed and its text's digest).
     */
    private static List<String> awaitSameValues(ShippedPipeline p, String table, Duration timeout) {
        await("the target holds the source's values of " + table).atMost(timeout).pollInterval(Duration.ofSeconds(1))
                .ignoreExceptionsInstanceOf(SQLException.class) // the target table may not exist yet
                .failFast("a task FAILED", p::assertNoTaskFailed)
                .untilAsserted(() -> assertThat(digests(p, false, table)).isEqualTo(digests(p, true, table)));
        try {
            return digests(p, true, table);
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> digests(ShippedPipeline p, boolean ofSource, String table) throws SQLException {
        boolean mariadb = (p.direction().source.db() == Db.MARIADB) == ofSource;
        String sql = mariadb
                ? "SELECT id, SHA2(t, 256), SHA2(b, 256), JSON_VALUE(j, '$.seed'), SHA2(JSON_VALUE(j, '$.text'), 256) FROM "
                + table + " ORDER BY id"
                // j is jsonb in a PostgreSQL source, and text in PostgreSQL as a MariaDB source's target (MariaDB's JSON
                // is a LONGTEXT alias, and Debezium reports it so)
                : "SELECT id, encode(sha256(convert_to(t, 'UTF8')), 'hex'), encode(sha256(b), 'hex'), j::jsonb->>'seed', "
                + "encode(sha256(convert_to(j::jsonb->>'text', 'UTF8')), 'hex') FROM " + table + " ORDER BY id";
        List<String> rows = new ArrayList<>();
        try (Connection db = ofSource ? p.openSource() : p.openTarget();
             Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(rs.getInt(1) + "|" + rs.getString(2) + "|" + rs.getString(3) + "|" + rs.getString(4) + "|" + rs.getString(5));
            }
        }
        return rows;
    }
}
