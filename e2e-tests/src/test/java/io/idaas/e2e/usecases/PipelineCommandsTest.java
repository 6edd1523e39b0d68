package io.idaas.e2e.usecases;

import com.fasterxml.jackson.databind.JsonNode;
import io.idaas.e2e.ConnectRest;
import io.idaas.e2e.pipeline.Db;
import io.idaas.stack.LocalStack;
import io.idaas.stack.junit.LocalStackExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code idaas pipeline validate|plan|apply|status|verify|delete} on one pipeline file, against the shared stack: a
 * PostgreSQL source copied into another PostgreSQL database and into MariaDB. The target passwords are a
 * {@code ${file:...}} reference, resolved by the worker's FileConfigProvider. Judged from outside: Connect's REST API,
 * Kafka's topic list, PostgreSQL's slots, and the targets' rows with plain SQL.
 */
@ExtendWith(LocalStackExtension.class)
class PipelineCommandsTest {

    @TempDir
    Path dir;

    @Test
    void aSchemaErrorIsReportedWithItsPathAndNothingIsAskedOfConnect(LocalStack stack) throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, """
                name: bad
                source:
                  kind: postgres
                  connection: {host: h, port: 99999, user: u, password: p, database: d}
                targets:
                  - {name: t, kind: jdbc, url: 'postgres://h/d', user: u, password: p}
                """);
        PipelineCli.Run run = new PipelineCli(stack).run("validate", file, Map.of());
        assertThat(run.exit()).as(run.toString()).isEqualTo(1);
        assertThat(run.err()).contains("source.connection.port: must have a maximum value of 65535")
                .contains("targets[0].url: does not match the regex pattern")
                .contains("write the target's JDBC URL: jdbc:postgresql://HOST:PORT/DB");
    }

    @Test
    void validatePlanApplyStatusVerifyAndDeleteAPipeline(LocalStack stack) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String name = "cmd-" + run;
        String sourceDb = "cmd_src_" + run;
        String pgCopy = "cmd_pg_" + run;
        String mariaCopy = "cmd_maria_" + run;
        Db.POSTGRES.createDatabase(stack, sourceDb);
        Db.POSTGRES.createDatabase(stack, pgCopy);
        Db.MARIADB.createDatabase(stack, mariaCopy);
        sql(Db.POSTGRES.open(stack, sourceDb), "CREATE TABLE items (id INT PRIMARY KEY, label TEXT NOT NULL, qty INT)",
                "INSERT INTO items VALUES (1, 'one', 10), (2, 'two', 20), (3, 'three', 30)");
        Path secrets = dir.resolve("secrets.properties");
        Files.writeString(secrets, "pg=" + stack.postgres().password() + "\nmaria=" + stack.mariadb().password() + "\n");
        String pgRef = "${file:" + secrets.toAbsolutePath() + ":pg}";
        String mariaRef = "${file:" + secrets.toAbsolutePath() + ":maria}";
        String pg = stack.postgres().host() + ":" + stack.postgres().port();
        String maria = stack.mariadb().host() + ":" + stack.mariadb().port();
        String twoTargets = """
                name: %1$s
                variables:
                  source_password: '%2$s'
                  maria_password: '%12$s'
                source:
                  kind: postgres
                  connection: {host: %3$s, port: %4$d, user: %5$s, password: '${source_password}', database: %6$s}
                  tables: {include: [items]}
                targets:
                  - {name: pg, kind: jdbc, url: 'jdbc:postgresql://%7$s/%8$s', user: %5$s, password: '%2$s'}
                  - {name: maria, kind: jdbc, url: 'jdbc:mariadb://%9$s/%10$s', user: %11$s, password: '${maria_password}', options: {batch.size: 1000}}
                verify: {tables: [items]}
                """.formatted(name, pgRef, stack.postgres().host(), stack.postgres().port(), stack.postgres().user(), sourceDb,
                pg, pgCopy, maria, mariaCopy, stack.mariadb().user(), mariaRef);
        Path file = dir.resolve("pipeline.yaml");
        Files.writeString(file, twoTargets);
        PipelineCli cli = new PipelineCli(stack);
        ConnectRest connect = new ConnectRest(stack.connect().restUrl());

        // validate: wrong passwords are reported per connector, with the field and Connect's message.
        PipelineCli.Run bad = cli.run("validate", file, Map.of("source_password", "wrong", "maria_password", "wrong"));
        assertThat(bad.exit()).as(bad.toString()).isEqualTo(1);
        assertThat(bad.err()).as(bad.toString()).contains("source.connection.password: a password in clear", "targets[1].password: a password in clear");
        assertThat(bad.out()).as(bad.toString()).contains(name + "-source: ").contains("password authentication failed")
                .contains(name + "-to-pg: valid")
                .contains(name + "-to-maria: 2 errors", "connection.password: Unable to connect to ", "check connection.user and connection.password");
        PipelineCli.Run valid = cli.run("validate", file, Map.of());
        assertThat(valid.exit()).as(valid.toString()).isZero();
        assertThat(valid.err()).as("references, no clear password: no warning").doesNotContain("warning");

        // plan: everything to create; nothing created by it.
        PipelineCli.Run plan = cli.run("plan", file, Map.of());
        assertThat(plan.exit()).as(plan.toString()).isZero();
        assertThat(plan.out()).contains("+ create " + name + "-source", "+ create " + name + "-to-pg", "+ create " + name + "-to-maria",
                "Plan: 3 to create, 0 to change, 0 to delete, 0 unchanged.");
        assertThat(connect.status(name + "-source")).isNull();

        // apply: source first, then the sinks; rows arrive, and an update and a delete after them.
        PipelineCli.Run apply = cli.run("apply", file, Map.of());
        assertThat(apply.exit()).as(apply.toString()).isZero();
        assertThat(apply.out()).containsSubsequence("created " + name + "-source", "created " + name + "-to-pg", "created " + name + "-to-maria", "Applied.");
        sql(Db.POSTGRES.open(stack, sourceDb), "UPDATE items SET qty = 11 WHERE id = 1", "DELETE FROM items WHERE id = 3",
                "INSERT INTO items VALUES (4, 'four', NULL)");
        List<String> expected = List.of("1|one|11", "2|two|20", "4|four|null");
        awaitRows(() -> rows(Db.POSTGRES.open(stack, pgCopy)), expected);
        awaitRows(() -> rows(Db.MARIADB.open(stack, mariaCopy)), expected);

        // Secrets: Connect stores and shows the reference; the worker resolved it (the rows above arrived).
        JsonNode pgConfig = connect.get("/connectors/" + name + "-to-pg/config");
        assertThat(pgConfig.path("connection.password").asText()).isEqualTo(pgRef);
        assertThat(connect.get("/connectors/" + name + "-source/config").path("database.password").asText()).isEqualTo(pgRef);

        // apply again: nothing changes; plan says so.
        PipelineCli.Run again = cli.run("apply", file, Map.of());
        assertThat(again.exit()).as(again.toString()).isZero();
        assertThat(again.out()).contains("Nothing to change: the 3 connectors of " + name + " already run the file's configs.");
        assertThat(cli.run("plan", file, Map.of()).out()).contains("Plan: 0 to create, 0 to change, 0 to delete, 3 unchanged.");

        // status: the pipeline's connectors only.
        PipelineCli.Run status = cli.run("status", file, Map.of(), "--json");
        assertThat(status.exit()).as(status.toString()).isZero();
        assertThat(status.out()).contains("\"" + name + "-source\"", "\"" + name + "-to-pg\"", "\"" + name + "-to-maria\"");
        List<String> shown = new ArrayList<>();
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(status.out()).path("connectors")
                .forEach(c -> shown.add(c.path("name").asText()));
        assertThat(shown).containsExactlyInAnyOrder(name + "-source", name + "-to-pg", name + "-to-maria");

        // verify: the source against both targets.
        PipelineCli.Run verify = cli.run("verify", file, Map.of());
        assertThat(verify.exit()).as(verify.toString()).isZero();
        assertThat(verify.out()).contains("== " + name + "-to-pg", "== " + name + "-to-maria");
        sql(Db.MARIADB.open(stack, mariaCopy), "INSERT INTO items (id, label, qty) VALUES (99, 'only in the copy', 1)");
        PipelineCli.Run differs = cli.run("verify", file, Map.of(), "--mode", "row");
        assertThat(differs.exit()).as(differs.toString()).isEqualTo(1);
        sql(Db.MARIADB.open(stack, mariaCopy), "DELETE FROM items WHERE id = 99");

        // An edited file: the plan shows the key that changes, apply makes it so.
        Files.writeString(file, twoTargets.replace("batch.size: 1000", "batch.size: 10"));
        PipelineCli.Run changed = cli.run("plan", file, Map.of());
        assertThat(changed.out()).as(changed.toString()).contains("~ change " + name + "-to-maria (1 key)", "~ batch.size: 1000 -> 10",
                "Plan: 0 to create, 1 to change, 0 to delete, 2 unchanged.");
        assertThat(cli.run("apply", file, Map.of()).exit()).isZero();
        assertThat(connect.get("/connectors/" + name + "-to-maria/config").path("batch.size").asText()).isEqualTo("10");

        // A target removed from the file: plan shows its delete, apply deletes it.
        String oneTarget = twoTargets.lines().filter(l -> !l.contains("name: maria")).reduce("", (a, l) -> a + l + "\n");
        Files.writeString(file, oneTarget);
        PipelineCli.Run removed = cli.run("plan", file, Map.of());
        assertThat(removed.out()).as(removed.toString()).contains("- delete " + name + "-to-maria", "Plan: 0 to create, 0 to change, 1 to delete, 2 unchanged.");
        PipelineCli.Run applied = cli.run("apply", file, Map.of());
        assertThat(applied.out()).as(applied.toString()).contains("deleted " + name + "-to-maria");
        awaitGone(connect, name + "-to-maria");

        // delete: refused without --yes; with --purge --yes the connectors, their offsets, topics and replication slot go.
        PipelineCli.Run refused = cli.run("delete", file, Map.of(), "--purge");
        assertThat(refused.exit()).as(refused.toString()).isEqualTo(1);
        assertThat(refused.out()).contains("Would delete: connectors " + name + "-to-pg, " + name + "-source", name + ".public.items",
                "replication slot and publication idaas_" + name.replace('-', '_'), "Nothing deleted: add --yes");
        assertThat(connect.status(name + "-source")).isNotNull();
        PipelineCli.Run deleted = cli.run("delete", file, Map.of(), "--purge", "--yes");
        assertThat(deleted.exit()).as(deleted.toString()).isZero();
        assertThat(connect.get("/connectors").toString()).doesNotContain(name);
        awaitGone(connect, name + "-source");
        awaitGone(connect, name + "-to-pg");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers()))) {
            await("the pipeline's topics deleted").atMost(Duration.ofSeconds(30)).until(() ->
                    admin.listTopics().names().get().stream().noneMatch(t -> t.startsWith(name + ".")));
        }
        try (Connection c = Db.POSTGRES.open(stack, sourceDb); Statement st = c.createStatement();
             ResultSet slots = st.executeQuery("SELECT count(*) FROM pg_replication_slots WHERE slot_name = 'idaas_" + name.replace('-', '_') + "'")) {
            slots.next();
            assertThat(slots.getInt(1)).as("replication slot left").isZero();
        }
        assertThat(deleted.out()).contains("dropped replication slot idaas_" + name.replace('-', '_'),
                "deleted the offsets of connector " + name + "-source", "deleted the offsets of connector " + name + "-to-pg");

        assertThat(deleted.out()).contains("deleted the offsets of " + name + "-to-pg in its target (1 row of idaas_sink_offsets)");

        // Applied again after --purge, the pipeline starts afresh: its source has no offsets of the deleted connector (it
        // would resume from them, past its snapshot), so it snapshots the table again into the recreated topic; its sink
        // finds no offsets of its own in the target (it would skip the new topic's records up to them), so a target
        // emptied meanwhile gets every row back.
        sql(Db.POSTGRES.open(stack, pgCopy), "DELETE FROM items");
        PipelineCli.Run reapplied = cli.run("apply", file, Map.of());
        assertThat(reapplied.exit()).as(reapplied.toString()).isZero();
        await("the table snapshotted again").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> keysIn(stack, name + ".public.items").containsAll(List.of("1", "2", "4")));
        awaitRows(() -> rows(Db.POSTGRES.open(stack, pgCopy)), expected);
        PipelineCli.Run purgedAgain = cli.run("delete", file, Map.of(), "--purge", "--yes");
        assertThat(purgedAgain.exit()).as(purgedAgain.toString()).isZero();
    }

    /** Connect answers DELETE once the config is gone; the status goes a moment later. */
    static void awaitGone(ConnectRest connect, String connector) {
        await(connector + " gone").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> connect.status(connector) == null);
    }

    interface Rows {
        List<String> read() throws Exception;
    }

    static void awaitRows(Rows rows, List<String> expected) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .untilAsserted(() -> assertThat(rows.read()).isEqualTo(expected));
    }

    static List<String> rows(Connection c) throws Exception {
        try (c; Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT id, label, qty FROM items ORDER BY id")) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getInt(1) + "|" + rs.getString(2) + "|" + rs.getString(3));
            }
            return out;
        }
    }

    /** The {@code id} of every record's key in {@code topic}, read from its start. */
    static java.util.Set<String> keysIn(LocalStack stack, String topic) {
        java.util.Set<String> ids = new java.util.TreeSet<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.kafka().bootstrapServers(), ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(5)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    java.util.regex.Matcher id = java.util.regex.Pattern.compile("\"id\"\\s*:\\s*(\\d+)").matcher(String.valueOf(r.key()));
                    if (id.find()) {
                        ids.add(id.group(1));
                    }
                }
            }
        } catch (RuntimeException noTopicYet) {
            // asked again
        }
        return ids;
    }

    static void sql(Connection c, String... statements) throws Exception {
        try (c; Statement st = c.createStatement()) {
            for (String s : statements) {
                st.execute(s);
            }
        }
    }

}
