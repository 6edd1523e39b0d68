package io.idaas.connect.jdbc;

import io.idaas.connect.sink.ReadFrom;
import io.idaas.connect.sink.RecordFailure;
import io.idaas.connect.sink.SinkContexts;
import io.idaas.connect.sink.SinkMetrics;
import io.idaas.connect.sink.SubscribedDdl;
import io.idaas.connect.sink.TopicIdCheck;
import io.idaas.connect.sink.TransactionMarkers;
import io.idaas.connect.sink.Version;

import io.idaas.connect.jdbc.ddl.SchemaChanges;
import io.idaas.connect.jdbc.ddl.TargetTables;
import io.idaas.connect.jdbc.dialect.Dialect;
import io.idaas.connect.jdbc.dialect.Dialects;
import io.idaas.connect.jdbc.sink.OffsetStore;
import io.idaas.connect.jdbc.sink.TableNames;
import io.idaas.connect.jdbc.sink.TargetConnections;
import io.idaas.connect.jdbc.sink.TransactionHold;
import io.idaas.connect.jdbc.sink.TransactionWriter;
import io.idaas.connect.jdbc.sink.TransientErrors;
import io.idaas.connect.jdbc.sink.WriteThread;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;

/**
 * Applies DDML records to a JDBC target, exactly once in effect.
 *
 * <ul>
 *   <li>Each {@link #put} is one target transaction that also writes, in the offsets table, the next offset of each
 *   partition, with the id of its topic; {@link #open} reads that table and seeks there, and {@link #preCommit} reports
 *   it to Connect. So a restart, a rebalance or a replay applies nothing twice, whatever Connect's own offsets say.
 *   Offsets stored for a deleted topic of the same name are never resumed from ({@link TopicIdCheck}): the task fails
 *   saying so, or, with {@code topic.recreated=restart}, applies the new topic from its start.</li>
 *   <li>The trailing events of a source transaction that may continue on their partition are held back, uncommitted,
 *   and applied with the rest of it ({@link TransactionHold}), so a target shows a partition's part of a source
 *   transaction whole.</li>
 *   <li>Each row keeps the sortable source position of the event that wrote it; an upsert or delete of an older
 *   event leaves a newer row alone. A delete leaves no row, so nothing then stops a replayed older insert of that key
 *   except the offsets table; a truncate is not guarded by position.</li>
 *   <li>With {@code write.pipelined} (the default) a batch is written on the task's writer thread
 *   ({@link WriteThread}) while Connect fetches and converts the next records; the next {@link #put}, {@link #open},
 *   {@link #close} or {@link #preCommit} first waits for it. A batch whose write failed is applied again, first, in the
 *   task's own thread, by the path below; {@link #preCommit} reports only offsets the target has committed.</li>
 *   <li>A target that fails for a passing reason is retried (Connect hands the same records back after
 *   {@code retry.backoff.ms}) up to {@code max.retries} times in a row; a record that can never apply (a row or a DDL
 *   statement the target refuses) goes to the dead-letter topic with the reason when one is configured, else the task
 *   fails with the reason. Each dead-lettered record is logged at ERROR with the task's count so far and counted in
 *   the task's metrics ({@link SinkMetrics}).</li>
 * </ul>
 */
