package io.idaas.client.redis;

import io.idaas.ddml.consistency.ConsistencyToken;
import io.idaas.ddml.consistency.HeartbeatWriter;
import io.idaas.ddml.consistency.SourceLog;
import io.idaas.stack.LocalStack;
import io.idaas.stack.junit.LocalStackExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.RedisClient;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The waiter against the local stack's real Redis, with applied keys written by hand as the sink writes them. */
@ExtendWith(LocalStackExtension.class)
class RedisTokenWaiterTest {

    private static final String BEFORE = "0000000001:00000000000000001831/2/0000000004";
    private static final String TOKEN = "0000000001:00000000000000002049/2/0000000000";
    private static final String AFTER = "0000000001:00000000000000002101/2/0000000000";

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String prefix = "t" + run;
    private RedisClient redis;

    @BeforeEach
    void connect(LocalStack stack) {
        redis = RedisClient.create(stack.redis().host(), stack.redis().port());
    }

    @AfterEach
    void close() {
        redis.close();
    }

    @Test
    void aCopyAtOrPastTheTokenAnswersAtOnce() throws Exception {
        RedisTokenWaiter waiter = RedisTokenWaiter.builder(redis).prefix(prefix).build();
        ConsistencyToken token = new ConsistencyToken("shop", TOKEN);
        assertThat(waiter.appliedKey(token)).isEqualTo(prefix + ":applied:shop");
        redis.set(prefix + ":applied:shop", TOKEN);
        assertThat(waiter.await(token, Duration.ZERO)).isTrue();
        redis.set(prefix + ":applied:shop", AFTER);
        assertThat(waiter.await(token, Duration.ZERO)).isTrue();
        assertThat(waiter.applied(token)).isEqualTo(AFTER);
    }

    @Test
    void aCopyBehindTheTokenTimesOutAndOneThatCatchesUpAnswersThen() throws Exception {
        RedisTokenWaiter waiter = RedisTokenWaiter.builder(redis).prefix(prefix).build();
        ConsistencyToken token = new ConsistencyToken("shop", TOKEN);
        long start = System.nanoTime();
        assertThat(waiter.await(token, Duration.ofMillis(200))).as("no applied key at all").isFalse();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(200);
        redis.set(prefix + ":applied:shop", BEFORE);
        assertThat(waiter.await(token, Duration.ofMillis(100))).as("an applied position before the token").isFalse();

        CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return waiter.await(token, Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(150);
        assertThat(waiting).isNotDone();
        redis.set(prefix + ":applied:shop", AFTER);
        assertThat(waiting.get(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aTokenNamedAsAViewAppNamesItsSourceIsCheckedUnderTheMappedSourceName() throws Exception {
        RedisTokenWaiter waiter = RedisTokenWaiter.builder(redis).prefix(prefix).source("shop", "demo").build();
        ConsistencyToken token = new ConsistencyToken("shop", TOKEN);
        assertThat(waiter.appliedKey(token)).isEqualTo(prefix + ":applied:demo");
        redis.set(prefix + ":applied:shop", AFTER);
        assertThat(waiter.await(token, Duration.ofMillis(50))).as("the token's own name is not the copy's").isFalse();
        redis.set(prefix + ":applied:demo", AFTER);
        assertThat(waiter.await(token, Duration.ofMillis(50))).isTrue();
        assertThat(waiter.await(new ConsistencyToken("demo", TOKEN), Duration.ofMillis(50))).isTrue();
    }

    @Test
    void aCopyBehindAsksTheSourceForHeartbeatsUntilItCatchesUp(LocalStack stack) throws Exception {
        String table = "hb_" + run;
        var db = stack.mariadb();
        try (HeartbeatWriter heartbeat = new HeartbeatWriter(SourceLog.MARIADB, db.jdbcUrl(), db.user(), db.password(), table,
                "waiter-" + run, null, null).start()) {
            RedisTokenWaiter waiter = RedisTokenWaiter.builder(redis).prefix(prefix).heartbeat(heartbeat)
                    .heartbeatRepeat(Duration.ofMillis(100)).build();
            redis.set(prefix + ":applied:shop", AFTER);
            assertThat(waiter.await(new ConsistencyToken("shop", TOKEN), Duration.ofSeconds(1))).isTrue();
            assertThat(heartbeat.written()).as("no heartbeat for a copy already there").isZero();

            assertThat(waiter.await(new ConsistencyToken("shop", "0000000009:00000000000000000004/2/0000000000"),
                    Duration.ofMillis(450))).isFalse();
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> heartbeat.written() >= 2);
            try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
                 Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT beat FROM " + table + " WHERE id = 'waiter-" + run + "'")) {
                assertThat(r.next()).isTrue();
                assertThat(r.getLong(1)).as("heartbeats written while the copy was behind").isGreaterThanOrEqualTo(2);
            }
            assertThat((Object) heartbeat.lastFailure()).as("the last heartbeat write failed").isNull();
        }
    }

    @Test
    void aBadPrefixIsRefusedWithTheFix() {
        assertThatThrownBy(() -> RedisTokenWaiter.builder(redis).prefix("my prefix"))
                .hasMessageContaining("is not the sink's redis.prefix");
    }
}
