package io.idaas.e2e.redis;

import io.idaas.e2e.LogCapture;
import io.idaas.e2e.SourceDatabase;
import io.idaas.stack.LocalStack;
import io.idaas.stack.junit.LocalStackExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.Jedis;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A change Redis cannot take, with the shipped {@code mariadb-to-redis} config ({@code errors.tolerance=all} and a
 * dead-letter topic), is visible while the task stays RUNNING: in the dead-letter topic with its reason, in the task's
 * metric {@code dead-letter-record-total}, in Connect's {@code task-error-metrics}, and in an ERROR log line that counts
 * it; the other rows apply.
 */
@ExtendWith(LocalStackExtension.class)
class RedisDeadLetterVisibilityTest {

    @Test
    void rowsRedisCannotTakeAreCountedInMetricsAndLogsAndThePipelineGoesOn(LocalStack stack) throws Exception {
        try (RedisPipeline p = new RedisPipeline(stack, SourceDatabase.MARIADB, 7L, 2, 1);
             Jedis redis = new Jedis(stack.redis().host(), stack.redis().port());
             LogCapture log = new LogCapture("io.idaas.connect.redis.RedisSinkTask")) {
            String refused = p.tables().get(0);
            String fine = p.tables().get(1);
            // a key template naming a column that is not the key: every row of that table is refused
            p.start(stack.redis().uri(), Map.of("redis.key.template", refused + ":x:{customer}"));
            try (Connection db = p.openSource(); Statement sql = db.createStatement()) {
                sql.execute("INSERT INTO " + refused + " (id, customer) VALUES (1, 'a')");
                sql.execute("INSERT INTO " + fine + " (id, customer) VALUES (1, 'b')");
            }
            String fineRow = p.prefix() + ":" + p.tableId(fine) + ":1";
            await("the other table's row in Redis").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                .failFast("the sink task FAILED", () -> p.sinkTaskState().startsWith("FAILED"))
                .until(() -> "b".equals(redis.hget(fineRow, "customer")));
            // the snapshot's row 0 and the insert of row 1
            await("two dead-lettered records").atMost(Duration.ofSeconds(60))
                .until(() -> p.deadLetters().values().stream().mapToLong(Long::longValue).sum() == 2);
            assertThat(p.deadLetters().keySet()).allSatisfy(reason -> assertThat(reason)
                .contains("redis.key.template").contains("customer").contains("not a primary-key column"));
            assertThat(p.sinkTaskState()).isEqualTo("RUNNING");
            assertThat(redis.exists(p.prefix() + ":keys:" + p.tableId(refused))).isFalse();
            assertThat(p.taskMetric("plugins", "dead-letter-record-total")).isEqualTo(2.0);
            assertThat(p.taskMetric("task-error-metrics", "deadletterqueue-produce-requests")).isEqualTo(2.0);
            assertThat(log.lines()).filteredOn(l -> l.contains("dead-lettered by this task")).satisfiesExactly(
                l -> assertThat(l).startsWith("ERROR ").contains("(1 record(s) dead-lettered by this task since it started)"),
                l -> assertThat(l).startsWith("ERROR ").contains("(2 record(s) dead-lettered by this task since it started)"));
        }
    }
}