public final class JdbcSinkTask extends SinkTask {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcSinkTask.class);

    static {
        io.idaas.ddml.JsonLimits.raiseJvmDefault(); // see JdbcSinkConnector
    }

    private JdbcSinkConfig config;
    private SubscribedDdl subscribedDdl;
    private Dialect dialect;
    private OffsetStore offsets;
    private TransactionWriter writer;
    private TargetTables tables;
    private ErrantRecordReporter reporter;
    private Connection connection;
    private final Map<TopicPartition, Long> committed = new HashMap<>();
    /** Partitions opened whose stored offsets could not be read yet (the target was down at {@link #open}). */
    private final Set<TopicPartition> awaitingOffsets = new HashSet<>();
    /** The next offset after the transaction markers read, per partition of the transaction topic. */
    private final Map<TopicPartition, Long> markers = new HashMap<>();
    private int failures;
    /** The writer thread, or null when batches are written within put() ({@code write.pipelined=false}). */
    private WriteThread writes;
    /** Records whose pipelined write failed: applied again, in this thread, before anything else. */
    private final List<SinkRecord> pending = new ArrayList<>();
    private TransactionHold hold;
    private SinkMetrics metrics;
    private TopicIdCheck topicIds;

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        config = new JdbcSinkConfig(props);
        subscribedDdl = SubscribedDdl.of(props);
        String connector = props.getOrDefault("name", "idaas-jdbc-sink");
        dialect = Dialects.forUrl(config.url());
        offsets = new OffsetStore(dialect, config.offsetsTable(), connector);
        tables = new TargetTables();
        metrics = SinkMetrics.register(SinkContexts.pluginMetrics(context));
        topicIds = new TopicIdCheck(config.appliedKafka(), JdbcSinkConfig.APPLIED_KAFKA_BOOTSTRAP, config.topicRecreated(),
            metrics);
        if (!topicIds.enabled()) {
            LOG.warn("{} is not set: the offsets in {} are resumed without checking that their topics were not deleted "
                + "and created again since", JdbcSinkConfig.APPLIED_KAFKA_BOOTSTRAP, config.offsetsTable());
        }
        SchemaChanges schemas = new SchemaChanges(dialect, tables, config.createPolicy(), config.alterPolicy(),
            config.dropPolicy(), config.nativeTypes(), metrics);
        writer = new TransactionWriter(dialect, new TableNames(config.tableNameFormat(), config.renames()),
            config.renames(), schemas, offsets, config.batchSize(), config.appendKeyless());
        reporter = SinkContexts.reporter(context);
        hold = new TransactionHold(config.followTransactions(), config.maxHeldRecords(), config.maxHeldMs(),
            System::currentTimeMillis);
        writes = config.pipelinedWrites() ? new WriteThread("idaas-jdbc-writer-" + connector) : null;
    }



    @Override
    public void open(Collection<TopicPartition> partitions) {
        awaitWrite(); // the connection is free again
        awaitingOffsets.addAll(partitions);
        try {
            hold.forget(partitions); // the consumer is set back to what the target (or Kafka) has committed
            seekToStoredOffsets();
        } catch (SQLException e) {
            // Connect kills a task that throws from open(), even a RetriableException: read them at the next put().
            closeConnection();
            LOG.warn("Cannot read the offsets table {} yet ({}); reading it before the first records are applied",
                config.offsetsTable(), e.getMessage());
        } catch (RuntimeException e) {
            // Kafka did not tell the topics' ids, or a topic was recreated: the next put() checks again, and fails there
            LOG.warn("Cannot resume from the offsets table {} yet: {}", config.offsetsTable(), e.getMessage());
        }
    }

    /**
     * Seeks the partitions opened since the last read to the offsets the target holds for them, once their topics' ids
     * say they are theirs; a recreated topic's partitions (under {@code topic.recreated=restart}) go back to 0.
     *
     * @return the partitions sent back to offset 0: their records handed to this put() are not applied now
     */
    private Set<TopicPartition> seekToStoredOffsets() throws SQLException {
        if (awaitingOffsets.isEmpty()) {
            return Set.of();
        }
        Connection c = connection();
        TopicIdCheck.Outcome outcome = topicIds.check(Set.copyOf(awaitingOffsets), offsets.read(c), offsets::describe);
        offsets.topicIds(outcome.ids());
        Map<TopicPartition, Long> seek = new HashMap<>(outcome.resume());
        if (!outcome.restart().isEmpty()) {
            Map<TopicPartition, Long> start = new HashMap<>();
            outcome.restart().forEach(tp -> start.put(tp, 0L));
            offsets.write(c, start); // the stale offsets go, the new topic's id comes
            c.commit();
            seek.putAll(start);
        }
        committed.putAll(seek);
        awaitingOffsets.clear();
        if (!seek.isEmpty()) {
            LOG.info("Resuming from the offsets the target holds: {}", seek);
            context.offset(seek);
        }
        return outcome.restart();
    }

    @Override
    public void close(Collection<TopicPartition> partitions) {
        awaitWrite();
        // what failed of a revoked partition goes to its next owner, from the offsets the target holds
        pending.removeIf(r -> partitions.contains(ReadFrom.partition(r)));
        partitions.forEach(committed::remove);
        awaitingOffsets.removeAll(partitions);
        hold.forget(partitions);
        partitions.forEach(markers::remove);
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        flushWrites();
        Set<TopicPartition> restarted = Set.of();
        try {
            restarted = seekToStoredOffsets();
        } catch (SQLException e) {
            retryLater(e);
        } catch (TopicIdCheck.Unavailable e) {
            throw TopicIdCheck.retryLater(e, ++failures, config.maxRetries(), config.retryBackoffMs(), metrics, context);
        }
        List<SinkRecord> fresh = new ArrayList<>(records.size());
        for (SinkRecord r : records) {
            TopicPartition tp = ReadFrom.partition(r);
            java.util.Optional<TransactionMarkers.Marker> marker = TransactionMarkers.of(r);
            if (marker.isPresent()) {
                // Debezium's transaction topic: nothing to apply; an END lets the transaction's last events go.
                if (marker.get().end()) {
                    hold.markEnded(marker.get().transactionId());
                }
                markers.merge(tp, ReadFrom.offset(r) + 1, Math::max);
                continue;
            }
            if (subscribedDdl.outside(r)) {
                // DDL of a table this sink does not replicate: nothing to apply; its offset is committed as a record a
                // transform dropped is (preCommit: Connect's offset once nothing of the partition is held or unapplied)
                continue;
            }
            Long next = committed.get(tp);
            if (restarted.contains(tp)) {
                continue; // the consumer goes back to the new topic's start
            }
            if ((next == null || ReadFrom.offset(r) >= next) && ReadFrom.offset(r) >= hold.nextHeldOffset(tp)) {
                fresh.add(r);
            }
        }
        if (fresh.isEmpty() && hold.isEmpty()) {
            return;
        }
        TransactionHold.Split split = hold.split(fresh);
        apply(split.apply());
        hold.accept(split);
    }

    /**
     * Waits for the write in flight and applies, now, the records of a write that failed: when it returns, every record
     * handed to {@link #put} and not held for the rest of its source transaction is in the target or in the dead-letter
     * topic. Throws as {@link #put} does. For tests and tools; Connect needs no call of it.
     */
    public void flushWrites() {
        awaitWrite();
        applyPending();
    }

    /** Starts writing the records on the writer thread, or applies them now when writes are not pipelined. */
    private void apply(List<SinkRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        if (writes == null) {
            applyNow(records);
            return;
        }
        flushWrites();
        List<SinkRecord> batch = List.copyOf(records); // the writer's own: nothing here changes it meanwhile
        writes.start(batch, () -> writer.apply(connection(), batch));
    }

    /**
     * Waits for the write in flight: what it committed is committed; if it failed (and rolled back), its records are
     * pending, to be applied again by {@link #applyPending}.
     */
    private void awaitWrite() {
        WriteThread.Outcome outcome = writes == null ? null : writes.await();
        if (outcome == null) {
            return;
        }
        if (outcome.failure() == null) {
            applied(outcome.applied());
            failures = 0;
            return;
        }
        LOG.warn("A write of {} records on the writer thread failed and was rolled back ({}); applying them again "
            + "before any later record", outcome.records().size(), outcome.failure().getMessage());
        if (outcome.failure() instanceof SQLException) {
            closeConnection(); // it may be broken; a fresh one costs one connect
            tables.forgetAll();
        }
        pending.addAll(outcome.records());
    }

    /** Applies, in this thread, the records whose pipelined write failed; throws as {@link #applyNow} does. */
    private void applyPending() {
        if (pending.isEmpty()) {
            return;
        }
        List<SinkRecord> again = List.copyOf(pending);
        applyNow(again);
        pending.clear();
    }

    /** Applies the records in one target transaction, in this thread. */
    private void applyNow(List<SinkRecord> records) {
        try {
            try {
                applied(writer.apply(connection(), records));
            } catch (RecordFailure first) {
                applyOneByOne(records);
            }
            failures = 0;
        } catch (SQLException e) {
            if (!TransientErrors.isTransient(e)) {
                retryOneByOne(records, e);
                failures = 0;
                return;
            }
            retryLater(e);
        }
    }

    private void retryOneByOne(List<SinkRecord> records, SQLException cause) {
        LOG.warn("A batch of {} records failed ({}); applying them one by one to find the record", records.size(),
            cause.getMessage());
        try {
            applyOneByOne(records);
        } catch (SQLException e) {
            if (TransientErrors.isTransient(e)) {
                retryLater(e);
            }
            throw new ConnectException("the target refused the change: " + e.getMessage(), e);
        }
    }

    /** Applies each record in its own transaction; one that can never apply is reported, or fails the task. */
    private void applyOneByOne(List<SinkRecord> records) throws SQLException {
        for (SinkRecord r : records) {
            try {
                applied(writer.apply(connection(), List.of(r)));
            } catch (RecordFailure failure) {
                report(failure);
            } catch (SQLException e) {
                if (TransientErrors.isTransient(e)) {
                    throw e;
                }
                report(new RecordFailure(r, "the target refused it in table " + writer.describeTarget(r) + ": "
                    + e.getMessage(), e));
            }
        }
    }

    private void report(RecordFailure failure) throws SQLException {
        long count = metrics.deadLettered();
        if (reporter == null) {
            throw new ConnectException(failure.getMessage() + "; configure errors.tolerance=all and "
                + "errors.deadletterqueue.topic.name to send such records to a dead-letter topic", failure);
        }
        LOG.error("The target refused a record; it goes to the dead-letter topic, and the target lacks this change "
            + "({} record(s) dead-lettered by this task since it started): {}", count, failure.getMessage());
        try {
            reporter.report(failure.record(), failure).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectException("interrupted while reporting " + failure.getMessage(), e);
        } catch (ExecutionException e) {
            throw new ConnectException("cannot report to the dead-letter topic: " + failure.getMessage(), e.getCause());
        }
        // The record is in the dead-letter topic: record that it is done with, so a replay does not report it again.
        SinkRecord r = failure.record();
        Map<TopicPartition, Long> next = Map.of(ReadFrom.partition(r), ReadFrom.offset(r) + 1);
        Connection c = connection();
        offsets.write(c, next);
        c.commit();
        committed.putAll(next);
    }

    private void retryLater(SQLException e) {
        closeConnection();
        tables.forgetAll();
        if (++failures > config.maxRetries()) {
            throw new ConnectException("the target failed " + failures + " times in a row (max.retries="
                + config.maxRetries() + "): " + e.getMessage(), e);
        }
        metrics.retried();
        LOG.warn("The target failed ({}); retry {} of {} in {} ms", e.getMessage(), failures, config.maxRetries(),
            config.retryBackoffMs());
        context.timeout(config.retryBackoffMs());
        throw new RetriableException(e);
    }

    /** What a target write committed: its offsets, and its changes for the metrics. */
    private void applied(TransactionWriter.Applied write) {
        committed.putAll(write.committed());
        metrics.applied(write.changes());
    }

    @Override
    public Map<TopicPartition, OffsetAndMetadata> preCommit(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
        awaitWrite();
        try {
            applyPending();
        } catch (RuntimeException e) {
            LOG.warn("Cannot apply the records of a failed write now ({}); the next put() tries again", e.getMessage());
        }
        // Transaction markers change nothing in the target: their offsets are committed in Kafka only (read again
        // after a crash, they are harmless).
        markers.forEach((tp, next) -> committed.merge(tp, next, Math::max));
        markers.clear();
        if (!hold.isEmpty()) {
            // A held transaction that waited too long is applied here too, for when no records arrive.
            TransactionHold.Split split = hold.split(List.of());
            if (!split.apply().isEmpty()) {
                try {
                    apply(split.apply());
                    hold.accept(split);
                } catch (RuntimeException e) {
                    LOG.warn("Cannot apply the held records of a source transaction now ({}); the next put() tries again",
                        e.getMessage());
                }
            }
        }
        Map<TopicPartition, OffsetAndMetadata> result = new HashMap<>();
        for (Map.Entry<TopicPartition, OffsetAndMetadata> consumed : currentOffsets.entrySet()) {
            TopicPartition tp = consumed.getKey();
            Long next = committed.get(tp);
            if (allHandled(tp)) {
                // Connect's offset also counts the records a transform left out (ToDdml drops a schema-change record
                // that changes no table), which never reach put(): with nothing of the partition held or unapplied,
                // everything below it is in the target or was left out, so the sink reports that far.
                next = next == null ? consumed.getValue().offset() : Math.max(next, consumed.getValue().offset());
            }
            if (next != null) {
                result.put(tp, new OffsetAndMetadata(next));
            }
        }
        return result;
    }

    /** Whether every record of the partition handed to put() is in the target: none held, none to apply again. */
    private boolean allHandled(TopicPartition tp) {
        return !awaitingOffsets.contains(tp) && hold.nextHeldOffset(tp) < 0
            && pending.stream().noneMatch(r -> ReadFrom.partition(r).equals(tp));
    }

    @Override
    public void stop() {
        if (writes != null) {
            writes.close();
        }
        closeConnection();
    }

    private Connection connection() throws SQLException {
        if (connection == null) {
            connection = connect();
            connection.setAutoCommit(false);
            offsets.ensureTable(connection);
        }
        return connection;
    }

    /** Opens a connection with the driver shipped next to this plugin, waiting at most 30 s for the target. */
    private Connection connect() throws SQLException {
        return TargetConnections.open(config.url(), config.user(), config.password(), 30);
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // already broken
            }
            connection = null;
        }
    }
}
