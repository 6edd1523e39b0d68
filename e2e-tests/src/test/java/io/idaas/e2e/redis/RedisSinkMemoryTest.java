package io.idaas.e2e.redis;

import io.idaas.connect.redis.RedisSinkTask;
import io.idaas.ddml.Column;
import io.idaas.ddml.DdmlEvent;
import io.idaas.ddml.DmlChange;
import io.idaas.ddml.Position;
import io.idaas.ddml.Row;
import io.idaas.ddml.Source;
import io.idaas.ddml.SourceSystem;
import io.idaas.ddml.TableSchema;
import io.idaas.ddml.Timing;
import io.idaas.ddml.types.PortableType;
import io.idaas.e2e.jdbc.FakeSinkContext;
import io.idaas.stack.redis.RedisServer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the Redis sink's bookkeeping costs in Redis memory, measured on a Redis 6.2 of its own: {@value #ROWS} rows of
 * the workload table's shape written through the task, then a tenth of them deleted. Prints the figures that
 * connect-plugins/README.md quotes, and holds them to bounds: the key set's member, the tombstone and the offsets are
 * small next to the row.
 */
class RedisSinkMemoryTest {

    static final int ROWS = 100_000;

    @Test
    void theKeySetAndTheTombstonesCostTensOfBytesPerRow(@TempDir Path dir) {
        try (RedisServer server = new RedisServer(dir.resolve("redis"), 0)) {
            server.start();
            try (Jedis redis = new Jedis(server.host(), server.port())) {
                TableSchema schema = TableSchema.of(List.of(Column.builder("id", PortableType.INT32).nullable(false).build(),
                    Column.of("customer", PortableType.string(100)), Column.of("amount", PortableType.decimal(12, 2)),
                    Column.of("qty", PortableType.INT32), Column.of("note", PortableType.string(200)),
                    Column.of("updated_at", PortableType.timestamp(6))), List.of("id"));
                RedisSinkTask task = new RedisSinkTask();
                task.initialize(new FakeSinkContext(true));
                task.start(Map.of("name", "memory", "redis.uri", server.uri(), "redis.prefix", "mem"));
                task.open(List.of(new TopicPartition("t", 0)));
                long before = usedMemory(redis);
                long offset = 0;
                long begin = System.nanoTime();
                for (int start = 0; start < ROWS; start += 5_000) {
                    List<SinkRecord> records = new ArrayList<>();
                    for (int id = start; id < start + 5_000; id++) {
                        records.add(new SinkRecord("t", 0, null, null, null, event(schema, id, DmlChange.insert(Row.of(
                            "id", id, "customer", "customer " + (id % 1000), "amount", BigDecimal.valueOf(id * 37L % 10_000_000, 2),
                            "qty", id % 100, "note", "note " + id, "updated_at", LocalDateTime.of(2026, 1, 1, 0, 0).plusSeconds(id)))),
                            offset++));
                    }
                    task.put(records);
                }
                long elapsed = System.nanoTime() - begin;
                long afterRows = usedMemory(redis);
                long keySet = redis.memoryUsage("mem:keys:shop.t");
                long row = redis.memoryUsage("mem:shop.t:12345");
                assertThat(redis.scard("mem:keys:shop.t")).isEqualTo(ROWS);

                List<SinkRecord> deletes = new ArrayList<>();
                for (int id = 0; id < ROWS / 10; id++) {
                    deletes.add(new SinkRecord("t", 0, null, null, null, event(schema, ROWS + id,
                        new DmlChange(io.idaas.ddml.DmlOp.DELETE, Row.of("id", id), null, null, null)), offset++));
                }
                long beforeDeletes = usedMemory(redis);
                task.put(deletes);
                long afterDeletes = usedMemory(redis);
                long tomb = redis.memoryUsage("mem:tomb:shop.t:5");
                long truncateBegin = System.nanoTime();
                task.put(List.of(new SinkRecord("t", 0, null, null, null, event(schema, 2L * ROWS, DmlChange.truncate()), offset++)));
                long truncateMs = (System.nanoTime() - truncateBegin) / 1_000_000;
                assertThat(redis.scard("mem:keys:shop.t")).isZero();
                task.stop();

                double perRow = (afterRows - before) / (double) ROWS;
                double perKeySetMember = keySet / (double) ROWS;
                // deleting frees a row (and its key-set member) and adds a tombstone
                double perDelete = (afterDeletes - beforeDeletes) / (double) (ROWS / 10);
                System.out.printf("Redis sink memory (Redis 6.2, %d rows of 6 columns, hash shape): %.0f bytes per row in all "
                        + "(the hash %d bytes by MEMORY USAGE); key set %d bytes = %.1f bytes per row; a tombstone %d bytes by "
                        + "MEMORY USAGE, a delete changes used memory by %.0f bytes; %d rows written in %d ms (%.0f rows/s, "
                        + "one task, batches of 500, events built in the loop); a truncate of the %d rows left: %d ms in one "
                        + "script call%n", ROWS, perRow, row, keySet, perKeySetMember, tomb, perDelete, ROWS,
                    elapsed / 1_000_000, ROWS / (elapsed / 1e9), ROWS - ROWS / 10, truncateMs);
                assertThat(perKeySetMember).as("key-set bytes per row").isLessThan(100);
                assertThat(tomb).as("tombstone bytes").isLessThan(200);
                assertThat(perKeySetMember).as("key set next to the row").isLessThan(perRow / 2);
            }
        }
    }

    private static DdmlEvent event(TableSchema schema, long pos, DmlChange change) {
        return DdmlEvent.builder().source(Source.of(SourceSystem.MARIADB, "m", "shop", null, "t"))
            .position(Position.of(RedisSinkTaskTest.position(1_000 + pos), Map.of())).time(Timing.of(1L, 2L, 3L))
            .schema(schema).dml(change).build();
    }

    private static long usedMemory(Jedis redis) {
        return Long.parseLong(redis.info("memory").lines().filter(l -> l.startsWith("used_memory:")).findFirst()
            .orElseThrow().substring("used_memory:".length()).trim());
    }
}
