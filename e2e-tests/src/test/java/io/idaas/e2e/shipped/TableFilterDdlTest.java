package io.idaas.e2e.shipped;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idaas.e2e.pipeline.Db;
import io.idaas.e2e.pipeline.Direction;
import io.idaas.e2e.pipeline.ShippedPipeline;
import io.idaas.stack.LocalStack;
import io.idaas.stack.junit.LocalStackExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 10 item 13: a MariaDB/MySQL source's snapshot reads the schema of every table of the captured database, and
 * its DDL events for tables outside the connector's table filter must not reach a sink (the shipped sink configs read
 * the whole database's topics with a wide {@code topics.regex}). With the shipped source configs (DdmlSourceConnector
 * around Debezium's connector, which filters DDL by the connector's own {@code table.include.list}), such DDL makes no
 * topic at all, whether the table existed at the snapshot or is created, altered or dropped later; a table created later
 * that the filter does take arrives (what {@code schema.history.internal.store.only.captured.tables.ddl=true} broke).
 */
@ExtendWith(LocalStackExtension.class)
class TableFilterDdlTest {

    @ParameterizedTest
    @EnumSource(value = Direction.class, names = {"MARIADB_TO_POSTGRES", "MYSQL_TO_MYSQL"})
    void ddlOfTablesOutsideTheFilterReachesNoTopicAndNoSink(Direction direction, LocalStack stack) throws Exception {
        try (ShippedPipeline pipeline = new ShippedPipeline(stack, direction, "flt")) {
            Db db = direction.source.db();
            try (Connection c = pipeline.openSource(); Statement sql = c.createStatement()) {
                sql.execute("CREATE TABLE kept (id INT PRIMARY KEY, v VARCHAR(20))");
                sql.execute("INSERT INTO kept VALUES (1, 'a'), (2, 'b')");
                sql.execute("CREATE TABLE outside (id INT PRIMARY KEY, v VARCHAR(20))");
                sql.execute("INSERT INTO outside VALUES (1, 'not replicated')");
                // A table the target could not take: its DDL must not even reach the sink.
                sql.execute("CREATE TABLE " + db.quote("outside_" + "x".repeat(56)) + " (id INT PRIMARY KEY)");
            }
            ObjectNode source = pipeline.sourceConfig();
            ((ObjectNode) source.get("config")).put("table.include.list", pipeline.sourceDb() + "\\.kept.*");
            pipeline.start(source);
            pipeline.startSink();

            try (Connection c = pipeline.openSource(); Statement sql = c.createStatement()) {
                sql.execute("ALTER TABLE outside ADD COLUMN w INT");
                sql.execute("CREATE TABLE outside_later (id INT PRIMARY KEY)");
                sql.execute("INSERT INTO outside_later VALUES (1)");
                sql.execute("DROP TABLE outside");
                sql.execute("CREATE TABLE kept_later (id INT PRIMARY KEY, v VARCHAR(20))");
                sql.execute("INSERT INTO kept_later VALUES (7, 'later')");
                sql.execute("INSERT INTO kept VALUES (3, 'c')");
            }

            await(direction + ": the filtered tables arrive").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                    .failFast("a connector stopped", () -> pipeline.assertRunning())
                    .ignoreExceptionsInstanceOf(java.sql.SQLException.class) // the target tables may not exist yet
                    .untilAsserted(() -> {
                        try (Connection target = pipeline.openTarget()) {
                            Db tgt = direction.target.db();
                            assertThat(tgt.rows(target, "kept", List.of("id", "v")))
                                    .containsExactly(List.of("1", "a"), List.of("2", "b"), List.of("3", "c"));
                            assertThat(tgt.rows(target, "kept_later", List.of("id", "v"))).containsExactly(List.of("7", "later"));
                        }
                    });
            pipeline.awaitSinkCaughtUp(Duration.ofSeconds(60));

            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers()))) {
                Set<String> topics = admin.listTopics().names().get();
                assertThat(topics).contains(pipeline.topicOf("kept"), pipeline.topicOf("kept_later"));
                assertThat(topics).as("topics of tables outside the filter")
                        .noneMatch(t -> t.startsWith(pipeline.prefix() + "." + pipeline.sourceDb() + ".outside"));
            }
            try (Connection target = pipeline.openTarget()) {
                assertThat(direction.target.db().tables(target).stream().filter(t -> !t.startsWith("idaas_")))
                        .containsExactlyInAnyOrder("kept", "kept_later");
            }
            assertThat(pipeline.deadLetters().read()).isEmpty();
            pipeline.assertRunning();
        }
    }
}
