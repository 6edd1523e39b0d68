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
    /**
     * The sink side (issue 14): ToDdml as the JDBC sink's own transform over Debezium's plain MariaDB topics
     * ({@code mariadb-source}, every table of the database captured), the sink reading the schema-change topic and only
     * the {@code kept} table's topics. The schema-change events name every table, and ToDdml makes a DDL event of each;
     * the sink applies only those of tables whose own topic it reads: {@code outside} (at the snapshot and created
     * later, altered, dropped) never becomes a target table, and nothing is dead-lettered.
     */
    @org.junit.jupiter.api.Test
    void aSinkWithToDdmlAppliesOnlyTheDdlOfTablesWhoseTopicsItReads(LocalStack stack) throws Exception {
        Direction direction = Direction.MARIADB_TO_POSTGRES;
        try (ShippedPipeline pipeline = new ShippedPipeline(stack, direction, "sflt")) {
            try (Connection c = pipeline.openSource(); Statement sql = c.createStatement()) {
                sql.execute("CREATE TABLE kept (id INT PRIMARY KEY, v VARCHAR(20))");
                sql.execute("INSERT INTO kept VALUES (1, 'a'), (2, 'b')");
                sql.execute("CREATE TABLE outside (id INT PRIMARY KEY, v VARCHAR(20))");
                sql.execute("INSERT INTO outside VALUES (1, 'not replicated')");
            }
            pipeline.start(io.idaas.configs.ConnectConfig.named("mariadb-source")
                .render(direction.source.values(stack, pipeline.sourceDb(), pipeline.sourceName(), pipeline.prefix())));
            ObjectNode sink = pipeline.sinkConfig();
            ObjectNode config = (ObjectNode) sink.get("config");
            config.remove("value.converter.ddml.format");
            config.remove("header.converter");
            config.remove("topics.regex");
            String topics = java.util.regex.Pattern.quote(pipeline.prefix()) + "|" + java.util.regex.Pattern.quote(pipeline.topicOf("kept"));
            config.put("topics.regex", topics)
                .put("key.converter", "io.idaas.ddml.connect.SchemaCachingJsonConverter")
                .put("key.converter.schemas.enable", "true")
                .put("value.converter", "io.idaas.ddml.connect.SchemaCachingJsonConverter")
                .put("value.converter.schemas.enable", "true")
                .put("header.converter", "org.apache.kafka.connect.storage.StringConverter")
                .put("transforms", "ddml")
                .put("transforms.ddml.type", "io.idaas.transforms.ddml.ToDdml");
            pipeline.start(sink);
            // the snapshot has read both tables (Debezium's plain source gives every table a topic) before they change
            pipeline.awaitTopics("kept", "outside");

            try (Connection c = pipeline.openSource(); Statement sql = c.createStatement()) {
                sql.execute("ALTER TABLE outside ADD COLUMN w INT");
                sql.execute("CREATE TABLE outside_later (id INT PRIMARY KEY)");
                sql.execute("INSERT INTO outside_later VALUES (1)");
                sql.execute("DROP TABLE outside");
                sql.execute("ALTER TABLE kept ADD COLUMN w INT");
                sql.execute("INSERT INTO kept VALUES (3, 'c', 30)");
            }
            await("kept arrives with its new column").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                    .failFast("a connector stopped", () -> pipeline.assertRunning())
                    .ignoreExceptionsInstanceOf(java.sql.SQLException.class)
                    .untilAsserted(() -> {
                        try (Connection target = pipeline.openTarget()) {
                            assertThat(direction.target.db().rows(target, "kept", List.of("id", "v", "w")))
                                    .containsExactly(java.util.Arrays.asList("1", "a", null), java.util.Arrays.asList("2", "b", null), List.of("3", "c", "30"));
                        }
                    });
            // the schema-change topic's partition too: its DDL, routed by ToDdml, is committed where it was read
            pipeline.awaitSinkCaughtUp(Duration.ofSeconds(60), java.util.regex.Pattern.compile(topics));
            try (Connection target = pipeline.openTarget()) {
                assertThat(direction.target.db().tables(target).stream().filter(t -> !t.startsWith("idaas_")))
                        .as("target tables: only those whose topics the sink reads").containsExactly("kept");
            }
            assertThat(pipeline.deadLetters().read()).isEmpty();
            pipeline.assertRunning();
        }
    }
}
