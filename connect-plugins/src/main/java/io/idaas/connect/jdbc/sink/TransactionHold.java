package io.idaas.connect.jdbc.sink;

import io.idaas.connect.sink.ReadFrom;
import io.idaas.connect.sink.RecordEvents;
import io.idaas.connect.sink.RecordFailure;

import io.idaas.ddml.DdmlEvent;
import io.idaas.ddml.Transaction;
import io.idaas.ddml.TransactionIds;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Holds back, per topic partition, the trailing records of a source transaction that may continue in a later
 * put(), so that the target never shows part of a source transaction (SPEC.md §4).
 *
 * <p>A transaction ends on a partition when an event of another transaction (or of none) follows it, when an
 * event's {@code order} equals its {@code total}, or when Debezium's END marker for it was read ({@link #markEnded};
 * the sink reads them when its topics include the source's transaction topic). Tombstones between its events belong to it.
 * Transactions are told apart, and matched to markers, by {@link TransactionIds} (SPEC.md §4): an event's id through
 * {@code fromDebezium} of its source system (which also reads PostgreSQL events written before that rule, whose ids were
 * Debezium's {@code txid:lsn}), a marker's through {@code ofMarker}. The held records are
 * not applied and their offsets not committed; they are handed back, ahead of the partition's new records, on the
 * next {@link #split}. A transaction held longer than {@code maxAgeMs}, or with more than {@code maxRecords} held
 * records, is applied as far as it arrived, with a warning.
 *
 * <p>The held state only changes in {@link #accept}, which the task calls once the records to apply are committed:
 * when applying fails and Connect hands the same records back, nothing is lost or doubled.
 */
public final class TransactionHold {

    private static final Logger LOG = LoggerFactory.getLogger(TransactionHold.class);

    private final boolean enabled;
    private final int maxRecords;
    private final long maxAgeMs;
    private final LongSupplier clock;
    private final Map<TopicPartition, Held> held = new HashMap<>();
    /** Transactions known to have ended (Debezium's END markers), newest last; bounded. */
    private final java.util.LinkedHashSet<String> ended = new java.util.LinkedHashSet<>();
    private static final int MAX_ENDED = 100_000;

    /** The held records of one partition: one transaction's trailing records, and since when they wait. */
    public record Held(String transactionId, List<SinkRecord> records, long since) {
    }

    /** What to apply now, and what to hold once that is committed. */
    public record Split(List<SinkRecord> apply, Map<TopicPartition, Held> hold) {
    }

    public TransactionHold(boolean enabled, int maxRecords, long maxAgeMs, LongSupplier clock) {
        this.enabled = enabled;
        this.maxRecords = maxRecords;
        this.maxAgeMs = maxAgeMs;
        this.clock = clock;
    }

    /** The offset after the last record held for a partition, or -1: records below it are already here. */
    public long nextHeldOffset(TopicPartition partition) {
        Held h = held.get(partition);
        return h == null ? -1 : ReadFrom.offset(h.records().get(h.records().size() - 1)) + 1;
    }

    /**
     * Records that a source transaction has ended (a Debezium END marker from the transaction topic, whose id is
     * Debezium's): its trailing records, held or arriving, are applied without waiting for another transaction's event.
     */
    public void markEnded(String debeziumTransactionId) {
        for (String id : TransactionIds.ofMarker(debeziumTransactionId)) {
            ended.remove(id);
            ended.add(id);
        }
        while (ended.size() > MAX_ENDED) {
            java.util.Iterator<String> oldest = ended.iterator();
            oldest.next();
            oldest.remove();
        }
    }

    /** Whether anything is held. */
    public boolean isEmpty() {
        return held.isEmpty();
    }

    /**
     * Splits the held records and {@code incoming} (new records, in order) into what to apply now and what to
     * hold. Nothing changes until {@link #accept}.
     */
    public Split split(Collection<SinkRecord> incoming) {
        Map<TopicPartition, List<SinkRecord>> byPartition = new LinkedHashMap<>();
        held.forEach((tp, h) -> byPartition.computeIfAbsent(tp, k -> new ArrayList<>()).addAll(h.records()));
        for (SinkRecord r : incoming) {
            byPartition.computeIfAbsent(ReadFrom.partition(r), k -> new ArrayList<>()).add(r);
        }
        List<SinkRecord> apply = new ArrayList<>();
        Map<TopicPartition, Held> hold = new HashMap<>();
        long now = clock.getAsLong();
        for (Map.Entry<TopicPartition, List<SinkRecord>> e : byPartition.entrySet()) {
            List<SinkRecord> records = e.getValue();
            int from = enabled ? openTransactionStart(records) : records.size();
            if (from < records.size()) {
                String id = transactionOf(lastEvent(records)).id();
                Held before = held.get(e.getKey());
                long since = before != null && before.transactionId().equals(id) ? before.since() : now;
                int count = records.size() - from;
                if (count > maxRecords) {
                    LOG.warn("Source transaction {} on {} has more than {} records held (transactions.max.held.records); "
                        + "applying the {} that arrived without waiting for its end: the target shows it in parts",
                        id, e.getKey(), maxRecords, count);
                    from = records.size();
                } else if (now - since >= maxAgeMs) {
                    LOG.warn("Source transaction {} on {} waited {} ms for its end (transactions.max.held.ms={}); "
                        + "applying the {} records that arrived: if more of it follows, the target shows it in parts",
                        id, e.getKey(), now - since, maxAgeMs, count);
                    from = records.size();
                } else {
                    hold.put(e.getKey(), new Held(id, List.copyOf(records.subList(from, records.size())), since));
                }
            }
            apply.addAll(records.subList(0, from));
        }
        return new Split(apply, hold);
    }

    /** Records the split as done: its records to apply are committed, its records to hold are held. */
    public void accept(Split split) {
        held.clear();
        held.putAll(split.hold());
    }

    /** Drops what is held for partitions the task no longer owns, or that it seeks back to. */
    public void forget(Collection<TopicPartition> partitions) {
        partitions.forEach(held::remove);
    }

    /** The index where a trailing transaction that may continue starts; the size when there is none. */
    private int openTransactionStart(List<SinkRecord> records) {
        int last = records.size() - 1;
        while (last >= 0 && RecordEvents.isTombstone(records.get(last))) {
            last--;
        }
        if (last < 0) {
            return records.size();
        }
        Transaction tx = transactionOf(records.get(last));
        if (tx == null || tx.total() != null && tx.order() >= tx.total() || ended.contains(tx.id())) {
            return records.size();
        }
        int from = last;
        while (from > 0) {
            SinkRecord r = records.get(from - 1);
            if (!RecordEvents.isTombstone(r)) {
                Transaction t = transactionOf(r);
                if (t == null || !t.id().equals(tx.id())) {
                    break;
                }
            }
            from--;
        }
        return from;
    }

    private static SinkRecord lastEvent(List<SinkRecord> records) {
        for (int i = records.size() - 1; i >= 0; i--) {
            if (!RecordEvents.isTombstone(records.get(i))) {
                return records.get(i);
            }
        }
        throw new IllegalStateException("no event");
    }

    /**
     * The record's transaction, its id the DDML id of its source system ({@link TransactionIds#fromDebezium}); null for a
     * record without one or that is not DDML (it fails when applied).
     */
    private static Transaction transactionOf(SinkRecord record) {
        try {
            DdmlEvent event = RecordEvents.read(record);
            Transaction t = event.transaction();
            if (t == null) {
                return null;
            }
            String id = TransactionIds.fromDebezium(event.source().system(), t.id());
            return id.equals(t.id()) ? t : new Transaction(id, t.order(), t.tableOrder(), t.total());
        } catch (RecordFailure e) {
            return null;
        }
    }
}
