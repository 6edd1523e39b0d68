package io.idaas.transforms.ddml.dml;

import io.idaas.ddml.DdmlEvent;
import io.idaas.ddml.Position;
import io.idaas.ddml.Source;
import io.idaas.ddml.Timing;
import io.idaas.ddml.Transaction;
import io.idaas.ddml.TransactionIds;
import io.idaas.transforms.ddml.MappingContext;
import io.idaas.transforms.ddml.debezium.DebeziumChange;
import io.idaas.transforms.ddml.debezium.SourceBlock;
import io.idaas.transforms.ddml.position.Positions;
import io.idaas.transforms.ddml.position.SourcePosition;
import org.apache.kafka.connect.data.Struct;

/** The parts of a DDML event every source fills the same way: source, position, transaction, time. */
public final class EnvelopeParts {

    private EnvelopeParts() {
    }

    /** An event builder with source, position, transaction and time of a change event set. */
    public static DdmlEvent.Builder builder(DebeziumChange change, MappingContext ctx) {
        SourceBlock s = change.source();
        boolean read = change.isRead();
        // read once: a binlog change's position takes its index from it; a snapshot read has none (as before: not read)
        Transaction transaction = read ? null : transaction(s, change.transaction());
        return DdmlEvent.builder()
            .source(source(s, s.table()))
            .position(position(s, read, ctx, transaction))
            .transaction(read ? null : transaction)
            .time(Timing.of(s.commitMicros(), change.captureUs(), ctx.nowMicros()));
    }

    /** The DDML source of a block, for {@code table}. */
    public static Source source(SourceBlock s, String table) {
        return Source.of(s.system(), s.name(), s.database(), s.schema(), table);
    }

    /**
     * The position of an event, its index assigned by the context's counters when the source gives
     * none. A snapshot's schema changes and reads share its position, so they share one count (a new
     * snapshot has a new position and counts from 0).
     */
    public static Position position(SourceBlock s, boolean snapshot, MappingContext ctx) {
        return position(s, snapshot, ctx, (Struct) null);
    }

    /**
     * The position of an event. For a MySQL or MariaDB change, every event of a transaction carries the binlog
     * position of the transaction's start, and {@code row} counts only within one statement's rows event, so the
     * index is the event's order in its transaction (Debezium's {@code total_order}, with
     * {@code provide.transaction.metadata=true}), else the order of emission at that position (SPEC.md §3.2).
     */
    public static Position position(SourceBlock s, boolean snapshot, MappingContext ctx, Struct tx) {
        return position(s, snapshot, ctx, isBinlog(s) && !snapshot ? transaction(s, tx) : null);
    }

    private static boolean isBinlog(SourceBlock s) {
        return s.system() == io.idaas.ddml.SourceSystem.MYSQL || s.system() == io.idaas.ddml.SourceSystem.MARIADB;
    }

    /** {@link #position(SourceBlock, boolean, MappingContext, Struct)} with the change's transaction as {@link #transaction} reads it. */
    private static Position position(SourceBlock s, boolean snapshot, MappingContext ctx, Transaction t) {
        SourcePosition p = Positions.of(s, snapshot);
        if (isBinlog(s) && !snapshot) {
            long index = t != null ? t.order() - 1 : ctx.indexes().next(s.name(), p.phase(), p.sourcePart());
            return p.toPosition(index);
        }
        long index = p.index() != null ? p.index() : ctx.indexes().next(s.name(), p.phase(), p.sourcePart());
        return p.toPosition(index);
    }

    /**
     * Debezium's transaction block ({@code id}, {@code total_order}, {@code data_collection_order}) as DDML's, the id
     * turned into DDML's by {@link TransactionIds} (a PostgreSQL {@code txid:lsn} becomes its txid).
     */
    public static Transaction transaction(SourceBlock s, Struct tx) {
        Object debeziumId = tx == null ? null : tx.get("id");
        if (debeziumId == null) {
            return null;
        }
        long order = ((Number) tx.get("total_order")).longValue();
        org.apache.kafka.connect.data.Field tableOrderField = tx.schema().field("data_collection_order");
        Object tableOrder = tableOrderField == null ? null : tx.get(tableOrderField);
        String id = TransactionIds.fromDebezium(s.system().wireName(), debeziumId.toString());
        return new Transaction(id, order, tableOrder == null ? null : ((Number) tableOrder).longValue(), null);
    }
}
