package io.idaas.connect.redis;

import io.idaas.connect.sink.ReadFrom;
import io.idaas.connect.sink.AddedColumns;
import io.idaas.connect.sink.AppliedFrontier;
import io.idaas.connect.sink.DdlPolicy;
import io.idaas.connect.sink.DeadLetterReporter;
import io.idaas.connect.sink.RecordEvents;
import io.idaas.connect.sink.RecordFailure;
import io.idaas.connect.sink.SinkContexts;
import io.idaas.connect.sink.SinkMetrics;
import io.idaas.connect.sink.SubscribedDdl;
import io.idaas.connect.sink.TopicIdCheck;
import io.idaas.connect.sink.Version;
import io.idaas.ddml.DdlChange;
import io.idaas.ddml.DdmlEvent;
import io.idaas.ddml.RenamedColumn;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies DDML records to Redis, exactly once in effect.
 *
 * <ul>
 *   <li>Each run of up to {@code batch.size} records is one call of the sink's Lua script ({@code EVALSHA}), which Redis
 *   runs atomically: the rows, their key-set and index entries, {@code <prefix>:applied:<source>} and the next offset of
 *   each partition ({@code <prefix>:offsets:<connector>}) with its topic's id ({@code <prefix>:topic-ids:<connector>})
 *   change together or not at all. {@link #open} reads the offsets and seeks there, and {@link #preCommit} reports
 *   them, so a restart, a rebalance or a replay applies nothing twice, whatever Connect's own offsets say. Offsets
 *   stored for a deleted topic of the same name are never resumed from ({@link TopicIdCheck}): the task fails saying
 *   so, or, with {@code topic.recreated=restart}, applies the new topic from its start.</li>
 *   <li>Each row keeps the sortable source position of the event that wrote it ({@code _ddml.sortable}); a change
 *   whose position is not after the row's, after the key's tombstone (a deleted row's position, kept
 *   {@code redis.tombstone.ttl.seconds}) or after the table's last truncate is skipped, so a replayed older event
 *   never brings a row back or regresses it, and the same event twice is applied once.</li>
 *   <li>Redis unreachable, restarting, loading, or refusing writes at {@code maxmemory} is retried (Connect hands the
 *   same records back after {@code retry.backoff.ms}) up to {@code max.retries} times in a row, then the task fails:
 *   nothing is skipped. A record that can never be written (not DDML, a change its producer left out, no key, a value
 *   that does not encode, a key template column missing) goes to the dead-letter topic with the reason when one is
 *   configured, else the task fails with the reason; each is logged at ERROR with the task's count so far and counted
 *   in the task's metrics ({@link SinkMetrics}).</li>
 * </ul>
 */
public final class RedisSinkTask extends SinkTask {

    private static final Logger LOG = LoggerFactory.getLogger(RedisSinkTask.class);
    /** A batch is cut once its arguments hold this many bytes (a single larger record still goes whole). */
    static final long MAX_BATCH_BYTES = 8L * 1024 * 1024;
    /** The source system of a view's changelog: its positions compare only within a partition. */
    static final String VIEWS_SYSTEM = "idaas-views";

    static {
        io.idaas.ddml.JsonLimits.raiseJvmDefault(); // see RedisSinkConnector
    }

    private RedisSinkConfig config;
    private SubscribedDdl subscribedDdl;
    private RedisLayout layout;
    private RowChanges changes;
    private String connector;
    private DeadLetterReporter deadLetters;
    private SinkMetrics metrics;
    private Jedis jedis;
    private AppliedFrontier frontier;
    private TopicIdCheck topicIds;
    /** The current id of each topic of the opened partitions, written with its offsets. */
    private final Map<String, Uuid> currentTopicIds = new HashMap<>();
    private int failures;
    /** The next offset per partition that Redis holds (what was applied). */
    private final Map<TopicPartition, Long> committed = new HashMap<>();
    /** Partitions opened whose stored offsets could not be read yet (Redis was down at {@link #open}). */
    private final Set<TopicPartition> awaitingOffsets = new HashSet<>();
    private long written;
    private long skipped;
    /** The columns of the rows this task last wrote, per table id (to find the columns an alter_table adds). */
    private final AddedColumns addedColumns = new AddedColumns();
    /** The primary key of the rows this task last wrote, per table id (to tell a real key change from a restated key). */
    private final Map<String, List<String>> keyColumns = new HashMap<>();
    /** Set after Redis failed: it may have come back with less than it acknowledged (a restart that lost writes). */
    private boolean recheckOffsets;

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        config = new RedisSinkConfig(props);
        subscribedDdl = SubscribedDdl.of(props);
        connector = props.getOrDefault("name", "idaas-redis-sink");
        layout = new RedisLayout(config.prefix());
        changes = new RowChanges(config, layout, this::storedDocument);
        metrics = SinkMetrics.registerWithoutTables(SinkContexts.pluginMetrics(context));
        deadLetters = new DeadLetterReporter(SinkContexts.reporter(context), metrics, LOG, "Redis");
        frontier = new AppliedFrontier(config.appliedKafka(), AppliedFrontier.topicsOf(props));
        if (!frontier.enabled()) {
            LOG.warn("{} is not set: {}:applied:<source> is not written, so consistency tokens cannot be checked "
                + "against this Redis copy, and the offsets in Redis are resumed without checking that their topics were "
                + "not deleted and created again since", RedisSinkConfig.APPLIED_KAFKA_BOOTSTRAP, config.prefix());
        }
        topicIds = new TopicIdCheck(config.appliedKafka(), RedisSinkConfig.APPLIED_KAFKA_BOOTSTRAP,
            config.topicRecreated(), metrics);
        frontier.startBackground(connector, () -> new RedisAppliedStore(
            RedisConnections.open(config.uri(), config.username(), config.password(), config.timeoutMs()), layout,
            connector, true));
    }



    @Override
    public void open(Collection<TopicPartition> partitions) {
        awaitingOffsets.addAll(partitions);
        try {
            seekToStoredOffsets();
        } catch (RuntimeException e) {
            // Connect kills a task that throws from open(), even a RetriableException: read them at the next put().
            closeConnection();
            LOG.warn("Cannot resume from the offsets in Redis yet ({}); reading them before the first records are applied",
                e instanceof ConnectException ? e.getMessage() : RedisErrors.describe(e));
        }
    }

    /**
     * Seeks the partitions opened since the last read to the offsets Redis holds for them, once their topics' ids say
     * they are theirs; a recreated topic's partitions (under {@code topic.recreated=restart}) go back to 0.
     *
     * @return the partitions sent back to offset 0: their records handed to this put() are not applied now
     */
    private Set<TopicPartition> seekToStoredOffsets() {
        if (awaitingOffsets.isEmpty()) {
            return Set.of();
        }
        Map<byte[], byte[]> stored = redis().hgetAll(layout.offsets(connector));
        Map<String, Uuid> storedIds = new HashMap<>();
        redis().hgetAll(layout.topicIds(connector)).forEach((topic, id) -> {
            try {
                storedIds.put(new String(topic, StandardCharsets.UTF_8), Uuid.fromString(new String(id, StandardCharsets.UTF_8)));
            } catch (RuntimeException e) {
                LOG.warn("Ignoring the field '{}' of {}: not <topic> with a topic id", new String(topic, StandardCharsets.UTF_8),
                    new String(layout.topicIds(connector), StandardCharsets.UTF_8));
            }
        });
        Map<TopicPartition, TopicIdCheck.Stored> byPartition = new HashMap<>();
        stored.forEach((field, value) -> {
            String f = new String(field, StandardCharsets.UTF_8);
            int slash = f.lastIndexOf('/');
            try {
                String topic = f.substring(0, slash);
                byPartition.put(new TopicPartition(topic, Integer.parseInt(f.substring(slash + 1))),
                    new TopicIdCheck.Stored(Long.parseLong(new String(value, StandardCharsets.UTF_8)), storedIds.get(topic)));
            } catch (RuntimeException e) {
                LOG.warn("Ignoring the field '{}' of {}: not <topic>/<partition> with an offset", f,
                    new String(layout.offsets(connector), StandardCharsets.UTF_8));
            }
        });
        TopicIdCheck.Outcome outcome = topicIds.check(Set.copyOf(awaitingOffsets), byPartition, this::describeOffsets);
        currentTopicIds.putAll(outcome.ids());
        Map<TopicPartition, Long> seek = new HashMap<>(outcome.resume());
        if (!outcome.restart().isEmpty()) {
            RedisBatch start = new RedisBatch();
            outcome.restart().forEach(tp -> start.offset(tp, 0L));
            RedisScript.run(redis(), start.arguments(layout, connector, currentTopicIds)); // the stale offsets go
            seek.putAll(start.offsets());
        }
        committed.putAll(seek);
        awaitingOffsets.clear();
        if (!seek.isEmpty()) {
            LOG.info("Resuming from the offsets Redis holds: {}", seek);
            context.offset(seek);
        }
        return outcome.restart();
    }

    /** Where Redis keeps the connector's offsets of a topic, in words, for messages. */
    private String describeOffsets(String topic) {
        return "the fields " + topic + "/<partition> of the hash " + new String(layout.offsets(connector),
            StandardCharsets.UTF_8) + " and the field " + topic + " of the hash " + new String(layout.topicIds(connector),
            StandardCharsets.UTF_8) + " (connector " + connector + ")";
    }

    /**
     * After a failure, compares the offsets Redis holds with what this task applied: a Redis that restarted without
     * its last writes (persistence off, {@code appendfsync everysec} after a crash, a failover to a replica that lagged)
     * holds less. Those partitions go back to Redis's offsets (0 when it holds none), and their records of this put are
     * left for the consumer to deliver again, in order; the position guard makes applying again harmless.
     */
    private Set<TopicPartition> rewindToWhatRedisHolds() {
        if (committed.isEmpty()) {
            return Set.of();
        }
        Map<byte[], byte[]> stored = redis().hgetAll(layout.offsets(connector));
        Map<String, Long> byField = new HashMap<>();
        stored.forEach((f, v) -> byField.put(new String(f, StandardCharsets.UTF_8),
            Long.parseLong(new String(v, StandardCharsets.UTF_8))));
        Map<TopicPartition, Long> seek = new HashMap<>();
        for (Map.Entry<TopicPartition, Long> e : committed.entrySet()) {
            Long held = byField.get(e.getKey().topic() + "/" + e.getKey().partition());
            long back = held == null ? 0L : held;
            if (back < e.getValue()) {
                seek.put(e.getKey(), back);
            }
        }
        if (!seek.isEmpty()) {
            LOG.warn("Redis holds less than this task applied (it lost writes when it restarted: persistence off, or the "
                + "last second of appendfsync everysec); going back to the offsets it holds: {} (the task had {})",
                seek, committed);
            committed.putAll(seek);
            context.offset(seek);
        }
        return seek.keySet();
    }

    @Override
    public void close(Collection<TopicPartition> partitions) {
        partitions.forEach(committed::remove);
        deadLetters.close(partitions);
        awaitingOffsets.removeAll(partitions);
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        try {
            Set<TopicPartition> restarted = seekToStoredOffsets();
            Set<TopicPartition> rewound = new HashSet<>(recheckOffsets ? rewindToWhatRedisHolds() : Set.of());
            rewound.addAll(restarted);
            recheckOffsets = false;
            RedisBatch batch = new RedisBatch();
            for (SinkRecord r : records) {
                TopicPartition tp = ReadFrom.partition(r);
                Long next = committed.get(tp);
                if (subscribedDdl.outside(r)) {
                    continue; // DDL of a table this sink does not replicate
                }
                if (next != null && ReadFrom.offset(r) < next || rewound.contains(tp)) {
                    continue; // Redis has it, or the consumer goes back to what Redis lost
                }
                add(batch, r, tp);
                if (batch.records() >= config.batchSize() || batch.bytes() >= MAX_BATCH_BYTES) {
                    flush(batch);
                    batch = new RedisBatch();
                }
            }
            flush(batch);
            frontier.publish(new RedisAppliedStore(redis(), layout, connector));
            failures = 0;
        } catch (TopicIdCheck.Unavailable e) {
            throw TopicIdCheck.retryLater(e, ++failures, config.maxRetries(), config.retryBackoffMs(), metrics, context);
        } catch (RuntimeException e) {
            if (e instanceof ConnectException && !(e instanceof RetriableException)) {
                throw e;
            }
            if (!RedisErrors.isTransient(e)) {
                throw new ConnectException("cannot apply the records to Redis: " + RedisErrors.describe(e), e);
            }
            retryLater(e);
        }
    }

    /** Adds one record's operations (or its offset alone) to the batch; a record that cannot apply is reported. */
    private void add(RedisBatch batch, SinkRecord r, TopicPartition tp) {
        if (RecordEvents.carriesNoChange(r)) {
            // SPEC.md section 9: tombstones are skipped (the delete before it did the work); control records (9.1)
            // carry no position to apply: their offsets are kept
            batch.offset(tp, ReadFrom.offset(r) + 1);
            return;
        }
        try {
            DdmlEvent event = RecordEvents.read(r);
            if (event.dml() != null) {
                if (event.dml().omitted() != null) {
                    throw omitted(r, event);
                }
                try {
                    changes.add(batch, event);
                    if (!event.schema().primaryKey().isEmpty()) {
                        keyColumns.put(RedisLayout.tableId(event.source().tableRef()), event.schema().primaryKey());
                    }
                    addedColumns.written(RedisLayout.tableId(event.source().tableRef()), event.schema());
                } catch (IllegalArgumentException | ClassCastException e) {
                    throw new RecordFailure(r, "cannot write " + event.dml().op().wireName() + " of event " + event.id()
                        + " to Redis (table " + RedisLayout.tableId(event.source().tableRef()) + "): " + e.getMessage(), e);
                }
            } else {
                ddl(batch, r, event);
            }
            if (!VIEWS_SYSTEM.equals(event.source().system())) {
                batch.applied(event.source().name(), event.position().sortable());
            }
            batch.changes().add(event);
        } catch (RecordFailure failure) {
            report(failure);
        }
        batch.offset(tp, ReadFrom.offset(r) + 1);
    }


    private static RecordFailure omitted(SinkRecord record, DdmlEvent event) {
        boolean keyed = event.dml().key() != null;
        String row = keyed ? "the row " + event.dml().key().values() : "a row";
        String stale = keyed ? "that row in Redis is stale from this change on"
            : "a row of that table in Redis, which the event cannot name, is stale from this change on";
        return new RecordFailure(record, "the source " + event.dml().op().wireName() + " of " + row + " of table "
            + RedisLayout.tableId(event.source().tableRef()) + " (event " + event.id() + ") was not carried: "
            + event.dml().omitted().describe() + "; " + stale + ", until a later change of it", null);
    }

    private void ddl(RedisBatch batch, SinkRecord r, DdmlEvent event) {
        DdlChange ddl = event.ddl();
        String table = RedisLayout.tableId(event.source().tableRef());
        switch (ddl.op()) {
            case CREATE_TABLE -> {
                // nothing: rows bring their fields
            }
            case TRUNCATE_TABLE -> changes.truncate(batch, event, event.position().sortable());
            case DROP_TABLE -> {
                if (policy(config.dropPolicy(), r, event, "drop_table of " + table, RedisSinkConfig.DDL_DROP)) {
                    changes.truncate(batch, event, event.position().sortable());
                }
            }
            case RENAME_TABLE -> {
                if (policy(config.alterPolicy(), r, event, "rename_table of " + RedisLayout.tableId(ddl.renamedFrom())
                    + " to " + table, RedisSinkConfig.DDL_ALTER)) {
                    throw new RecordFailure(r, "rename_table of " + RedisLayout.tableId(ddl.renamedFrom()) + " to "
                        + table + " (event " + event.id() + "): the Redis sink does not move rows to the new table's "
                        + "keys; the rows written before stay under the old name, and later rows go to the new one", null);
                }
            }
            case ALTER_TABLE -> {
                String defaulted = defaultedColumns(table, event);
                boolean columns = !ddl.dropped().isEmpty() || !ddl.renamed().isEmpty();
                if (columns && policy(config.alterPolicy(), r, event, "alter_table of " + table + " (dropped "
                    + ddl.dropped() + ", renamed " + ddl.renamed() + ")", RedisSinkConfig.DDL_ALTER)) {
                    flushForRead(batch);
                    List<String[]> renames = new ArrayList<>();
                    for (RenamedColumn rc : ddl.renamed()) {
                        renames.add(new String[] {rc.from(), rc.to()});
                    }
                    changes.columns(batch, event, renames, ddl.dropped(), this::members);
                }
                if (ddl.primaryKey() != null && rekeys(table, ddl.primaryKey()) && policy(config.alterPolicy(), r, event,
                    "alter_table of " + table + " (primary key " + ddl.primaryKey() + ")", RedisSinkConfig.DDL_ALTER)) {
                    throw new RecordFailure(r, "alter_table of " + table + " (event " + event.id() + ") changes the "
                        + "primary key to " + ddl.primaryKey() + ": rows written before keep their Redis keys, made "
                        + "of the old key; later rows get keys of the new one. Delete the table's keys (the set "
                        + config.prefix() + ":keys:" + table + ") and copy the table again to rekey them"
                        + (defaulted.isEmpty() ? "" : "; and " + defaulted), null);
                }
                if (!defaulted.isEmpty()) {
                    throw new RecordFailure(r, "alter_table of " + table + " (event " + event.id() + "): " + defaulted, null);
                }
            }
        }
    }

    /**
     * What a column added with a default other than NULL leaves different, empty when none: the source gives every row it
     * had the default, and the rows this sink wrote before have no field for the column (read as NULL) until each is
     * next written; the sink does not evaluate source defaults. The added columns are those {@link AddedColumns} knows to
     * be new (named in {@code ddl.added}, or missing from the rows of the table this task wrote last) and stored.
     */
    private String defaultedColumns(String table, DdmlEvent event) {
        List<String> defaulted = addedColumns.of(table, event).stream()
            .filter(a -> a.known() && a.defaulted() && changes.stores(event, a.column().name()))
            .map(a -> a.column().name() + " DEFAULT " + a.column().defaultValue()).toList();
        return defaulted.isEmpty() ? "" : "adds " + defaulted + ": the rows written before it have no such field (read as "
            + "NULL), not the default, until each row is next written (the Redis sink does not evaluate source defaults)";
    }

    /**
     * Whether a new primary key makes rows of the table written before it keyed otherwise than rows written after: when
     * this task wrote rows of the table with another, non-empty key. A key dropped (no key: its rows cannot be written
     * until it has one again, and go to the dead-letter topic) or set back to the key the rows have changes nothing in
     * Redis; PostgreSQL's derived DDL around a truncate does both (primary key [], then [id] again).
     */
    private boolean rekeys(String table, List<String> newKey) {
        List<String> written = keyColumns.get(table);
        if (newKey.isEmpty() || written == null || written.equals(newKey)) {
            LOG.info("Table {}: primary key now {}{}; nothing to change in Redis", table, newKey,
                written == null ? "" : " (its rows are keyed by " + written + ")");
            return false;
        }
        return true;
    }

    /** Whether to apply a DDL change under a policy; fails the task under {@code fail}. */
    private static boolean policy(DdlPolicy policy, SinkRecord r, DdmlEvent event, String what, String key) {
        return switch (policy) {
            case APPLY -> true;
            case IGNORE -> {
                LOG.info("Ignoring {} (event {}) as {}=ignore says", what, event.id(), key);
                yield false;
            }
            case FAIL -> throw new ConnectException(what + " (event " + event.id() + ", topic " + r.topic() + ", partition "
                + r.kafkaPartition() + ", offset " + r.kafkaOffset() + "): " + key + "=fail stops the task here; set it "
                + "to apply or ignore and restart the task");
        };
    }

    /** Column DDL reads the rows: the operations before it are applied first. */
    private void flushForRead(RedisBatch batch) {
        if (!batch.isEmpty()) {
            // what the batch holds so far goes now; the DDL's own offset is added after its operations
            flushInto(batch);
            batch.clear();
        }
    }

    private List<byte[]> members(byte[] keySet) {
        List<byte[]> out = new ArrayList<>();
        byte[] cursor = ScanParams.SCAN_POINTER_START_BINARY;
        ScanParams params = new ScanParams().count(1000);
        do {
            ScanResult<byte[]> page = redis().sscan(keySet, cursor, params);
            out.addAll(page.getResult());
            cursor = page.getCursorAsBytes();
        } while (!java.util.Arrays.equals(cursor, ScanParams.SCAN_POINTER_START_BINARY));
        return out;
    }

    private byte[] storedDocument(byte[] rowKey) {
        Jedis j = redis();
        if (!"string".equals(j.type(rowKey))) {
            return null;
        }
        return j.get(rowKey);
    }

    private void report(RecordFailure failure) {
        deadLetters.report(failure);
    }

    private void flush(RedisBatch batch) {
        if (!batch.isEmpty()) {
            flushInto(batch);
        }
    }

    private void flushInto(RedisBatch batch) {
        RedisScript.Result result = RedisScript.run(redis(), batch.arguments(layout, connector, currentTopicIds));
        committed.putAll(batch.offsets());
        metrics.applied(batch.changes());
        frontier.applied(Map.copyOf(batch.appliedPositions()));
        written += result.written();
        skipped += result.skipped();
        if (result.skipped() > 0 && LOG.isDebugEnabled()) {
            LOG.debug("{} change(s) skipped by the position guard (older than or the same as what Redis holds); "
                + "{} written, {} skipped since start", result.skipped(), written, skipped);
        }
    }

    private void retryLater(RuntimeException e) {
        closeConnection();
        recheckOffsets = true;
        if (++failures > config.maxRetries()) {
            throw new ConnectException("Redis failed " + failures + " times in a row (max.retries=" + config.maxRetries()
                + "): " + RedisErrors.describe(e), e);
        }
        metrics.retried();
        String reason = RedisErrors.describe(e);
        if (RedisErrors.isOutOfMemory(e)) {
            LOG.error("{}; retry {} of {} in {} ms", reason, failures, config.maxRetries(), config.retryBackoffMs());
        } else {
            LOG.warn("Redis failed ({}); retry {} of {} in {} ms", reason, failures, config.maxRetries(),
                config.retryBackoffMs());
        }
        context.timeout(config.retryBackoffMs());
        throw new RetriableException(reason, e);
    }

    @Override
    public Map<TopicPartition, OffsetAndMetadata> preCommit(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
        Map<TopicPartition, OffsetAndMetadata> result = new HashMap<>();
        for (TopicPartition tp : currentOffsets.keySet()) {
            Long next = committed.get(tp);
            if (next != null) {
                result.put(tp, new OffsetAndMetadata(next));
            }
        }
        return result;
    }

    /**
     * Waits until the applied positions reflect every batch this task applied so far (the frontier raises them on a
     * thread of its own). For tests; a task does not need it.
     *
     * @return whether that happened within {@code timeout}
     */
    public boolean awaitAppliedPositions(java.time.Duration timeout) throws InterruptedException {
        return frontier.awaitPublished(timeout);
    }

    @Override
    public void stop() {
        if (frontier != null) {
            frontier.close();
        }
        closeConnection();
    }

    private Jedis redis() {
        if (jedis == null) {
            jedis = RedisConnections.open(config.uri(), config.username(), config.password(), config.timeoutMs());
        }
        return jedis;
    }

    private void closeConnection() {
        if (jedis != null) {
            try {
                jedis.close();
            } catch (RuntimeException ignored) {
                // already broken
            }
            jedis = null;
        }
    }
}
