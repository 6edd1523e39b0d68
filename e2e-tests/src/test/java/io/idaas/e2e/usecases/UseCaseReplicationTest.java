package io.idaas.e2e.usecases;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idaas.configs.ConnectConfig;
import io.idaas.e2e.ConnectRest;
import io.idaas.e2e.KafkaTopics;
import io.idaas.e2e.SourceDatabase;
import io.idaas.e2e.replication.RandomWorkload;
import io.idaas.e2e.replication.TableComparison;
import io.idaas.stack.JdbcServer;
import io.idaas.stack.LocalStack;
import io.idaas.stack.junit.LocalStackExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The use-case configs of connect-configs run end to end: the source config with the DDML transforms, the use case's
 * idaas JDBC sink config, a seeded random workload (inserts, updates, key updates, deletes, transactions, a truncate,
 * a column added half-way), and at the end the same rows in source and target, compared with plain SQL.
 *
 * <p>No MySQL server runs here. The MySQL cases run the MySQL code path (Debezium's MySQL connector, MySQL
 * Connector/J in the sink with a {@code jdbc:mysql:} URL, the sink's MySQL dialect) against the stack's MariaDB
 * server, which speaks the MySQL protocol; what only a real MySQL server would show is not covered.
 */
@ExtendWith(LocalStackExtension.class)
class UseCaseReplicationTest {

    private static final List<String> COLUMNS = List.of("customer", "amount", "qty", "note", "updated_at", "extra");
    private static final int CHANGES = 1_200;

    /** A use case: a source, the connect-configs sink config, and the target it writes to. */
    enum UseCase {
        MYSQL_TO_MYSQL(SourceDatabase.MYSQL, "mysql-to-mysql", Target.MYSQL),
        POSTGRES_TO_MYSQL(SourceDatabase.POSTGRES, "postgres-to-mysql", Target.MYSQL),
        POSTGRES_TO_POSTGRES(SourceDatabase.POSTGRES, "postgres-to-postgres", Target.POSTGRES);

        final SourceDatabase source;
        final String sinkConfig;
        final Target target;

        UseCase(SourceDatabase source, String sinkConfig, Target target) {
            this.source = source;
            this.sinkConfig = sinkConfig;
            this.target = target;
        }
    }

    /** A target database of its own, created for the run on one of the stack's servers. */
    enum Target {
        /** A database on the MariaDB server, reached with MySQL Connector/J. */
        MYSQL {
            @Override
            JdbcServer server(LocalStack stack) {
                return stack.mariadb();
            }

            @Override
            String sinkUrl(LocalStack stack, String database) {
                JdbcServer db = server(stack);
                return "jdbc:mysql://" + db.host() + ":" + db.port() + "/" + database + "?sslMode=DISABLED";
            }

            @Override
            String compareUrl(LocalStack stack, String database) {
                JdbcServer db = server(stack);
                return "jdbc:mariadb://" + db.host() + ":" + db.port() + "/" + database;
            }
        },
        /** A second database on the PostgreSQL server. */
        POSTGRES {
            @Override
            JdbcServer server(LocalStack stack) {
                return stack.postgres();
            }

            @Override
            String sinkUrl(LocalStack stack, String database) {
                return compareUrl(stack, database);
            }

            @Override
            String compareUrl(LocalStack stack, String database) {
                JdbcServer db = server(stack);
                return "jdbc:postgresql://" + db.host() + ":" + db.port() + "/" + database;
            }
        };

        abstract JdbcServer server(LocalStack stack);

        /** The URL the sink is given. */
        abstract String sinkUrl(LocalStack stack, String database);

        /** The URL the comparison reads with, through the database's own driver (not the sink's). */
        abstract String compareUrl(LocalStack stack, String database);

        void create(LocalStack stack, String database) throws SQLException {
            JdbcServer db = server(stack);
            try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password()); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + database);
            }
        }

        Connection open(LocalStack stack, String database) throws SQLException {
            JdbcServer db = server(stack);
            return DriverManager.getConnection(compareUrl(stack, database), db.user(), db.password());
        }

        String placeholderPrefix() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    @ParameterizedTest
    @EnumSource(UseCase.class)
    void aRandomWorkloadEndsAsTheSameRowsInTheTarget(UseCase useCase, LocalStack stack) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String table = "uc_" + run;
        String prefix = "uc_" + run;
        String targetDb = "uc_target_" + run;
        String source = "uc-src-" + run;
        String sink = "uc-sink-" + run;
        RandomWorkload workload = new RandomWorkload(11, table, useCase.source == SourceDatabase.POSTGRES);
        try (Connection db = useCase.source.open(stack); Statement sql = db.createStatement()) {
            sql.execute(workload.createTable());
            sql.execute("INSERT INTO " + table + " (id, customer) VALUES (0, 'before capture')");
        }
        useCase.target.create(stack, targetDb);

        ObjectNode sourceConfig = useCase.source.connector(stack, useCase.source.ddmlConfig(), source, prefix);
        ((ObjectNode) sourceConfig.get("config")).put("table.include.list", useCase.source.qualified(stack, table));
        JdbcServer target = useCase.target.server(stack);
        String p = useCase.target.placeholderPrefix();
        ObjectNode sinkConfig = ConnectConfig.named(useCase.sinkConfig).render(Map.of(
                "name", sink,
                "topic.prefix", prefix,
                "mysql.database", useCase.source.server(stack).database(),
                p + ".jdbc.url", useCase.target.sinkUrl(stack, targetDb),
                p + ".user", target.user(),
                p + ".password", target.password()));

        ((ObjectNode) sinkConfig.get("config")).put("topics.regex",
                KafkaTopics.exactly(useCase.source.topicOf(stack, prefix, table), prefix + ".transaction"));
        ConnectRest connect = new ConnectRest(stack.connect().restUrl());
        connect.create(sourceConfig);
        try {
            connect.awaitRunning(source, Duration.ofSeconds(60));
            KafkaTopics.awaitTopic(stack, useCase.source.topicOf(stack, prefix, table));
            connect.create(sinkConfig);
            connect.awaitRunning(sink, Duration.ofSeconds(60));

            RandomWorkload.Stats stats;
            try (Connection db = useCase.source.open(stack)) {
                stats = workload.run(db, CHANGES);
            }
            assertThat(stats.truncates()).isEqualTo(1);
            assertThat(stats.ddl()).isEqualTo(1);
            assertThat(stats.keyUpdates()).isPositive();

            await(useCase + ": source and target hold the same rows").atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(500))
                    .ignoreExceptionsInstanceOf(SQLException.class) // the target table may not exist yet
                    .untilAsserted(() -> {
                        try (Connection src = useCase.source.open(stack); Connection tgt = useCase.target.open(stack, targetDb)) {
                            assertThat(TableComparison.differences(src, table, tgt, table, "id", COLUMNS))
                                    .as(useCase + " after " + stats).isEmpty();
                        }
                    });
            try (Connection tgt = useCase.target.open(stack, targetDb); Statement sql = tgt.createStatement();
                 ResultSet rs = sql.executeQuery("SELECT COUNT(*), COUNT(extra) FROM " + table)) {
                rs.next();
                assertThat(rs.getLong(1)).as("rows compared").isGreaterThan(100);
                assertThat(rs.getLong(2)).as("rows with the column added half-way").isGreaterThan(30);
            }
            assertThat(connect.status(sink).path("tasks").get(0).path("state").asText()).isEqualTo("RUNNING");
        } finally {
            connect.delete(sink);
            connect.delete(source);
        }
    }
}
